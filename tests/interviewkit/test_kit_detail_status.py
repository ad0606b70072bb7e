"""The kit page says whether the kit is a draft or confirmed, how its weights were made, and the
screening criteria that are checked before the loop rather than rated in it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape

from interviewkit import personas
from interviewkit.services import kit_confirm, kit_import
from tests.factories import UserFactory
from tests.interviewkit import role_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(db):
    return UserFactory(
        username="detail_manager",
        first_name="Dana",
        last_name="Reyes",
        persona=personas.HIRING_MANAGERS,
    )


@pytest.fixture
def draft(manager):
    [result] = kit_import(
        documents=[("backend.md", role_documents.BACKEND_JD_MD.encode())], by=manager
    )
    result.kit.role.hiring_managers.add(manager)
    return result.kit


def detail(client, kit) -> str:
    response = client.get(reverse("kits:kit-detail", args=[kit.role.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_draft_says_so_and_offers_its_managers_the_review(client, draft, manager):
    client.force_login(manager)
    page = detail(client, draft)
    assert "Draft: not confirmed yet" in page
    assert "interviews can be planned only on a confirmed kit" in page
    review = reverse("kits:kit-edit", args=[draft.role.slug]) + "#kit-review"
    assert f'href="{review}">Review and confirm the kit</a>' in page


def test_an_interviewer_sees_the_draft_status_but_no_review_link(client, draft, interviewer):
    client.force_login(interviewer)
    page = detail(client, draft)
    assert "Draft: not confirmed yet" in page
    assert "Review and confirm the kit" not in page


def test_the_page_shows_how_the_weights_were_made_and_the_screening_criteria(
    client, draft, manager
):
    client.force_login(manager)
    page = detail(client, draft)
    assert "How this kit was made" in page
    assert draft.weight_note.startswith("Required 2 : preferred 1, summed over each dimension")
    assert escape(draft.weight_note) in page
    assert '<h2 class="h4" id="screening-heading">Screening criteria</h2>' in page
    for text in (
        "5+ years of professional software engineering experience",
        "BS in Computer Science or equivalent experience",
        "Must be authorized to work in the US",
    ):
        assert f"<li>{text} <span" in page
    # Screening criteria are not rated: none of them is a dimension.
    names = set(draft.dimensions.values_list("name", flat=True))
    assert not any("years" in name or "authorized" in name for name in names)


def test_a_confirmed_kit_says_when_and_by_whom_with_the_time_zone(client, draft, manager):
    kit_confirm(kit=draft, by=manager)
    draft.refresh_from_db()
    type(draft).objects.filter(pk=draft.pk).update(
        confirmed_at=dt.datetime(2026, 3, 3, 15, 0, tzinfo=dt.UTC)
    )
    client.force_login(manager)
    page = detail(client, draft)
    assert '<span class="badge text-bg-success" id="kit-status">Confirmed</span>' in page
    assert "Draft: not confirmed yet" not in page
    assert "(since 3 Mar 2026, 15:00 UTC, by Dana Reyes)" in page


def test_a_kit_without_screening_criteria_says_none(client, role, kit, hiring_manager):
    client.force_login(hiring_manager)
    page = detail(client, kit)
    assert "None: the kit's documents name no years" in page
    assert '<span class="badge text-bg-success" id="kit-status">Confirmed</span>' in page


def test_anchors_the_library_filled_in_are_marked_as_suggested(client, draft, manager):
    client.force_login(manager)
    page = detail(client, draft)
    with_library_parts = [d for d in draft.dimensions.all() if d.suggested_parts]
    assert len(with_library_parts) == 7  # all but "Payments", a domain the library lacks
    assert page.count("Anchors and questions suggested by the library</span>") == 7
    assert "· 30 min · loop step without a scorecard</span>" in page  # the recruiter screen
    # The grouped bullets of a description keep their lines.
    assert "- Design and build APIs and services for our payments platform<br>" in page
