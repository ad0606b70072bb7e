"""The role list and the kit page: any logged-in person reads them; anonymous people log in."""

import pytest
from django.urls import reverse

from interviewkit.services import kit_version_save
from tests.factories import ScorecardFactory
from tests.interviewkit import kit_fixtures

pytestmark = pytest.mark.django_db


def test_the_role_list_shows_every_role_s_current_kit(
    client, role, outsider, django_assert_num_queries
):
    client.force_login(outsider)
    # Queries: session, user, the current kits with their roles and counts (one query), then the
    # navbar's persona groups.
    with django_assert_num_queries(4):
        response = client.get(reverse("kits:role-list"))
    assert response.status_code == 200
    kit = response.context["kits"][0]
    assert (kit.role, kit.dimension_count, kit.exercise_count) == (role, 4, 2)
    assert "Staff Platform Engineer" in response.content.decode()


def test_the_kit_page_shows_dimensions_exercises_signals_and_sources(
    client, role, interviewer, django_assert_num_queries
):
    client.force_login(interviewer)
    url = reverse("kits:kit-detail", args=[role.slug])
    # Queries: session, user, role, version numbers, the kit with its scorecard count, its
    # dimensions, exercises, their focus, signals with dimensions; then the navbar's groups,
    # and whether the reader manages the role (the "Edit kit" button).
    with django_assert_num_queries(11):
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dimension 1" in page and "40%" in page
    assert "System design" in page and "60 min" in page
    groups = {
        label: [s.text for s in items] for _, label, items in response.context["signal_groups"]
    }
    assert groups == {
        "Strong signals": ["Explains trade-offs"],
        "Weak signals": ["Relies on heroics"],
        "Red flags": ["Blames others"],
    }
    assert response.context["total_weight"] == 100
    assert "Written in the app" in page


def test_the_kit_page_names_each_item_s_document_and_section_or_says_it_was_suggested(
    client, interviewer
):
    from interviewkit.services import kit_import

    [result] = kit_import(documents=[("study.md", kit_fixtures.brief().encode())])
    client.force_login(interviewer)
    page = client.get(reverse("kits:kit-detail", args=[result.kit.role.slug])).content.decode()
    assert "<code>study.md</code> § B. Skills › Must-have" in page
    assert "Suggested by the importer" in page


def test_the_version_selector_shows_an_older_version(client, role, interviewer):
    old = role.current_kit()
    ScorecardFactory(interview__candidate__role=role, kit=old)
    data = {
        "title": role.title,
        "weight_basis": "manual",
        "dimensions": [{"name": "Everything", "weight": 100}],
    }
    new = kit_version_save(role=role, data=data).kit
    assert new.number == old.number + 1
    client.force_login(interviewer)
    url = reverse("kits:kit-detail", args=[role.slug])
    current = client.get(url)
    assert current.context["kit"] == new
    assert f'<option value="{old.number}">v{old.number}</option>' in current.content.decode()
    older = client.get(url, {"version": old.number})
    assert older.context["kit"] == old
    assert "(older version)" in older.content.decode()
    assert "In use by 1 scorecard" in older.content.decode()


@pytest.mark.parametrize("version", ["99", "abc"])
def test_an_unknown_version_is_not_found(client, role, interviewer, version):
    client.force_login(interviewer)
    url = reverse("kits:kit-detail", args=[role.slug])
    assert client.get(url, {"version": version}).status_code == 404


def test_an_unknown_role_is_not_found(client, interviewer):
    client.force_login(interviewer)
    assert client.get(reverse("kits:kit-detail", args=["nobody"])).status_code == 404
