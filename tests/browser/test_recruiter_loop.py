"""The recruiter plans a candidate's loop in the browser: adds the candidate with the proposed
loop, changes an interviewer, reorders, sees the coverage warnings and chases an overdue
scorecard."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def loop_titles(page) -> list[str]:
    return page.locator("ol.loop h3").all_inner_texts()


def test_the_recruiter_plans_a_loop_and_chases_a_scorecard(
    page, screenshot, role, recruiter, interviewer, other_interviewer
):
    interviewer.email = "ivy@example.com"
    interviewer.save()
    log_in(page, "recruiter")
    # One role: the home goes straight to its candidates.
    page.get_by_role("heading", name="Staff Platform Engineer: candidates").wait_for()
    page.get_by_role("link", name="Add candidate").click()

    page.get_by_label("Name").fill("Ada Lovelace")
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Interviewer for System design").select_option(value=str(interviewer.pk))
    page.get_by_label("Time of System design").fill("2031-03-04T10:00")
    page.get_by_label("Interviewer for Behavioral").select_option(value=str(interviewer.pk))
    screenshot("recruiter-add-candidate")
    # The same interviewer twice: a warning to confirm before anything is saved.
    page.get_by_role("heading", name="Check these bookings").first.wait_for()
    page.get_by_label("Book anyway", exact=False).check()
    page.get_by_role("button", name="Add candidate").click()

    page.get_by_role("heading", name="Ada Lovelace").wait_for()
    expect(page.get_by_role("alert").or_(page.locator(".alert-success")).first).to_contain_text(
        "Ada Lovelace was added"
    )
    assert loop_titles(page) == ["System design", "Behavioral"]
    warning = page.locator("section[aria-labelledby=coverage-heading]")
    expect(warning).to_contain_text(
        "Covered by only one interview: Dimension 1 (40%), Dimension 2 (30%), "
        "Dimension 3 (20%), Dimension 4 (10%)"
    )

    # Another interviewer for the behavioral interview, held two days ago.
    held = timezone.localtime(timezone.now() - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Interviewer for Behavioral").select_option(value=str(other_interviewer.pk))
    page.get_by_label("Time of Behavioral", exact=True).fill(held)
    page.get_by_role("button", name="Save interviewer and time of Behavioral").click()
    expect(page.get_by_text("“Behavioral” was updated.")).to_be_visible()
    expect(page.get_by_label("Interviewer for Behavioral")).to_have_value(str(other_interviewer.pk))

    # Behavioral first.
    page.get_by_role("button", name="Move Behavioral up").click()
    page.get_by_role("button", name="Move Behavioral down").wait_for()
    assert loop_titles(page) == ["Behavioral", "System design"]
    expect(page.get_by_role("button", name="Move Behavioral up")).to_be_disabled()

    # Without the system design interview, two dimensions are not covered at all.
    page.get_by_role("button", name="Remove System design from the loop").click()
    expect(warning).to_contain_text(
        "Not covered by any interview: Dimension 1 (40%), Dimension 2 (30%)"
    )
    expect(warning).to_contain_text("Covered by only one interview: Dimension 3 (20%)")
    screenshot("recruiter-candidate-loop")

    # The behavioral scorecard is overdue: the list's panel chases it.
    page.get_by_role("link", name="Staff Platform Engineer: candidates").click()
    overdue = page.locator("section[aria-labelledby=overdue-heading]")
    expect(overdue).to_contain_text("Ada Lovelace")
    expect(page.locator("tbody").last).to_contain_text("Awaiting feedback")
    overdue.get_by_role("button", name=re.compile("Send reminder")).click()
    expect(page.get_by_text(re.compile("Reminder sent to"))).to_be_visible()
    expect(overdue).to_contain_text("Reminded at")
    screenshot("recruiter-candidate-list")
    # The calendar invitations went out when the loop was planned; the reminder is the last.
    sent = mail.outbox[-1]
    assert sent.to == ["other_interviewer@example.com"] or sent.to == [other_interviewer.email]
    assert "Ada Lovelace" in sent.subject and "Behavioral" in sent.subject


def test_the_hiring_manager_reads_the_loop_without_changing_it(
    page, screenshot, role, kit, candidate, hiring_manager, interviewer, other_interviewer
):
    from tests.scorecards.recruiting_fixtures import loop_for, submit

    design, behavioral = loop_for(candidate, kit, interviewer, hours_ago=30)
    submit(design, kit)
    log_in(page, "hiring_manager")  # a hiring manager's home is the packets board
    page.goto(f"/roles/{kit.role.slug}/candidates/")
    page.get_by_role("heading", name="Staff Platform Engineer: candidates").wait_for()
    expect(page.get_by_role("link", name="Add candidate")).to_have_count(0)
    expect(page.locator("section[aria-labelledby=overdue-heading]")).to_contain_text("Behavioral")
    expect(page.get_by_role("button", name=re.compile("Send reminder"))).to_have_count(0)
    page.get_by_role("link", name="Casey Candidate").first.click()
    page.get_by_role("heading", name="Casey Candidate").wait_for()
    expect(page.get_by_text("Scorecard: submitted")).to_be_visible()
    expect(page.locator(f"#interview-{behavioral.pk}")).to_contain_text("Overdue")
    expect(page.locator(f"#interview-{design.pk}")).not_to_contain_text("Overdue")
    expect(page.get_by_role("button", name=re.compile("Move"))).to_have_count(0)
    expect(page.get_by_role("link", name="Erase candidate")).to_have_count(0)
    screenshot("hiring-manager-candidate-loop")
