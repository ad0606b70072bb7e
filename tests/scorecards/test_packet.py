"""The packet page: who may read it, what it shows, and how many queries it takes."""

import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertTemplateUsed

from interviewkit import personas
from interviewkit.models import AuditEvent
from scorecards.models import Decision, Scorecard
from tests.factories import DecisionFactory, UserFactory
from tests.scorecards.packet_fixtures import (
    draft_scorecard,
    panel,
    submitted_scorecard,
)

pytestmark = pytest.mark.django_db


def packet_url(candidate):
    return reverse("scorecards:packet", args=[candidate.pk])


# --- who may read it -------------------------------------------------------------------------


def test_an_interviewer_who_has_not_submitted_gets_404(client, scored_candidate):
    late = UserFactory(username="late", persona=personas.INTERVIEWERS)
    draft_scorecard(scored_candidate, late)
    client.force_login(late)
    response = client.get(packet_url(scored_candidate))
    assert response.status_code == 404
    assert b"Blamed the on-call team" not in response.content


def test_an_interviewer_who_submitted_reads_the_packet_and_is_marked_as_having_read(
    client, interviewer, scored_candidate
):
    client.force_login(interviewer)
    response = client.get(packet_url(scored_candidate))
    assert response.status_code == 200
    assert b"Blamed the on-call team" in response.content
    mine = Scorecard.objects.get(interview__interviewer=interviewer)
    assert mine.others_first_read_at is not None


# --- what it shows ---------------------------------------------------------------------------


def test_the_packet_shows_score_coverage_red_flags_chart_table_tally_and_warnings(
    client, hiring_manager, scored_candidate
):
    draft_scorecard(scored_candidate, UserFactory(username="late", first_name="Lou"))
    client.force_login(hiring_manager)
    html = client.get(packet_url(scored_candidate)).content.decode()
    # Dimension means 3, 3, 2 over weights 40, 30, 20: (120 + 90 + 40) / 90 = 2.78 = 59 %.
    assert "2.78" in html and "59 %" in html
    assert "90 %" in html  # coverage: Dimension 4 (10 %) unrated
    assert html.index("Red flags (1)") < html.index("Ratings across interviewers")
    assert "Blamed the on-call team for the outage." in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="ratings-chart" role="img"' in html
    assert "Disagreement" in html  # Dimension 1 rated 4 and 2
    assert "Strong no:</strong> 1 interviewer" in html
    assert "Coverage is 90%: nobody rated Dimension 4." in html
    assert "Fewer than 2 ratings: Dimension 3 (1 rating), Dimension 4 (none)." in html
    assert "1 scorecard is still missing" in html
    assert "Walked through the design." in html  # each scorecard in full
    assert "Appendix" in html


def test_only_submitted_scorecards_count(client, hiring_manager, scored_candidate):
    draft = draft_scorecard(scored_candidate, UserFactory(username="late"), values=(1, 1, 1, 1))
    draft.ratings.update(evidence="Draft evidence nobody should see")
    client.force_login(hiring_manager)
    html = client.get(packet_url(scored_candidate)).content.decode()
    assert "Draft evidence nobody should see" not in html
    assert "2.78" in html


def test_user_text_is_escaped_on_the_page(client, hiring_manager, candidate, interviewer):
    nasty = '<script>alert(1)</script><img src="file:///etc/passwd"> https://evil.example/x.png'
    submitted_scorecard(
        candidate, interviewer, [4, 3, 3, 3], evidence=nasty, red_flag_note=nasty, takeaways=nasty
    )
    client.force_login(hiring_manager)
    html = client.get(packet_url(candidate)).content.decode()
    assert "<script>alert(1)" not in html
    assert '<img src="file:///etc/passwd">' not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html


def test_the_page_shows_how_far_to_trust_the_score(client, hiring_manager, scored_candidate):
    client.force_login(hiring_manager)
    response = client.get(packet_url(scored_candidate))
    assert response.context["trust"]["figures"].raw.estimate is not None
    assertTemplateUsed(response, "scorecards/packet/_trust.html")


# --- query counts ----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 6])
def test_the_packet_page_takes_the_same_queries_for_2_and_6_scorecards(
    client, hiring_manager, candidate, count, django_assert_num_queries
):
    panel(candidate, count)
    DecisionFactory(candidate=candidate, decided_by=hiring_manager)
    client.force_login(hiring_manager)
    # 1 session, 2 user, 3 persona groups;
    # candidate_for_panel: 4 the candidate with its role, 5 the reader's rights on the role
    # (manager, recruiter, interviewer: one query, then kept for the decision form and trust);
    # 6 update of the reader's "first read the panel" marker (none here: not an interviewer);
    # load_packet: 7 interviews with interviewer, exercise and scorecard, 8 ratings with
    # dimensions, 9 observed signals with signals, 10 the role's kit versions, 11 their
    # dimensions, 12 decisions with who decided, 13 amended scorecards;
    # trust: 14 the scorecards' interviewer ids, 15 the role's submitted ratings (calibrated
    # view), 16 revisions.
    with django_assert_num_queries(PACKET_PAGE_QUERIES):
        response = client.get(packet_url(candidate))
    assert response.status_code == 200
    assert response.content.decode().count('class="scorecard-full"') == count


PACKET_PAGE_QUERIES = 16


# --- decisions -------------------------------------------------------------------------------


def decision_url(candidate):
    return reverse("scorecards:packet-decision", args=[candidate.pk])


def test_the_hiring_manager_records_a_decision_and_it_is_audited(
    client, hiring_manager, scored_candidate
):
    client.force_login(hiring_manager)
    response = client.post(
        decision_url(scored_candidate), {"outcome": "hold", "rationale": "One more loop."}
    )
    assert response.status_code == 302
    assert response["Location"] == packet_url(scored_candidate)
    decision = Decision.objects.get(candidate=scored_candidate)
    assert (decision.outcome, decision.rationale, decision.decided_by) == (
        "hold",
        "One more loop.",
        hiring_manager,
    )
    event = AuditEvent.objects.get(action="decision.record")
    assert event.actor == hiring_manager and event.detail["outcome"] == "hold"


def test_a_revised_decision_keeps_the_history(client, hiring_manager, scored_candidate):
    client.force_login(hiring_manager)
    client.post(decision_url(scored_candidate), {"outcome": "hold", "rationale": "Wait."})
    client.post(decision_url(scored_candidate), {"outcome": "hire", "rationale": "Go."})
    html = client.get(packet_url(scored_candidate)).content.decode()
    assert Decision.objects.filter(candidate=scored_candidate).count() == 2
    assert html.index("Go.") < html.index("Wait.")
    assert "(current)" in html


def test_a_decision_without_rationale_is_refused_and_keeps_the_choice(
    client, hiring_manager, scored_candidate
):
    client.force_login(hiring_manager)
    response = client.post(decision_url(scored_candidate), {"outcome": "no-hire", "rationale": " "})
    assert response.status_code == 400
    assert not Decision.objects.exists()
    assert response.context["form"]["outcome"].value() == "no-hire"
    assert "This field is required." in response.content.decode()


def test_an_empty_decision_lists_its_errors_at_the_top_linked_to_the_fields(
    client, hiring_manager, scored_candidate
):
    client.force_login(hiring_manager)
    response = client.post(decision_url(scored_candidate), {"outcome": "", "rationale": ""})
    html = response.content.decode()
    assert response.status_code == 400
    summary = html[
        html.index("data-error-summary") : html.index("</div>", html.index("data-error-summary"))
    ]
    assert (
        'tabindex="-1"'
        in html[html.index("error-summary") - 200 : html.index("data-error-summary")]
    )
    assert html.index("data-error-summary") < html.index('id="decision"')
    assert 'href="#id_outcome_0"' in summary and 'href="#id_rationale"' in summary
    assert "Decision: This field is required." in summary
    textarea = re.search(r"<textarea[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in textarea and 'aria-describedby="' in textarea
    assert "id_rationale_error" in textarea and 'id="id_rationale_error"' in html
    radio = re.search(r'<input[^>]*id="id_outcome_0"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in radio


def test_a_decision_on_no_scorecard_warns_and_asks_keeping_the_choice_and_note(
    client, hiring_manager, candidate
):
    client.force_login(hiring_manager)
    page = client.get(packet_url(candidate)).content.decode()
    assert "No scorecard has been submitted for" in page and 'name="without_scorecards"' in page
    body = {"outcome": "no-hire", "rationale": "Not a fit on paper."}
    response = client.post(decision_url(candidate), body)
    html = response.content.decode()
    assert response.status_code == 400 and not Decision.objects.exists()
    assert 'href="#id_without_scorecards"' in html
    assert response.context["form"]["outcome"].value() == "no-hire"
    assert "Not a fit on paper." in html
    response = client.post(decision_url(candidate), {**body, "without_scorecards": "on"})
    assert response.status_code == 302
    assert Decision.objects.get().outcome == "no-hire"


def test_with_scorecards_the_decision_asks_no_confirmation(
    client, hiring_manager, scored_candidate
):
    client.force_login(hiring_manager)
    assert (
        'name="without_scorecards"' not in client.get(packet_url(scored_candidate)).content.decode()
    )


def test_recruiters_see_the_decision_but_get_403_on_post(client, recruiter, scored_candidate):
    DecisionFactory(candidate=scored_candidate, outcome="hire", rationale="Great panel.")
    client.force_login(recruiter)
    html = client.get(packet_url(scored_candidate)).content.decode()
    assert "Great panel." in html
    assert 'name="rationale"' not in html
    response = client.post(decision_url(scored_candidate), {"outcome": "hold", "rationale": "x"})
    assert response.status_code == 403
    assert Decision.objects.count() == 1


def test_interviewers_and_outsiders_cannot_decide(client, interviewer, outsider, scored_candidate):
    client.force_login(interviewer)
    data = {"outcome": "hire", "rationale": "x"}
    assert client.post(decision_url(scored_candidate), data).status_code == 403
    client.force_login(outsider)
    assert client.post(decision_url(scored_candidate), data).status_code == 404
    assert not Decision.objects.exists()


def test_anonymous_post_is_told_it_was_logged_out(client, scored_candidate):
    response = client.post(decision_url(scored_candidate), {"outcome": "hire", "rationale": "x"})
    assert response.status_code == 401
    assert not Decision.objects.exists()


def test_deciding_needs_post(client, hiring_manager, scored_candidate):
    client.force_login(hiring_manager)
    assert client.get(decision_url(scored_candidate)).status_code == 405


# --- the packet list (the manager's board: tests/scorecards/test_packet_board.py) ------------


def test_the_packet_list_shows_the_teams_candidates_only(
    client, hiring_manager, outsider, scored_candidate
):
    DecisionFactory(candidate=scored_candidate, outcome="no-hire")
    client.force_login(hiring_manager)
    html = client.get(reverse("scorecards:packet-list"), {"state": "all"}).content.decode()
    assert "Casey Candidate" in html and "2 of 2 scorecards in" in html and "No hire" in html
    client.force_login(outsider)
    html = client.get(reverse("scorecards:packet-list")).content.decode()
    assert "Casey Candidate" not in html
    assert "not on any role" in html
