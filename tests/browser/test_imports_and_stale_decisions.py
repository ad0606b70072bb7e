"""In the browser, on a phone-sized screen: the recruiter imports a CSV of past scorecards (a bad
file is refused with its lines), and a hiring manager deciding on a stale packet page is told
that someone else decided meanwhile, their own choice and note kept."""

import csv
import io

import pytest

from scorecards.exports.csv_io import COLUMNS, ratings_csv_lines
from scorecards.models import Candidate, Decision, Scorecard
from scorecards.services.decisions import decision_record
from tests.browser.conftest import log_in
from tests.factories import UserFactory
from tests.scorecards.export_fixtures import submitted_scorecard as export_scorecard
from tests.scorecards.packet_fixtures import submitted_scorecard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_recruiter_imports_past_scorecards_on_a_phone(
    page, screenshot, tmp_path, role, candidate, interviewer, recruiter
):
    export_scorecard(candidate, interviewer, {"Dimension 1": 3, "Dimension 2": 2})
    rows = list(csv.DictReader(io.StringIO("".join(ratings_csv_lines(role)))))
    Candidate.objects.filter(role=role).delete()
    bad = [dict(r) for r in rows]
    bad[1]["rating"] = "9"
    for name, content in (("bad.csv", bad), ("good.csv", rows)):
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(content)
        (tmp_path / name).write_text(out.getvalue(), encoding="utf-8")
    page.set_viewport_size(PHONE)

    log_in(page, "recruiter")
    page.goto(f"/roles/{role.slug}/exports/")
    page.get_by_role("link", name="Import past scorecards").click()
    page.get_by_label("CSV file").set_input_files(str(tmp_path / "bad.csv"))
    page.get_by_role("button", name="Import scorecards").click()

    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "nothing was imported" in alert.inner_text()
    assert "line 3: rating '9' is not 1-4" in alert.inner_text()
    assert no_sideways_scroll(page)
    screenshot("csv-import-refused-390")
    assert not Scorecard.objects.exists()

    # Keyboard only: the file input, then the box, then the button.
    page.get_by_label("CSV file").set_input_files(str(tmp_path / "good.csv"))
    page.get_by_label("CSV file").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "create_users"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_text("Imported 1 scorecard, created 1 candidate").wait_for()
    assert Scorecard.objects.filter(imported=True).count() == 1


def test_a_manager_deciding_on_a_stale_page_is_told_and_keeps_their_note(
    page, screenshot, role, candidate, hiring_manager, interviewer
):
    submitted_scorecard(candidate, interviewer, [3, 3, 3, 3])
    other = UserFactory(username="dee", first_name="Dee", last_name="Decider")
    role.hiring_managers.add(other)
    page.set_viewport_size(PHONE)

    log_in(page, "hiring_manager")
    page.goto(f"/candidates/{candidate.pk}/packet/")
    page.get_by_role("heading", name="Decision", exact=True).wait_for()
    page.get_by_label("Hire", exact=True).check()
    page.get_by_label("Rationale").fill("Strong design round; hire.")
    # Meanwhile, on another screen, the other hiring manager decides.
    decision_record(candidate=candidate, outcome="no-hire", rationale="Weak on ops.", by=other)
    page.get_by_role("button", name="Record decision").click()

    warning = page.locator(".decided-meanwhile")
    warning.wait_for()
    text = warning.inner_text()
    assert "Someone else decided meanwhile" in text
    assert "Dee Decider recorded No hire" in text
    assert "Weak on ops." in text
    assert "UTC" in text
    assert page.get_by_label("Hire", exact=True).is_checked()
    assert page.get_by_label("Rationale").input_value() == "Strong design round; hire."
    assert no_sideways_scroll(page)
    screenshot("decision-stale-390")
    assert Decision.objects.filter(candidate=candidate).count() == 1

    page.get_by_role("button", name="Record decision").click()
    page.get_by_text("Decision recorded: Hire.").wait_for()
    assert Decision.objects.filter(candidate=candidate).count() == 2
