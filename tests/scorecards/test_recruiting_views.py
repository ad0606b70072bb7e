"""The recruiter's pages: who may see and change them, bad input, query counts, reminders."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviewkit import personas
from interviewkit.models import AuditEvent
from scorecards.models import Candidate, Interview
from tests.factories import (
    CandidateFactory,
    DecisionFactory,
    RoleFactory,
    ScorecardFactory,
    UserFactory,
    make_kit,
)
from tests.scorecards.recruiting_fixtures import exercises_of, loop_for, submit

pytestmark = pytest.mark.django_db


def list_url(role) -> str:
    return reverse("scorecards:candidate-list", args=[role.slug])


def add_url(role) -> str:
    return reverse("scorecards:candidate-add", args=[role.slug])


def candidate_url(candidate) -> str:
    return reverse("scorecards:candidate", args=[candidate.pk])


def add_data(kit, interviewer, **extra) -> dict:
    """One interviewer for every exercise, at the same time: the clash warnings are confirmed
    ("Book anyway"; they have their own tests in test_loop_planning.py)."""
    data = {"name": "Ada Lovelace", "email": "ada@example.com", "book_anyway": "on"}
    for exercise in exercises_of(kit):
        data[f"ex{exercise.pk}_include"] = "on"
        data[f"ex{exercise.pk}_interviewer"] = interviewer.pk
        data[f"ex{exercise.pk}_when"] = "2030-05-04T10:30"
    data.update(extra)
    return data


# ------------------------------------------------------------------ the persona trio per page


@pytest.mark.parametrize("persona", ["recruiter", "hiring_manager", "admin_user"])
def test_the_hiring_team_sees_the_list_and_the_candidate(client, candidate, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(list_url(candidate.role))
    assert response.status_code == 200
    assert "Casey Candidate" in response.content.decode()
    response = client.get(candidate_url(candidate))
    assert response.status_code == 200
    assert "Interview loop" in response.content.decode()


def test_the_hiring_manager_sees_the_loop_without_controls(
    client, candidate, kit, interviewer, hiring_manager
):
    loop_for(candidate, kit, interviewer)
    client.force_login(hiring_manager)
    html = client.get(candidate_url(candidate)).content.decode()
    assert "System design" in html
    assert "Move System design up" not in html
    assert "Erase candidate" not in html
    assert client.get(add_url(candidate.role)).status_code == 403


def test_the_recruiter_gets_every_control_and_the_privacy_links(
    client, candidate, kit, interviewer, recruiter
):
    loop_for(candidate, kit, interviewer)
    client.force_login(recruiter)
    html = client.get(candidate_url(candidate)).content.decode()
    for text in (
        'aria-label="Move System design up"',
        'aria-label="Move Behavioral down"',
        'aria-label="Remove System design from the loop"',
        "Export personal data",
        "Erase candidate",
        reverse("scorecards:packet", args=[candidate.pk]),
        "Add an interview",
    ):
        assert text in html


def test_the_home_goes_straight_to_the_only_role(client, role, recruiter):
    client.force_login(recruiter)
    response = client.get(reverse("scorecards:candidate-home"))
    assert response.status_code == 302 and response.url == list_url(role)


def test_the_home_lists_every_role_of_the_team_member(client, role, recruiter):
    other = RoleFactory(title="Data Engineer", slug="data-engineer")
    other.recruiters.add(recruiter)
    client.force_login(recruiter)
    html = client.get(reverse("scorecards:candidate-home")).content.decode()
    assert list_url(role) in html and list_url(other) in html


def test_the_home_takes_a_role_parameter(client, candidate, hiring_manager):
    client.force_login(hiring_manager)
    response = client.get(reverse("scorecards:candidate-home"), {"role": candidate.role.slug})
    assert response.status_code == 200 and "Casey Candidate" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "target"),
    [
        ("interviewer", "scorecards:my-interviews"),
        ("recruiter", "scorecards:candidate-home"),
        ("hiring_manager", "scorecards:packet-list"),
        ("admin_user", "scorecards:candidate-home"),
    ],
)
def test_home_sends_each_persona_to_their_start(client, persona, target, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("home")).url == reverse(target)


def test_home_sends_people_without_a_persona_to_the_kits(client, db):
    client.force_login(UserFactory(username="nobody"))
    assert client.get(reverse("home")).url == reverse("kits:role-list")


# ------------------------------------------------------------------ adding a candidate


def test_the_add_form_proposes_the_kits_exercises(client, role, kit, recruiter, interviewer):
    client.force_login(recruiter)
    html = client.get(add_url(role)).content.decode()
    assert html.index("System design") < html.index("Behavioral")
    assert "Interviewer for System design" in html and "Time of Behavioral" in html
    assert f'<option value="{interviewer.pk}">' in html  # the Interviewers group is offered


def test_adding_a_candidate_builds_the_loop_and_shows_it(client, role, kit, recruiter, interviewer):
    client.force_login(recruiter)
    response = client.post(add_url(role), add_data(kit, interviewer))
    candidate = Candidate.objects.get(email="ada@example.com")
    assert response.url == candidate_url(candidate)
    assert [i.title for i in candidate.interviews.all()] == ["System design", "Behavioral"]
    html = client.get(response.url).content.decode()
    assert "Ada Lovelace was added" in html
    assert AuditEvent.objects.filter(action="candidate.add", actor=recruiter).exists()


def test_an_exercise_left_out_is_not_in_the_loop(client, role, kit, recruiter, interviewer):
    client.force_login(recruiter)
    behavioral = exercises_of(kit)[1]
    data = add_data(kit, interviewer)
    del data[f"ex{behavioral.pk}_include"]
    del data[f"ex{behavioral.pk}_interviewer"]
    client.post(add_url(role), data)
    candidate = Candidate.objects.get(email="ada@example.com")
    assert [i.title for i in candidate.interviews.all()] == ["System design"]


def test_a_duplicate_email_is_shown_beside_the_field_with_the_input_kept(
    client, role, kit, recruiter, interviewer, candidate
):
    client.force_login(recruiter)
    response = client.post(
        add_url(role), add_data(kit, interviewer, name="Casey Again", email=candidate.email)
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="Casey Again"' in html and f'value="{candidate.email}"' in html
    assert 'id="error_1_id_email"' in html and "already in Staff Platform Engineer" in html
    assert Candidate.objects.filter(role=role).count() == 1


def test_a_kept_exercise_without_interviewer_is_refused_beside_it(
    client, role, kit, recruiter, interviewer
):
    client.force_login(recruiter)
    design = exercises_of(kit)[0]
    data = add_data(kit, interviewer)
    data[f"ex{design.pk}_interviewer"] = ""
    data[f"ex{design.pk}_when"] = "not a time"
    response = client.post(add_url(role), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose who interviews for System design" in html
    assert "Enter a valid date/time" in html
    assert 'value="not a time"' in html
    assert not Candidate.objects.exists()


def test_someone_outside_the_interviewers_group_cannot_be_chosen(
    client, role, kit, recruiter, interviewer, hiring_manager
):
    client.force_login(recruiter)
    response = client.post(add_url(role), add_data(kit, hiring_manager))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_the_hiring_manager_may_not_add_candidates(client, role, kit, hiring_manager, interviewer):
    client.force_login(hiring_manager)
    assert client.post(add_url(role), add_data(kit, interviewer)).status_code == 403
    assert not Candidate.objects.exists()
    assert AuditEvent.objects.filter(action="permission.denied", actor=hiring_manager).exists()


# ------------------------------------------------------------------ changing the loop


def post(client, name: str, pk: int, data: dict | None = None):
    return client.post(reverse(f"scorecards:{name}", args=[pk]), data or {})


def test_every_loop_change_is_post_only(client, candidate, kit, interviewer, recruiter):
    first, _ = loop_for(candidate, kit, interviewer)
    client.force_login(recruiter)
    for name in ("interview-edit", "interview-remove", "interview-move", "interview-remind"):
        assert client.get(reverse(f"scorecards:{name}", args=[first.pk])).status_code == 405
    add = reverse("scorecards:interview-add", args=[candidate.pk])
    assert client.get(add).status_code == 405


def test_the_recruiter_changes_interviewer_and_time(
    client, candidate, kit, interviewer, other_interviewer, recruiter
):
    first, _ = loop_for(candidate, kit, interviewer)
    client.force_login(recruiter)
    response = post(
        client,
        "interview-edit",
        first.pk,
        {"interviewer": other_interviewer.pk, "scheduled_at": "2030-01-02T09:15"},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.interviewer == other_interviewer
    assert timezone.localtime(first.scheduled_at).strftime("%Y-%m-%d %H:%M") == "2030-01-02 09:15"
    assert AuditEvent.objects.filter(action="loop.change", detail__change="update").exists()


def test_a_bad_time_is_shown_beside_the_interview_with_the_input_kept(
    client, candidate, kit, interviewer, recruiter
):
    first, _ = loop_for(candidate, kit, interviewer)
    client.force_login(recruiter)
    response = post(
        client, "interview-edit", first.pk, {"interviewer": interviewer.pk, "scheduled_at": "soon"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid date/time" in html and 'value="soon"' in html
    assert f'id="id_i{first.pk}_scheduled_at"' in html


def test_changing_the_interviewer_of_a_started_scorecard_says_why(
    client, candidate, kit, interviewer, other_interviewer, recruiter
):
    first, _ = loop_for(candidate, kit, interviewer)
    ScorecardFactory(interview=first, kit=kit)
    client.force_login(recruiter)
    response = post(client, "interview-edit", first.pk, {"interviewer": other_interviewer.pk})
    assert response.status_code == 400
    assert "has already started its scorecard" in response.content.decode()
    first.refresh_from_db()
    assert first.interviewer == interviewer


def test_the_recruiter_reorders_the_loop(client, candidate, kit, interviewer, recruiter):
    first, second = loop_for(candidate, kit, interviewer)
    client.force_login(recruiter)
    assert post(client, "interview-move", second.pk, {"direction": "up"}).status_code == 302
    html = client.get(candidate_url(candidate)).content.decode()
    assert html.index('<h3 class="h6 mb-1 d-inline">Behavioral') < html.index(
        '<h3 class="h6 mb-1 d-inline">System design'
    )


def test_a_bad_direction_changes_nothing(client, candidate, kit, interviewer, recruiter):
    first, second = loop_for(candidate, kit, interviewer)
    client.force_login(recruiter)
    response = post(client, "interview-move", second.pk, {"direction": "sideways"})
    assert response.status_code == 302
    assert list(candidate.interviews.values_list("pk", flat=True)) == [first.pk, second.pk]
    assert "Choose to move the interview up or down" in client.get(response.url).content.decode()


def test_the_recruiter_adds_and_removes_an_interview(
    client, candidate, kit, interviewer, recruiter
):
    client.force_login(recruiter)
    design = exercises_of(kit)[0]
    response = post(
        client,
        "interview-add",
        candidate.pk,
        {"exercise": design.pk, "interviewer": interviewer.pk, "scheduled_at": ""},
    )
    assert response.status_code == 302
    (added,) = candidate.interviews.all()
    assert post(client, "interview-remove", added.pk).status_code == 302
    assert not candidate.interviews.exists()


def test_an_exercise_of_another_role_cannot_be_added(
    client, candidate, kit, interviewer, recruiter
):
    foreign = exercises_of(make_kit())[0]
    client.force_login(recruiter)
    response = post(
        client,
        "interview-add",
        candidate.pk,
        {"exercise": foreign.pk, "interviewer": interviewer.pk},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not candidate.interviews.exists()


def test_removing_an_interview_with_a_scorecard_is_refused_with_a_message(
    client, candidate, kit, interviewer, recruiter
):
    first, _ = loop_for(candidate, kit, interviewer)
    submit(first, kit)
    client.force_login(recruiter)
    response = post(client, "interview-remove", first.pk)
    assert Interview.objects.filter(pk=first.pk).exists()
    html = client.get(response.url).content.decode()
    assert "cannot be removed" in html and "submitted its scorecard" in html


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("interview-edit", lambda i: {"interviewer": i.interviewer_id}),
        ("interview-remove", lambda i: {}),
        ("interview-move", lambda i: {"direction": "down"}),
        ("interview-remind", lambda i: {}),
    ],
)
def test_the_hiring_manager_may_not_change_the_loop(
    client, candidate, kit, interviewer, hiring_manager, mailoutbox, name, data
):
    first, second = loop_for(candidate, kit, interviewer, hours_ago=30)
    client.force_login(hiring_manager)
    assert post(client, name, first.pk, data(first)).status_code == 403
    assert list(candidate.interviews.values_list("pk", flat=True)) == [first.pk, second.pk]
    assert mailoutbox == []


def test_the_hiring_manager_may_not_add_an_interview(
    client, candidate, kit, interviewer, hiring_manager
):
    client.force_login(hiring_manager)
    data = {"exercise": exercises_of(kit)[0].pk, "interviewer": interviewer.pk}
    assert post(client, "interview-add", candidate.pk, data).status_code == 403
    assert not candidate.interviews.exists()


def test_coverage_warnings_name_the_dimensions_and_weights(
    client, candidate, kit, interviewer, recruiter
):
    first, second = loop_for(candidate, kit, interviewer)
    client.force_login(recruiter)
    html = client.get(candidate_url(candidate)).content.decode()
    assert "Covered by only one interview: Dimension 1 (40%), Dimension 2 (30%)" in html
    post(client, "interview-remove", second.pk)
    html = client.get(candidate_url(candidate)).content.decode()
    assert "Not covered by any interview: Dimension 3 (20%), Dimension 4 (10%)" in html


def test_the_loop_shows_each_scorecards_state(client, candidate, kit, interviewer, recruiter):
    first, second = loop_for(candidate, kit, interviewer)
    submit(first, kit)
    ScorecardFactory(interview=second, kit=kit)
    client.force_login(recruiter)
    html = client.get(candidate_url(candidate)).content.decode()
    assert "Scorecard: submitted" in html and "Scorecard: draft" in html
    assert reverse("scorecards:scorecard", args=[first.scorecard.pk]) in html
    assert reverse("scorecards:scorecard", args=[second.scorecard.pk]) not in html
    assert "1 of 2 submitted" in client.get(list_url(candidate.role)).content.decode()
    extra = Interview.objects.create(
        candidate=candidate, title="Extra", interviewer=interviewer, position=2
    )
    html = client.get(candidate_url(candidate)).content.decode()
    assert extra.title in html and "Scorecard: not started" in html


# ------------------------------------------------------------------ list, statuses, reminders


def test_the_list_shows_each_status_and_filters_by_it(
    client, role, kit, interviewer, recruiter, hiring_manager
):
    no_loop = CandidateFactory(role=role, name="Nora No-loop")
    in_loop = CandidateFactory(role=role, name="Ivan In-loop")
    awaiting = CandidateFactory(role=role, name="Abe Awaiting")
    ready = CandidateFactory(role=role, name="Rae Ready")
    decided = CandidateFactory(role=role, name="Dee Decided")
    loop_for(in_loop, kit, interviewer)
    loop_for(awaiting, kit, interviewer, hours_ago=2)
    for interview in loop_for(ready, kit, interviewer, hours_ago=2):
        submit(interview, kit)
    DecisionFactory(candidate=decided, decided_by=hiring_manager)
    client.force_login(recruiter)
    html = client.get(list_url(role)).content.decode()
    for name, label in [
        ("Nora No-loop", "No loop yet"),
        ("Ivan In-loop", "In loop"),
        ("Abe Awaiting", "Awaiting feedback"),
        ("Rae Ready", "Ready for review"),
        ("Dee Decided", "Decided"),
    ]:
        row = html[html.index(name) : html.index("</tr>", html.index(name))]
        assert label in row, name
    assert "In loop" not in html[html.index("Nora No-loop") :].split("</tr>")[0]
    assert no_loop.name in client.get(list_url(role), {"status": "no-loop"}).content.decode()
    html = client.get(list_url(role), {"status": "ready-for-review"}).content.decode()
    assert "Rae Ready" in html and "Abe Awaiting" not in html and "Ivan In-loop" not in html


def test_the_list_searches_name_and_email(client, role, recruiter):
    CandidateFactory(role=role, name="Grace Hopper", email="grace@navy.example")
    CandidateFactory(role=role, name="Alan Turing", email="alan@bletchley.example")
    client.force_login(recruiter)
    html = client.get(list_url(role), {"q": "hopper"}).content.decode()
    assert "Grace Hopper" in html and "Alan Turing" not in html
    html = client.get(list_url(role), {"q": "BLETCHLEY"}).content.decode()
    assert "Alan Turing" in html and "Grace Hopper" not in html
    html = client.get(list_url(role), {"q": "nobody"}).content.decode()
    assert "No candidate matches" in html


def test_an_unknown_status_filter_is_ignored_not_an_error(client, role, recruiter, candidate):
    client.force_login(recruiter)
    response = client.get(list_url(role), {"status": "bogus", "page": "x"})
    assert response.status_code == 200 and "Casey Candidate" in response.content.decode()


def test_the_list_is_paginated_by_25_and_keeps_the_search(client, role, recruiter):
    for i in range(30):
        CandidateFactory(role=role, name=f"Person {i:02d}")
    client.force_login(recruiter)
    html = client.get(list_url(role), {"q": "person"}).content.decode()
    assert "Person 24" in html and "Person 25" not in html
    assert "Page 1 of 2" in html and "?q=person&amp;page=2" in html
    html = client.get(list_url(role), {"q": "person", "page": 2}).content.decode()
    assert "Person 25" in html and "Person 24" not in html


def fill_role(role, kit, interviewer, count: int) -> None:
    for _ in range(count):
        candidate = CandidateFactory(role=role)
        first, _ = loop_for(candidate, kit, interviewer, hours_ago=30)
        submit(first, kit)


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_runs_the_same_queries_however_many_candidates(
    client, role, kit, interviewer, recruiter, django_assert_num_queries, count
):
    fill_role(role, kit, interviewer, count)
    client.force_login(recruiter)
    client.get(list_url(role))  # warm the session
    # Queries: session, user, the user's groups (navigation), the role, the user's rights on
    # it (one query, kept for "may change the loop"), the keys of every matching candidate
    # in order (paged in Python), the page's candidates with each status, the overdue
    # interviews.
    with django_assert_num_queries(8):
        response = client.get(list_url(role))
    assert response.status_code == 200


def test_the_overdue_panel_sends_a_reminder_and_shows_when(
    client, role, kit, interviewer, recruiter, candidate, mailoutbox
):
    interviewer.email = "ivy@example.com"
    interviewer.save()
    first, _ = loop_for(candidate, kit, interviewer, hours_ago=30)
    submit(_, kit)
    client.force_login(recruiter)
    html = client.get(list_url(role)).content.decode()
    assert "Overdue scorecards" in html and "Send reminder" in html
    response = post(client, "interview-remind", first.pk, {"next": "list"})
    assert response.url == list_url(role)
    (mail,) = mailoutbox
    assert mail.to == ["ivy@example.com"]
    assert f"http://testserver/interviews/{first.pk}/" in mail.body
    html = client.get(response.url).content.decode()
    assert "Reminder sent to" in html and "Reminded at" in html
    assert AuditEvent.objects.filter(action="reminder.send", actor=recruiter).exists()


def test_a_submitted_scorecard_is_not_chased(
    client, candidate, kit, interviewer, recruiter, mailoutbox
):
    first, _ = loop_for(candidate, kit, interviewer, hours_ago=30)
    submit(first, kit)
    client.force_login(recruiter)
    response = post(client, "interview-remind", first.pk)
    assert mailoutbox == []
    assert "already submitted" in client.get(response.url).content.decode()


def test_the_nav_shows_candidates_to_the_hiring_team_only(client, role, recruiter, interviewer):
    client.force_login(recruiter)
    home = reverse("scorecards:candidate-home")
    assert f'href="{home}">Candidates' in client.get(reverse("kits:role-list")).content.decode()
    client.force_login(interviewer)
    assert f'href="{home}"' not in client.get(reverse("kits:role-list")).content.decode()


def test_a_new_interviewer_joins_the_choices(client, role, kit, recruiter):
    newbie = UserFactory(username="newbie", persona=personas.INTERVIEWERS)
    client.force_login(recruiter)
    assert f'<option value="{newbie.pk}">' in client.get(add_url(role)).content.decode()


def test_an_overdue_interview_of_a_decided_candidate_is_not_chased(
    client, role, kit, interviewer, recruiter, candidate, hiring_manager
):
    loop_for(candidate, kit, interviewer, hours_ago=30)
    DecisionFactory(candidate=candidate, decided_by=hiring_manager)
    client.force_login(recruiter)
    assert "No scorecard is overdue" in client.get(list_url(role)).content.decode()


def test_a_future_interview_is_not_overdue(client, role, kit, interviewer, recruiter, candidate):
    (first, second) = loop_for(candidate, kit, interviewer)
    Interview.objects.update(scheduled_at=timezone.now() + timedelta(days=1))
    client.force_login(recruiter)
    assert "No scorecard is overdue" in client.get(list_url(role)).content.decode()


@pytest.mark.parametrize("extra", [0, 6])
def test_the_candidate_page_runs_the_same_queries_however_long_the_loop(
    client, candidate, kit, interviewer, recruiter, django_assert_num_queries, extra
):
    loop_for(candidate, kit, interviewer)
    for position in range(extra):
        Interview.objects.create(
            candidate=candidate,
            exercise=exercises_of(kit)[0],
            title="System design",
            interviewer=interviewer,
            position=2 + position,
        )
    client.force_login(recruiter)
    client.get(candidate_url(candidate))  # warm the session
    # Queries: session, user, the user's groups (navigation); the candidate (visible to the
    # user), the user's rights on its role (one query); the kit, its dimensions, its exercises
    # and their focus; the loop with interviewer, scorecard and exercise, and the exercises'
    # focus; the interviewers to choose from (shared by every form); the latest decision.
    with django_assert_num_queries(13):
        response = client.get(candidate_url(candidate))
    assert response.status_code == 200


def test_the_list_filters_by_a_decisions_outcome(client, role, recruiter, hiring_manager):
    hired = CandidateFactory(role=role, name="Hal Hired")
    held = CandidateFactory(role=role, name="Hope Held")
    DecisionFactory(candidate=hired, decided_by=hiring_manager, outcome="hire")
    DecisionFactory(candidate=held, decided_by=hiring_manager, outcome="hold")
    client.force_login(recruiter)
    html = client.get(list_url(role), {"status": "hire", "q": "h"}).content.decode()
    assert "Hal Hired" in html and "Hope Held" not in html


def test_a_bad_status_keeps_the_search(client, role, recruiter):
    CandidateFactory(role=role, name="Grace Hopper")
    CandidateFactory(role=role, name="Alan Turing")
    client.force_login(recruiter)
    html = client.get(list_url(role), {"status": "bogus", "q": "grace"}).content.decode()
    assert "Grace Hopper" in html and "Alan Turing" not in html


def test_a_reminder_to_an_interviewer_without_email_says_so(
    client, candidate, kit, interviewer, recruiter, mailoutbox
):
    interviewer.email = ""
    interviewer.save()
    first, _ = loop_for(candidate, kit, interviewer, hours_ago=30)
    client.force_login(recruiter)
    response = post(client, "interview-remind", first.pk)
    assert mailoutbox == []
    assert "has no email address" in client.get(response.url).content.decode()
    first.refresh_from_db()
    assert first.reminded_at is None


def test_a_mail_server_failure_is_reported_and_not_noted_as_sent(
    client, candidate, kit, interviewer, recruiter, monkeypatch
):
    from smtplib import SMTPException

    from scorecards.services import candidates

    def refuse(*args, **kwargs):
        raise SMTPException("connection refused")

    monkeypatch.setattr(candidates, "send_mail", refuse)
    first, _ = loop_for(candidate, kit, interviewer, hours_ago=30)
    client.force_login(recruiter)
    response = post(client, "interview-remind", first.pk)
    html = client.get(response.url).content.decode()
    assert "could not be sent (connection refused)" in html
    first.refresh_from_db()
    assert first.reminded_at is None
    assert not AuditEvent.objects.filter(action="reminder.send").exists()


def test_the_overdue_panel_shows_the_oldest_and_says_there_are_more(
    client, role, kit, interviewer, recruiter, monkeypatch
):
    from scorecards.recruiting import views as recruiting_views

    monkeypatch.setattr(recruiting_views, "OVERDUE_SHOWN", 3)
    for name in ("Ann", "Ben"):
        loop_for(CandidateFactory(role=role, name=name), kit, interviewer, hours_ago=30)
    client.force_login(recruiter)
    html = client.get(list_url(role)).content.decode()
    assert "the 3 oldest are shown" in html
    assert html.count("Send reminder</button>") == 3


def test_a_recruiter_on_no_role_is_told_so(client, db):
    lonely = UserFactory(username="lonely", persona=personas.RECRUITERS)
    client.force_login(lonely)
    response = client.get(reverse("scorecards:candidate-home"))
    assert response.status_code == 200
    assert "not on the hiring team of any role" in response.content.decode()


def test_loop_changes_are_audited_with_the_address(client, candidate, kit, interviewer, recruiter):
    first, _ = loop_for(candidate, kit, interviewer)
    client.force_login(recruiter)
    post(client, "interview-move", first.pk, {"direction": "down"})
    event = AuditEvent.objects.get(action="loop.change")
    assert (event.actor, event.ip, event.detail["change"]) == (recruiter, "127.0.0.1", "move-down")


def test_the_lists_heading_says_when_it_counts_only_the_matching_candidates(
    client, role, recruiter
):
    for name in ("Ann Lee", "Ben Ode", "Cat Lee"):
        CandidateFactory(role=role, name=name)
    client.force_login(recruiter)
    everyone = client.get(list_url(role)).content.decode()
    assert re.search(r"All candidates <span[^>]*>3</span>", everyone)
    matching = client.get(list_url(role), {"q": "Lee"}).content.decode()
    assert re.search(r"Matching candidates <span[^>]*>2</span>", matching)
    assert "All candidates" not in matching
