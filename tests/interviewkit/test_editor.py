"""The kit editor page: who may use it, how it validates, and what saving does."""

import pytest
from django.urls import reverse

from interviewkit.models import AuditEvent
from tests.interviewkit.editor_fixtures import editor_post, scorecard_with_ratings

pytestmark = pytest.mark.django_db


def url(role, name="kits:kit-edit"):
    return reverse(name, args=[role.slug])


@pytest.mark.parametrize("persona", ["interviewer", "recruiter", "outsider"])
def test_people_who_do_not_manage_the_role_are_refused_the_editor(client, role, request, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    for name in ("kits:kit-edit", "kits:kit-clone", "kits:kit-export"):
        assert client.get(url(role, name)).status_code == 403
    assert client.post(url(role), {}).status_code == 403
    assert AuditEvent.objects.filter(action="permission.denied").exists()


def test_an_unknown_role_is_not_found(client, hiring_manager):
    client.force_login(hiring_manager)
    assert client.get(reverse("kits:kit-edit", args=["no-such-role"])).status_code == 404


def test_the_hiring_manager_sees_the_editor_filled_with_the_current_kit(
    client, role, kit, hiring_manager, django_assert_num_queries
):
    client.force_login(hiring_manager)
    # Queries: session, user, role, the manager check (persona groups, then the role's
    # managers), the current kit, its scorecard count; the editor's rows: dimensions, exercises,
    # their focus, signals; each row's source: dimensions, exercises, signals. The navbar reuses
    # the cached persona groups.
    with django_assert_num_queries(14):
        response = client.get(url(role))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Dimension 1"' in page and 'value="40"' in page
    assert "Weights total <strong data-total>100%</strong>: <span data-total-message>ready" in page
    assert "is not used by any scorecard yet" in page


def test_weights_that_do_not_add_up_to_100_are_refused_and_everything_typed_is_kept(
    client, role, kit, hiring_manager
):
    client.force_login(hiring_manager)
    data = editor_post(
        kit,
        **{"dimensions-0-weight": "45", "dimensions-1-description": "Typed, not yet saved."},
    )
    response = client.post(url(role), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The weights add up to 105%" in page
    assert "Typed, not yet saved." in page and 'value="45"' in page
    assert "<strong data-total>105%</strong>" in page and "5% over 100%" in page
    assert "Everything you typed is still here." in page
    assert "data-error-link" not in page  # the weights' total is the form's error, not a row's
    assert [d.weight for d in kit.dimensions.all()] == [40, 30, 20, 10]


def test_an_empty_dimension_name_is_refused(client, role, kit, hiring_manager):
    client.force_login(hiring_manager)
    response = client.post(url(role), editor_post(kit, **{"dimensions-2-name": "  "}))
    assert response.status_code == 200
    page = response.content.decode()
    # The summary names the row and field, and links to the input (the editor's rows count
    # from 1, the formset's ids from 0).
    assert (
        '<a href="#id_dimensions-2-name" data-error-link="id_dimensions-2-name">'
        "Dimension 3, Name: This field is required.</a>"
    ) in page
    assert kit.dimensions.filter(name="Dimension 3").exists()


def test_two_dimensions_with_the_same_name_are_refused(client, role, kit, hiring_manager):
    client.force_login(hiring_manager)
    response = client.post(url(role), editor_post(kit, **{"dimensions-1-name": "dimension 1"}))
    assert response.status_code == 200
    assert "Two dimensions are called" in response.content.decode()
    assert kit.dimensions.filter(name="Dimension 2").exists()


def test_saving_an_unused_kit_updates_it_in_place(client, role, kit, hiring_manager):
    client.force_login(hiring_manager)
    data = editor_post(kit, **{"dimensions-0-weight": "35", "dimensions-1-weight": "35"})
    response = client.post(url(role), data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("kits:kit-detail", args=[role.slug])
    assert [d.weight for d in kit.dimensions.all()] == [35, 35, 20, 10]
    assert role.kits.count() == 1
    assert "updated in place" in response.content.decode()
    assert AuditEvent.objects.filter(action="kit.edit", actor=hiring_manager).exists()


def test_saving_a_used_kit_makes_a_new_version_and_keeps_old_scores(
    client, role, kit, candidate, hiring_manager
):
    scorecard = scorecard_with_ratings(candidate, kit, [4, 3, 2, 1])
    client.force_login(hiring_manager)
    data = editor_post(kit, **{"dimensions-0-weight": "10", "dimensions-3-weight": "40"})
    response = client.post(url(role), data, follow=True)
    assert "Saved as version 2" in response.content.decode()
    new = role.current_kit()
    assert new.number == 2
    assert [d.weight for d in new.dimensions.all()] == [10, 30, 20, 40]
    scorecard.refresh_from_db()
    assert scorecard.kit == kit
    assert [r.dimension.weight for r in scorecard.ratings.all()] == [40, 30, 20, 10]


def test_adding_reordering_and_removing_rows(client, role, kit, hiring_manager):
    client.force_login(hiring_manager)
    data = editor_post(
        kit,
        **{
            "dimensions-TOTAL_FORMS": "5",
            "dimensions-3-DELETE": "on",
            "dimensions-4-name": "Judgement",
            "dimensions-4-weight": "10",
            "dimensions-4-ORDER": "0",
            "exercises-1-focus": ["2", "4"],
            "signals-TOTAL_FORMS": "4",
            "signals-3-kind": "red",
            "signals-3-text": "Hides mistakes",
            "signals-3-dimension": "4",
        },
    )
    response = client.post(url(role), data)
    assert response.status_code == 302, response.context and response.context["editor"].errors
    assert [(d.name, d.weight) for d in kit.dimensions.all()] == [
        ("Judgement", 10),
        ("Dimension 1", 40),
        ("Dimension 2", 30),
        ("Dimension 3", 20),
    ]
    assert kit.dimensions.get(name="Judgement").source_label == "Written in the app"
    behavioral = kit.exercises.get(name="Behavioral")
    assert sorted(d.name for d in behavioral.focus.all()) == ["Dimension 3", "Judgement"]
    assert kit.signals.get(text="Hides mistakes").dimension.name == "Judgement"


def test_an_edit_based_on_an_older_version_is_refused_and_kept(
    client, role, kit, candidate, hiring_manager
):
    scorecard_with_ratings(candidate, kit, [3, 3, 3, 3])
    client.force_login(hiring_manager)
    stale = editor_post(kit, **{"dimensions-0-weight": "10", "dimensions-3-weight": "40"})
    client.post(
        url(role), editor_post(kit, **{"dimensions-0-weight": "35", "dimensions-1-weight": "35"})
    )
    response = client.post(url(role), stale)
    assert response.status_code == 200
    assert "Someone saved version 2" in response.content.decode()
    assert role.kits.count() == 2


def test_the_export_is_the_kit_json_and_is_audited(client, role, kit, hiring_manager):
    client.force_login(hiring_manager)
    response = client.get(url(role, "kits:kit-export") + "?version=1")
    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == 'attachment; filename="staff-platform-engineer-v1.json"'
    )
    data = response.json()
    assert data["title"] == role.title and data["version"] == 1
    assert [d["weight"] for d in data["dimensions"]] == [40, 30, 20, 10]
    assert AuditEvent.objects.filter(action="kit.export", actor=hiring_manager).exists()
    assert client.get(url(role, "kits:kit-export") + "?version=9").status_code == 404


def test_an_edit_of_an_unused_kit_that_someone_changed_meanwhile_is_refused(
    client, role, kit, hiring_manager
):
    client.force_login(hiring_manager)
    first = editor_post(kit, **{"dimensions-0-weight": "35", "dimensions-1-weight": "35"})
    second = editor_post(kit, **{"dimensions-2-name": "Written later, lost otherwise"})
    assert client.post(url(role), first).status_code == 302
    response = client.post(url(role), second)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone saved version 1 of this kit while you were editing" in page
    assert "Written later, lost otherwise" in page
    assert [d.weight for d in kit.dimensions.all()] == [35, 35, 20, 10]
    assert not kit.dimensions.filter(name__startswith="Written later").exists()


def test_the_editor_shows_where_each_item_came_from(client, role, kit, hiring_manager):
    kit.dimensions.filter(name="Dimension 1").update(
        source_document="brief.md", source_section="Scorecard"
    )
    kit.signals.filter(kind="red").update(suggested=True)
    client.force_login(hiring_manager)
    page = client.get(url(role)).content.decode()
    assert "Source: brief.md § Scorecard" in page
    assert 'data-origin="suggested">Suggested by the' in page
    assert 'data-origin="written">Written in the app</span>' in page
