"""Starting a role from nothing or from the competency library, without a document or JSON."""

import pytest
from django.urls import reverse

from interviewkit import personas
from interviewkit.models import AuditEvent, KitVersion, Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

START = reverse("kits:role-start")


@pytest.fixture
def new_manager(db):
    """A hiring manager of no role yet."""
    return UserFactory(username="new_manager", persona=personas.HIRING_MANAGERS)


def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get(START)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["interviewer", "recruiter", "outsider"])
def test_people_who_are_not_hiring_managers_cannot_start_a_role(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    before = Role.objects.count()
    assert client.get(START).status_code == 403
    response = client.post(START, {"title": "Sneaky Role", "competencies": ["coding"]})
    assert response.status_code == 403
    assert Role.objects.count() == before


def test_the_role_list_offers_it_to_hiring_managers_only(client, new_manager, interviewer):
    client.force_login(new_manager)
    assert START in client.get(reverse("kits:role-list")).content.decode()
    client.post(START, {"title": "Data Engineer", "competencies": ["data"]})
    page = client.get(reverse("kits:role-list")).content.decode()
    assert 'v1 <span class="badge text-bg-warning">Draft</span>' in page
    client.force_login(interviewer)
    assert START not in client.get(reverse("kits:role-list")).content.decode()


def test_the_page_lists_the_library_competencies_with_labels(client, new_manager):
    client.force_login(new_manager)
    page = client.get(START).content.decode()
    assert '<label class="form-check-label fw-semibold" for="id_competencies_0">Coding</label>' in (
        page
    )
    assert "Writes correct, readable, tested code" in page
    assert 'for="id_title"' in page and 'id="id_title"' in page


def test_a_kit_from_the_library_opens_as_a_draft_with_every_item_suggested(client, new_manager):
    client.force_login(new_manager)
    response = client.post(
        START, {"title": "Backend Engineer", "competencies": ["coding", "design", "communication"]}
    )
    role = Role.objects.get(title="Backend Engineer")
    assert response.status_code == 302
    assert response.url == reverse("kits:kit-edit", args=[role.slug]) + "#kit-review"
    kit = role.current_kit()
    assert kit.status == KitVersion.Status.DRAFT
    assert role.hiring_managers.get() == new_manager
    assert [(d.name, d.weight) for d in kit.dimensions.all()] == [
        ("Coding", 34),
        ("System design", 33),
        ("Communication", 33),
    ]
    coding = kit.dimensions.get(name="Coding")
    assert coding.origin == "suggested" and coding.suggested and coding.anchor_4
    assert kit.exercises.exists() and kit.signals.exists()
    assert {e.origin for e in kit.exercises.all()} == {"suggested"}
    assert {s.origin for s in kit.signals.all()} == {"suggested"}
    assert AuditEvent.objects.filter(action="kit.start", actor=new_manager).exists()

    exported = client.get(reverse("kits:kit-export", args=[role.slug])).json()
    assert exported["status"] == "draft"
    assert {d["source"] for d in exported["dimensions"]} == {"suggested"}
    assert {e["source"] for e in exported["exercises"]} == {"suggested"}

    editor = client.get(response.url).content.decode()
    assert "Draft: review before use" in editor
    assert "starts from the competency library" in editor
    library = 'data-origin="suggested">Suggested by the competency library</span>'
    items = kit.dimensions.count() + kit.exercises.count() + kit.signals.count()
    assert editor.count(library) == items
    assert "Suggested by the importer" not in editor


def test_an_empty_kit_is_a_draft_that_cannot_be_confirmed_until_it_has_dimensions(
    client, new_manager
):
    client.force_login(new_manager)
    response = client.post(START, {"title": "Office Manager"}, follow=True)
    role = Role.objects.get(title="Office Manager")
    kit = role.current_kit()
    assert kit.is_draft and not kit.dimensions.exists()
    page = response.content.decode()
    assert "This kit is empty" in page
    assert "starts as an empty draft kit: add its dimensions and interviews" in page
    assert "Save at least one dimension, then confirm the kit here." in page
    assert "Confirm kit</button>" not in page
    response = client.post(reverse("kits:kit-confirm", args=[role.slug]), follow=True)
    assert "add at least one before confirming" in response.content.decode()
    assert role.current_kit().is_draft


@pytest.mark.parametrize(
    "title, message",
    [
        ("staff platform engineer", "A role called “Staff Platform Engineer” already exists."),
        ("Staff  Platform  Engineer ", "A role called “Staff Platform Engineer” already exists."),
        # Cyrillic "а" and "е" in place of the Latin letters.
        ("St\u0430ff Pl\u0430tform \u0415ngineer", "looks like the role “Staff Platform Engineer”"),
    ],
)
def test_a_taken_or_look_alike_title_is_refused_and_what_was_typed_is_kept(
    client, role, new_manager, title, message
):
    client.force_login(new_manager)
    before = Role.objects.count()
    response = client.post(START, {"title": title, "competencies": ["coding", "ownership"]})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'form-control is-invalid" required aria-invalid="true"' in page  # the title is marked
    assert f'value="{title}"' in page
    assert page.count("checked") == 2  # both ticked competencies stay ticked
    assert Role.objects.count() == before


def test_a_missing_title_is_named_and_the_ticks_are_kept(client, new_manager):
    client.force_login(new_manager)
    response = client.post(START, {"title": "  ", "competencies": ["testing"]})
    page = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in page
    assert (
        'value="testing" id="id_competencies_3" aria-describedby="id_competencies_3-what" checked'
        in page
    )
    assert not Role.objects.exists()


def test_an_unknown_competency_is_refused(client, new_manager):
    client.force_login(new_manager)
    response = client.post(START, {"title": "Chef", "competencies": ["cooking"]})
    assert "Select a valid choice. cooking is not one of the available choices." in (
        response.content.decode()
    )
    assert not Role.objects.filter(title="Chef").exists()


def test_interviews_cannot_be_planned_on_the_draft_until_it_is_confirmed(client, new_manager):
    from django.core.exceptions import ValidationError

    from scorecards.services.candidates import check_exercise
    from tests.factories import CandidateFactory

    client.force_login(new_manager)
    client.post(START, {"title": "Site Reliability Engineer", "competencies": ["operations"]})
    role = Role.objects.get(title="Site Reliability Engineer")
    exercise = role.current_kit().exercises.get()
    candidate = CandidateFactory(role=role)
    with pytest.raises(ValidationError, match="is a draft"):
        check_exercise(candidate, exercise)
    client.post(reverse("kits:kit-confirm", args=[role.slug]))
    exercise.refresh_from_db()
    assert not role.current_kit().is_draft
    check_exercise(candidate, exercise)
