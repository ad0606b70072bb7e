import pytest

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_interviewer_logs_in_and_lands_on_my_interviews(page, screenshot, interviewer):
    log_in(page, "interviewer")
    page.get_by_role("heading", name="My interviews").wait_for()
    screenshot("my-interviews-empty")
    page.get_by_role("link", name="Roles & kits").click()
    page.get_by_role("heading", name="Roles and interview kits").wait_for()
    screenshot("roles-empty")
