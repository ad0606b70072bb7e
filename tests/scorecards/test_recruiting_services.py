"""The recruiter's services: adding a candidate with a loop, changing the loop, reminders,
coverage and the candidate statuses."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from interviewkit.models import AuditEvent
from scorecards.models import Candidate, CandidateStatus, Interview
from scorecards.services.candidate_status import candidate_status_refresh
from scorecards.services.candidates import (
    LoopChangeRefused,
    PlannedInterview,
    candidate_add,
    interview_add,
    interview_move,
    interview_remove,
    interview_update,
    loop_coverage,
    loop_proposal,
    reminder_send,
)
from tests.factories import DecisionFactory, InterviewFactory, ScorecardFactory, make_kit
from tests.scorecards.recruiting_fixtures import (
    assert_stored_status_follows_the_rules,
    exercises_of,
    loop_for,
    status_by_the_rules,
    submit,
)

pytestmark = pytest.mark.django_db


def titles(candidate) -> list[str]:
    return list(candidate.interviews.order_by("position").values_list("title", flat=True))


def test_adding_a_candidate_plans_one_interview_per_exercise_in_kit_order(
    role, kit, recruiter, interviewer, other_interviewer
):
    design, behavioral = loop_proposal(kit)
    when = timezone.now() + timedelta(days=2)
    candidate = candidate_add(
        role=role,
        name=" Ada Lovelace ",
        email="Ada@Example.com",
        by=recruiter,
        loop=[
            PlannedInterview(design, interviewer, when),
            PlannedInterview(behavioral, other_interviewer),
        ],
    )
    assert (candidate.name, candidate.email) == ("Ada Lovelace", "ada@example.com")
    interviews = list(candidate.interviews.order_by("position"))
    assert [(i.title, i.interviewer, i.position) for i in interviews] == [
        ("System design", interviewer, 0),
        ("Behavioral", other_interviewer, 1),
    ]
    assert interviews[0].scheduled_at == when and interviews[1].scheduled_at is None
    event = AuditEvent.objects.get(action="candidate.add")
    assert (event.actor, event.object_id, event.role) == (recruiter, str(candidate.pk), role)


def test_a_duplicate_email_in_the_role_is_refused_beside_the_email(role, recruiter, candidate):
    with pytest.raises(ValidationError) as error:
        candidate_add(role=role, name="Twin", email="CASEY@example.com ", by=recruiter)
    assert "already in" in error.value.message_dict["email"][0]
    assert Candidate.objects.filter(role=role).count() == 1


def test_the_same_email_may_apply_to_another_role(role, recruiter, candidate):
    other = make_kit().role
    added = candidate_add(role=other, name="Casey", email=candidate.email, by=recruiter)
    assert added.role == other


def test_an_exercise_of_another_role_cannot_join_the_loop(role, recruiter, interviewer):
    foreign = exercises_of(make_kit())[0]
    with pytest.raises(ValidationError):
        candidate_add(
            role=role,
            name="Bo",
            email="bo@example.com",
            by=recruiter,
            loop=[PlannedInterview(foreign, interviewer)],
        )
    assert not Candidate.objects.filter(email="bo@example.com").exists()


def test_an_added_interview_goes_to_the_end_of_the_loop(candidate, kit, interviewer, recruiter):
    loop_for(candidate, kit, interviewer)
    added = interview_add(
        candidate=candidate,
        exercise=exercises_of(kit)[0],
        interviewer=interviewer,
        scheduled_at=None,
        by=recruiter,
    )
    assert added.position == 2
    assert titles(candidate) == ["System design", "Behavioral", "System design"]
    assert AuditEvent.objects.filter(action="loop.change", detail__change="add").count() == 1


def test_moving_swaps_with_the_neighbour_and_stops_at_the_ends(
    candidate, kit, interviewer, recruiter
):
    first, second = loop_for(candidate, kit, interviewer)
    interview_move(interview=second, direction="up", by=recruiter)
    assert titles(candidate) == ["Behavioral", "System design"]
    interview_move(interview=second, direction="up", by=recruiter)
    assert titles(candidate) == ["Behavioral", "System design"]
    interview_move(interview=Interview.objects.get(pk=second.pk), direction="down", by=recruiter)
    assert titles(candidate) == ["System design", "Behavioral"]
    with pytest.raises(ValueError):
        interview_move(interview=first, direction="sideways", by=recruiter)


def test_removing_renumbers_the_loop(candidate, kit, interviewer, recruiter):
    first, second = loop_for(candidate, kit, interviewer)
    interview_remove(interview=first, by=recruiter)
    assert list(candidate.interviews.values_list("title", "position")) == [("Behavioral", 0)]
    assert AuditEvent.objects.filter(action="loop.change", detail__change="remove").exists()


def test_an_interview_with_a_scorecard_cannot_be_removed(candidate, kit, interviewer, recruiter):
    first, _ = loop_for(candidate, kit, interviewer)
    ScorecardFactory(interview=first, kit=kit)
    with pytest.raises(LoopChangeRefused, match="cannot be removed.*draft"):
        interview_remove(interview=first, by=recruiter)
    assert Interview.objects.filter(pk=first.pk).exists()


def test_updating_changes_interviewer_and_time(
    candidate, kit, interviewer, other_interviewer, recruiter
):
    first, _ = loop_for(candidate, kit, interviewer)
    when = timezone.now() + timedelta(days=1)
    interview_update(
        interview=first, interviewer=other_interviewer, scheduled_at=when, by=recruiter
    )
    first.refresh_from_db()
    assert (first.interviewer, first.scheduled_at) == (other_interviewer, when)
    event = AuditEvent.objects.get(action="loop.change")
    assert event.detail["interviewer"] == "other_interviewer"


def test_the_interviewer_of_a_started_scorecard_stays(
    candidate, kit, interviewer, other_interviewer, recruiter
):
    first, _ = loop_for(candidate, kit, interviewer)
    ScorecardFactory(interview=first, kit=kit)
    with pytest.raises(LoopChangeRefused):
        interview_update(
            interview=first, interviewer=other_interviewer, scheduled_at=None, by=recruiter
        )
    # The time may still move.
    when = timezone.now()
    interview_update(interview=first, interviewer=interviewer, scheduled_at=when, by=recruiter)
    first.refresh_from_db()
    assert (first.interviewer, first.scheduled_at) == (interviewer, when)


def test_a_reminder_emails_the_interviewer_with_a_link_and_notes_the_time(
    candidate, kit, interviewer, recruiter, mailoutbox
):
    interviewer.email = "ivy@example.com"
    interviewer.save()
    first, _ = loop_for(candidate, kit, interviewer, hours_ago=30)
    reminder_send(interview=first, by=recruiter, base_url="https://kit.example.org/")
    (mail,) = mailoutbox
    assert mail.to == ["ivy@example.com"]
    for text in ("Casey Candidate", "Staff Platform Engineer", "System design"):
        assert text in mail.subject and text in mail.body
    assert f"https://kit.example.org/interviews/{first.pk}/" in mail.body
    first.refresh_from_db()
    assert first.reminded_at is not None
    assert AuditEvent.objects.filter(action="reminder.send", object_id=str(candidate.pk)).exists()


def test_coverage_lists_weighted_dimensions_covered_by_none_or_one(candidate, kit, interviewer):
    design, behavioral = loop_for(candidate, kit, interviewer)
    dims = list(kit.dimensions.order_by("position"))
    # System design covers dimensions 1-2, Behavioral 3-4: each once.
    uncovered, once = loop_coverage(kit=kit, interviews=[design, behavioral])
    assert uncovered == [] and once == dims
    uncovered, once = loop_coverage(kit=kit, interviews=[design, design])
    assert uncovered == dims[2:] and once == []
    assert loop_coverage(kit=kit, interviews=[]) == (dims, [])


def test_a_dimension_weighted_zero_needs_no_coverage(db):
    kit = make_kit(weights=(100, 0))
    dims = list(kit.dimensions.order_by("position"))
    assert loop_coverage(kit=kit, interviews=[]) == ([dims[0]], [])


def status_of(candidate) -> str:
    """The annotated status, after checking that `in_status` finds the candidate under it and
    under no other."""
    status = Candidate.objects.with_status().get(pk=candidate.pk).status
    found = [
        s for s in CandidateStatus.values if Candidate.objects.in_status(s).filter(pk=candidate.pk)
    ]
    assert found == [status]
    return status


def test_the_stored_status_of_random_loops_is_the_rules_answer(
    role, kit, interviewer, hiring_manager
):
    """Random loops written row by row (drafts, times, removals, decisions), then stored by
    `candidate_status_refresh` as the migration and the bulk loader do: every candidate's
    stored state is the one the rules give, and filtering on each status finds exactly the
    candidates the rules put under it. (The services' own refreshes, write after write:
    tests/scorecards/test_candidate_status.py.)"""
    import random

    from tests.factories import CandidateFactory

    rng = random.Random(20261203)
    now = timezone.now()
    for number in range(60):
        person = CandidateFactory(role=role, email=f"status-{number}@example.com")
        loop = loop_for(person, kit, interviewer)
        kept = rng.randint(0, len(loop))
        Interview.objects.filter(pk__in=[i.pk for i in loop[kept:]]).delete()
        for interview in loop[:kept]:
            when = rng.choice([None, now - timedelta(hours=30), now + timedelta(hours=30)])
            Interview.objects.filter(pk=interview.pk).update(scheduled_at=when)
            kind = rng.choice(["none", "draft", "submitted"])
            if kind == "draft":
                ScorecardFactory(interview=interview, kit=kit)
            elif kind == "submitted":
                submit(interview, kit)
        if rng.random() < 0.2:
            DecisionFactory(candidate=person, decided_by=hiring_manager)
    candidate_status_refresh(candidate_ids=Candidate.objects.values_list("pk", flat=True))
    assert_stored_status_follows_the_rules(role, around=now)
    found = {status_by_the_rules(c, now) for c in Candidate.objects.filter(role=role)}
    assert found == set(CandidateStatus.values), "the random loops missed a status"


def test_the_status_follows_the_loop(candidate, kit, interviewer, hiring_manager, recruiter):
    assert status_of(candidate) == CandidateStatus.NO_LOOP
    design, behavioral = loop_for(candidate, kit, interviewer)
    assert status_of(candidate) == CandidateStatus.IN_LOOP  # nothing held yet
    interview_update(
        interview=design,
        interviewer=interviewer,
        scheduled_at=timezone.now() - timedelta(hours=1),
        by=recruiter,
    )
    assert status_of(candidate) == CandidateStatus.AWAITING
    submit(design, kit)
    assert status_of(candidate) == CandidateStatus.IN_LOOP  # the rest is still to come
    submit(behavioral, kit)
    assert status_of(candidate) == CandidateStatus.READY
    DecisionFactory(candidate=candidate, decided_by=hiring_manager)
    assert status_of(candidate) == CandidateStatus.DECIDED


def test_a_draft_does_not_make_a_candidate_ready(candidate, kit, interviewer):
    (interview,) = loop_for(candidate, kit, interviewer)[:1]
    Interview.objects.exclude(pk=interview.pk).delete()
    ScorecardFactory(interview=interview, kit=kit)
    assert status_of(candidate) == CandidateStatus.IN_LOOP


def test_overdue_means_held_a_day_ago_and_not_submitted(role, kit, interviewer):
    from tests.factories import CandidateFactory

    late = CandidateFactory(role=role)
    recent = CandidateFactory(role=role)
    done = CandidateFactory(role=role)
    late_interviews = loop_for(late, kit, interviewer, hours_ago=25)
    loop_for(recent, kit, interviewer, hours_ago=23)
    for interview in loop_for(done, kit, interviewer, hours_ago=48):
        submit(interview, kit)
    ScorecardFactory(interview=late_interviews[1], kit=kit)  # a draft is still overdue
    assert set(Interview.objects.filter(candidate__role=role).overdue()) == set(late_interviews)
    InterviewFactory(candidate=late, interviewer=interviewer)  # no time: never overdue
    assert Interview.objects.filter(candidate__role=role).overdue().count() == 2


def test_the_oldest_overdue_are_the_plain_rules_first_rows_in_order(role, kit, interviewer):
    import random

    from tests.factories import CandidateFactory
    from tests.scorecards.recruiting_fixtures import exercises_of

    rng = random.Random(7)
    now = timezone.now()
    hours = (None, 2, 25, 26, 30, 30, 48, 72)  # equal times among candidates, some not held
    candidates = [CandidateFactory(role=role) for _ in range(14)]
    for candidate in candidates:
        for position, exercise in enumerate(exercises_of(kit)):
            held = rng.choice(hours)
            interview = InterviewFactory(
                candidate=candidate,
                exercise=exercise,
                interviewer=interviewer,
                position=position,
                scheduled_at=None if held is None else now - timedelta(hours=held),
            )
            if rng.random() < 0.3:
                submit(interview, kit)
    DecisionFactory(candidate=candidates[0])
    Candidate.objects.filter(pk=candidates[1].pk).update(erased_at=now)
    plain = list(
        Interview.objects.filter(candidate__role=role)
        .overdue(now=now)
        .order_by("scheduled_at", "id")
    )
    assert len(plain) >= 8
    for limit in (1, 2, 3, 5, 8, len(plain), len(plain) + 3):
        assert Interview.objects.oldest_overdue(role, limit=limit, now=now) == plain[:limit]


def test_the_list_counts_each_candidates_submitted_scorecards(candidate, kit, interviewer):
    first, _ = loop_for(candidate, kit, interviewer)
    submit(first, kit)
    ScorecardFactory(interview=_, kit=kit)
    row = Candidate.objects.with_status().get(pk=candidate.pk)
    assert (row.submitted_count, row.interview_count) == (1, 2)


@pytest.mark.parametrize("name", ["Casey\r\nBcc: all@example.com", "Casey\x00", "Casey\u2028C"])
def test_a_name_with_a_line_break_or_control_character_is_refused_with_its_code(
    role, recruiter, name
):
    with pytest.raises(ValidationError) as refused:
        candidate_add(role=role, name=name, email="casey2@example.com", by=recruiter)
    message = refused.value.message_dict["name"][0]
    assert "one line of text" in message
    assert "U+" in message
    assert not Candidate.objects.filter(email="casey2@example.com").exists()


def test_a_reminder_for_a_name_stored_with_a_line_break_is_sent_on_one_subject_line(
    candidate, kit, interviewer, recruiter, mailoutbox
):
    """Names stored before they were checked must not make the reminder fail (BadHeaderError)."""
    Candidate.objects.filter(pk=candidate.pk).update(name="Casey\r\nBcc: all@example.com")
    candidate.refresh_from_db()
    interviewer.email = "ivy@example.com"
    interviewer.save()
    first, _ = loop_for(candidate, kit, interviewer, hours_ago=30)
    reminder_send(interview=first, by=recruiter, base_url="https://kit.example.org/")
    (mail,) = mailoutbox
    assert "\n" not in mail.subject and "\r" not in mail.subject
    assert mail.to == ["ivy@example.com"]
    assert "Casey  Bcc: all@example.com" in mail.subject
