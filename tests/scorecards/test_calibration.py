"""The calibration statistics against hand-computed values and the krippendorff package; the
leniency they present is the role model's (tests/scorecards/test_role_model.py)."""

from __future__ import annotations

import math

import krippendorff
import numpy as np
import pytest

from scorecards import role_model
from scorecards.calibration import stats as calibration
from scorecards.calibration.stats import (
    NOT_ENOUGH_DATA,
    Reliability,
    pooled_leniency,
    ratings_table,
)


def table(rows):
    return ratings_table(rows)


# --- reliability -----------------------------------------------------------------------------

# Krippendorff's own example (3 coders, 15 units), as (coder, unit) → value.
KRIPPENDORFF_EXAMPLE = [
    [np.nan, np.nan, np.nan, np.nan, np.nan, 3, 4, 1, 2, 1, 1, 3, 3, np.nan, 3],
    [1, np.nan, 2, 1, 3, 3, 4, 3, np.nan, np.nan, np.nan, np.nan, np.nan, np.nan, np.nan],
    [np.nan, np.nan, 2, 1, 3, 4, 4, np.nan, 2, 1, 1, 3, 3, np.nan, 4],
]


def rows_from_matrix(matrix, dimension="A"):
    return [
        (unit, dimension, rater, value)
        for rater, values in enumerate(matrix)
        for unit, value in enumerate(values)
        if not np.isnan(value)
    ]


def test_alpha_is_the_krippendorff_packages_ordinal_alpha():
    result = calibration.reliability(table(rows_from_matrix(KRIPPENDORFF_EXAMPLE)))
    expected = krippendorff.alpha(
        reliability_data=KRIPPENDORFF_EXAMPLE,
        level_of_measurement="ordinal",
        value_domain=[1, 2, 3, 4],
    )
    assert result.alpha == pytest.approx(expected)
    # 12 units have two or more ratings, with 26 ratings between them.
    assert (result.units, result.candidates, result.ratings) == (12, 12, 26)


def test_the_calibration_pages_alpha_is_the_role_models():
    # One definition: the pages' reliability and the role model's agreement give one alpha and
    # count the same units, candidates and ratings.
    rows = rows_from_matrix(KRIPPENDORFF_EXAMPLE)
    pages = calibration.reliability(table(rows))
    model = role_model.agreement(
        role_model.ratings_from_rows(
            [(c, k, rater, d, v) for k, (c, d, rater, v) in enumerate(rows)]
        ),
        resamples=0,
    )
    assert pages.alpha == pytest.approx(model.alpha)
    assert (pages.units, pages.candidates, pages.ratings) == (
        model.units,
        model.candidates,
        model.ratings,
    )


def test_units_are_candidate_and_dimension_and_raters_are_interviewers():
    # Two dimensions of six candidates: 12 units; rater 2 differs on dimension B only.
    rows = []
    for c in range(6):
        rows += [(c, "A", 1, 1 + c % 4), (c, "A", 2, 1 + c % 4)]
        rows += [(c, "B", 1, 1 + c % 4), (c, "B", 2, 1 + (c + 1) % 4)]
    data = np.array(
        [
            [1 + c % 4 for c in range(6)] + [1 + c % 4 for c in range(6)],
            [1 + c % 4 for c in range(6)] + [1 + (c + 1) % 4 for c in range(6)],
        ],
        dtype=float,
    )
    result = calibration.reliability(table(rows))
    expected = krippendorff.alpha(
        reliability_data=data, level_of_measurement="ordinal", value_domain=[1, 2, 3, 4]
    )
    assert result.alpha == pytest.approx(expected)
    assert (result.units, result.candidates, result.ratings) == (12, 6, 24)
    by_dimension = calibration.reliability_by_dimension(table(rows))
    assert by_dimension["A"].alpha is None  # 6 units: fewer than 10
    assert "not enough data" in by_dimension["A"].reading


def test_perfect_agreement_is_one_and_reads_good():
    rows = [(c, "A", r, 1 + c % 4) for c in range(12) for r in (1, 2, 3)]
    result = calibration.reliability(table(rows))
    assert result.alpha == pytest.approx(1.0)
    assert result.level == "good"
    assert result.reading.startswith("Good agreement")


def test_too_few_shared_units_give_not_enough_data_never_a_number():
    rows = [(c, "A", r, 1 + (c + r) % 4) for c in range(9) for r in (1, 2)]
    result = calibration.reliability(table(rows))
    assert result.alpha is None
    assert result.level == "none"
    assert result.reading.startswith(NOT_ENOUGH_DATA)
    assert "only 9" in result.reading
    assert result.as_json()["alpha"] is None


def test_ratings_all_at_one_level_give_not_enough_data():
    rows = [(c, "A", r, 3) for c in range(12) for r in (1, 2)]
    result = calibration.reliability(table(rows))
    assert result.alpha is None
    assert "same level" in result.reading


def test_no_ratings_give_not_enough_data():
    assert calibration.reliability(table([])).alpha is None


@pytest.mark.parametrize(
    "alpha,level",
    [(0.95, "good"), (0.8, "good"), (0.79, "tentative"), (0.667, "tentative"), (0.5, "low"),
     (-0.2, "low")],
)  # fmt: skip
def test_the_plain_reading_follows_krippendorffs_thresholds(alpha, level):
    assert Reliability(alpha, 10, 20, 10).level == level


# --- interviewer summaries -------------------------------------------------------------------


def test_an_interviewer_summary_counts_scorecards_ratings_and_recommendations():
    ratings = table([(1, "A", 5, 4), (1, "B", 5, 4), (2, "A", 5, 1), (1, "A", 6, 3)])
    cards = calibration.scorecard_table(
        [(5, 2.0, "strong-yes"), (5, 10.0, "no"), (5, None, "no"), (6, 1.0, "yes")]
    )
    rows = {r.interviewer: r for r in calibration.interviewer_summaries(ratings, cards)}
    five = rows[5]
    assert five.scorecards == 3
    assert five.median_hours == 6.0  # the unknown time is left out
    assert five.rating_counts == (1, 0, 0, 2)
    assert five.recommendation_counts == (0, 2, 0, 1)
    assert rows[6].rating_counts == (0, 0, 1, 0)


# --- leniency over several roles -------------------------------------------------------------


def fitted(interviewer, estimate, variance, *, candidates=10):
    half = role_model.t_quantile(0.975, candidates - 1) * math.sqrt(variance)
    return role_model.InterviewerLeniency(
        interviewer,
        ratings=4 * candidates,
        candidates=candidates,
        estimate=estimate,
        low=estimate - half,
        high=estimate + half,
        posterior_variance=variance,
    )


def test_one_roles_leniency_is_that_roles_fitted_figure_unchanged():
    only = fitted(7, 0.4, 0.01)
    assert pooled_leniency(7, [only]) == only
    assert pooled_leniency(7, [only, role_model.InterviewerLeniency(7, 0, 0)]) == only


def test_several_roles_combine_by_precision():
    # Variances 0.01 and 0.04: weights 100 and 25, so (100 * 0.5 + 25 * 0) / 125 = 0.4.
    pooled = pooled_leniency(7, [fitted(7, 0.5, 0.01), fitted(7, 0.0, 0.04)])
    assert pooled.estimate == pytest.approx(0.4)
    assert pooled.posterior_variance == pytest.approx(1 / 125)
    half = role_model.t_quantile(0.975, 19) * math.sqrt(1 / 125)  # 20 candidates behind it
    assert (pooled.low, pooled.high) == (pytest.approx(0.4 - half), pytest.approx(0.4 + half))
    assert (pooled.ratings, pooled.candidates) == (80, 20)
    assert pooled.flag == "hot"


def test_a_role_whose_interviewers_do_not_differ_pins_the_combined_figure_at_its_own():
    pooled = pooled_leniency(7, [fitted(7, 0.0, 0.0), fitted(7, 0.9, 0.04)])
    assert (pooled.estimate, pooled.low, pooled.high) == (0.0, 0.0, 0.0)


def test_nothing_fitted_gives_nothing_to_compare():
    pooled = pooled_leniency(7, [])
    assert not pooled.reported and pooled.flag is None
    assert pooled.as_json()["leniency"] is None
