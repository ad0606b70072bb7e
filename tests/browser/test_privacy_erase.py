import pytest

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_recruiter_erases_a_candidate_after_confirming(page, screenshot, recruiter, candidate):
    log_in(page, "recruiter")
    page.goto(f"/candidates/{candidate.pk}/erase/")
    page.get_by_role("heading", name="Erase Casey Candidate's personal data").wait_for()
    # The box must be ticked: the browser refuses the form without it.
    page.get_by_role("button", name="Erase personal data").click()
    assert page.get_by_role("heading", name="Erase Casey Candidate's personal data").is_visible()
    page.get_by_label("I understand that Casey Candidate's personal data").check()
    page.get_by_role("button", name="Erase personal data").click()
    page.get_by_text("personal data is erased").wait_for()
    assert page.get_by_role("heading", name=f"Erased candidate #{candidate.pk}").is_visible()
    screenshot("privacy-erased")
