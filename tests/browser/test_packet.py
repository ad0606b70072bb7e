"""The hiring manager reads a packet in the browser and records a decision."""

import pytest

from interviewkit import personas
from scorecards.models import Decision
from tests.browser.conftest import log_in
from tests.factories import DecisionFactory, UserFactory
from tests.scorecards.packet_fixtures import draft_scorecard, panel, submitted_scorecard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_hiring_manager_opens_a_packet_and_records_a_decision(
    page, screenshot, hiring_manager, candidate, interviewer, other_interviewer
):
    interviewer.first_name, interviewer.last_name = "Ines", "Interviewer"
    interviewer.save()
    submitted_scorecard(
        candidate,
        interviewer,
        [4, 3, 2, 3],
        evidence="Sketched a sharded queue and explained the trade-offs.",
        takeaways="Clear thinker; <b>not</b> shy about unknowns.",
    )
    submitted_scorecard(
        candidate,
        other_interviewer,
        [2, 3, 3, None],
        recommendation="strong-no",
        red_flag_note="Blamed the on-call team for the outage.",
        evidence="Struggled with capacity numbers.",
    )
    draft_scorecard(candidate, UserFactory(username="late", persona=personas.INTERVIEWERS))

    log_in(page, "hiring_manager")
    page.get_by_role("link", name="Packets").click()
    page.get_by_role("link", name="Casey Candidate", exact=True).click()
    page.get_by_role("heading", name="Casey Candidate", level=1).wait_for()
    assert page.get_by_role("heading", name="Red flags (1)").is_visible()
    assert page.get_by_role("img", name="Ratings by dimension for Casey Candidate").is_visible()
    assert page.get_by_text("Disagreement", exact=True).first.is_visible()
    assert page.get_by_text("Clear thinker; <b>not</b> shy about unknowns.").is_visible()
    screenshot("packet-before-decision")

    page.get_by_label("Hold").check()
    page.get_by_label("Rationale").fill(
        "Strong design, but a Strong no on ownership: one more loop."
    )
    page.get_by_role("button", name="Record decision").click()
    page.get_by_text("Decision recorded: Hold.").wait_for()
    assert page.get_by_text("(current)").is_visible()
    decision = Decision.objects.get(candidate=candidate)
    assert (decision.outcome, decision.decided_by_id) == ("hold", hiring_manager.pk)
    page.get_by_role("heading", name="Decision", exact=True).scroll_into_view_if_needed()
    screenshot("packet-after-decision")


def test_a_recruiter_reads_a_six_interviewer_packet_without_a_decision_form(
    page, screenshot, recruiter, candidate
):
    panel(candidate, 6)
    DecisionFactory(candidate=candidate, outcome="hire", rationale="Unanimous on design.")
    log_in(page, "recruiter")
    page.goto(f"/candidates/{candidate.pk}/packet/")
    page.get_by_role("heading", name="Casey Candidate", level=1).wait_for()
    assert page.get_by_text("Unanimous on design.").is_visible()
    assert page.get_by_role("button", name="Record decision").count() == 0
    assert page.get_by_role("heading", name="Red flags (6)").is_visible()
    screenshot("packet-six-interviewers-recruiter")
