"""The packet's trust section: uncertainty, calibrated view and anchoring notes."""

from __future__ import annotations

import dataclasses

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from scorecards.packets.load import load_packet
from scorecards.packets.trust import packet_trust
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


def test_three_scorecards_get_a_reproducible_range_around_the_packets_score(candidate, panel):
    scored(candidate, panel["users"])
    packet = load_packet(candidate)
    trust = packet_trust(candidate, packet=packet)
    u = trust["uncertainty"]
    assert u.reported and u.scorecards == 3
    assert u.estimate == pytest.approx(packet.aggregate.overall)
    assert u.low <= u.estimate <= u.high
    assert packet_trust(candidate)["uncertainty"] == u
    html = render(trust)
    assert f"likely between <strong>{u.low:.2f}</strong> and <strong>{u.high:.2f}</strong>" in html


def test_two_scorecards_say_too_few_scorecards_and_show_no_range(candidate, panel):
    scored(candidate, panel["users"], names=("hot", "steady"))
    trust = packet_trust(candidate)
    assert not trust["uncertainty"].reported
    html = render(trust)
    assert "Too few scorecards" in html
    assert "likely between" not in html


def test_the_calibrated_view_takes_the_hot_interviewers_point_off_beside_the_raw_score(
    candidate, panel
):
    scored(candidate, panel["users"])
    cal = packet_trust(candidate)["calibrated"]
    rows = {row.scorecard.interviewer: row for row in cal.rows}
    hot = rows["Hot Rater"]
    # 48 deviations of +1 from the history and 1, .5, 1, .5 on this candidate (others' means
    # 2, 2.5, 2, 2.5): the leniency is measured on every submitted rating of the role.
    assert hot.leniency.mean == pytest.approx(51 / 52)
    assert (hot.raw, hot.calibrated) == (pytest.approx(3.0), pytest.approx(3 - 51 / 52))
    # The two others run cold on this history: their ratings go up.
    assert rows["Steady Rater"].calibrated > rows["Steady Rater"].raw
    assert cal.raw_overall == pytest.approx(load_packet(candidate).aggregate.overall)
    html = render(packet_trust(candidate))
    assert "The raw score above stays the candidate's score." in html
    assert "+0.98" in html


def test_a_panel_of_hot_raters_gets_a_lower_calibrated_overall(candidate, panel):
    scored(candidate, panel["users"], names=("hot",))
    cal = packet_trust(candidate)["calibrated"]
    assert cal.raw_overall == pytest.approx(3.0)
    assert cal.calibrated_overall == pytest.approx(3 - cal.rows[0].leniency.mean)
    assert cal.shift < -0.9


def test_interviewers_without_enough_history_are_left_unadjusted(candidate, role, interviewer):
    history(role, candidates=2)  # 8 shared ratings each: not enough
    users = {u.username: u for u in type(interviewer).objects.filter(username__in=["hot"])}
    submitted_scorecard(candidate, users["hot"], [3, 3, 3, 3])
    cal = packet_trust(candidate)["calibrated"]
    assert cal.adjusted_count == 0
    assert cal.rows[0].raw == cal.rows[0].calibrated
    assert "nothing was adjusted" in render(packet_trust(candidate))


def test_only_the_roles_hiring_managers_see_the_calibrated_view(
    candidate, panel, hiring_manager, recruiter
):
    scored(candidate, panel["users"])
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


def test_no_scorecards_give_too_few_and_nothing_else(candidate):
    trust = packet_trust(candidate)
    assert not trust["uncertainty"].reported
    assert trust["calibrated"] is None and trust["anchoring"] == []
    assert "Too few scorecards" in render(trust)


def test_the_trust_section_adds_three_queries_to_a_loaded_packet(
    candidate, panel, django_assert_num_queries
):
    scored(candidate, panel["users"])
    packet = load_packet(candidate)
    # the scorecards' interviewers, the role's submitted ratings, the candidate's revisions.
    with django_assert_num_queries(3):
        packet_trust(candidate, packet=packet)
