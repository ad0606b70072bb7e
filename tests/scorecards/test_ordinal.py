"""The cumulative-logit view behind the calibrated view (scorecards.ordinal): hand-computed
values, and the fit against an independent log-likelihood written here from the formula."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scorecards import ordinal

THRESHOLDS = np.array([-1.0, 0.0, 1.0])


def F(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def test_without_leniency_every_rating_keeps_its_level():
    level = np.array([0, 1, 2, 3, 2])
    eta = np.array([0.3, -2.0, 0.0, 4.0, 1.5])
    values = ordinal.calibrated_values(THRESHOLDS, level, eta, np.zeros(5))
    assert values == pytest.approx([1, 2, 3, 4, 3])


def test_a_lenient_interviewers_4_loses_the_chance_that_it_was_near_the_top_threshold():
    # Latent z ~ F around 0, cut to z > 1 (a 4); taking off 0.5, a neutral interviewer's
    # level is 4 if z - 0.5 > 1 and 3 otherwise (z - 0.5 > 0.5 > 0 > -1 always):
    # 3 + P(z > 1.5) / P(z > 1).
    value = ordinal.calibrated_values(THRESHOLDS, np.array([3]), np.array([0.0]), np.array([0.5]))
    assert value[0] == pytest.approx(3 + (1 - F(1.5)) / (1 - F(1.0)))
    # A 2 (z in (-1, 0)) from the same interviewer: 2 only if z - 0.5 > -1, i.e. z > -0.5.
    two = ordinal.calibrated_values(THRESHOLDS, np.array([1]), np.array([0.0]), np.array([0.5]))
    assert two[0] == pytest.approx(1 + (F(0.0) - F(-0.5)) / (F(0.0) - F(-1.0)))


def test_a_lenient_1_and_a_severe_4_stay_where_they_are():
    values = ordinal.calibrated_values(
        THRESHOLDS, np.array([0, 3]), np.array([0.0, 0.0]), np.array([0.7, -0.7])
    )
    assert values == pytest.approx([1.0, 4.0])


def penalized_loglik(fit, level, unit, unit_dimension, who) -> float:
    """sum log P(y) - sum (c_u - mu_d)^2 / 2v, from the formula, one rating at a time."""
    cuts = [-math.inf, *fit.thresholds, math.inf]
    total = 0.0
    for k, u, i in zip(level, unit, who, strict=True):
        eta = fit.cell[u] + fit.leniency[i]
        upper = 1.0 if cuts[k + 1] == math.inf else F(cuts[k + 1] - eta)
        lower = 0.0 if cuts[k] == -math.inf else F(cuts[k] - eta)
        total += math.log(upper - lower)
    total -= sum((fit.cell[u] - fit.mean[unit_dimension[u]]) ** 2 for u in range(fit.cell.size)) / (
        2 * fit.variance
    )
    return total


def simulated(seed=3, cells=400, raters=6, per_cell=3):
    """Cells of two dimensions rated by 3 of 6 interviewers through thresholds (-1.5, 0, 1.5),
    leniencies -0.8..0.8 (mean 0): the model itself."""
    rng = np.random.default_rng(seed)
    leniency = np.linspace(-0.8, 0.8, raters)
    unit_dimension = np.arange(cells) % 2
    standing = rng.normal(0, 1.2, cells) + np.where(unit_dimension == 1, 0.4, -0.4)
    level, unit, who = [], [], []
    for u in range(cells):
        for i in rng.choice(raters, per_cell, replace=False):
            z = standing[u] + leniency[i] + rng.logistic()
            level.append(int(np.searchsorted([-1.5, 0.0, 1.5], z)))
            unit.append(u)
            who.append(int(i))
    return np.array(level), np.array(unit), unit_dimension, np.array(who), leniency


def test_the_fit_recovers_the_models_own_parameters():
    level, unit, unit_dimension, who, leniency = simulated(cells=3000)
    fit = ordinal.fit(level, unit, unit_dimension, who)
    # Equal ratings per interviewer: the zero is the plain mean, as in the simulation.
    assert fit.leniency == pytest.approx(leniency, abs=0.12)
    assert np.diff(fit.thresholds) == pytest.approx([1.5, 1.5], abs=0.15)
    assert fit.mean[1] - fit.mean[0] == pytest.approx(0.8, abs=0.15)
    # The cells' variance (1.44) comes out low, as the Laplace approximation's does with three
    # ratings a cell (Breslow & Lin 1995); the leniencies hold.
    assert 0.9 < fit.variance < 1.6


def test_the_fit_is_the_maximum_of_the_penalized_likelihood():
    level, unit, unit_dimension, who, _ = simulated(cells=60)
    fit = ordinal.fit(level, unit, unit_dimension, who)
    best = penalized_loglik(fit, level, unit, unit_dimension, who)
    assert fit.loglik == pytest.approx(best, rel=1e-9)
    # Moving any leniency, threshold or cell standing (the prior held) lowers it.
    step = 1e-3
    for name, index in [("leniency", 0), ("leniency", 4), ("thresholds", 1), ("cell", 7)]:
        for sign in (1, -1):
            values = getattr(fit, name).copy()
            values[index] += sign * step
            moved = ordinal.OrdinalFit(**{**fit.__dict__, name: values})
            assert penalized_loglik(moved, level, unit, unit_dimension, who) < best + 1e-7


def test_the_leniencies_come_from_the_compared_ratings_and_average_zero_by_weight():
    level, unit, unit_dimension, who, _ = simulated(cells=200)
    weight = np.arange(1.0, 7.0)
    compared = np.ones(level.size, dtype=bool)
    compared[::5] = False
    fit = ordinal.fit(level, unit, unit_dimension, who, compared=compared, weight=weight)
    assert float((weight * fit.leniency).sum()) == pytest.approx(0.0, abs=1e-9)


def test_the_level_table_averages_each_interviewers_ratings_at_a_level():
    level, unit, unit_dimension, who, _ = simulated(cells=200)
    fit = ordinal.fit(level, unit, unit_dimension, who)
    take_off = fit.leniency * 0.5
    table = ordinal.level_calibration(fit, level, unit, who, take_off)
    values = ordinal.calibrated_values(
        fit.thresholds, level, fit.location(unit, who), take_off[who]
    )
    for person in (0, 5):
        for k in range(4):
            mine = (who == person) & (level == k)
            if mine.any():
                assert table[person, k] == pytest.approx(values[mine].mean())
    # The most severe interviewer's levels go up (their 4 stays 4), the most lenient's down.
    assert table[0, 3] == pytest.approx(4.0) and (table[0, :3] > [1, 2, 3]).all()
    assert table[5, 0] == pytest.approx(1.0) and (table[5, 1:] < [2, 3, 4]).all()
