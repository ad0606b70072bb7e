"""The calibration pages in a browser, on the demo data: a hiring manager sees who runs hot or
cold and how much the panel agrees; an interviewer sees only their own figures."""

from pathlib import Path

import pytest

from interviewkit.demo_users import DEMO_PASSWORD
from interviewkit.services import kit_import, read_paths
from scorecards.demo.data import STAFF_ROLE, demo_seed
from tests import demo_cast
from tests.browser.conftest import log_in
from tests.demo_cast import RUNS_COLD, RUNS_HOT, full_name


def first_name(username: str) -> str:
    return demo_cast.USERS[username].first_name


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def demo():
    kit_import(documents=read_paths([SEEDS]))
    demo_seed()


def test_a_hiring_manager_sees_who_runs_hot_or_cold_and_how_much_the_panel_agrees(
    page, screenshot, demo
):
    log_in(page, demo_cast.HIRING_MANAGER, DEMO_PASSWORD)
    page.get_by_role("link", name="Calibration", exact=True).click()
    page.get_by_role("heading", name="Interviewer calibration").wait_for()
    screenshot("calibration-overview")
    page.get_by_role("link", name="Staff AI Platform Engineer").first.click()
    page.get_by_role("heading", name="Calibration: Staff AI Platform Engineer").wait_for()
    screenshot("calibration-role")
    table = page.locator("table.calibration-table")
    hot = table.locator("tr", has=page.get_by_role("rowheader", name=first_name(RUNS_HOT)))
    assert "Runs hot" in hot.inner_text()
    cold = table.locator("tr", has=page.get_by_role("rowheader", name=first_name(RUNS_COLD)))
    assert "Runs cold" in cold.inner_text()
    assert page.get_by_role("heading", name="How much the panel agrees").is_visible()
    assert page.get_by_role("heading", name="How these figures are worked out").is_visible()
    assert page.url.endswith(f"/calibration/roles/{STAFF_ROLE}/")


def test_an_interviewer_sees_their_own_calibration_only(page, screenshot, demo):
    log_in(page, RUNS_HOT, DEMO_PASSWORD)
    page.get_by_role("link", name="My calibration").click()
    page.get_by_role("heading", name="My calibration").wait_for()
    screenshot("calibration-me")
    text = page.locator("main").inner_text()
    assert "Runs hot" in text
    assert all(first_name(other) not in text for other in [RUNS_COLD, *demo_cast.IN_LINE])


def test_a_packet_shows_its_range_and_the_calibrated_view_beside_the_raw_score(
    page, screenshot, demo
):
    log_in(page, demo_cast.HIRING_MANAGER, DEMO_PASSWORD)
    page.get_by_role("link", name="Packets").click()
    page.get_by_role("link", name=demo_cast.FULLY_SCORED, exact=True).click()
    section = page.locator("section.trust-section")
    section.get_by_role("heading", name="How certain is this score?").wait_for()
    assert "likely between" in section.inner_text()
    section.get_by_text("Calibrated view").click()
    assert section.get_by_role("rowheader", name=full_name(RUNS_HOT)).first.is_visible()
    section.scroll_into_view_if_needed()
    screenshot("calibration-packet-trust")
