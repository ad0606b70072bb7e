"""The aggregation math (the formulas in scorecards/aggregation.py) against hand-computed cases."""

import pytest

from scorecards.aggregation import (
    KitDimension,
    ObservedSignalInput,
    ScorecardInput,
    aggregate,
    scorecard_score,
    to_percent,
)

KIT = [
    KitDimension("Design", 40),
    KitDimension("Operations", 30),
    KitDimension("Communication", 20),
    KitDimension("Coding", 10),
]
WEIGHTS = {d.name: d.weight for d in KIT}


def card(key, ratings, *, rec="yes", version=1, weights=WEIGHTS, signals=(), who=None):
    return ScorecardInput(
        key=key,
        interviewer=who or f"Interviewer {key}",
        kit_version=version,
        weights=weights,
        ratings=ratings,
        recommendation=rec,
        signals=signals,
    )


def test_a_scorecard_score_is_the_weighted_mean_of_its_ratings():
    # (40·4 + 30·2 + 20·3 + 10·1) / 100 = 290 / 100
    score = scorecard_score(
        {"Design": 4, "Operations": 2, "Communication": 3, "Coding": 1}, WEIGHTS
    )
    assert score == pytest.approx(2.9)
    assert to_percent(score) == pytest.approx(63.3333, abs=1e-3)


def test_a_not_assessed_dimension_drops_out_of_numerator_and_denominator():
    # Operations not assessed: (40·4 + 20·3 + 10·1) / 70 = 230 / 70
    score = scorecard_score(
        {"Design": 4, "Operations": None, "Communication": 3, "Coding": 1}, WEIGHTS
    )
    assert score == pytest.approx(230 / 70)


def test_a_scorecard_with_nothing_rated_has_no_score():
    assert scorecard_score({"Design": None}, WEIGHTS) is None
    assert to_percent(None) is None


def test_per_dimension_mean_n_min_max_and_disagreement():
    result = aggregate(
        [
            card(1, {"Design": 4, "Operations": 3, "Communication": 2}),
            card(2, {"Design": 2, "Operations": 3, "Communication": None}),
            card(3, {"Design": 3, "Operations": 4, "Communication": 3}),
        ],
        KIT,
    )
    design, ops, comms, coding = result.dimensions
    assert (design.mean, design.n, design.min, design.max) == (3.0, 3, 2, 4)
    assert design.spread == 2 and design.disagreement
    assert (ops.mean, ops.n, ops.spread, ops.disagreement) == (pytest.approx(10 / 3), 3, 1, False)
    assert (comms.mean, comms.n, comms.min, comms.max) == (2.5, 2, 2, 3)
    assert design.ratings == ((1, 4), (2, 2), (3, 3))
    assert comms.ratings == ((1, 2), (2, None), (3, 3))
    # Nobody rated Coding.
    assert (coding.mean, coding.n, coding.min, coding.max, coding.spread) == (
        None,
        0,
        None,
        None,
        None,
    )
    assert not coding.disagreement


def test_a_dimension_nobody_rated_leaves_the_overall_and_lowers_coverage():
    result = aggregate(
        [
            card(1, {"Design": 4, "Operations": 3, "Communication": 2, "Coding": None}),
            card(2, {"Design": 2, "Operations": 3, "Communication": None, "Coding": None}),
        ],
        KIT,
    )
    # means: Design 3, Operations 3, Communication 2; Coding unrated.
    # overall = (40·3 + 30·3 + 20·2) / 90 = 250 / 90
    assert result.overall == pytest.approx(250 / 90)
    assert result.overall_percent == pytest.approx((250 / 90 - 1) / 3 * 100)
    assert result.coverage == 90
    assert not result.full_coverage
    assert [d.name for d in result.thin_dimensions] == ["Communication", "Coding"]


def test_one_scorecard_is_the_score_and_leaves_every_dimension_thin():
    result = aggregate([card(7, {"Design": 4, "Operations": 1, "Communication": 3})], KIT)
    # overall = (160 + 30 + 60) / 90
    assert result.overall == pytest.approx(250 / 90)
    assert result.scorecard_scores == {7: pytest.approx(250 / 90)}
    assert result.coverage == 90
    assert not any(d.disagreement for d in result.dimensions)
    assert len(result.thin_dimensions) == 4
    assert result.scorecard_count == 1


def test_no_scorecards_means_no_score_and_no_coverage():
    result = aggregate([], KIT)
    assert result.overall is None and result.overall_percent is None
    assert result.coverage == 0
    assert [e.count for e in result.tally] == [0, 0, 0, 0]


def test_mixed_kit_versions_line_dimensions_up_by_name_and_weight_each_rating_by_its_version():
    v1 = {"Design": 50, "Operations": 30, "Legacy": 20}
    v2 = WEIGHTS  # Design 40, Operations 30, Communication 20, Coding 10
    result = aggregate(
        [
            card(1, {"Design": 4, "Operations": 2, "Legacy": 3}, version=1, weights=v1),
            card(2, {"Design": 2, "Operations": 4, "Communication": 3}, version=2, weights=v2),
        ],
        KIT,
    )
    names = [d.name for d in result.dimensions]
    assert names == ["Design", "Operations", "Communication", "Coding", "Legacy"]
    design, ops, comms, coding, legacy = result.dimensions
    # Design: (50·4 + 40·2) / 90 = 280/90, effective weight (50 + 40) / 2 = 45
    assert design.mean == pytest.approx(280 / 90)
    assert design.weight == 45
    assert design.kit_weight == 40
    # Operations: same weight in both versions, so the plain mean 3.
    assert (ops.mean, ops.weight) == (3, 30)
    assert (comms.mean, comms.weight, comms.n) == (3, 20, 1)
    assert (legacy.mean, legacy.weight, legacy.kit_weight) == (3, 20, None)
    assert not legacy.in_reference_kit
    # overall = (45·280/90 + 30·3 + 20·3 + 20·3) / (45 + 30 + 20 + 20) = (140 + 210) / 115
    assert result.overall == pytest.approx(350 / 115)
    # Coverage counts the reference kit only: Design, Operations, Communication = 90.
    assert result.coverage == 90
    # Each scorecard's own score uses its own version: (200 + 60 + 60) / 100 and (80+120+60)/90
    assert result.scorecard_scores == {1: pytest.approx(3.2), 2: pytest.approx(260 / 90)}
    # Legacy is not in the reference kit, so it raises no "fewer than 2 ratings" warning.
    assert "Legacy" not in [d.name for d in result.thin_dimensions]


def test_one_version_mixed_formula_equals_the_plain_formula():
    cards = [
        card(1, {"Design": 1, "Operations": 4, "Communication": 2, "Coding": 3}),
        card(2, {"Design": 3, "Operations": None, "Communication": 4, "Coding": 3}),
    ]
    result = aggregate(cards, KIT)
    means = {"Design": 2, "Operations": 4, "Communication": 3, "Coding": 3}
    expected = sum(WEIGHTS[d] * m for d, m in means.items()) / 100
    assert result.overall == pytest.approx(expected)
    assert result.coverage == 100 and result.full_coverage


def test_red_flags_keep_interviewer_and_evidence_and_other_signals_do_not_count():
    flag = ObservedSignalInput("red", "Blames others", "Blamed the on-call team", "Design")
    strong = ObservedSignalInput("strong", "Explains trade-offs", "")
    result = aggregate(
        [
            card(1, {"Design": 2}, signals=[flag, strong], who="Ann"),
            card(2, {"Design": 3}, signals=[strong], who="Bob"),
        ],
        KIT,
    )
    assert len(result.red_flags) == 1
    red = result.red_flags[0]
    assert (red.text, red.interviewer, red.note, red.dimension, red.scorecard) == (
        "Blames others",
        "Ann",
        "Blamed the on-call team",
        "Design",
        1,
    )


def test_the_recommendation_tally_counts_each_choice_and_knows_strong_no():
    result = aggregate(
        [
            card(1, {"Design": 1}, rec="strong-no"),
            card(2, {"Design": 3}, rec="yes"),
            card(3, {"Design": 3}, rec="yes"),
        ],
        KIT,
    )
    assert [(e.label, e.count) for e in result.tally] == [
        ("Strong no", 1),
        ("No", 0),
        ("Yes", 2),
        ("Strong yes", 0),
    ]
    assert result.strong_no == 1


def test_a_spread_of_one_is_not_disagreement_and_two_ratings_apart_is():
    close = aggregate([card(1, {"Design": 3}), card(2, {"Design": 4})], KIT).dimensions[0]
    far = aggregate([card(1, {"Design": 1}), card(2, {"Design": 3})], KIT).dimensions[0]
    assert not close.disagreement
    assert far.disagreement
