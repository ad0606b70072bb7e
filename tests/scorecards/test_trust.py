"""The packet's trust section: the stored model's interval, calibrated view, anchoring notes."""

from __future__ import annotations

import dataclasses
import io

import pytest
from django.template.loader import render_to_string
from django.utils import timezone
from pypdf import PdfReader

from scorecards.packets.load import load_packet
from scorecards.packets.trust import packet_trust
from scorecards.services.packet_pdfs import packet_pdf
from scorecards.services.role_fits import role_fit_refresh
from scorecards.services.scorecards import scorecard_amend, scorecard_data_of
from tests.scorecards.calibration_fixtures import history
from tests.scorecards.packet_fixtures import submitted_scorecard

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(role):
    return history(role)


def scored(candidate, users, names=("hot", "steady", "even")):
    values = {"hot": [3, 3, 3, 3], "steady": [2, 2, 2, 2], "even": [2, 3, 2, 3]}
    return [
        submitted_scorecard(candidate, users[name], values[name], evidence="Seen.")
        for name in names
    ]


def render(trust) -> str:
    return render_to_string("scorecards/packet/_trust.html", {"trust": trust})


def fitted(role):
    return role_fit_refresh(role=role)


def test_a_fitted_role_gives_the_packet_an_interval_around_its_score(candidate, panel):
    scored(candidate, panel["users"])
    fitted(candidate.role)
    packet = load_packet(candidate)
    trust = packet_trust(candidate, packet=packet)
    u = trust["figures"].raw
    assert u.reported
    assert u.estimate == pytest.approx(packet.aggregate.overall)
    assert 1 <= u.low < u.estimate < u.high <= 4
    assert 0 < trust["figures"].reliability < 1
    assert packet_trust(candidate)["figures"].raw == u  # read from the stored fit: the same
    html = render(trust)
    assert f"likely between <strong>{u.low:.2f}</strong> and <strong>{u.high:.2f}</strong>" in html
    assert "a random panel of this role" in html
    assert "Figures last fitted" in html and "UTC" in html


def test_one_scorecard_still_gets_a_range_from_the_roles_model(candidate, panel):
    scored(candidate, panel["users"], names=("steady",))
    fitted(candidate.role)
    trust = packet_trust(candidate)
    assert trust["figures"].raw.reported  # the role's components say how noisy one card is
    assert trust["figures"].raw.width > 0.5  # one scorecard: a wide range, not none


def test_before_the_first_fit_the_packet_says_so_and_shows_no_range(candidate, panel):
    scored(candidate, panel["users"])
    trust = packet_trust(candidate)
    assert not trust["figures"].raw.reported
    assert trust["figures"].raw.reason.startswith("not fitted yet")
    html = render(trust)
    assert "No range yet" in html and "likely between" not in html


def test_the_calibrated_view_takes_each_interviewers_fitted_leniency_off(candidate, panel):
    scored(candidate, panel["users"])
    fitted(candidate.role)
    cal = packet_trust(candidate)["calibrated"]
    rows = {row.scorecard.interviewer: row for row in cal.rows}
    hot = rows["Hot Rater"]
    # The history: "hot" one point above the two others on every rating, so about +2/3
    # against the role's typical interviewer, and flagged.
    assert hot.leniency.estimate == pytest.approx(2 / 3, abs=0.05)
    assert hot.leniency.flag == "hot"
    # Their 3s read off their calibrated levels (the ordinal fit's): about the estimate lower,
    # as none of them is at the scale's end.
    assert hot.calibrated == pytest.approx(hot.leniency.calibration[2])
    assert hot.calibrated == pytest.approx(hot.raw - hot.leniency.estimate, abs=0.1)
    assert rows["Steady Rater"].calibrated > rows["Steady Rater"].raw  # runs cold: goes up
    assert cal.raw_overall == pytest.approx(load_packet(candidate).aggregate.overall)
    assert cal.interval.reported and cal.interval.low < cal.calibrated_overall < cal.interval.high
    html = render(packet_trust(candidate))
    assert "The raw score above stays the candidate's score." in html
    assert f"+{hot.leniency.estimate:.2f}" in html and "runs hot" in html


def test_a_panel_of_hot_raters_gets_a_lower_calibrated_overall(candidate, panel):
    scored(candidate, panel["users"], names=("hot",))
    fitted(candidate.role)
    cal = packet_trust(candidate)["calibrated"]
    assert cal.raw_overall == pytest.approx(3.0)
    assert cal.calibrated_overall == pytest.approx(cal.rows[0].leniency.calibration[2])
    assert cal.calibrated_overall == pytest.approx(3 - cal.rows[0].leniency.estimate, abs=0.1)
    assert cal.shift < -0.5


def test_thin_history_is_shrunk_toward_no_adjustment(candidate, role, interviewer):
    history(role, candidates=2)
    users = {u.username: u for u in type(interviewer).objects.filter(username__in=["hot"])}
    submitted_scorecard(candidate, users["hot"], [3, 3, 3, 3])
    fitted(role)
    cal = packet_trust(candidate)["calibrated"]
    row = cal.rows[0]
    assert row.leniency.flag is None  # two candidates: the interval holds 0
    assert abs(row.leniency.estimate) < abs(row.leniency.raw)  # shrunk: less than raw
    # Their 3s are worth less than a 3 (taken off on the latent scale, where a hot
    # interviewer's lean is larger than on the clipped 1-4 scale).
    assert row.calibrated < row.raw


def test_only_the_roles_hiring_managers_see_the_calibrated_view(
    candidate, panel, hiring_manager, recruiter
):
    scored(candidate, panel["users"])
    fitted(candidate.role)
    assert packet_trust(candidate, viewer=hiring_manager)["calibrated"] is not None
    hot = panel["users"]["hot"]
    for viewer in (recruiter, hot):
        trust = packet_trust(candidate, viewer=viewer)
        assert trust["calibrated"] is None
        assert "Calibrated view" not in render(trust)


def test_an_amendment_after_reading_the_others_is_flagged_with_the_change(candidate, panel):
    steady, *_ = scored(candidate, panel["users"], names=("steady", "hot", "even"))
    steady.others_first_read_at = timezone.now()
    steady.save(update_fields=["others_first_read_at"])
    data = scorecard_data_of(steady)
    first = steady.kit.dimensions.order_by("position").first()
    data.ratings[first.pk] = dataclasses.replace(data.ratings[first.pk], value=3)
    scorecard_amend(
        scorecard=steady, data=data, reason="On reflection.", by=steady.interview.interviewer
    )
    notes = packet_trust(candidate)["anchoring"]
    assert len(notes) == 1
    assert notes[0].interviewer == "Steady Rater"
    assert notes[0].changes == ("Dimension 1: No (2) → Yes (3)",)
    html = render(packet_trust(candidate))
    assert "Changed after reading the others" in html
    assert "On reflection." in html
    # The one-page summary names who and which amendment, and sends to the packet for the rest.
    short = render_to_string(
        "scorecards/packet/_trust_summary.html", {"trust": packet_trust(candidate)}
    )
    assert "Changed after reading the others:</strong> Steady Rater (amendment 1)" in short


def test_an_amendment_before_reading_or_without_a_rating_change_is_not_flagged(candidate, panel):
    steady, *_ = scored(candidate, panel["users"], names=("steady", "hot", "even"))
    data = scorecard_data_of(steady)
    first = steady.kit.dimensions.order_by("position").first()
    data.ratings[first.pk] = dataclasses.replace(data.ratings[first.pk], value=3)
    scorecard_amend(scorecard=steady, data=data, reason="Typo.", by=steady.interview.interviewer)
    steady.refresh_from_db()
    steady.others_first_read_at = timezone.now()
    steady.save(update_fields=["others_first_read_at"])
    data = scorecard_data_of(steady)
    data.takeaways = "Clearer take-aways."
    scorecard_amend(scorecard=steady, data=data, reason="Wording.", by=steady.interview.interviewer)
    assert packet_trust(candidate)["anchoring"] == []


def test_no_scorecards_give_no_score_and_nothing_else(candidate):
    fitted(candidate.role)
    trust = packet_trust(candidate)
    assert not trust["figures"].raw.reported and trust["figures"].raw.estimate is None
    assert trust["calibrated"] is None and trust["anchoring"] == []
    assert "likely between" not in render(trust)


def test_the_trust_section_adds_four_queries_to_a_loaded_packet(
    candidate, panel, django_assert_num_queries
):
    scored(candidate, panel["users"])
    fitted(candidate.role)
    packet = load_packet(candidate)
    # The scorecards' interviewers, the role's fit and its rows for this panel, the candidate's
    # revisions: however many scorecards the role has, nothing is refitted here.
    with django_assert_num_queries(4):
        packet_trust(candidate, packet=packet)


def test_the_one_page_summary_stays_one_page_with_the_calibrated_view(
    candidate, panel, hiring_manager
):
    """The summary carries the short form (the range, the reliability, the calibrated overall):
    the packet's full calibrated view, its table and explanation, ran it onto a second page."""
    scored(candidate, panel["users"])
    fitted(candidate.role)
    trust = packet_trust(candidate, viewer=hiring_manager)
    cal, u = trust["calibrated"], trust["figures"].raw
    content = packet_pdf(candidate, kind="summary", for_user=hiring_manager)
    assert len(PdfReader(io.BytesIO(content)).pages) == 1
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages
    )
    assert f"likely between {u.low:.2f} and {u.high:.2f}" in text
    assert f"the score would be {cal.calibrated_overall:.2f}" in text
    assert "Figures last fitted" in text and "UTC" in text
