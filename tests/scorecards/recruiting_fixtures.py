"""Helpers for the recruiter's tests: a candidate with a planned loop."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from scorecards.models import Interview, Scorecard
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
