"""Cloning a kit, starting a role from an uploaded document, and the JSON round trip."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from interviewkit import personas
from interviewkit.models import AuditEvent, Role
from tests.factories import UserFactory
from tests.interviewkit import kit_fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_manager(db):
    """A hiring manager of no role yet."""
    return UserFactory(username="new_manager", persona=personas.HIRING_MANAGERS)


def test_the_hiring_manager_clones_the_kit_into_a_new_role(client, role, kit, hiring_manager):
    client.force_login(hiring_manager)
    url = reverse("kits:kit-clone", args=[role.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Platform Engineer II", "slug": "", "version": "1"})
    assert response.status_code == 302
    clone = Role.objects.get(title="Platform Engineer II")
    assert response.url == reverse("kits:kit-detail", args=[clone.slug])
    assert clone.slug == "platform-engineer-ii"
    assert clone.hiring_managers.get() == hiring_manager
    copy = clone.current_kit()
    assert [(d.name, d.weight) for d in copy.dimensions.all()] == [
        (d.name, d.weight) for d in kit.dimensions.all()
    ]
    assert AuditEvent.objects.filter(action="kit.clone", actor=hiring_manager).exists()


def test_cloning_under_a_taken_title_keeps_what_was_typed(client, role, kit, hiring_manager):
    client.force_login(hiring_manager)
    url = reverse("kits:kit-clone", args=[role.slug])
    response = client.post(url, {"title": role.title, "slug": "my-typed-slug", "version": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "A role with this title already exists." in page and "my-typed-slug" in page
    assert Role.objects.count() == 1


def test_a_hiring_manager_starts_a_role_from_an_uploaded_brief(client, new_manager):
    client.force_login(new_manager)
    assert client.get(reverse("kits:kit-upload")).status_code == 200
    document = SimpleUploadedFile("brief.md", kit_fixtures.brief("Data Reliability Lead").encode())
    response = client.post(reverse("kits:kit-upload"), {"document": document}, follow=True)
    role = Role.objects.get(title="Data Reliability Lead")
    # Its exercises were suggested, so the kit opens as a draft in the editor's review.
    edit = reverse("kits:kit-edit", args=[role.slug])
    assert response.redirect_chain[-1][0] == edit + "#kit-review"
    page = response.content.decode()
    assert "Data Reliability Lead v1 was created from brief.md" in page
    assert "Draft: review before use" in page and "Suggested by the importer" in page
    assert role.current_kit().is_draft
    assert role.hiring_managers.get() == new_manager
    assert role.current_kit().total_weight() == 100
    assert AuditEvent.objects.filter(action="kit.import", actor=new_manager).exists()


def test_an_unreadable_document_gets_a_clear_message(client, new_manager):
    client.force_login(new_manager)
    document = SimpleUploadedFile("empty.md", b"   \n")
    response = client.post(reverse("kits:kit-upload"), {"document": document})
    assert response.status_code == 200
    assert "empty.md could not be imported: the file is empty." in response.content.decode()
    assert not Role.objects.exists()


def test_a_document_for_someone_else_s_role_is_refused(client, role, kit, new_manager):
    client.force_login(new_manager)
    document = SimpleUploadedFile("brief.md", kit_fixtures.brief(role.title).encode())
    response = client.post(reverse("kits:kit-upload"), {"document": document})
    assert response.status_code == 200
    assert "you are not one of its hiring managers" in response.content.decode()
    assert role.kits.count() == 1


def test_a_kit_exported_as_json_imports_again_as_a_new_role(client, role, kit, hiring_manager):
    client.force_login(hiring_manager)
    exported = client.get(reverse("kits:kit-export", args=[role.slug])).json()
    exported["title"] = "Staff Platform Engineer (Berlin)"
    response = client.post(reverse("kits:kit-import-json"), {"text": json.dumps(exported)})
    assert response.status_code == 302
    copy = Role.objects.get(title="Staff Platform Engineer (Berlin)").current_kit()
    assert [(d.name, d.weight) for d in copy.dimensions.all()] == [
        (d.name, d.weight) for d in kit.dimensions.all()
    ]
    assert [e.name for e in copy.exercises.all()] == [e.name for e in kit.exercises.all()]
    assert copy.signals.get(kind="red").dimension.name == "Dimension 1"


def test_importing_the_unchanged_export_of_a_managed_role_changes_nothing(
    client, role, kit, hiring_manager
):
    client.force_login(hiring_manager)
    raw = client.get(reverse("kits:kit-export", args=[role.slug])).content
    upload = SimpleUploadedFile("kit.json", raw, content_type="application/json")
    response = client.post(reverse("kits:kit-import-json"), {"file": upload}, follow=True)
    assert "already matches" in response.content.decode()
    assert role.kits.count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Choose a file or paste the kit JSON."),
        ("{not json", "This is not valid JSON"),
        ('{"hello": 1}', "This JSON is not an exported kit"),
        (
            '{"title": "X", "dimensions": [{"name": "A", "weight": 60}]}',
            "the weights sum to 60, not 100",
        ),
    ],
)
def test_bad_json_is_refused_with_a_clear_message_and_kept(client, new_manager, text, message):
    client.force_login(new_manager)
    response = client.post(reverse("kits:kit-import-json"), {"text": text})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    if text:
        assert text.replace('"', "&quot;") in page
    assert not Role.objects.exists()


def test_the_role_list_partial_offers_starting_a_role_to_hiring_managers_only(
    rf, new_manager, interviewer
):
    from django.template.loader import render_to_string

    from interviewkit.context_processors import navigation

    def render(user):
        request = rf.get("/roles/")
        request.user = user
        return render_to_string(
            "interviewkit/editor/_role_list_actions.html", navigation(request), request=request
        )

    assert reverse("kits:kit-upload") in render(new_manager)
    assert reverse("kits:kit-upload") not in render(interviewer)


def test_a_pasted_job_description_imports_and_is_confirmed_from_the_review(client, new_manager):
    from tests.interviewkit import role_documents

    client.force_login(new_manager)
    response = client.post(
        reverse("kits:kit-upload"), {"text": role_documents.DATA_ANALYST_TXT}, follow=True
    )
    role = Role.objects.get(title="Data Analyst")
    page = response.content.decode()
    assert "Grouped from the document" in page
    assert "3+ years in an analytics role" in page  # a screening criterion
    assert role.current_kit().is_draft
    client.post(reverse("kits:kit-confirm", args=[role.slug]))
    assert not role.current_kit().is_draft
    assert AuditEvent.objects.filter(action="kit.confirm", actor=new_manager).exists()


def test_an_empty_upload_form_says_what_is_missing(client, new_manager):
    client.force_login(new_manager)
    response = client.post(reverse("kits:kit-upload"), {})
    assert "Choose a file or paste the document" in response.content.decode()
