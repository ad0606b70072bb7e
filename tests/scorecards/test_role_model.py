"""The role model (scorecards.role_model): hand-computed cases and direct least squares."""

from __future__ import annotations

import dataclasses
import math

import krippendorff
import numpy as np
import pytest

from scorecards import role_model as rm


def table(rows):
    """rows: (candidate, scorecard, interviewer, dimension name, rating)."""
    return rm.ratings_from_rows(rows)


# --- variance components ---------------------------------------------------------------------

# Candidate 1: scorecard 1 rates both dimensions 3, scorecard 2 both 1: all the difference is
# shared by a scorecard's ratings (scorecard variance 2, rating noise 0).
SHARED = [(1, 1, 10, "a", 3), (1, 1, 10, "b", 3), (1, 2, 11, "a", 1), (1, 2, 11, "b", 1)]
# Candidate 2: the scorecards disagree in opposite directions: all of it is rating noise.
CROSSED = [(2, 3, 10, "a", 3), (2, 3, 10, "b", 1), (2, 4, 11, "a", 1), (2, 4, 11, "b", 3)]


def test_ratings_that_move_together_are_scorecard_variance():
    # By hand: deviations from the (candidate, dimension) means are +1, +1 / -1, -1. Within
    # variance per dimension 2 / 1 = 2; products of one scorecard's deviations 1 + 1 = 2 over a
    # design weight of 2 x (1 - 1/2 - 1/2 + 2/4) = 1: scorecard variance 2, rating noise 0.
    components = rm.variance_components(table(SHARED))
    assert components.scorecard == pytest.approx(2.0)
    assert components.rating == {"a": pytest.approx(0.0), "b": pytest.approx(0.0)}
    assert components.pairs == 2 and components.candidates == 1


def test_ratings_that_disagree_independently_are_rating_noise():
    components = rm.variance_components(table(CROSSED))
    assert components.scorecard == pytest.approx(0.0)
    assert components.rating == {"a": pytest.approx(2.0), "b": pytest.approx(2.0)}


def test_both_candidates_pool_to_an_average():
    components = rm.variance_components(table(SHARED + CROSSED))
    # Within variance (2 + 2) / 2 = 2 per dimension; products 2 - 2 = 0: all rating noise.
    assert components.scorecard == pytest.approx(0.0)
    assert components.rating["a"] == pytest.approx(2.0)


def test_no_candidate_with_two_ratings_of_a_dimension_gives_no_components():
    assert rm.variance_components(table([(1, 1, 10, "a", 3), (2, 2, 11, "a", 2)])) is None
    assert rm.variance_components(table([])) is None


def test_components_recover_a_simulated_design():
    rng = np.random.default_rng(5)
    rows, card = [], 0
    for c in range(1500):
        level = rng.normal(0, 0.6)
        extra = rng.normal(0, 0.3, 3)
        for _ in range(4):
            shared = rng.normal(0, 0.5)
            for d in range(3):
                value = level + extra[d] + shared + rng.normal(0, 0.4)
                rows.append((c, card, card % 7, f"d{d}", value))
            card += 1
    components = rm.variance_components(table(rows))
    assert components.scorecard == pytest.approx(0.25, abs=0.03)
    assert components.rating["d1"] == pytest.approx(0.16, abs=0.03)
    assert components.candidate == pytest.approx(0.36, abs=0.05)
    assert components.candidate_dimension["d2"] == pytest.approx(0.09, abs=0.04)


# --- joint leniency ----------------------------------------------------------------------------


def two_teams():
    """Candidates 0-9 seen by A and B, A always one point above B; candidates 10-19 by B and C,
    who agree. B is neutral, but sat next to a lenient colleague half of the time."""
    rows, card = [], 0
    for c in range(20):
        base = 1 + c % 3
        pair = (("A", base + 1), ("B", base)) if c < 10 else (("B", base), ("C", base))
        for person, value in pair:
            for d in ("x", "y"):
                rows.append((c, card, {"A": 1, "B": 2, "C": 3}[person], d, value))
            card += 1
    return table(rows)


def test_the_joint_fit_does_not_blame_an_interviewer_for_their_co_panelists():
    fit = rm.fit_leniency(two_teams())
    lam = {i: row.raw for i, row in fit.interviewers.items()}
    # By hand: A - B = 1 and C - B = 0; the rating-weighted mean is 0 (A 20 ratings, B 40,
    # C 20): B + (20 (B + 1) + 40 B + 20 B) / 80 = 0, so B = C = -1/4 and A = 3/4.
    assert lam[1] == pytest.approx(0.75)
    assert lam[2] == pytest.approx(-0.25) and lam[3] == pytest.approx(-0.25)


def test_the_joint_fit_matches_a_direct_least_squares_solve_of_the_whole_design():
    rng = np.random.default_rng(9)
    rows, card = [], 0
    for c in range(40):
        for person in rng.choice(6, size=3, replace=False):
            for d in range(2):
                rows.append((c, card, int(person), f"d{d}", float(rng.integers(1, 5))))
            card += 1
    data = table(rows)
    fit = rm.fit_leniency(data)
    units = {(r[0], r[3]) for r in rows}
    unit_index = {u: k for k, u in enumerate(sorted(units))}
    design = np.zeros((len(rows), len(units) + 6))
    for k, (c, _, person, d, _) in enumerate(rows):
        design[k, unit_index[(c, d)]] = 1
        design[k, len(units) + person] = 1
    solution, *_ = np.linalg.lstsq(design, data.rating, rcond=None)
    reference = solution[len(units) :]
    counts = np.bincount(data.interviewer, minlength=6)
    reference = reference - (counts * reference).sum() / counts.sum()  # the same zero
    ours = np.array([fit.interviewers[p].raw for p in range(6)])
    assert ours == pytest.approx(reference, abs=1e-8)


def test_shrinkage_pulls_a_thin_record_more_than_a_long_one():
    fit = rm.fit_leniency(two_teams())
    for row in fit.interviewers.values():
        assert abs(row.estimate) <= abs(row.raw) + 1e-12
        assert row.low < row.estimate < row.high
    assert fit.interviewers[1].flag == "hot"  # 10 candidates of a constant +1


def test_centred_variances_by_hand():
    # x_i - w'x with Var x = diag(1, 2, 3), w = (1/2, 1/4, 1/4): V_ii (1 - 2 w_i) + sum w_j^2
    # V_jj, the last 1/4 + 2/16 + 3/16 = 9/16.
    variances = rm._centred_variances(np.diag([1.0, 2.0, 3.0]), np.array([0.5, 0.25, 0.25]))
    assert variances == pytest.approx([9 / 16, 1 + 9 / 16, 1.5 + 9 / 16])


def test_the_flag_interval_counts_the_uncertainty_of_the_roles_zero():
    fit = rm.fit_leniency(two_teams())
    tau2 = fit.between_variance
    assert tau2 > 0
    # The zero weighs each interviewer by their shared ratings: A 20, B 40, C 20 of 80.
    weights = {1: 0.25, 2: 0.5, 3: 0.25}
    for person, row in fit.interviewers.items():
        shrink = tau2 / (tau2 + row.se**2)
        assert row.estimate == pytest.approx(shrink * row.raw)
        assert row.posterior_variance == pytest.approx(shrink * row.se**2)
        others = sum(w**2 for p, w in weights.items() if p != person)
        variance = shrink * row.se**2 + shrink**2 * tau2 * others
        half = rm.t_quantile(0.975, row.candidates - 1) * math.sqrt(variance)
        assert (row.low, row.high) == (
            pytest.approx(row.estimate - half),
            pytest.approx(row.estimate + half),
        )
        assert row.interval_variance == pytest.approx(variance)
    # B carries half of the zero's weight, so the others' part of it is the smallest for B.
    assert fit.interviewers[2].interval_variance - fit.interviewers[2].posterior_variance < (
        fit.interviewers[1].interval_variance - fit.interviewers[1].posterior_variance
    )


def test_an_interviewer_never_compared_has_no_leniency():
    fit = rm.fit_leniency(table([(1, 1, 10, "a", 3), (2, 2, 11, "a", 2)]))
    assert not fit.interviewers[10].reported and fit.interviewers[10].flag is None
    assert fit.calibration(10) == rm.IDENTITY


def test_between_variance_by_hand():
    assert rm.between_variance(np.array([1.0, -1.0]), np.array([0.0, 0.0])) == pytest.approx(1)
    # Equal sampling variances: the weights are equal, so mean(x^2) - v.
    x, v = np.array([0.5, -0.3, 0.1]), np.full(3, 0.01)
    assert rm.between_variance(x, v) == pytest.approx(np.mean(x**2) - 0.01)
    assert rm.between_variance(np.array([0.1]), np.array([1.0])) == 0.0


def test_t_quantile_is_exact_for_small_samples_and_close_for_large():
    assert rm.t_quantile(0.975, 1) == pytest.approx(12.706, abs=1e-3)
    assert rm.t_quantile(0.975, 30) == pytest.approx(2.042, abs=1e-3)


# --- a packet's figures ------------------------------------------------------------------------

COMPONENTS = rm.Components(
    scorecard=0.2,
    interviewer=0.1,
    rating={"a": 0.3, "b": 0.3},
    candidate=0.25,
    candidate_dimension={"a": 0.05, "b": 0.05},
    pairs=100,
    candidates=50,
)
CARD = rm.PanelCard(interviewer=7, ratings={"a": 3.0, "b": 2.0}, weights={"a": 1.0, "b": 1.0})


def test_one_scorecards_interval_and_reliability_by_hand():
    figures = rm.panel_figures([CARD], COMPONENTS, None)
    # b = 1/2 per rating: rating noise 2 x 1/4 x 0.3 = 0.15; the scorecard's own part
    # 1 x (0.2 - 0.1) = 0.1; the interviewer's 1 x 0.1: variance 0.35.
    half = rm.Z * math.sqrt(0.35)
    assert figures.raw.estimate == pytest.approx(2.5)
    assert (figures.raw.low, figures.raw.high) == (
        pytest.approx(2.5 - half),
        pytest.approx(2.5 + half),
    )
    # Universe variance 0.25 + 2 x 1/4 x 0.05 = 0.275.
    assert figures.reliability == pytest.approx(0.275 / (0.275 + 0.35))


def test_the_calibrated_interval_counts_what_is_left_unknown_of_the_leniency():
    lenient = rm.LeniencyFit(
        {7: rm.InterviewerLeniency(7, 40, 10, 0.35, 0.1, 0.3, 0.1, 0.5, 0.02)}, 0.1, 0.3
    )
    figures = rm.panel_figures([CARD], COMPONENTS, lenient)
    assert figures.calibrated.estimate == pytest.approx(2.2)  # (2.7 + 1.7) / 2
    # 0.15 + 0.1 + the posterior variance 0.02.
    assert figures.calibrated.standard_error == pytest.approx(math.sqrt(0.27))
    # Raw: the panel's estimated lean 0.3 counts in, squared, instead of the random-panel term.
    assert figures.raw.standard_error == pytest.approx(math.sqrt(0.15 + 0.1 + 0.02 + 0.09))


def test_a_four_from_a_lenient_interviewer_widens_the_calibrated_range():
    lenient = rm.LeniencyFit(
        {7: rm.InterviewerLeniency(7, 40, 10, 0.4, 0.1, 0.4, 0.2, 0.6, 0.02)}, 0.1, 0.3
    )
    top = rm.PanelCard(7, {"a": 4.0, "b": 2.0}, {"a": 1.0, "b": 1.0})
    figures = rm.panel_figures([top], COMPONENTS, lenient)
    # 0.27 plus (1/2 x 0.4)^2 for the rating at the scale's end.
    assert figures.calibrated.standard_error == pytest.approx(math.sqrt(0.27 + 0.04))


def test_the_calibrated_range_reads_the_noise_of_the_calibrated_ratings():
    lenient = rm.LeniencyFit(
        {7: rm.InterviewerLeniency(7, 40, 10, 0.35, 0.1, 0.3, 0.1, 0.5, 0.02)}, 0.1, 0.3
    )
    calibrated = dataclasses.replace(
        COMPONENTS, scorecard=0.08, interviewer=0.0, rating={"a": 0.2, "b": 0.2}
    )
    figures = rm.panel_figures([CARD], COMPONENTS, lenient, calibrated)
    # Rating noise 2 x 1/4 x 0.2 = 0.1; the whole scorecard part of calibrated ratings 0.08
    # (their leniency is taken off); the posterior variance 0.02.
    assert figures.calibrated.standard_error == pytest.approx(math.sqrt(0.1 + 0.08 + 0.02))
    # The raw range keeps the raw components.
    assert figures.raw.standard_error == pytest.approx(math.sqrt(0.15 + 0.1 + 0.02 + 0.09))


def test_what_was_taken_off_ratings_at_the_scales_end_is_shared_by_one_interviewer_only():
    levels = (1.0, 1.8, 2.7, 3.6)  # a lenient interviewer's 4 is read as 3.6
    rows = {
        person: rm.InterviewerLeniency(
            person, 40, 10, 0.35, 0.1, 0.3, 0.1, 0.5, 0.02, calibrated_levels=levels
        )
        for person in (7, 8)
    }
    lenient = rm.LeniencyFit(rows, 0.1, 0.3)

    def se(interviewers):
        cards = [rm.PanelCard(p, {"a": 4.0}, {"a": 1.0}) for p in interviewers]
        return rm.panel_figures(cards, COMPONENTS, lenient).calibrated.standard_error

    # Two scorecards, b = 1/2 each: noise 2 x 1/4 x 0.3, occasion 2 x 1/4 x 0.1; what was taken
    # off, 0.4 x 1/2 per card: (0.2 + 0.2)^2 from one interviewer, 0.2^2 + 0.2^2 from two.
    base = 0.15 + 0.05
    assert se([7, 7]) == pytest.approx(math.sqrt(base + 1.0 * 0.02 + 0.4**2))
    assert se([7, 8]) == pytest.approx(math.sqrt(base + 0.5 * 0.02 + 2 * 0.2**2))


def test_calibrated_ratings_are_read_off_each_interviewers_levels():
    rows = [(1, 1, 7, "a", 4.0), (1, 1, 7, "b", 2.0), (1, 2, 8, "a", 3.0), (1, 2, 8, "b", 1.5)]
    fit = rm.LeniencyFit(
        {7: rm.InterviewerLeniency(7, 40, 10, 0.35, 0.1, 0.3, 0.1, 0.5, 0.02, (1, 1.8, 2.7, 3.6))},
        0.1,
        0.3,
    )
    calibrated = rm.calibrated_ratings(table(rows), fit)
    keys = zip(calibrated.scorecard, calibrated.dimension, strict=True)
    by_card = dict(zip(keys, calibrated.rating, strict=True))
    assert [by_card[(1, 0)], by_card[(1, 1)]] == [pytest.approx(3.6), pytest.approx(1.8)]
    # An interviewer the fit does not know keeps their ratings, between levels as well.
    assert [by_card[(2, 0)], by_card[(2, 1)]] == [pytest.approx(3.0), pytest.approx(1.5)]


def test_the_calibrated_components_leave_out_the_interviewers_leniency():
    rng = np.random.default_rng(11)
    lean = rng.normal(0, 0.5, 12)
    rows, card = [], 0
    for c in range(600):
        level = rng.normal(2.5, 0.5)
        for person in rng.choice(12, 4, replace=False):
            shared = rng.normal(0, 0.25)
            for d in range(3):
                value = min(max(round(level + lean[person] + shared + rng.normal(0, 0.4)), 1), 4)
                rows.append((c, card, int(person), f"d{d}", float(value)))
            card += 1
    model = rm.fit_role(table(rows), resamples=0)
    # Raw: a scorecard's ratings share the leniency and the occasion; calibrated: mostly the
    # occasion (0.25^2 before rounding), with the leniency taken off.
    assert model.components.scorecard > 0.2
    assert model.calibrated_components.scorecard < 0.6 * model.components.scorecard
    assert model.calibrated_components.interviewer == 0.0


def test_the_calibrated_view_reads_each_rating_off_the_interviewers_calibrated_levels():
    row = rm.InterviewerLeniency(
        7, 40, 10, 0.35, 0.1, 0.3, 0.1, 0.5, 0.02, calibrated_levels=(1.0, 1.8, 2.7, 3.6)
    )
    lenient = rm.LeniencyFit({7: row}, 0.1, 0.3)
    card = rm.PanelCard(7, {"a": 4.0, "b": 2.0}, {"a": 1.0, "b": 1.0})
    figures = rm.panel_figures([card], COMPONENTS, lenient)
    assert figures.calibrations == ((1.0, 1.8, 2.7, 3.6),)
    assert figures.calibrated.estimate == pytest.approx((3.6 + 1.8) / 2)
    # What was taken off the 4 (0.4, half its weight) is counted as uncertain; the 2 is not at
    # the scale's end. The raw range counts the estimate's lean (0.3) instead.
    assert figures.calibrated.standard_error == pytest.approx(math.sqrt(0.15 + 0.1 + 0.02 + 0.04))
    assert figures.raw.standard_error == pytest.approx(math.sqrt(0.15 + 0.1 + 0.02 + 0.09))
    # A rating between levels is read off the line between them; unreported: as rated.
    assert rm.calibrated_rating(3.5, (1.0, 1.8, 2.7, 3.6)) == pytest.approx(3.15)
    unreported = rm.InterviewerLeniency(8, 0, 0, calibrated_levels=(1.0, 1.5, 2.5, 3.5))
    assert unreported.calibration == rm.IDENTITY


def test_the_joint_fit_gives_a_lenient_interviewer_lower_calibrated_levels():
    # Interviewers 0-4 with leniencies -0.8..0.8, three of them per candidate, two dimensions.
    rng = np.random.default_rng(8)
    leniency = np.linspace(-0.8, 0.8, 5)
    rows, card = [], 0
    for c in range(300):
        level = rng.normal(2.5, 0.7)
        for person in rng.choice(5, 3, replace=False):
            for d in ("a", "b"):
                value = min(max(round(level + leniency[person] + rng.normal(0, 0.4)), 1), 4)
                rows.append((c, card, int(person), d, value))
            card += 1
    fit = rm.fit_leniency(table(rows))
    for person in range(5):
        values = fit.interviewers[person].calibrated_levels
        assert len(values) == 4 and list(values) == sorted(values)
        assert all(1.0 <= v <= 4.0 for v in values)
    severe, neutral, lenient = (fit.interviewers[p].calibrated_levels for p in (0, 2, 4))
    # A lenient 1 stays 1 and the rest go down; a severe 4 stays 4 and the rest go up.
    assert lenient[0] == pytest.approx(1.0) and (np.array(lenient[1:]) < [1.8, 2.8, 3.8]).all()
    assert severe[3] == pytest.approx(4.0) and (np.array(severe[:3]) > [1.2, 2.2, 3.2]).all()
    assert neutral == pytest.approx(rm.IDENTITY, abs=0.15)


def test_without_a_model_or_scorecards_the_reason_is_given():
    assert rm.panel_figures([CARD], None, None).raw.reason == rm.NO_MODEL
    assert rm.panel_figures([CARD], None, None).raw.estimate == pytest.approx(2.5)
    assert rm.panel_figures([], COMPONENTS, None).raw.reason == rm.NO_SCORECARDS


def test_the_overall_matches_the_packets_weighted_formula():
    cards = [
        rm.PanelCard(1, {"a": 4.0, "b": 2.0}, {"a": 2.0, "b": 1.0}),
        rm.PanelCard(2, {"a": 2.0}, {"a": 2.0}),
    ]
    # sum_d (sum_s w r / n_d) / sum_d (sum_s w / n_d) = (12 / 2 + 2) / (4 / 2 + 1) = 8 / 3.
    assert rm.overall_score(cards) == pytest.approx(8 / 3)


# --- agreement ---------------------------------------------------------------------------------


def agreement_rows(candidates: int, seed: int = 1):
    rng = np.random.default_rng(seed)
    rows, card = [], 0
    for c in range(candidates):
        level = rng.integers(1, 5)
        for person in range(3):
            for d in ("a", "b"):
                value = int(min(max(level + rng.integers(-1, 2), 1), 4))
                rows.append((c, card, person, d, value))
            card += 1
    return rows


def test_alpha_is_the_krippendorff_packages_with_a_candidate_resampling_interval():
    rows = agreement_rows(60)
    result = rm.agreement(table(rows), resamples=100)
    data = np.full((3, 120), np.nan)
    units = sorted({(r[0], r[3]) for r in rows})
    for c, _, person, d, value in rows:
        data[person, units.index((c, d))] = value
    expected = krippendorff.alpha(
        reliability_data=data, level_of_measurement="ordinal", value_domain=[1, 2, 3, 4]
    )
    assert result.alpha == pytest.approx(expected)
    assert result.low < result.alpha < result.high
    assert result.units == 120 and result.level in {"good", "tentative", "low"}
    assert rm.agreement(table(rows), resamples=100) == result  # seeded


def test_alpha_gets_no_label_with_few_units():
    result = rm.agreement(table(agreement_rows(10)), resamples=50)
    assert result.units == 20 and result.level == "unlabelled"
    assert "Too few rated pairs to label" in result.reading
    low = rm.Agreement(0.3, 0.2, 0.4, 500, 250, 1500)
    assert "exercises" in low.reading  # not blamed on the interviewers alone


def test_a_stored_fit_round_trips():
    components = rm.variance_components(table(SHARED + CROSSED))
    assert rm.Components.from_json(components.as_json()) == components
    result = rm.agreement(table(agreement_rows(60)), resamples=20)
    again = rm.Agreement.from_json(result.as_json())
    assert again.alpha == pytest.approx(result.alpha, abs=1e-3) and again.units == result.units


@pytest.mark.parametrize(
    "df,expected", [(9, 2.262157), (14, 2.144787), (29, 2.045230), (120, 1.979930)]
)
def test_the_t_quantile_matches_the_tables(df, expected):
    assert rm.t_quantile(0.975, df) == pytest.approx(expected, abs=1e-4)
