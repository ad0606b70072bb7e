import pytest

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_logs_in_and_sees_the_roles(page, screenshot, interviewer):
    log_in(page, "interviewer")
    page.get_by_role("heading", name="Roles and interview kits").wait_for()
    screenshot("roles-empty")
