"""Playwright: the interviewer's journey through a scorecard: fill, autosave, reload, fix the
errors, submit, then read the panel."""

import re

import pytest
from playwright.sync_api import expect

from interviewkit.demo_users import DEMO_PASSWORD
from scorecards.models import Scorecard
from tests import demo_cast
from tests.browser.conftest import ARTIFACTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def dimension(page, dim):
    return page.locator(f"#dimension-{dim.pk}")


def test_the_interviewer_scores_a_candidate_end_to_end(page, screenshot, interview):
    first, second = interview.exercise.focus.all()
    log_in(page, "interviewer")
    page.get_by_role("link", name="My interviews").click()
    page.get_by_role("heading", name="Awaiting my feedback").wait_for()
    screenshot("scorecard-my-interviews")
    page.get_by_role("link", name=re.compile("Fill scorecard")).click()

    # The kit and the form side by side.
    expect(page.get_by_role("heading", name="System design", exact=True)).to_be_visible()
    kit_box = page.locator(".kit-column").bounding_box()
    form_box = page.locator("#scorecard-form").bounding_box()
    assert kit_box["x"] + kit_box["width"] <= form_box["x"] + 1

    # Rate: a 4 without evidence yet, a 3 with evidence; the draft saves itself.
    dimension(page, first).get_by_label("4 · Strong yes").check()
    dimension(page, second).get_by_label("3 · Yes").check()
    with page.expect_response(
        lambda r: "autosave" in r.url and "back-pressure" in (r.request.post_data or "")
    ):
        dimension(page, second).get_by_label(f"Evidence for {second.name}").fill(
            "Explained the queue back-pressure clearly."
        )
    expect(page.locator("#autosave-status")).to_contain_text(re.compile(r"Saved at \d\d:\d\d:\d\d"))
    screenshot("scorecard-draft-saved", full_page=False)

    # Reload: the draft is intact.
    page.reload()
    expect(dimension(page, first).get_by_label("4 · Strong yes")).to_be_checked()
    expect(dimension(page, second).get_by_label("3 · Yes")).to_be_checked()
    expect(dimension(page, second).get_by_label(f"Evidence for {second.name}")).to_have_value(
        "Explained the queue back-pressure clearly."
    )

    # A signal's note appears once the signal is ticked.
    red_note = page.get_by_label("Note (required if observed): Blames others")
    expect(red_note).to_be_hidden()
    page.get_by_role("checkbox", name="Blames others").check()
    expect(red_note).to_be_visible()
    page.get_by_role("checkbox", name="Blames others").uncheck()
    expect(red_note).to_be_hidden()

    # Submit with the 4's evidence missing: the error sits beside that field, input kept.
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Key take-aways").fill("Would hire for the platform team.")
    page.get_by_role("button", name="Submit scorecard").click()
    error = dimension(page, first).get_by_text("A rating of 4 needs evidence")
    expect(error).to_be_visible()
    expect(page.get_by_text("Not submitted: 1 answer needs attention")).to_be_visible()
    expect(page.get_by_label("Key take-aways")).to_have_value("Would hire for the platform team.")
    error.scroll_into_view_if_needed()
    screenshot("scorecard-submit-error", full_page=False)

    # Fix it and submit.
    dimension(page, first).get_by_label(f"Evidence for {first.name}").fill(
        "Designed failure domains per tenant before being asked."
    )
    page.get_by_role("button", name="Submit scorecard").click()
    expect(page.get_by_text("Scorecard submitted.")).to_be_visible()
    expect(page.get_by_role("link", name="Amend")).to_be_visible()
    screenshot("scorecard-submitted")
    scorecard = Scorecard.objects.get(interview=interview)
    assert scorecard.status == Scorecard.Status.SUBMITTED
    assert scorecard.recommendation == "yes"
    assert sorted(scorecard.ratings.values_list("value", flat=True)) == [3, 4]


def test_a_stale_tab_is_told_and_keeps_its_text(page, interview):
    log_in(page, "interviewer")
    url = f"/interviews/{interview.pk}/"
    page.goto(url)
    other = page.context.new_page()
    other.goto(url)
    page.get_by_label("Key take-aways").fill("Written in the first tab")
    expect(page.locator("#autosave-status")).to_contain_text("Saved at")
    other.get_by_label("Key take-aways").fill("Written in the second tab")
    expect(other.locator("#autosave-status")).to_contain_text("changed in another tab")
    expect(other.locator("#autosave-status")).to_contain_text("Written in the second tab")
    expect(other.get_by_label("Key take-aways")).to_have_value("Written in the second tab")
    ARTIFACTS.mkdir(exist_ok=True)
    other.screenshot(path=str(ARTIFACTS / "scorecard-stale-tab.png"))
    assert Scorecard.objects.get(interview=interview).takeaways == "Written in the first tab"


def test_a_network_error_shows_a_warning_and_keeps_the_text(page, interview):
    log_in(page, "interviewer")
    page.goto(f"/interviews/{interview.pk}/")
    page.route("**/autosave/", lambda route: route.abort())
    page.get_by_label("Key take-aways").fill("Typed while offline")
    expect(page.locator("#autosave-status")).to_contain_text("no connection to the server")
    expect(page.get_by_label("Key take-aways")).to_have_value("Typed while offline")
    # The viewport as the interviewer sees it (a full-page capture misplaces sticky headers).
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "scorecard-offline.png"))


def test_the_demo_interviewer_scores_a_demo_candidate_and_then_reads_the_panel(page, screenshot):
    from pathlib import Path

    from interviewkit.services import kit_import, read_paths
    from scorecards.demo.data import demo_seed

    kit_import(documents=read_paths([Path(__file__).resolve().parents[2] / "seeds"]))
    demo_seed()
    log_in(page, demo_cast.DESIGN, DEMO_PASSWORD)
    page.goto("/interviews/")
    page.get_by_role("link", name=f"Fill scorecard for {demo_cast.SOME_SUBMITTED}").click()
    # Before submitting, the panel's scorecards are nowhere on the page.
    incident_by = f"by {demo_cast.full_name(demo_cast.INCIDENT)}"
    expect(page.get_by_text(incident_by)).to_have_count(0)
    for name in ["Platform architecture", "CI/CD + IaC"]:
        page.get_by_role("group", name=f"{name} (").get_by_label("3 · Yes").check()
        page.get_by_label(f"Evidence for {name}").fill(f"Covered {name} with sound trade-offs.")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Key take-aways").fill("Clear thinker; would pair well with the SRE team.")
    screenshot("scorecard-demo-filled", full_page=False)
    page.get_by_role("button", name="Submit scorecard").click()
    expect(page.get_by_text("Scorecard submitted.")).to_be_visible()
    page.get_by_role("link", name=re.compile(f"Incident scenario {incident_by}")).click()
    expect(page.get_by_text("Rolled back first, debugged second.")).to_be_visible()
    screenshot("scorecard-demo-panel-read")


def test_the_interviewer_amends_a_submitted_scorecard_with_a_reason(page, screenshot, interview):
    from tests.scorecards.scorecard_fixtures import submitted

    submitted(interview)
    log_in(page, "interviewer")
    page.goto(f"/interviews/{interview.pk}/")
    expect(page.locator("#scorecard-form")).to_have_count(0)  # read-only once submitted
    page.get_by_role("link", name="Amend").click()
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Save amendment").click()
    # Beside the field, and as a link to it in the focused summary at the top.
    expect(page.locator("#id_reason_error").get_by_text("Say why you amend it")).to_be_visible()
    summary = page.locator("[data-error-summary]")
    expect(summary.get_by_role("link", name="Reason for the amendment: Say why")).to_be_visible()
    expect(summary).to_be_focused()
    expect(page.get_by_label("No", exact=True)).to_be_checked()  # the input is kept
    page.get_by_label("Reason for the amendment").fill("Mixed up my notes with another loop.")
    page.get_by_role("button", name="Save amendment").click()
    expect(page.get_by_text("Amendment saved.")).to_be_visible()
    page.get_by_text("Version 1, replaced").click()
    expect(page.get_by_text("Mixed up my notes with another loop.")).to_be_visible()
    screenshot("scorecard-amended-history")
