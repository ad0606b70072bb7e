"""The audit log pages: admins read everything, hiring managers their roles' events, others 403."""

import pytest
from django.urls import reverse

from interviewkit import personas
from interviewkit.audit import events as audit
from interviewkit.models import AuditEvent
from tests.factories import CandidateFactory, RoleFactory, UserFactory, make_kit

URL = reverse("audit:event-list")


@pytest.fixture
def other_role(db):
    role = RoleFactory(title="Data Engineer", slug="data-engineer")
    make_kit(role=role)
    return role


@pytest.fixture
def events(role, other_role, candidate, recruiter):
    other_candidate = CandidateFactory(role=other_role, name="Olga Other")
    return {
        "mine": audit.record(recruiter, "export.pdf", candidate),
        "theirs": audit.record(recruiter, "export.csv", other_candidate),
        "login": audit.record(recruiter, "auth.login"),
    }


def test_a_hiring_manager_sees_only_the_events_of_their_roles(client, hiring_manager, events):
    client.force_login(hiring_manager)
    response = client.get(URL)
    assert response.status_code == 200
    shown = list(response.context["page"].object_list)
    assert shown == [events["mine"]]
    html = response.content.decode()
    assert "export.pdf" in html
    assert "Olga Other" not in html


def test_an_admin_sees_every_event(client, admin_user, events):
    client.force_login(admin_user)
    response = client.get(URL)
    shown = set(response.context["page"].object_list)
    assert {events["mine"], events["theirs"], events["login"]} <= shown


def test_the_log_filters_by_action_and_role(client, admin_user, events, other_role):
    client.force_login(admin_user)
    by_action = client.get(URL, {"action": "export.csv"}).context["page"].object_list
    assert list(by_action) == [events["theirs"]]
    by_role = client.get(URL, {"role": other_role.slug}).context["page"].object_list
    assert list(by_role) == [events["theirs"]]


def test_a_hiring_manager_cannot_filter_to_another_role(client, hiring_manager, other_role, events):
    client.force_login(hiring_manager)
    assert client.get(URL, {"role": other_role.slug}).status_code == 404


def test_the_log_is_paginated_newest_first(client, admin_user, role):
    for n in range(55):
        audit.record(admin_user, "kit.edit", role, detail={"n": n})
    client.force_login(admin_user)
    first = client.get(URL, {"action": "kit.edit"}).context["page"]
    assert first.paginator.num_pages == 2
    assert first.object_list[0].detail == {"n": 54}
    second = client.get(URL, {"action": "kit.edit", "page": 2})
    assert len(second.context["page"].object_list) == 5
    # The link back keeps the filter.
    assert "action=kit.edit&amp;page=1" in second.content.decode()


def test_the_page_costs_a_fixed_number_of_queries(
    client, hiring_manager, role, candidate, django_assert_num_queries
):
    for n in range(30):
        audit.record(hiring_manager, "decision.record", candidate, detail={"n": n})
    client.force_login(hiring_manager)
    # session, user, persona groups, the managed roles, the distinct actions, the count,
    # the page of events with their roles.
    with django_assert_num_queries(7):
        response = client.get(URL)
    assert len(response.context["page"].object_list) == 30


def test_the_navbar_shows_the_audit_log_to_hiring_managers_only(client, hiring_manager, recruiter):
    client.force_login(hiring_manager)
    assert URL in client.get(reverse("kits:role-list")).content.decode()
    client.force_login(recruiter)
    assert URL not in client.get(reverse("kits:role-list")).content.decode()


def test_a_hiring_manager_persona_without_roles_sees_an_empty_log(client, db, events):
    lonely = UserFactory(username="lonely_manager", persona=personas.HIRING_MANAGERS)
    client.force_login(lonely)
    response = client.get(URL)
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
    assert AuditEvent.objects.count() >= 3


def test_a_role_manager_outside_the_hiring_manager_group_still_reads_their_roles_log(
    client, role, events
):
    manager = UserFactory(username="manager_without_group", persona=personas.INTERVIEWERS)
    role.hiring_managers.add(manager)
    client.force_login(manager)
    response = client.get(URL)
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [events["mine"]]
