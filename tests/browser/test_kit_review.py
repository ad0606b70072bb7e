"""A role document becomes a draft kit that its hiring manager reviews in Chromium, confirms, and
that a recruiter then plans interviews on; and a role started from the competency library.

Screenshots of the review page at a laptop's and a phone's width go to /tmp/shots/kits/ (outside
the repository) for people to look at."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from interviewkit import personas
from interviewkit.models import Role
from tests.browser.conftest import log_in
from tests.factories import UserFactory
from tests.interviewkit import role_documents

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/kits")
SIZES = {"1366": {"width": 1366, "height": 768}, "390": {"width": 390, "height": 844}}


def shoot(page, name: str) -> None:
    """Full-page screenshots at both widths; at 390 px nothing may be wider than the screen."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in SIZES.items():
        page.set_viewport_size(size)
        page.wait_for_timeout(100)
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} is {overflow}px wider than a {label}px screen"
    page.set_viewport_size(SIZES["1366"])


@pytest.fixture
def manager(db):
    return UserFactory(username="review_manager", persona=personas.HIRING_MANAGERS)


@pytest.fixture
def team_recruiter(db):
    return UserFactory(username="team_recruiter", persona=personas.RECRUITERS)


def test_an_imported_document_is_reviewed_confirmed_and_then_used(
    page, manager, team_recruiter, interviewer
):
    log_in(page, "review_manager")
    page.goto("/roles/")
    page.get_by_role("link", name="Start a role from a document").click()
    page.get_by_label("Role document").set_input_files(
        files=[
            {
                "name": "backend.md",
                "mimeType": "text/markdown",
                "buffer": role_documents.BACKEND_JD_MD.encode(),
            }
        ]
    )
    page.get_by_role("button", name="Import the document").click()
    page.wait_for_url("**/roles/senior-backend-engineer/edit/#kit-review")
    review = page.locator("#kit-review")
    assert "Draft: review before use" in review.inner_text()
    assert "Must be authorized to work in the US" in review.inner_text()
    # Each row says where it came from, in words, on a badge people can see.
    grouped = page.locator('.kit-origin[data-origin="grouped"]')
    read = page.locator('.kit-origin[data-origin="read"]')
    suggested = page.locator('[data-origin="suggested"]')
    assert grouped.count() == 8 and grouped.first.is_visible()
    assert "Grouped" in grouped.first.inner_text()
    assert read.count() == 4 and read.first.is_visible()
    assert suggested.count() > 0 and suggested.first.is_visible()
    step = page.locator("[data-loop-step]")
    assert step.count() == 1 and step.is_visible()  # the recruiter screen carries no scorecard
    shoot(page, "review")

    # Confirming with unsaved changes below would confirm the kit without them: the page says so.
    page.get_by_label("Minutes").nth(1).fill("75")
    page.get_by_role("button", name="Confirm kit").click()
    unsaved = page.locator("#confirm-unsaved")
    unsaved.wait_for()
    assert "save the kit first" in unsaved.inner_text()
    assert page.get_by_label("Minutes").nth(1).input_value() == "75"
    assert Role.objects.get(slug="senior-backend-engineer").current_kit().is_draft
    page.reload()

    page.get_by_role("button", name="Confirm kit").click()
    page.get_by_text("is confirmed: plan interviews on it").wait_for()
    assert "Confirmed kit" in page.locator("#kit-review").inner_text()
    shoot(page, "review-confirmed")
    page.goto("/roles/senior-backend-engineer/")
    assert page.locator("#kit-status").inner_text() == "Confirmed"
    assert page.get_by_text("Anchors and questions suggested by the library").first.is_visible()
    shoot(page, "kit-detail")

    role = Role.objects.get(slug="senior-backend-engineer")
    role.recruiters.add(team_recruiter)
    page.get_by_role("button", name="Log out").click()
    log_in(page, "team_recruiter")
    page.goto(f"/roles/{role.slug}/candidates/add/")
    page.get_by_label("Name").fill("Robin Rivera")
    page.get_by_label("Email").fill("robin@example.com")
    # The loop step without a scorecard (the recruiter screen) is not proposed.
    expect(page.get_by_label("Include “Recruiter screen” in the loop")).to_have_count(0)
    for name in ("Technical interview", "System design", "Team fit with the hiring manager"):
        page.get_by_label(f"Interviewer for {name}").select_option(str(interviewer.pk))
    page.get_by_role("button", name="Add candidate").click()
    page.get_by_label("Book anyway", exact=False).check()  # one interviewer for the loop
    page.get_by_role("button", name="Add candidate").click()
    page.get_by_text("Robin Rivera was added to Senior Backend Engineer.").wait_for()
    candidate = role.candidates.get()
    assert candidate.interviews.count() == 3


def test_a_hiring_manager_starts_a_role_from_the_library(page, manager):
    log_in(page, "review_manager")
    page.goto("/roles/")
    page.get_by_role("link", name="Start a new role").click()
    page.get_by_label("Role title").fill("Support Engineer")
    page.get_by_label("Communication").check()
    page.get_by_label("Operations & reliability").check()
    shoot(page, "start")
    page.get_by_role("button", name="Start the draft kit").click()
    page.wait_for_url("**/roles/support-engineer/edit/#kit-review")
    assert "starts from the competency library" in page.locator("#kit-review").inner_text()
    assert page.locator('.kit-origin[data-origin="suggested"]').first.is_visible()
    assert page.get_by_label("Name").nth(0).input_value() == "Operations & reliability"
    shoot(page, "started")

    # A taken title is refused on the page, with what was typed still there.
    page.goto("/roles/new/start/")
    page.get_by_label("Role title").fill("support engineer")
    page.get_by_label("Coding").check()
    page.get_by_role("button", name="Start the draft kit").click()
    assert "A role called “Support Engineer” already exists." in page.content()
    assert page.get_by_label("Role title").input_value() == "support engineer"
    assert page.get_by_label("Coding").is_checked()
    shoot(page, "start-refused")


def test_an_empty_kit_is_filled_in_the_editor_and_confirmed(page, manager):
    log_in(page, "review_manager")
    page.goto("/roles/new/start/")
    page.get_by_label("Role title").fill("Office Manager")
    page.get_by_role("button", name="Start the draft kit").click()
    page.wait_for_url("**/roles/office-manager/edit/#kit-review")
    assert "This kit is empty" in page.locator("#kit-review").inner_text()
    shoot(page, "started-empty")
    page.get_by_role("button", name="+ Add a dimension").click()
    page.get_by_label("Name").nth(0).fill("Organisation")
    page.get_by_label("Weight (%)").nth(0).fill("100")
    page.get_by_role("button", name="Save the kit").first.click()
    page.get_by_text("Saved version 1.").wait_for()
    page.goto("/roles/")
    row = page.get_by_role("row", name="Office Manager")
    assert "Draft" in row.inner_text()
    page.goto("/roles/office-manager/edit/")
    assert page.locator('.kit-origin[data-origin="written"]').count() == 1
    page.get_by_role("button", name="Confirm kit").click()
    page.get_by_text("Office Manager v1 is confirmed").wait_for()
    kit = Role.objects.get(slug="office-manager").current_kit()
    assert not kit.is_draft
    assert [(d.name, d.weight, d.origin) for d in kit.dimensions.all()] == [
        ("Organisation", 100, "written")
    ]
