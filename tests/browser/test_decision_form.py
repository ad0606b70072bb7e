"""The decision form refused in a browser, on a desktop and on a phone: the error summary at
the top takes focus and its links move focus to the fields; a decision on a candidate without
any submitted scorecard is asked to be confirmed, keeping the choice and the note."""

import pytest

from scorecards.models import Decision
from tests.browser.conftest import log_in
from tests.scorecards.packet_fixtures import submitted_scorecard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = [(1366, 768), (390, 844)]


def focused_id(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.className")


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_an_empty_decision_puts_focus_on_a_summary_that_links_to_each_field(
    page, screenshot, hiring_manager, candidate, interviewer, width, height
):
    page.set_viewport_size({"width": width, "height": height})
    submitted_scorecard(candidate, interviewer, [3, 3, 3, 3], evidence="Solid.")
    log_in(page, "hiring_manager")
    page.goto(f"/candidates/{candidate.pk}/packet/")
    page.get_by_role("button", name="Record decision").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert "error-summary" in focused_id(page)
    box = summary.bounding_box()
    assert 0 <= box["y"] < height, "the summary is in view"
    assert no_sideways_scroll(page)
    screenshot(f"decision-errors-{width}")
    summary.get_by_role("link", name="Rationale: This field is required.").click()
    assert focused_id(page) == "id_rationale"
    assert page.locator("#id_rationale").get_attribute("aria-invalid") == "true"
    summary.get_by_role("link", name="Decision: This field is required.").click()
    assert focused_id(page) == "id_outcome_0"
    assert not Decision.objects.exists()


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_no_hire_without_scorecards_is_confirmed_first_and_keeps_what_was_typed(
    page, screenshot, hiring_manager, candidate, width, height
):
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, "hiring_manager")
    page.goto(f"/candidates/{candidate.pk}/packet/")
    assert page.get_by_text("No scorecard has been submitted for Casey Candidate.").is_visible()
    page.get_by_label("No hire").check()
    page.get_by_label("Rationale").fill("Withdrew before the loop.")
    page.get_by_role("button", name="Record decision").click()
    page.locator("[data-error-summary]").wait_for()
    assert not Decision.objects.exists()
    assert page.get_by_label("No hire").is_checked()
    assert page.get_by_label("Rationale").input_value() == "Withdrew before the loop."
    assert no_sideways_scroll(page)
    screenshot(f"decision-no-scorecards-{width}")
    page.locator("[data-error-summary]").get_by_role("link").click()
    assert focused_id(page) == "id_without_scorecards"
    page.get_by_label("Record this decision although no scorecard is submitted").check()
    page.get_by_role("button", name="Record decision").click()
    page.get_by_text("Decision recorded: No hire.").wait_for()
    assert Decision.objects.get().outcome == "no-hire"
