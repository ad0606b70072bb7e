from pathlib import Path

import pytest

from interviewkit.services import kit_import, read_paths
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_a_person_opens_kits_and_sees_where_each_item_came_from(page, screenshot, interviewer):
    kit_import(documents=read_paths([SEEDS]))
    log_in(page, "interviewer")
    page.get_by_role("heading", name="My interviews").wait_for()
    page.get_by_role("link", name="Roles & kits").click()
    page.get_by_role("heading", name="Roles and interview kits").wait_for()
    screenshot("kit-role-list")
    page.get_by_role("link", name="Staff AI Platform Engineer").click()
    page.get_by_role("heading", name="Staff AI Platform Engineer", level=1).wait_for()
    assert page.get_by_role("heading", name="Platform architecture").is_visible()
    assert page.get_by_label("Weight 20 percent").first.is_visible()
    assert page.get_by_role("heading", name="System design case").is_visible()
    assert page.get_by_text("90 min").is_visible()
    assert page.get_by_role("heading", name="Red flags (5)").is_visible()
    screenshot("kit-staff")

    # A role whose documents name no exercises: the importer's loop is marked as suggested.
    page.goto("/roles/ai-infrastructure-team-lead/")
    page.get_by_role("heading", name="Incident scenario").wait_for()
    assert page.get_by_text("Suggested by the importer").count() == 4
    screenshot("kit-team-lead")
