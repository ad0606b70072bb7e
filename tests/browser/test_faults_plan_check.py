"""The loop's live clash check when the server cannot be reached, on a desktop and a phone:
the recruiter's choices stay as they are and the page says the check did not happen; once the
server answers again, adding the candidate checks everything and saves."""

import pytest

from scorecards.models import Candidate
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_an_unreachable_live_check_keeps_the_choices_and_says_so(
    page, screenshot, role, recruiter, interviewer, width, height
):
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, "recruiter")
    page.get_by_role("link", name="Add candidate").click()
    page.get_by_label("Name").fill("Ada Lovelace")
    page.get_by_label("Email").fill("ada@example.com")
    # The server goes away for the live check (the page's URL for it, from the form).
    page.route("**/candidates/add/check/", lambda route: route.abort("connectionrefused"))
    chosen = page.get_by_label("Interviewer for System design")
    chosen.select_option(value=str(interviewer.pk))
    note = page.get_by_text("could not reach the server")
    note.wait_for()
    assert "Your choices are kept" in note.inner_text()
    assert chosen.input_value() == str(interviewer.pk)
    assert page.get_by_label("Name").input_value() == "Ada Lovelace"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(f"plan-check-unreachable-{width}")
    page.unroute_all()
    page.get_by_label("Interviewer for Behavioral").select_option(value=str(interviewer.pk))
    page.get_by_role("heading", name="Check these bookings").first.wait_for()
    page.get_by_label("Book anyway", exact=False).check()
    page.get_by_role("button", name="Add candidate").click()
    page.get_by_role("heading", name="Ada Lovelace").wait_for()
    assert Candidate.objects.filter(name="Ada Lovelace").count() == 1
