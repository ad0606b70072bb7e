"""The version history and the differences page: readable by any logged-in person."""

import pytest
from django.urls import reverse

from interviewkit.editor.editing import kit_edit
from tests.interviewkit.editor_fixtures import scorecard_with_ratings, with_weights

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_versions(role, kit, candidate, hiring_manager):
    scorecard_with_ratings(candidate, kit, [3, 3, 3, 3])
    data = with_weights(kit, 50, 30, 10, 10)
    data["dimensions"].pop(3)
    data["dimensions"][2]["weight"] = 10
    data["dimensions"].append({"id": None, "name": "Security", "weight": 10})
    data["dimensions"][0]["description"] = "Designs for failure first."
    data["exercises"][1]["focus"] = ["Dimension 3", "Security"]
    return kit_edit(role=role, **data, by=hiring_manager)


def test_any_logged_in_person_reads_the_version_history(
    client, role, two_versions, outsider, django_assert_num_queries
):
    client.force_login(outsider)
    # Queries: session, user, role, the versions with authors and counts, the manager check
    # (persona groups, then the role's managers).
    with django_assert_num_queries(6):
        response = client.get(reverse("kits:kit-versions", args=[role.slug]))
    assert response.status_code == 200
    versions = response.context["versions"]
    assert [(v.number, v.scorecard_count, v.dimension_count) for v in versions] == [
        (2, 0, 4),
        (1, 1, 4),
    ]
    page = response.content.decode()
    assert "Compare two versions" in page
    assert "Edit kit" not in page and "Export JSON" not in page


def test_the_hiring_manager_sees_the_kit_tools_on_the_history(
    client, role, two_versions, hiring_manager
):
    client.force_login(hiring_manager)
    page = client.get(reverse("kits:kit-versions", args=[role.slug])).content.decode()
    assert "Edit kit" in page and "Export JSON" in page and "Clone into a new role" in page


def test_the_diff_page_lists_added_removed_and_reweighted_dimensions(
    client, role, two_versions, outsider, django_assert_num_queries
):
    client.force_login(outsider)
    url = reverse("kits:kit-versions-diff", args=[role.slug]) + "?from=1&to=2"
    # Queries: session, user, role, the two versions; for each version its dimensions,
    # exercises, their focus and signals (4 × 2); the version numbers; the navbar's groups.
    with django_assert_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200
    diff = response.context["diff"]
    assert [(d.name, d.weight) for d in diff.added] == [("Security", 10)]
    assert [(d.name, d.weight) for d in diff.removed] == [("Dimension 4", 10)]
    assert [(w.name, w.old, w.new) for w in diff.weight_changed] == [
        ("Dimension 1", 40, 50),
        ("Dimension 3", 20, 10),
    ]
    page = response.content.decode()
    assert "+ Added" in page and "Weight raised" in page and "<html" in page
    # A rewording shows its words, labelled, not only that something changed.
    (rewording,) = diff.reworded
    (change,) = rewording.changes
    assert (rewording.name, change.part) == ("Dimension 1", "Description")
    assert "Before (v1):" in page and "After (v2):" in page
    assert "<ins>Designs for failure first.</ins>" in page
    assert f"<del>{change.before}</del>" in page


def test_htmx_gets_the_diff_fragment_alone(client, role, two_versions, outsider):
    client.force_login(outsider)
    url = reverse("kits:kit-versions-diff", args=[role.slug]) + "?from=2&to=1"
    response = client.get(url, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page and "From v2 to v1" in page


def test_an_unknown_version_is_not_found(client, role, two_versions, outsider):
    client.force_login(outsider)
    url = reverse("kits:kit-versions-diff", args=[role.slug])
    assert client.get(url + "?from=1&to=7").status_code == 404
    assert client.get(url + "?from=x&to=1").status_code == 404
