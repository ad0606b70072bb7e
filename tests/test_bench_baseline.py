"""The simulation's baseline (bench/baseline.py), the figures the app showed before the role
model, against hand-computed values: the co-panelist leniency, the bootstrap interval and the
calibrated view built on them."""

from __future__ import annotations

import math

import numpy as np
import pytest

from bench import baseline as calibration
from bench.baseline import TOO_FEW_SCORECARDS, Leniency
from scorecards import aggregation
from scorecards.calibration.stats import NOT_ENOUGH_DATA, ratings_table


def table(rows):
    return ratings_table(rows)


# --- leniency --------------------------------------------------------------------------------


def test_each_deviation_is_the_rating_minus_the_mean_of_the_other_interviewers():
    # One candidate, one dimension: 4, 2, 3. Others' means: 2.5, 3.5, 3.
    who, dev = calibration.deviations(table([(1, "A", 10, 4), (1, "A", 20, 2), (1, "A", 30, 3)]))
    assert dict(zip(who.tolist(), dev.tolist(), strict=True)) == {10: 1.5, 20: -1.5, 30: 0.0}


def test_a_rating_nobody_else_gave_has_no_deviation():
    rows = [(1, "A", 10, 4), (1, "B", 20, 2), (2, "A", 10, 3), (2, "A", 20, 1)]
    who, dev = calibration.deviations(table(rows))
    assert sorted(zip(who.tolist(), dev.tolist(), strict=True)) == [(10, 2.0), (20, -2.0)]


def test_the_same_interviewer_twice_on_a_candidate_is_not_their_own_panel():
    # Interviewer 10 rated candidate 1 twice (two interviews); only 20 is "the others".
    rows = [(1, "A", 10, 4), (1, "A", 10, 2), (1, "A", 20, 2)]
    who, dev = calibration.deviations(table(rows))
    assert sorted(zip(who.tolist(), dev.tolist(), strict=True)) == [
        (10, 0.0),
        (10, 2.0),
        (20, -1.0),
    ]


def test_an_interviewer_always_one_point_above_the_panel_is_found_to_be_plus_one():
    rows = []
    for c in range(12):
        for d in ("A", "B"):
            base = 1 + (c + len(d)) % 3
            rows += [(c, d, 1, base + 1), (c, d, 2, base), (c, d, 3, base)]
    result = calibration.leniency(table(rows))
    assert result[1].mean == pytest.approx(1.0)
    assert (result[1].low, result[1].high) == (pytest.approx(1.0), pytest.approx(1.0))
    assert result[1].n == 24
    assert result[1].reading.startswith("runs hot")
    # The two others are each half a point below the mean of the other two.
    assert result[2].mean == pytest.approx(-0.5)
    assert result[2].reading.startswith("runs cold")


def test_the_interval_is_a_t_interval_over_the_deviations():
    # Interviewer 1 against a single other rater: deviations 1,0,1,0,… (n = 10).
    rows = []
    for c in range(10):
        rows += [(c, "A", 1, 3 if c % 2 == 0 else 2), (c, "A", 2, 2)]
    lenient = calibration.leniency(table(rows))[1]
    deviations = np.array([1.0, 0.0] * 5)
    half = 2.262157 * deviations.std(ddof=1) / math.sqrt(10)  # t(0.975, 9) = 2.262157
    assert lenient.mean == pytest.approx(0.5)
    assert lenient.low == pytest.approx(0.5 - half, abs=1e-4)
    assert lenient.high == pytest.approx(0.5 + half, abs=1e-4)


def test_too_few_shared_ratings_give_not_enough_data_never_a_number():
    rows = []
    for c in range(9):  # 9 shared ratings: one short of the minimum of 10
        rows += [(c, "A", 1, 4), (c, "A", 2, 1)]
    lenient = calibration.leniency(table(rows))[1]
    assert lenient.n == 9
    assert (lenient.mean, lenient.low, lenient.high) == (None, None, None)
    assert not lenient.reported
    assert lenient.reading.startswith(NOT_ENOUGH_DATA)
    assert lenient.as_json()["leniency"] is None and lenient.as_json()["interval"] is None


def test_an_interviewer_who_never_shares_a_candidate_gets_an_entry_with_n_zero():
    result = calibration.leniency(table([(1, "A", 7, 3), (2, "A", 8, 2)]))
    assert result == {7: Leniency(7, 0), 8: Leniency(8, 0)}


def test_no_ratings_give_no_leniencies():
    assert calibration.leniency(table([])) == {}


# --- a packet's uncertainty and calibrated view ----------------------------------------------

NAN = np.nan


def test_the_overall_score_is_the_packets_aggregation_even_with_mixed_kit_versions():
    ratings = np.array([[4, 3, NAN], [2, NAN, 1], [3, 3, 4]], dtype=float)
    weights = np.array([[50, 30, 20], [40, 40, 20], [50, 30, 20]], dtype=float)
    names = ["A", "B", "C"]
    inputs = [
        aggregation.ScorecardInput(
            key=s,
            interviewer=f"i{s}",
            kit_version=1 + (s == 1),
            weights={n: int(weights[s, d]) for d, n in enumerate(names)},
            ratings={
                n: None if np.isnan(ratings[s, d]) else int(ratings[s, d])
                for d, n in enumerate(names)
            },
        )
        for s in range(3)
    ]
    expected = aggregation.aggregate(inputs, [aggregation.KitDimension(n, 1) for n in names])
    assert calibration.panel_overall(ratings, weights) == pytest.approx(expected.overall)


def test_the_overall_score_by_hand():
    # Weights 60/40; A rated 4 and 2 (mean 3), B rated 1 once: (60·3 + 40·1) / 100 = 2.2.
    ratings = np.array([[4, 1], [2, NAN]], dtype=float)
    weights = np.array([[60, 40], [60, 40]], dtype=float)
    assert calibration.panel_overall(ratings, weights) == pytest.approx(2.2)


def test_the_bootstrap_is_reproducible_and_brackets_the_score():
    ratings = np.array([[4, 3], [2, 2], [3, 4], [1, 2], [3, 3]], dtype=float)
    weights = np.full(ratings.shape, 50.0)
    first = calibration.bootstrap_overall(ratings, weights)
    second = calibration.bootstrap_overall(ratings, weights)
    assert first == second
    assert first.reported
    assert first.low < first.estimate < first.high
    assert first.low >= 1 and first.high <= 4
    # The seed is what fixes it: other seeds draw other resamples.
    few = [
        calibration.bootstrap_overall(ratings, weights, samples=30, seed=seed) for seed in (1, 2, 3)
    ]
    assert len({(u.low, u.high) for u in few}) > 1


def test_a_unanimous_panel_has_no_spread():
    ratings = np.array([[3, 2]] * 4, dtype=float)
    weights = np.full(ratings.shape, 50.0)
    result = calibration.bootstrap_overall(ratings, weights)
    assert (result.low, result.estimate, result.high) == (2.5, 2.5, 2.5)


def test_fewer_than_three_scorecards_give_too_few_scorecards_never_an_interval():
    ratings = np.array([[4, 3], [1, 2]], dtype=float)
    result = calibration.bootstrap_overall(ratings, np.full(ratings.shape, 50.0))
    assert not result.reported
    assert (result.low, result.high) == (None, None)
    assert result.reason.startswith(TOO_FEW_SCORECARDS)
    assert result.estimate == pytest.approx(2.5)  # the score itself is still the packet's
    assert result.as_json()["interval"] is None


def test_calibrated_ratings_take_off_reported_leniency_only_and_stay_within_1_to_4():
    ratings = np.array([[4, 3], [1, NAN], [2, 2]], dtype=float)
    lenient = {
        1: Leniency(1, 20, 0.5, 0.3, 0.7),
        2: Leniency(2, 20, -0.5, -0.7, -0.3),
        3: Leniency(3, 4),  # not enough data: unchanged
    }
    adjusted, adjustment = calibration.calibrated_ratings(ratings, [1, 2, 3], lenient)
    assert adjustment.tolist() == [0.5, -0.5, 0.0]
    np.testing.assert_array_equal(adjusted, [[3.5, 2.5], [1.5, NAN], [2, 2]])
    top = calibration.calibrated_ratings(np.array([[4.0]]), [2], lenient)[0]
    assert top.tolist() == [[4.0]]  # 4.5 is held at 4


def test_the_calibrated_panel_recomputes_the_overall_beside_the_raw_one():
    ratings = np.array([[4, 4], [2, 2]], dtype=float)
    weights = np.full(ratings.shape, 50.0)
    panel = calibration.calibrated_panel(
        ratings, weights, [1, 2], {1: Leniency(1, 30, 1.0, 0.8, 1.2)}
    )
    assert panel.raw_overall == pytest.approx(3.0)
    assert panel.calibrated_overall == pytest.approx(2.5)
    assert panel.adjustments == (1.0, 0.0)
