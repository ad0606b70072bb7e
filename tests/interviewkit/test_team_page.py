"""The hiring team page: a role's hiring managers add and remove its recruiters and its
interviewer panel; the recruiters read it; each change is an audit event; the panel comes
first when a loop is planned."""

import pytest
from django.urls import reverse

from interviewkit import personas
from interviewkit.models import AuditEvent
from scorecards.recruiting.forms import CandidateAddForm
from tests.factories import InterviewFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def team_url(role):
    return reverse("kits:team", args=[role.slug])


def test_a_hiring_manager_adds_an_interviewer_to_the_panel_and_it_is_audited(
    client, role, hiring_manager, interviewer
):
    client.force_login(hiring_manager)
    response = client.post(
        team_url(role), {"action": "add", "place": "interviewer", "person": interviewer.pk}
    )
    assert response.status_code == 302
    assert list(role.interviewers.all()) == [interviewer]
    event = AuditEvent.objects.get(action="team.added")
    assert (event.actor, event.role, event.detail) == (
        hiring_manager,
        role,
        {"person": "interviewer", "as": "interviewer"},
    )
    page = client.get(team_url(role)).content.decode()
    assert f"{interviewer.get_full_name()} is now on the interviewer panel of {role}" in page
    assert f"{interviewer.get_full_name()}" in page


def test_a_recruiter_is_added_and_removed(client, role, hiring_manager):
    newcomer = UserFactory(username="newcomer", persona=personas.RECRUITERS)
    client.force_login(hiring_manager)
    client.post(team_url(role), {"action": "add", "place": "recruiter", "person": newcomer.pk})
    assert role.recruiters.filter(pk=newcomer.pk).exists()
    client.post(team_url(role), {"action": "remove", "place": "recruiter", "person": newcomer.pk})
    assert not role.recruiters.filter(pk=newcomer.pk).exists()
    assert AuditEvent.objects.filter(action="team.removed", role=role).count() == 1


def test_someone_without_the_persona_is_not_offered_and_is_refused_by_name(
    client, role, hiring_manager
):
    """A person who is not a recruiter cannot become one of the role's recruiters here: an
    admin gives personas. A forged post gets the form back with the reason, nothing added."""
    not_a_recruiter = UserFactory(username="plain", first_name="Pat", last_name="Plain")
    client.force_login(hiring_manager)
    page = client.get(team_url(role)).content.decode()
    assert "Pat Plain" not in page
    response = client.post(
        team_url(role), {"action": "add", "place": "recruiter", "person": not_a_recruiter.pk}
    )
    assert response.status_code == 200
    assert "cannot be added as recruiter" in response.content.decode()
    assert not role.recruiters.exists()


def test_removing_an_interviewer_keeps_their_planned_interviews_and_says_so(
    client, role, hiring_manager, interviewer, candidate
):
    role.interviewers.add(interviewer)
    interview = InterviewFactory(candidate=candidate, interviewer=interviewer)
    client.force_login(hiring_manager)
    response = client.post(
        team_url(role),
        {"action": "remove", "place": "interviewer", "person": interviewer.pk},
        follow=True,
    )
    assert "The 1 interview already planned with them stay theirs" in response.content.decode()
    interview.refresh_from_db()
    assert interview.interviewer == interviewer
    assert not role.interviewers.exists()


def test_recruiters_read_the_team_but_cannot_change_it(client, role, recruiter, interviewer):
    client.force_login(recruiter)
    page = client.get(team_url(role))
    assert page.status_code == 200
    assert "Only the role's hiring managers change the team." in page.content.decode()
    assert "<form" not in page.content.decode().split("<main", 1)[-1]
    refused = client.post(
        team_url(role), {"action": "add", "place": "interviewer", "person": interviewer.pk}
    )
    assert refused.status_code == 403
    assert not role.interviewers.exists()


def test_a_manager_of_another_role_cannot_change_this_team(client, role, interviewer):
    other_manager = UserFactory(username="elsewhere", persona=personas.HIRING_MANAGERS)
    RoleFactory(title="Data Analyst").hiring_managers.add(other_manager)
    client.force_login(other_manager)
    assert client.get(team_url(role)).status_code == 403
    response = client.post(
        team_url(role), {"action": "add", "place": "interviewer", "person": interviewer.pk}
    )
    assert response.status_code == 403
    assert not role.interviewers.exists()


def test_the_planning_form_offers_the_panel_first(role, kit, interviewer, other_interviewer):
    role.interviewers.add(other_interviewer)
    form = CandidateAddForm(kit=kit, exercises=list(kit.exercises.all()))
    field = next(f for name, f in form.fields.items() if name.endswith("_interviewer"))
    groups = [label for label, _ in field.choices[1:]]
    assert groups == ["This role's interviewer panel", "Other interviewers"]
    assert [pk for pk, _ in field.choices[1][1]] == [other_interviewer.pk]
    assert [pk for pk, _ in field.choices[2][1]] == [interviewer.pk]


def test_without_a_panel_the_planning_form_lists_every_interviewer_plainly(
    kit, interviewer, other_interviewer
):
    form = CandidateAddForm(kit=kit, exercises=list(kit.exercises.all()))
    field = next(f for name, f in form.fields.items() if name.endswith("_interviewer"))
    assert {pk for pk, _ in field.choices[1:]} == {interviewer.pk, other_interviewer.pk}


def test_adding_nobody_says_choose_someone(client, role, hiring_manager, interviewer):
    client.force_login(hiring_manager)
    response = client.post(team_url(role), {"action": "add", "place": "interviewer", "person": ""})
    assert response.status_code == 200
    assert "Choose the person to add." in response.content.decode()
