"""A cumulative-logit (proportional odds) view of a role's ratings, behind the calibrated view.

Pure numpy, no Django; `scorecards.role_model.fit_leniency` calls it. The model of one rating y
(a level 1-4) of a candidate x dimension cell u by interviewer i (McCullagh 1980; Agresti,
Categorical Data Analysis, 3rd ed., ch. 8):

    P(y <= k) = F(theta_k - c_u - lambda_i),    k = 1, 2, 3,    F(x) = 1 / (1 + e^-x),

that is, a latent continuous rating z = c_u + lambda_i + e (e logistic) seen through the
scale's thresholds theta_1 < theta_2 < theta_3 (1|2, 2|3, 3|4): c_u is the candidate's
standing on the dimension, lambda_i the interviewer's leniency on the latent scale, the same on
every candidate. The cells are random effects, c_u ~ N(mu_d, v) per dimension d, their means
and variance estimated from the role (empirical Bayes), so that a cell whose ratings are all 4
gets a finite standing. The fit is penalized maximum likelihood: the cells' posterior modes,
the leniencies and the thresholds, by Newton steps that alternate between them (each a sum
over ratings, so it is linear in the role's size), the prior by an EM step on the cells' modes
and curvatures (a Laplace approximation).

The calibrated value of a rating at level k: its latent rating lay in (theta_{k-1}, theta_k);
take the interviewer's leniency off (move it by -lambda) and read the level a neutral
interviewer would have given with the same latent draw, on average over where in the interval
it fell (F around the rating's fitted location, cut to the interval):

    value = 1 + sum_j P(z - lambda > theta_j | theta_{k-1} < z < theta_k),

a closed form in F. With lambda = 0 a rating keeps its level; a 4 from a lenient interviewer
falls by the chance that their latent 4 was within lambda of the top threshold; a 1 from a
lenient interviewer stays 1 (a neutral one would have rated it 1 too).

Limits: one leniency per interviewer on the latent scale (no interviewer x dimension effects);
the scorecard's shared part (halo) is not in the likelihood, so the scale is the marginal one
of a single rating; the leniency's uncertainty and its shrinkage come from the linear fit
(`scorecards.role_model.fit_leniency`), whose standard errors are clustered by candidate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LEVELS = 4
MAX_ITERATIONS = 300
TOLERANCE = 1e-9  # relative change of the penalized log-likelihood between rounds
_FAR = 60.0  # a threshold past the scale's end: F(-60) is 1e-26


def logistic(x: np.ndarray) -> np.ndarray:
    """F(x) = 1 / (1 + e^-x), without overflow."""
    return 0.5 + 0.5 * np.tanh(0.5 * np.asarray(x, dtype=np.float64))


@dataclass(frozen=True)
class OrdinalFit:
    """`thresholds` theta_1..3; `leniency[i]` lambda of interviewer code i (the zero: their
    weighted mean, weights as `fit` was given); `cell[u]` the cells' posterior modes; `mean[d]`
    and `variance` the cells' prior; `iterations` the rounds the fit took; `loglik` the
    penalized log-likelihood."""

    thresholds: np.ndarray
    leniency: np.ndarray
    cell: np.ndarray
    mean: np.ndarray
    variance: float
    iterations: int
    loglik: float

    def location(self, unit: np.ndarray, who: np.ndarray) -> np.ndarray:
        """The fitted latent location c_u + lambda_i of each rating."""
        return self.cell[unit] + self.leniency[who]


def _cuts(thresholds: np.ndarray) -> np.ndarray:
    return np.concatenate([[-_FAR - abs(thresholds[0])], thresholds, [_FAR + abs(thresholds[-1])]])


def _bounds(cuts: np.ndarray, level: np.ndarray, eta: np.ndarray):
    """F(theta_{k-1} - eta), F(theta_k - eta) of each rating (0 and 1 past the ends)."""
    return logistic(cuts[level] - eta), logistic(cuts[level + 1] - eta)


def fit(
    level: np.ndarray,
    unit: np.ndarray,
    unit_dimension: np.ndarray,
    who: np.ndarray,
    *,
    compared: np.ndarray | None = None,
    weight: np.ndarray | None = None,
    max_iterations: int = MAX_ITERATIONS,
) -> OrdinalFit:
    """Fit the model to ratings `level` (0-3: the level less 1) of cells `unit` (codes 0..U-1,
    cell u of dimension `unit_dimension[u]`) by interviewers `who` (codes 0..I-1).

    `compared` (bool per rating) marks the ratings that inform the leniencies and thresholds:
    by default all; the caller passes those that share their cell with another rating, so that
    an interviewer's leniency comes from candidates someone else rated too, not from how good
    the candidates they happened to see were. The other ratings only get their cell's standing.
    `weight` (per interviewer) sets the leniencies' zero, their weighted mean; by default each
    interviewer's compared ratings."""
    level = np.asarray(level, dtype=np.int64)
    unit = np.asarray(unit, dtype=np.int64)
    who = np.asarray(who, dtype=np.int64)
    unit_dimension = np.asarray(unit_dimension, dtype=np.int64)
    n_units = int(unit.max()) + 1
    n_people = int(who.max()) + 1
    n_dims = int(unit_dimension.max()) + 1
    rows = np.ones(level.size, dtype=bool) if compared is None else np.asarray(compared, bool)
    if not rows.any():
        rows = np.ones(level.size, dtype=bool)
    if weight is None:
        weight = np.bincount(who[rows], minlength=n_people).astype(np.float64)
    weight = np.asarray(weight, dtype=np.float64) / float(np.sum(weight))
    r_level, r_who, r_unit = level[rows], who[rows], unit[rows]
    at_upper = [r_level == j for j in range(LEVELS - 1)]  # theta_j is their upper cut
    at_lower = [r_level == j + 1 for j in range(LEVELS - 1)]  # and the lower cut of these
    # Start: the thresholds of the pooled shares (a level never used keeps a small interval).
    shares = np.cumsum(np.bincount(level, minlength=LEVELS))[:-1] / level.size
    shares = np.clip(shares, 1e-3, 1 - 1e-3)
    thresholds = np.log(shares / (1 - shares)) + np.arange(LEVELS - 1) * 1e-2
    thresholds = np.maximum.accumulate(thresholds)
    cell = np.zeros(n_units)
    lam = np.zeros(n_people)
    mean = np.zeros(n_dims)
    variance = 1.0
    dim_count = np.maximum(np.bincount(unit_dimension, minlength=n_dims), 1)
    previous = -np.inf
    loglik = -np.inf
    rounds = 0
    while rounds < max_iterations:
        rounds += 1
        cuts = _cuts(thresholds)
        # Cells: a Newton step each, with the prior (log P is concave in eta; its derivative
        # is F_lo + F_hi - 1 and its second derivative -(f_lo + f_hi), f = F(1 - F)).
        low, high = _bounds(cuts, level, cell[unit] + lam[who])
        grad = np.bincount(unit, weights=low + high - 1, minlength=n_units)
        curv = np.bincount(unit, weights=low * (1 - low) + high * (1 - high), minlength=n_units)
        grad -= (cell - mean[unit_dimension]) / variance
        curv += 1 / variance
        cell += grad / curv
        # The prior: the cells' mean per dimension and their variance (an EM step on the
        # Laplace approximation: the modes' spread plus their posterior variances).
        mean = np.bincount(unit_dimension, weights=cell, minlength=n_dims) / dim_count
        variance = max(float(np.mean((cell - mean[unit_dimension]) ** 2 + 1 / curv)), 1e-6)
        # Interviewers: a Newton step each, on their compared ratings; then the zero.
        low, high = _bounds(cuts, r_level, cell[r_unit] + lam[r_who])
        grad = np.bincount(r_who, weights=low + high - 1, minlength=n_people)
        curv = np.bincount(r_who, weights=low * (1 - low) + high * (1 - high), minlength=n_people)
        seen = curv > 0
        lam[seen] += grad[seen] / curv[seen]
        lam[seen] -= float((weight * lam).sum())
        # Thresholds: a Newton step on the three.
        thresholds = _threshold_step(
            thresholds, r_level, cell[r_unit] + lam[r_who], at_upper, at_lower
        )
        # Location: the dimensions' means average 0 (the cells and thresholds move together).
        centre = float(mean.mean())
        mean -= centre
        cell -= centre
        thresholds = thresholds - centre
        low, high = _bounds(_cuts(thresholds), level, cell[unit] + lam[who])
        loglik = float(np.log(np.maximum(high - low, 1e-300)).sum()) - float(
            ((cell - mean[unit_dimension]) ** 2).sum() / (2 * variance)
        )
        if abs(loglik - previous) <= TOLERANCE * max(abs(loglik), 1.0):
            break
        previous = loglik
    return OrdinalFit(thresholds, lam, cell, mean, variance, rounds, loglik)


def _threshold_step(
    thresholds: np.ndarray,
    level: np.ndarray,
    eta: np.ndarray,
    at_upper: list[np.ndarray],
    at_lower: list[np.ndarray],
) -> np.ndarray:
    """One Newton step on theta_1..3 (the exact gradient and Hessian of sum log P), kept only
    if the thresholds stay in order and the step is finite."""
    k = thresholds.size
    low, high = _bounds(_cuts(thresholds), level, eta)
    p = np.maximum(high - low, 1e-300)
    f_low, f_high = low * (1 - low) / p, high * (1 - high) / p  # f / P
    g_low, g_high = (1 - 2 * low) * f_low, (1 - 2 * high) * f_high  # f' / P
    grad = np.zeros(k)
    hess = np.zeros((k, k))
    for j in range(k):
        up, lo = at_upper[j], at_lower[j]
        grad[j] = f_high[up].sum() - f_low[lo].sum()
        hess[j, j] = (g_high[up] - f_high[up] ** 2).sum() - (g_low[lo] + f_low[lo] ** 2).sum()
        if j + 1 < k:
            both = at_lower[j]  # the level between theta_j and theta_{j+1}
            hess[j, j + 1] = hess[j + 1, j] = float((f_high[both] * f_low[both]).sum())
    try:
        step = np.linalg.solve(hess, grad)
    except np.linalg.LinAlgError:
        return thresholds
    updated = thresholds - step
    if np.all(np.isfinite(updated)) and np.all(np.diff(updated) > 0):
        return updated
    return thresholds


def calibrated_values(
    thresholds: np.ndarray, level: np.ndarray, eta: np.ndarray, leniency: np.ndarray
) -> np.ndarray:
    """The calibrated value of each rating: `level` 0-3 (the level less 1), `eta` its latent
    location, `leniency` what to take off it on the latent scale:
    1 + sum_j P(z - leniency > theta_j | z in the level's interval), z ~ F around eta."""
    level = np.asarray(level, dtype=np.int64)
    cuts = _cuts(np.asarray(thresholds, dtype=np.float64))
    a, b = cuts[level], cuts[level + 1]
    fa, fb = logistic(a - eta), logistic(b - eta)
    mass = fb - fa
    value = np.ones(level.size)
    for theta in thresholds:
        cut = np.clip(theta + leniency, a, b)
        # The share of the interval above theta + leniency (by the interval's own length when
        # the fitted location is so far off that F cannot tell its parts apart).
        share = np.where(
            mass > 1e-12, (fb - logistic(cut - eta)) / np.maximum(mass, 1e-300), (b - cut) / (b - a)
        )
        value += share
    return value


def level_calibration(
    fitted: OrdinalFit,
    level: np.ndarray,
    unit: np.ndarray,
    who: np.ndarray,
    leniency: np.ndarray,
) -> np.ndarray:
    """Per interviewer code and level 1-4 (rows x 4), the calibrated value of their ratings at
    that level, taking off `leniency[i]` (the shrunken latent leniency): the mean of
    `calibrated_values` over their ratings at the level, each at its fitted location. A level
    they never used gets the value at their mean location."""
    n_people = fitted.leniency.size
    eta = fitted.location(unit, who)
    values = calibrated_values(fitted.thresholds, level, eta, leniency[who])
    sums = np.zeros((n_people, LEVELS))
    counts = np.zeros((n_people, LEVELS))
    np.add.at(sums, (who, level), values)
    np.add.at(counts, (who, level), 1.0)
    own = np.bincount(who, weights=eta, minlength=n_people) / np.maximum(
        np.bincount(who, minlength=n_people), 1
    )
    grid_level = np.tile(np.arange(LEVELS), n_people)
    grid_who = np.repeat(np.arange(n_people), LEVELS)
    fallback = calibrated_values(
        fitted.thresholds, grid_level, own[grid_who], leniency[grid_who]
    ).reshape(n_people, LEVELS)
    return np.where(counts > 0, sums / np.maximum(counts, 1.0), fallback)
