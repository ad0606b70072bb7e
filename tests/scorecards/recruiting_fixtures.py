"""Helpers for the recruiter's tests: a candidate with a planned loop, and the candidate
status worked out by the rules to check the stored one against."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from scorecards.models import Candidate, CandidateStatus, Interview, Scorecard
from tests.factories import CandidateFactory, InterviewFactory, ScorecardFactory


def exercises_of(kit):
    return list(kit.exercises.order_by("position", "id"))


def loop_for(candidate, kit, interviewer, *, hours_ago: int | None = None) -> list[Interview]:
    """One interview per exercise of the kit, in order, all with `interviewer`."""
    when = timezone.now() - timedelta(hours=hours_ago) if hours_ago is not None else None
    return [
        InterviewFactory(
            candidate=candidate,
            exercise=exercise,
            interviewer=interviewer,
            position=position,
            scheduled_at=when,
        )
        for position, exercise in enumerate(exercises_of(kit))
    ]


def submit(interview, kit) -> Scorecard:
    return ScorecardFactory(
        interview=interview,
        kit=kit,
        status=Scorecard.Status.SUBMITTED,
        submitted_at=timezone.now(),
        recommendation="yes",
    )


def candidate_in_role(role, **kwargs):
    return CandidateFactory(role=role, **kwargs)


def status_by_the_rules(candidate: Candidate, now) -> str:
    """The CandidateStatus of the candidate worked out in Python from its rows, as the rules
    say it (CandidateStatus's docstring): the oracle the stored status is checked against."""
    if candidate.decisions.exists():
        return CandidateStatus.DECIDED
    interviews = list(Interview.objects.filter(candidate=candidate).select_related("scorecard"))
    if not interviews:
        return CandidateStatus.NO_LOOP

    def submitted(interview: Interview) -> bool:
        try:
            return interview.scorecard.status == Scorecard.Status.SUBMITTED
        except Scorecard.DoesNotExist:
            return False

    unsubmitted = [i for i in interviews if not submitted(i)]
    if not unsubmitted:
        return CandidateStatus.READY
    if any(i.scheduled_at is not None and i.scheduled_at < now for i in unsubmitted):
        return CandidateStatus.AWAITING
    return CandidateStatus.IN_LOOP


def assert_stored_status_follows_the_rules(role, *, around) -> None:
    """The stored state equals the one worked out from the rows, and `in_status` and
    `with_status` put every candidate of the role under the status the rules give it, at
    `around` and at times before and after it (the clock alone moves "awaiting feedback")."""
    candidates = list(Candidate.objects.filter(role=role).with_state_from_rows())
    for c in candidates:
        assert (c.loop_state, c.feedback_due_at) == (c.rows_loop_state, c.rows_feedback_due_at), c
    for now in (around - timedelta(days=3), around, around + timedelta(days=3)):
        expected = {c.pk: status_by_the_rules(c, now) for c in candidates}
        annotated = dict(
            Candidate.objects.filter(role=role).with_status(now=now).values_list("pk", "status")
        )
        assert annotated == expected
        for status in CandidateStatus.values:
            found = set(
                Candidate.objects.filter(role=role)
                .in_status(status, now=now)
                .values_list("pk", flat=True)
            )
            assert found == {pk for pk, value in expected.items() if value == status}, status
