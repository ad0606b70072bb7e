"""Planning a loop: the same interviewer twice in it, or already booked at an overlapping
time elsewhere, is a warning the recruiter confirms before anything is saved; the coverage
and the warnings follow the choices live (htmx), times in the recruiter's zone."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from scorecards.models import Candidate
from scorecards.services.planning import PlannedSlot, loop_clashes
from tests.factories import CandidateFactory, InterviewFactory
from tests.scorecards.test_recruiting_views import add_url, exercises_of

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")


def plan(kit, *people, when=("2030-05-04T10:00", "2030-05-04T14:00"), **extra):
    data = {"name": "Ada Lovelace", "email": "ada@example.com"}
    for exercise, person, at in zip(exercises_of(kit), people, when, strict=False):
        data[f"ex{exercise.pk}_include"] = "on"
        data[f"ex{exercise.pk}_interviewer"] = person.pk
        data[f"ex{exercise.pk}_when"] = at
    data.update(extra)
    return data


def test_the_same_interviewer_twice_is_held_back_until_confirmed(
    client, role, kit, recruiter, interviewer
):
    client.force_login(recruiter)
    response = client.post(add_url(role), plan(kit, interviewer, interviewer))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Check these bookings" in html and "also System design in this loop" in html
    assert "Nothing was saved yet" in html
    assert 'value="Ada Lovelace"' in html  # what was typed is kept
    assert not Candidate.objects.filter(email="ada@example.com").exists()
    confirmed = client.post(add_url(role), plan(kit, interviewer, interviewer, book_anyway="on"))
    assert confirmed.status_code == 302
    assert Candidate.objects.get(email="ada@example.com").interviews.count() == 2


def test_a_booking_elsewhere_at_an_overlapping_time_is_named_with_its_time(
    client, role, kit, recruiter, interviewer, other_interviewer
):
    other = CandidateFactory(role=role, name="Bo Booked")
    InterviewFactory(
        candidate=other,
        interviewer=other_interviewer,
        title="Coding",
        scheduled_at=datetime(2030, 5, 4, 13, 30, tzinfo=UTC),
    )
    client.force_login(recruiter)
    html = client.post(add_url(role), plan(kit, interviewer, other_interviewer)).content.decode()
    assert "is Coding with Bo Booked, 4 May 2030, 13:30 UTC–14:30" in html
    assert not Candidate.objects.filter(email="ada@example.com").exists()


def test_different_people_at_free_times_are_saved_at_once(
    client, role, kit, recruiter, interviewer, other_interviewer
):
    client.force_login(recruiter)
    response = client.post(add_url(role), plan(kit, interviewer, other_interviewer))
    assert response.status_code == 302


def test_the_live_check_answers_with_coverage_and_clashes_for_a_half_filled_form(
    client, role, kit, recruiter, interviewer
):
    client.force_login(recruiter)
    check = reverse("scorecards:candidate-plan-check", args=[role.slug])
    first = exercises_of(kit)[0]
    half = {f"ex{first.pk}_include": "on", f"ex{first.pk}_interviewer": interviewer.pk}
    html = client.post(check, half, headers={"HX-Request": "true"}).content.decode()
    assert "Coverage of this loop" in html and "Check these bookings" not in html
    both = client.post(check, plan(kit, interviewer, interviewer)).content.decode()
    assert "also System design in this loop" in both
    assert "Nothing was saved yet" not in both  # live: nothing was submitted
    page = client.get(add_url(role)).content.decode()
    assert f'hx-post="{check}"' in page and 'id="plan-warnings"' in page


def test_an_interviewer_cannot_use_the_live_check(client, role, interviewer):
    client.force_login(interviewer)
    check = reverse("scorecards:candidate-plan-check", args=[role.slug])
    assert client.post(check, {}).status_code in (403, 404)


def test_adjacent_interviews_do_not_clash_and_a_moved_interview_is_no_clash_with_itself(
    candidate, interviewer
):
    start = datetime(2030, 5, 4, 10, 0, tzinfo=UTC)
    booked = InterviewFactory(candidate=candidate, interviewer=interviewer, scheduled_at=start)
    minutes = booked.exercise.minutes if booked.exercise else 60
    after = PlannedSlot("Next", interviewer, start + timedelta(minutes=minutes), 30)
    assert loop_clashes([after]) == []
    same = PlannedSlot("Moved", interviewer, start, 30)
    assert len(loop_clashes([same])) == 1
    assert loop_clashes([same], ignore=[booked.pk]) == []


def test_changing_an_interview_on_the_loop_warns_of_the_clash_it_makes(
    client, role, kit, recruiter, interviewer, other_interviewer, candidate
):
    first, second = exercises_of(kit)[:2]
    InterviewFactory(
        candidate=candidate,
        exercise=first,
        title=first.name,
        interviewer=interviewer,
        scheduled_at=datetime(2030, 5, 4, 10, 0, tzinfo=UTC),
    )
    moving = InterviewFactory(
        candidate=candidate, exercise=second, title=second.name, interviewer=other_interviewer
    )
    client.force_login(recruiter)
    response = client.post(
        reverse("scorecards:interview-edit", args=[moving.pk]),
        {"interviewer": interviewer.pk, "scheduled_at": "2030-05-04T10:15"},
        follow=True,
    )
    html = response.content.decode()
    assert "was updated" in html
    assert f"Check this booking: {interviewer.get_full_name()} ({second.name}) is also" in html
    assert "4 May 2030, 10:00 UTC–" in html


def test_loop_steps_without_a_scorecard_are_not_proposed_as_interviews(kit):
    from scorecards.services.candidates import loop_proposal

    screen = kit.exercises.order_by("position").first()
    screen.scored = False
    screen.save(update_fields=["scored"])
    assert screen not in loop_proposal(kit)
    assert len(loop_proposal(kit)) == kit.exercises.count() - 1
