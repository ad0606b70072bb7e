"""The per-role model behind a packet's interval, the calibrated view and interviewer leniency.

Pure numpy, data in and numbers out (no Django): `scorecards.role_fit` reads a role's submitted
ratings into a `Ratings` table, calls `fit_role` in the background worker and stores the result;
packet pages and commands read the stored figures and call `panel_interval`. The methods are
closed forms (method-of-moments variance components, a least-squares two-way model, an
empirical-Bayes shrinkage), explained in plain words in docs/scoring-methods.md.

The model of one rating y of candidate c on dimension d in scorecard s, by interviewer i:

    y = mu_d + tau_c + tau_cd + lambda_i + delta_s + e          (Brennan 2001; Putka et al. 2008)

- tau_c + tau_cd: the candidate's true standing on the dimension (what the packet wants);
- lambda_i: the interviewer's leniency, the same on every candidate and dimension;
- delta_s: the rest of what one scorecard shares across its dimensions (a good or bad day, halo);
- e: rating-level noise, with its own variance per dimension.

Estimand of the packet's interval: the score this candidate would get from a random panel of this
role's interviewers, with the same exercises and dimensions ("universe score"). The observed
overall is an unbiased estimate of it when the panel was drawn at random, and its error is the
weighted sum of the lambda, delta and e terms of the panel: `panel_interval` adds up their
variances for the panel it actually had, so a dimension rated once is as uncertain as it is.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import krippendorff
import numpy as np

from interviewkit.scale import LEVELS
from scorecards import ordinal

CONFIDENCE = 0.95
Z = 1.959963984540054  # the standard normal's 97.5th percentile

# Alpha: candidate x dimension units with two or more ratings needed for a figure, and for a
# "good / moderate / low" label (with 10 units alpha's 95 % range spans more than half a point).
MIN_ALPHA_UNITS = 10
MIN_ALPHA_LABEL_UNITS = 100
ALPHA_GOOD = 0.8
ALPHA_TENTATIVE = 0.667
ALPHA_RESAMPLES = 200
ALPHA_SEED = 20_261_202
ROUNDING_VARIANCE = 1 / 12
# The calibrated view of an interviewer with no leniency: each level stays itself.
IDENTITY: tuple[float, ...] = tuple(float(level) for level in LEVELS)


@dataclass(frozen=True)
class Ratings:
    """One row per submitted rating (not-assessed ones left out), as parallel int/float arrays."""

    candidate: np.ndarray
    scorecard: np.ndarray
    interviewer: np.ndarray
    dimension: np.ndarray  # codes 0..D-1 into dimension_names
    rating: np.ndarray
    dimension_names: tuple[str, ...] = ()

    def __len__(self) -> int:
        return int(self.rating.shape[0])


def ratings_from_rows(rows: Sequence[tuple]) -> Ratings:
    """From (candidate, scorecard, interviewer, dimension name, rating) tuples."""
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return Ratings(empty, empty, empty, empty, np.zeros(0), ())
    columns = list(zip(*rows, strict=True))
    names = sorted({str(n) for n in columns[3]})
    code = {name: k for k, name in enumerate(names)}
    return Ratings(
        candidate=np.asarray(columns[0], dtype=np.int64),
        scorecard=np.asarray(columns[1], dtype=np.int64),
        interviewer=np.asarray(columns[2], dtype=np.int64),
        dimension=np.fromiter((code[str(n)] for n in columns[3]), np.int64, count=len(rows)),
        rating=np.asarray(columns[4], dtype=np.float64),
        dimension_names=tuple(names),
    )


def _codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    uniques, inverse = np.unique(values, return_inverse=True)
    return uniques, inverse.ravel().astype(np.int64)


# ---------------------------------------------------------------------------------------------
# Variance components


@dataclass(frozen=True)
class Components:
    """Variance components of one role, in squared rating points.

    `scorecard` is what all ratings of one scorecard share (lambda + delta), `interviewer` the
    part of it that follows the interviewer from candidate to candidate (from the joint leniency
    fit), `rating[d]` the noise of one rating of dimension d, `candidate` the true differences
    between candidates shared by all dimensions and `candidate_dimension[d]` those of dimension
    d beyond them. `pairs` counts the within-candidate rating pairs behind the estimates."""

    scorecard: float
    interviewer: float
    rating: dict[str, float]
    candidate: float
    candidate_dimension: dict[str, float]
    pairs: int
    candidates: int

    @property
    def occasion(self) -> float:
        """The scorecard-level part that is not the interviewer's leniency (delta)."""
        return max(self.scorecard - self.interviewer, 0.0)

    def rating_noise(self, dimension: str) -> float:
        if dimension in self.rating:
            return self.rating[dimension]
        return float(np.mean(list(self.rating.values()))) if self.rating else 0.0

    def true_variance(self, dimension: str) -> float:
        extra = self.candidate_dimension.get(dimension)
        if extra is None:
            values = list(self.candidate_dimension.values())
            extra = float(np.mean(values)) if values else 0.0
        return self.candidate + extra

    def single_rating_reliability(self, dimension: str) -> float | None:
        """Share of one rating's variance that is the candidate's: the generalizability
        coefficient of a single rating of this dimension."""
        true = self.true_variance(dimension)
        total = true + self.scorecard + self.rating_noise(dimension)
        return None if total <= 0 else true / total

    def as_json(self) -> dict:
        return {
            "scorecard": self.scorecard,
            "interviewer": self.interviewer,
            "rating": dict(self.rating),
            "candidate": self.candidate,
            "candidate_dimension": dict(self.candidate_dimension),
            "pairs": self.pairs,
            "candidates": self.candidates,
        }

    @classmethod
    def from_json(cls, data: Mapping) -> Components:
        return cls(
            scorecard=float(data["scorecard"]),
            interviewer=float(data["interviewer"]),
            rating={k: float(v) for k, v in data["rating"].items()},
            candidate=float(data["candidate"]),
            candidate_dimension={k: float(v) for k, v in data["candidate_dimension"].items()},
            pairs=int(data["pairs"]),
            candidates=int(data["candidates"]),
        )


def variance_components(table: Ratings, *, interviewer: float = 0.0) -> Components | None:
    """Method-of-moments components from within-candidate comparisons (None: no candidate has
    two scorecards rating one dimension, so nothing separates the candidate from the noise).

    - Two scorecards' ratings of the same candidate and dimension differ by scorecard-level and
      rating-level noise only: the pooled within-(candidate, dimension) variance W_d estimates
      scorecard + rating[d] (the ANOVA estimator, pooled over candidates by degrees of freedom).
    - The deviations from those means of one scorecard on two dimensions covary only through
      what the scorecard shares: their products, divided by the covariance the design implies
      for a unit scorecard variance (1 - 1/n_d - 1/n_d' + m/(n_d n_d'), m scorecards rating
      both), estimate `scorecard`.
    - Across candidates, the variance of a dimension's panel mean, less its expected noise
      (W_d / n_cd), estimates candidate + candidate_dimension[d]; the covariance of two
      dimensions' means, less their shared-scorecard noise, estimates `candidate`.
    """
    if len(table) == 0:
        return None
    names = table.dimension_names
    n_dims = max(len(names), int(table.dimension.max()) + 1)
    _, cand = _codes(table.candidate)
    _, card = _codes(table.scorecard)
    order = np.lexsort((table.dimension, card, cand))
    cand, card = cand[order], card[order]
    dim, y = table.dimension[order], table.rating[order]
    bounds = np.flatnonzero(np.diff(cand)) + 1
    starts = np.concatenate([[0], bounds])
    stops = np.concatenate([bounds, [len(y)]])

    within_ss = np.zeros(n_dims)
    within_df = np.zeros(n_dims)
    cross_sum = 0.0
    cross_weight = 0.0
    pairs = 0
    means = np.full((len(starts), n_dims), np.nan)
    counts = np.zeros((len(starts), n_dims))
    # Per candidate, m/(n_d n_d'): how much scorecard noise two dimension means share.
    overlap = np.zeros((len(starts), n_dims, n_dims))
    for k, (a, b) in enumerate(zip(starts, stops, strict=True)):
        cards_here, rows = np.unique(card[a:b], return_inverse=True)
        matrix = np.full((cards_here.size, n_dims), np.nan)
        matrix[rows, dim[a:b]] = y[a:b]
        rated = ~np.isnan(matrix)
        n = rated.sum(axis=0).astype(np.float64)
        col_mean = np.where(n > 0, np.nansum(matrix, axis=0) / np.maximum(n, 1), np.nan)
        means[k] = col_mean
        counts[k] = n
        resid = np.where(rated, matrix - col_mean, 0.0)
        multi = n >= 2
        within_ss[multi] += (resid[:, multi] ** 2).sum(axis=0)
        within_df[multi] += n[multi] - 1
        pairs += int((n * (n - 1) / 2).sum())
        inv = np.where(n > 0, 1 / np.maximum(n, 1), 0.0)
        m_rated = rated.astype(np.float64)
        overlap[k] = (m_rated.T @ m_rated) * np.outer(inv, inv)
        if cards_here.size < 2:
            continue
        # Scorecard-level covariance: sum over scorecards and dimension pairs of r_sd r_sd'.
        row_sum = resid.sum(axis=1)
        cross_sum += float(((row_sum**2) - (resid**2).sum(axis=1)).sum() / 2)
        share = (m_rated * inv) @ m_rated.T  # P[s, s'] = sum over shared dims of 1/n_d
        size = m_rated.sum(axis=1)
        a_norm = size**2 - 2 * size * np.diag(share) + (share**2).sum(axis=0)
        diag_part = (m_rated * np.where(n > 0, (n - 1) * inv, 0.0)).sum(axis=1)
        cross_weight += float(((a_norm - diag_part) / 2).sum())
    if within_df.sum() == 0:
        return None
    within = np.where(within_df > 0, within_ss / np.maximum(within_df, 1), np.nan)
    pooled_within = float(within_ss.sum() / within_df.sum())
    within = np.where(np.isnan(within), pooled_within, within)
    scorecard = max(cross_sum / cross_weight, 0.0) if cross_weight > 0 else 0.0
    scorecard = min(scorecard, float(np.min(within)))
    rating = {names[d]: float(max(within[d] - scorecard, 0.0)) for d in range(len(names))}

    # Between candidates: dimension means over candidates rated on them.
    true_by_dim = {}
    for d in range(len(names)):
        ok = counts[:, d] > 0
        if ok.sum() < 2:
            continue
        spread = float(np.var(means[ok, d], ddof=1))
        noise = float(np.mean(within[d] / counts[ok, d]))
        true_by_dim[d] = max(spread - noise, 0.0)
    covariances = []
    for d in range(len(names)):
        for e in range(d + 1, len(names)):
            ok = (counts[:, d] > 0) & (counts[:, e] > 0)
            if ok.sum() < 3:
                continue
            x, z = means[ok, d], means[ok, e]
            cov = float(np.mean((x - x.mean()) * (z - z.mean())) * ok.sum() / (ok.sum() - 1))
            shared_mean = float(overlap[ok, d, e].mean())
            covariances.append(cov - scorecard * shared_mean)
    candidate = max(float(np.mean(covariances)), 0.0) if covariances else 0.0
    if true_by_dim:
        candidate = min(candidate, min(true_by_dim.values()))
    candidate_dimension = {
        names[d]: max(value - candidate, 0.0) for d, value in true_by_dim.items()
    }
    return Components(
        scorecard=float(scorecard),
        interviewer=float(min(interviewer, scorecard)),
        rating=rating,
        candidate=float(candidate),
        candidate_dimension=candidate_dimension,
        pairs=pairs,
        candidates=len(starts),
    )


# ---------------------------------------------------------------------------------------------
# Leniency: every interviewer of a role at once


def t_quantile(p: float, df: float) -> float:
    """Student's t quantile: exact for df 1-4 at p = .975, else the Cornish-Fisher expansion
    (Abramowitz & Stegun 26.7.5; within 1e-3 of the exact value for df >= 5)."""
    exact = {1: 12.706204736, 2: 4.302652730, 3: 3.182446305, 4: 2.776445105}
    if abs(p - 0.975) < 1e-12 and int(df) in exact and df == int(df):
        return exact[int(df)]
    z = normal_quantile(p)
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4


def normal_quantile(p: float) -> float:
    low, high = -10.0, 10.0
    for _ in range(100):
        mid = (low + high) / 2
        if 0.5 * (1 + math.erf(mid / math.sqrt(2))) < p:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def normal_cdf(x: np.ndarray) -> np.ndarray:
    """Phi(x) for an array (Abramowitz & Stegun 7.1.26 for erf, error below 1.5e-7)."""
    x = np.asarray(x, dtype=np.float64)
    u = np.abs(x) / math.sqrt(2)
    t = 1 / (1 + 0.3275911 * u)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    erf = 1 - poly * np.exp(-(u**2))
    return 0.5 * (1 + np.sign(x) * erf)


@dataclass(frozen=True)
class InterviewerLeniency:
    """One interviewer's leniency from the joint fit, in rating points.

    `raw` is the least-squares estimate (their ratings against the same candidates' and
    dimensions' fitted level, all interviewers of the role solved together, so a co-panelist's
    own leniency is taken out instead of being the yardstick), `se` its standard error clustered
    by candidate; `estimate` the empirical-Bayes posterior mean, which shrinks a thin record
    toward 0 (the role's typical interviewer), and `posterior_variance` its variance against
    this role's interviewers (what the calibrated view leaves unknown). `low`..`high` is the
    95 % interval the flag reads: the posterior's error plus the uncertainty of the zero itself,
    the mean of the few interviewers the role happens to have (`interval_variance`).
    `calibrated_levels` is what the calibrated view makes of their rating at each level 1-4,
    from the role's cumulative-logit fit (`ordinal_calibration`; empty in a fit stored before
    it, which then takes off `estimate` until the role is refitted)."""

    interviewer: int
    ratings: int  # ratings sharing a candidate and dimension with another interviewer
    candidates: int  # candidates behind those ratings (the clusters)
    raw: float | None = None
    se: float | None = None
    estimate: float | None = None
    low: float | None = None
    high: float | None = None
    posterior_variance: float | None = None
    calibrated_levels: tuple[float, ...] = ()

    @property
    def reported(self) -> bool:
        return self.estimate is not None

    @property
    def calibration(self) -> tuple[float, ...]:
        """The calibrated value of their rating at each level 1-4: the ordinal fit's when
        stored, else each level less `estimate` (held within 1-4); the levels themselves when
        not reported."""
        if not self.reported:
            return IDENTITY
        if self.calibrated_levels:
            return tuple(self.calibrated_levels)
        return tuple(min(max(level - self.estimate, 1.0), 4.0) for level in IDENTITY)

    @property
    def interval_variance(self) -> float | None:
        """The variance behind `low`..`high`: ((high - low) / 2t)^2, t the quantile the interval
        used (of the candidates behind it less one)."""
        if not self.reported:
            return None
        quantile = t_quantile(1 - (1 - CONFIDENCE) / 2, max(self.candidates - 1, 1))
        return ((self.high - self.low) / (2 * quantile)) ** 2

    @property
    def flag(self) -> str | None:
        """ "hot" / "cold" only when the 95 % interval excludes 0."""
        if not self.reported:
            return None
        if self.low > 0:
            return "hot"
        if self.high < 0:
            return "cold"
        return None

    @property
    def reading(self) -> str:
        if not self.reported:
            return "no ratings shared with another interviewer yet: nothing to compare"
        return {
            "hot": "runs hot: rates above the role's typical interviewer on the same candidates",
            "cold": "runs cold: rates below the role's typical interviewer on the same candidates",
            None: "in line with the role's typical interviewer (the range includes 0)",
        }[self.flag]

    def as_json(self) -> dict:
        return {
            "interviewer": self.interviewer,
            "n": self.ratings,
            "candidates": self.candidates,
            "leniency": _round(self.estimate),
            "interval": [_round(self.low), _round(self.high)] if self.reported else None,
            "flag": self.flag,
            "unshrunk": _round(self.raw),
            "se": _round(self.se),
            "reading": self.reading,
        }


@dataclass(frozen=True)
class LeniencyFit:
    interviewers: dict[int, InterviewerLeniency]
    between_variance: float  # tau^2: how much interviewers truly differ (the prior's variance)
    residual_variance: float

    def calibration(self, interviewer: int) -> tuple[float, ...]:
        """What the calibrated view makes of the interviewer's rating at each level 1-4."""
        row = self.interviewers.get(interviewer)
        return row.calibration if row is not None else IDENTITY

    def estimate(self, interviewer: int) -> float:
        """The interviewer's leniency (what it adds to their ratings on average); 0 if none."""
        row = self.interviewers.get(interviewer)
        return row.estimate if row is not None and row.reported else 0.0

    def posterior_variance(self, interviewer: int) -> float:
        """Variance of (true leniency - adjustment): tau^2 for an interviewer never compared."""
        row = self.interviewers.get(interviewer)
        if row is None or not row.reported:
            return self.between_variance
        return row.posterior_variance


def fit_leniency(table: Ratings) -> LeniencyFit:
    """The two-way additive model y = alpha_cd + lambda_i + e, solved by least squares for all
    interviewers of the role at once (alpha_cd absorbed: the reduced normal equations
    L lambda = b, L the design's Laplacian, the minimum-norm solution so that the leniencies of
    each connected group of interviewers average 0).

    Standard errors: a sandwich clustered by candidate (all ratings of one candidate, whatever
    the scorecard, may share errors: halo, a good day), with the small-sample factor
    G/(G-1) (N-1)/(N-K), never below the model's own independent-errors variance.
    The variances are those of the leniencies as reported, each less the role's zero (diag of
    C V C', C the centring on the share-weighted mean), not of the pseudo-inverse's own solution.
    Shrinkage: tau^2 by the weighted method of moments (`between_variance`); the posterior mean
    raw * B and variance se^2 B, B = tau^2/(tau^2+se^2) (Morris 1983).
    The interval is the posterior mean +- t(.975, G-1) sqrt(se^2 B + B^2 tau^2 sum_{j != i} w_j^2),
    G the interviewer's candidates: the second term is the zero's own error. The zero is the
    weighted mean (weights w, summing to 1) of the role's interviewers, a sample of those it
    could have had, so against the mean of that population (the prior's centre, what "the
    role's typical interviewer" is) it is off by the others' weighted mean leniency; the
    shrunken estimate carries B of it (the mixed model's prediction error variance counts the
    estimated mean likewise: Henderson 1975). An interviewer seen on a few candidates, or in a
    role with few interviewers, gets a wide interval rather than a flag."""
    people = np.unique(table.interviewer)
    empty = LeniencyFit({int(i): InterviewerLeniency(int(i), 0, 0) for i in people}, 0.0, 0.0)
    if len(table) == 0:
        return empty
    _, who = _codes(table.interviewer)
    _, cand = _codes(table.candidate)
    unit = group_index(cand, table.dimension)
    y = table.rating
    n_people = people.size
    unit_n = np.bincount(unit).astype(np.float64)
    shared = unit_n[unit] >= 2
    # The reduced normal equations, from the pairs of ratings within each unit.
    order = np.argsort(unit, kind="stable")
    u_sorted = unit[order]
    starts = np.flatnonzero(np.r_[True, np.diff(u_sorted) != 0])
    sizes = np.diff(np.r_[starts, len(u_sorted)])
    laplacian = np.zeros((n_people, n_people))
    np.add.at(laplacian, (who, who), 1.0)
    for size in np.unique(sizes):
        block = starts[sizes == size]
        idx = order[block[:, None] + np.arange(size)[None, :]]  # units x size
        members = who[idx]
        left = np.repeat(members, size, axis=1).ravel()
        right = np.tile(members, (1, size)).ravel()
        np.add.at(laplacian, (left, right), -1.0 / size)
    unit_mean = np.bincount(unit, weights=y) / unit_n
    b = np.bincount(who, weights=y - unit_mean[unit], minlength=n_people)
    pinv = np.linalg.pinv(laplacian, rcond=1e-10, hermitian=True)
    lam = pinv @ b
    # Leniency is relative: the zero is the role's typical rating (each interviewer weighted by
    # the ratings they share with others), so that a few thinly seen interviewers do not move it.
    share_n = np.bincount(who[unit_n[unit] >= 2], minlength=n_people).astype(np.float64)
    if share_n.sum() > 0:
        lam = lam - float((share_n * lam).sum() / share_n.sum()) * (share_n > 0)
    resid_unit = np.bincount(unit, weights=y - lam[who]) / unit_n
    resid = y - resid_unit[unit] - lam[who]
    n_obs = int(shared.sum())
    k_params = int((unit_n >= 2).sum()) + n_people
    dof = max(n_obs - k_params, 1)
    # Ratings are whole levels: rounding alone leaves 1/12 of a squared point of noise
    # (Sheppard), so perfectly consistent data does not make a leniency look exact.
    sigma2 = max(float((resid[shared] ** 2).sum() / dof), ROUNDING_VARIANCE)
    # Cluster-robust meat: per candidate, the vector of each interviewer's summed residuals.
    group = cand * n_people + who
    g_index, g_inverse = np.unique(group, return_inverse=True)
    g_sum = np.bincount(g_inverse.ravel(), weights=resid)
    g_cand = g_index // n_people
    g_who = g_index % n_people
    meat = np.zeros((n_people, n_people))
    c_order = np.argsort(g_cand, kind="stable")
    gc, gw, gs = g_cand[c_order], g_who[c_order], g_sum[c_order]
    c_starts = np.flatnonzero(np.r_[True, np.diff(gc) != 0])
    c_sizes = np.diff(np.r_[c_starts, len(gc)])
    for size in np.unique(c_sizes):
        block = c_starts[c_sizes == size]
        idx = block[:, None] + np.arange(size)[None, :]
        w_rows, s_rows = gw[idx], gs[idx]
        left = np.repeat(w_rows, size, axis=1).ravel()
        right = np.tile(w_rows, (1, size)).ravel()
        values = (np.repeat(s_rows, size, axis=1) * np.tile(s_rows, (1, size))).ravel()
        np.add.at(meat, (left, right), values)
    clusters = np.bincount(who[shared], minlength=n_people)  # ratings per interviewer
    per_person_candidates = np.array(
        [np.unique(cand[shared & (who == p)]).size for p in range(n_people)]
    )
    n_candidates = int(np.unique(cand[shared]).size)
    # The (candidate, dimension) effects are nested in the candidate clusters, so only the
    # leniencies count as parameters (Cameron & Miller 2015, section IIIB).
    factor = (n_candidates / max(n_candidates - 1, 1)) * ((n_obs - 1) / max(n_obs - n_people, 1))
    robust = pinv @ meat @ pinv * factor
    # The floor: independent scorecards whose ratings share a covariance (halo), estimated from
    # the products of one scorecard's residuals on two dimensions. A rating's deviation from its
    # unit's mean carries the share h = 1 - 1/n of its noise.
    leverage = np.where(shared, 1 - 1 / unit_n[unit], 0.0)
    _, card = _codes(table.scorecard)
    card_sum = np.bincount(card, weights=np.where(shared, resid, 0.0))
    card_squares = np.bincount(card, weights=np.where(shared, resid**2, 0.0))
    card_h = np.bincount(card, weights=leverage)
    card_h2 = np.bincount(card, weights=leverage**2)
    pair_weight = float((card_h**2 - card_h2).sum())
    within_card = (
        float((card_sum**2 - card_squares).sum() / pair_weight) if pair_weight > 0 else 0.0
    )
    within_card = min(max(within_card, 0.0), sigma2)
    card_who = np.zeros(card_h.size, dtype=np.int64)
    card_who[card] = who
    per_person = np.bincount(
        card_who,
        weights=card_h * sigma2 + (card_h**2 - card_h2) * within_card,
        minlength=n_people,
    )
    model = (pinv * per_person) @ pinv
    compared = clusters > 0
    if not compared.any():
        return empty
    # The variances of the leniencies as reported, each less the role's zero (the share-weighted
    # mean): diag(C V C') with C = I - 1 w'/W, for both the clustered and the floor's V.
    weight = share_n / share_n.sum()
    se2 = np.maximum(_centred_variances(robust, weight), _centred_variances(model, weight))
    tau2 = between_variance(lam[compared], se2[compared])
    # The zero is the mean of this role's interviewers, a sample of the interviewers it could
    # have had: against their population's mean (the prior's centre) it is off by the others'
    # weighted mean leniency, variance tau^2 sum_{j != i} w_j^2 (w summing to 1).
    zero_variance = tau2 * (float((weight**2).sum()) - weight**2)
    # Each rating's level, 0-3, for the cumulative-logit fit behind the calibrated view.
    level_code = np.clip(np.round(y).astype(np.int64), LEVELS[0], LEVELS[-1]) - LEVELS[0]
    shrinks = np.where(tau2 + se2 > 0, tau2 / np.maximum(tau2 + se2, 1e-300), 0.0)
    calibration = ordinal_calibration(level_code, unit, table.dimension, who, shared, shrinks)
    rows = {}
    for p in range(n_people):
        interviewer = int(people[p])
        if not compared[p]:
            rows[interviewer] = InterviewerLeniency(interviewer, 0, 0)
            continue
        shrink = tau2 / (tau2 + se2[p]) if tau2 + se2[p] > 0 else 0.0
        post_mean = float(lam[p] * shrink)
        post_var = float(se2[p] * shrink)
        df = max(int(per_person_candidates[p]) - 1, 1)
        # The interval's error: the posterior's, plus the zero's own uncertainty carried by
        # the shrunken estimate (shrink^2 times it).
        half = t_quantile(0.975, df) * math.sqrt(post_var + shrink**2 * zero_variance[p])
        rows[interviewer] = InterviewerLeniency(
            interviewer=interviewer,
            ratings=int(clusters[p]),
            candidates=int(per_person_candidates[p]),
            raw=float(lam[p]),
            se=float(math.sqrt(se2[p])),
            estimate=post_mean,
            low=post_mean - half,
            high=post_mean + half,
            posterior_variance=post_var,
            calibrated_levels=tuple(float(v) for v in calibration[p]),
        )
    return LeniencyFit(rows, tau2, sigma2)


def ordinal_calibration(
    level: np.ndarray,
    unit: np.ndarray,
    dimension: np.ndarray,
    who: np.ndarray,
    compared: np.ndarray,
    shrink: np.ndarray,
) -> np.ndarray:
    """Per interviewer code, the calibrated value of their ratings at each level 1-4, from the
    cumulative-logit fit of the role (`scorecards.ordinal`): their leniency on the latent scale,
    shrunk as the linear fit shrinks it (times `shrink[i]`, tau^2 / (tau^2 + se^2): the same
    evidence, so the same share of it is believed), taken off the latent rating behind each of
    their ratings. Leniencies and thresholds come from the `compared` ratings (those sharing
    their candidate and dimension with another rating), zero at the same share-weighted mean."""
    unit_dimension = np.zeros(int(unit.max()) + 1, dtype=np.int64)
    unit_dimension[unit] = dimension
    n_people = shrink.size
    weight = np.bincount(who[compared], minlength=n_people).astype(np.float64)
    if weight.sum() <= 0:
        return np.tile(np.asarray(LEVELS, dtype=np.float64), (n_people, 1))
    fitted = ordinal.fit(level, unit, unit_dimension, who, compared=compared, weight=weight)
    latent = np.where(weight > 0, fitted.leniency * shrink, 0.0)
    return ordinal.level_calibration(fitted, level, unit, who, latent)


def _centred_variances(covariance: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """diag(C V C'), C = I - 1 w' (w summing to 1): the variances of x_i - w'x given Var x = V."""
    vw = covariance @ weight
    return np.diag(covariance) - 2 * vw + float(weight @ vw)


def between_variance(estimates: np.ndarray, variances: np.ndarray) -> float:
    """tau^2, the variance of the true leniencies, from estimates with known sampling variances:
    the weighted method of moments of Morris (1983), tau^2 = sum w (x^2 - v) / sum w with
    w = 1 / (tau^2 + v)^2, iterated from the unweighted mean. A thin record (large v) weighs
    little, so a few new interviewers do not hide how much the others differ."""
    x2 = np.asarray(estimates, dtype=np.float64) ** 2
    v = np.asarray(variances, dtype=np.float64)
    if x2.size == 0:
        return 0.0
    tau2 = max(float(np.mean(x2 - v)), float(np.median(x2 - v)), 0.0)
    for _ in range(100):
        w = 1 / (tau2 + v) ** 2
        updated = max(float((w * (x2 - v)).sum() / w.sum()), 0.0)
        if abs(updated - tau2) < 1e-12:
            break
        tau2 = updated
    return tau2


def group_index(*columns: np.ndarray) -> np.ndarray:
    """Each row's group number, rows equal in every column sharing one, numbered in the
    lexicographic order of the columns: what `np.unique(np.stack(columns), axis=1,
    return_inverse=True)` gives, without its slow sort of row views."""
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        values, codes = np.unique(column, return_inverse=True)
        _, key = np.unique(key * values.size + codes.ravel(), return_inverse=True)
        key = key.ravel().astype(np.int64)
    return key


# ---------------------------------------------------------------------------------------------
# A packet: its interval, calibrated interval and reliability


@dataclass(frozen=True)
class PanelCard:
    """One submitted scorecard of the packet: its interviewer and, per dimension it rated, the
    rating and the weight its kit version gives that dimension."""

    interviewer: int
    ratings: Mapping[str, float]
    weights: Mapping[str, float]


@dataclass(frozen=True)
class PanelInterval:
    estimate: float | None
    low: float | None = None
    high: float | None = None
    standard_error: float | None = None
    reason: str = ""

    @property
    def reported(self) -> bool:
        return self.low is not None

    @property
    def width(self) -> float | None:
        return None if self.low is None else self.high - self.low

    @property
    def low_percent(self) -> float | None:
        return None if self.low is None else (self.low - 1) / 3 * 100

    @property
    def high_percent(self) -> float | None:
        return None if self.high is None else (self.high - 1) / 3 * 100

    def as_list(self) -> list[float] | None:
        return [_round(self.low), _round(self.high)] if self.reported else None


@dataclass(frozen=True)
class PanelFigures:
    raw: PanelInterval
    calibrated: PanelInterval
    reliability: float | None
    # Per scorecard, the calibrated value of its interviewer's rating at each level 1-4.
    calibrations: tuple[tuple[float, ...], ...] = field(default=())


NO_MODEL = (
    "too few scorecards to say: no candidate of this role has two scorecards rating the same "
    "dimension yet, so the role's noise cannot be measured"
)
NO_SCORECARDS = "no submitted scorecard yet: there is no score"


def _coefficients(cards: Sequence[PanelCard]) -> tuple[list[dict[str, float]], list[str]]:
    """b_sd: the weight of rating (s, d) in the packet's overall score, which is
    sum_d (sum_s w_sd r_sd / n_d) / sum_d (sum_s w_sd / n_d) (scorecards.aggregation)."""
    count: dict[str, int] = {}
    for card in cards:
        for name in card.ratings:
            count[name] = count.get(name, 0) + 1
    total = sum(
        card.weights.get(name, 0.0) / count[name] for card in cards for name in card.ratings
    )
    if total <= 0:
        return [], []
    coefficients = [
        {name: card.weights.get(name, 0.0) / count[name] / total for name in card.ratings}
        for card in cards
    ]
    return coefficients, list(count)


def overall_score(
    cards: Sequence[PanelCard], calibrations: Sequence[Sequence[float]] | None = None
):
    """The packet's overall score; with `calibrations` (per scorecard, the calibrated value of
    its interviewer's rating at each level 1-4: `LeniencyFit.calibration`), the calibrated
    view's."""
    coefficients, _ = _coefficients(cards)
    if not coefficients:
        return None
    tables = calibrations or [IDENTITY] * len(cards)
    return float(
        sum(
            b * calibrated_rating(card.ratings[name], table)
            for card, row, table in zip(cards, coefficients, tables, strict=True)
            for name, b in row.items()
        )
    )


def at_scale_end(rating: float, taken: float) -> bool:
    """A 4 from a lenient interviewer or a 1 from a severe one (`taken`: what the calibrated
    view took off the rating): the scale's end hides how far beyond it the latent rating was."""
    return (taken > 0 and rating >= 4) or (taken < 0 and rating <= 1)


def calibrated_rating(rating: float, calibration: Sequence[float]) -> float:
    """The calibrated value of `rating` given its interviewer's `calibration` (the values of the
    levels 1-4; between levels, a rating that is not a whole level is read off the line joining
    them)."""
    return float(np.interp(rating, IDENTITY, calibration))


def panel_figures(
    cards: Sequence[PanelCard],
    components: Components | None,
    leniency: LeniencyFit | None,
    calibrated_components: Components | None = None,
) -> PanelFigures:
    """The packet's 95 % intervals (raw and calibrated) for the universe score and the
    reliability of its overall score for the panel it had.

    Error variance of the raw overall for this panel:
      sum_i (sum_{s of i} B_s)^2 interviewer + sum_s B_s^2 occasion + sum_sd b_sd^2 rating[d],
    B_s = sum_d b_sd (an interviewer's leniency is shared by their scorecards). Calibrated: the
    scorecard and rating terms are those of the calibrated ratings (`calibrated_components`,
    the role's components fitted on its ratings as the calibrated view reads them; a fit stored
    before them uses the raw ones), the interviewer term the variance left after taking the
    estimate off (the posterior variance). Reliability: universe variance / (universe variance +
    raw error variance), the universe variance being sum_dd' v_d v_d' (candidate + [d = d']
    candidate_dimension[d]), v_d = sum_s b_sd."""
    if not cards:
        empty = PanelInterval(None, reason=NO_SCORECARDS)
        return PanelFigures(empty, empty, None)
    coefficients, names = _coefficients(cards)
    calibrations = tuple(
        leniency.calibration(card.interviewer) if leniency else IDENTITY for card in cards
    )
    raw = overall_score(cards)
    calibrated = overall_score(cards, calibrations) if leniency else raw
    if components is None or not coefficients:
        return PanelFigures(
            PanelInterval(raw, reason=NO_MODEL),
            PanelInterval(calibrated, reason=NO_MODEL),
            None,
            calibrations,
        )
    card_total = [sum(row.values()) for row in coefficients]
    by_person: dict[int, float] = {}
    for card, total in zip(cards, card_total, strict=True):
        by_person[card.interviewer] = by_person.get(card.interviewer, 0.0) + total

    def noise(c: Components) -> float:
        """The rating-level and scorecard-level (occasion) terms under components `c`."""
        ratings = sum(
            b**2 * c.rating_noise(name) for row in coefficients for name, b in row.items()
        )
        return ratings + sum(t**2 for t in card_total) * c.occasion

    noise_part = noise(components)
    random_var = noise_part + sum(v**2 for v in by_person.values()) * components.interviewer
    if leniency is None:
        raw_var = calibrated_var = random_var
    else:
        # What is left unknown of each interviewer's leniency once it is estimated...
        left = sum(
            v**2 * min(leniency.posterior_variance(person), components.interviewer)
            for person, v in by_person.items()
        )
        # ...and what this panel's estimated leniency does to the raw score: its square is
        # added, so that a panel of lenient interviewers widens the raw range instead of
        # moving the truth out of it (on random panels the two add up to the G-theory term).
        panel_lean = sum(v * leniency.estimate(person) for person, v in by_person.items())
        # A rating at the end of the scale in the direction of its interviewer's leniency (a 4
        # from a lenient one) hides how far above the end it was: what the calibrated view
        # took off such ratings is counted as uncertain too, shared by one interviewer's
        # ratings (one leniency read them) and apart between interviewers.
        clipped: dict[int, float] = {}
        for card, row, table in zip(cards, coefficients, calibrations, strict=True):
            for name, b in row.items():
                rating = card.ratings[name]
                taken = rating - calibrated_rating(rating, table)
                if at_scale_end(rating, taken):
                    clipped[card.interviewer] = clipped.get(card.interviewer, 0.0) + b * taken
        calibrated_noise = noise(calibrated_components) if calibrated_components else noise_part
        calibrated_var = calibrated_noise + left + sum(v**2 for v in clipped.values())
        raw_var = noise_part + left + panel_lean**2
    per_dimension = {name: 0.0 for name in names}
    for row in coefficients:
        for name, b in row.items():
            per_dimension[name] += b
    universe = sum(
        per_dimension[a] * per_dimension[b] * components.candidate for a in names for b in names
    ) + sum(
        v**2 * (components.true_variance(name) - components.candidate)
        for name, v in per_dimension.items()
    )
    total = universe + random_var
    reliability = universe / total if total > 0 else None
    return PanelFigures(
        _interval(raw, raw_var),
        _interval(calibrated, calibrated_var),
        None if reliability is None else float(reliability),
        calibrations,
    )


def _interval(estimate: float | None, variance: float) -> PanelInterval:
    if estimate is None:
        return PanelInterval(None, reason=NO_SCORECARDS)
    se = math.sqrt(max(variance, 0.0))
    return PanelInterval(estimate, max(estimate - Z * se, 1.0), min(estimate + Z * se, 4.0), se)


# ---------------------------------------------------------------------------------------------
# Agreement: Krippendorff's alpha with a candidate-resampling interval


@dataclass(frozen=True)
class Agreement:
    alpha: float | None
    low: float | None
    high: float | None
    units: int  # candidate x dimension units with two or more ratings
    candidates: int
    ratings: int
    reason: str = ""

    @property
    def level(self) -> str:
        """A label only with MIN_ALPHA_LABEL_UNITS units; else "unlabelled"."""
        if self.alpha is None:
            return "none"
        if self.units < MIN_ALPHA_LABEL_UNITS:
            return "unlabelled"
        if self.alpha >= ALPHA_GOOD:
            return "good"
        if self.alpha >= ALPHA_TENTATIVE:
            return "tentative"
        return "low"

    @property
    def reading(self) -> str:
        if self.alpha is None:
            return self.reason
        return {
            "unlabelled": f"Too few rated pairs to label ({self.units} candidate-dimension pairs "
            f"rated twice or more; a label needs {MIN_ALPHA_LABEL_UNITS}): read the range.",
            "good": "Single ratings mostly agree between scorecards of the same candidate.",
            "tentative": "Single ratings agree moderately between scorecards of the same "
            "candidate; the packet's averaged score is steadier than one rating (see its "
            "reliability).",
            "low": "Single ratings of the same candidate differ a lot between scorecards. That "
            "mixes interviewers with exercises (each exercise shows a different side of the "
            "candidate); the packet's averaged score is steadier (see its reliability).",
        }[self.level]

    def as_json(self) -> dict:
        return {
            "alpha": _round(self.alpha),
            "interval": [_round(self.low), _round(self.high)] if self.alpha is not None else None,
            "units": self.units,
            "candidates": self.candidates,
            "ratings": self.ratings,
            "label": self.level,
            "reading": self.reading,
        }

    @classmethod
    def from_json(cls, data: Mapping) -> Agreement:
        interval = data.get("interval") or [None, None]
        return cls(
            data.get("alpha"),
            interval[0],
            interval[1],
            int(data.get("units", 0)),
            int(data.get("candidates", 0)),
            int(data.get("ratings", 0)),
            "" if data.get("alpha") is not None else data.get("reading", ""),
        )


def agreement(
    table: Ratings,
    *,
    resamples: int = ALPHA_RESAMPLES,
    seed: int = ALPHA_SEED,
    minimum_units: int = MIN_ALPHA_UNITS,
) -> Agreement:
    """Ordinal Krippendorff's alpha (the `krippendorff` package), units candidate x dimension,
    raters interviewers, with a 95 % percentile interval from resampling whole candidates
    (their units stay together, as they share the candidate)."""
    if len(table) == 0:
        return Agreement(None, None, None, 0, 0, 0, "not enough data: no ratings yet.")
    prepared = alpha_units(table.candidate, table.dimension, table.interviewer, table.rating)
    units, candidates, ratings = prepared.units, prepared.candidates, prepared.ratings
    if units < minimum_units:
        return Agreement(
            None,
            None,
            None,
            units,
            candidates,
            ratings,
            f"not enough data: only {units} candidate-dimension pairs were rated by two or more "
            f"interviewers; at least {minimum_units} are needed.",
        )
    data, owners = prepared.data, prepared.owners
    if prepared.one_level:
        return Agreement(
            None,
            None,
            None,
            units,
            candidates,
            ratings,
            "not enough data: every rating is the same level, so agreement cannot be told "
            "apart from chance.",
        )
    alpha = ordinal_alpha(data)
    people, column_of = np.unique(owners, return_inverse=True)
    columns_by_candidate = [np.flatnonzero(column_of == k) for k in range(people.size)]
    rng = np.random.default_rng(seed)
    draws = []
    for _ in range(resamples):
        chosen = rng.integers(0, people.size, people.size)
        columns = np.concatenate([columns_by_candidate[k] for k in chosen])
        sample = data[:, columns]
        if np.unique(sample[~np.isnan(sample)]).size < 2:
            continue
        draws.append(ordinal_alpha(sample))
    low, high = np.percentile(draws, [2.5, 97.5]) if draws else (None, None)
    return Agreement(
        alpha,
        None if low is None else float(low),
        None if high is None else float(high),
        units,
        candidates,
        ratings,
    )


@dataclass(frozen=True)
class AlphaUnits:
    """Krippendorff's reliability data: `data` is raters (interviewers) x the units (candidate x
    dimension) with two or more ratings, nan where the interviewer did not rate the unit;
    `owners` each unit's candidate."""

    data: np.ndarray
    owners: np.ndarray
    units: int  # units with two or more ratings
    candidates: int  # candidates behind them
    ratings: int  # ratings in them

    @property
    def one_level(self) -> bool:
        """Every rating is the same level: agreement cannot be told apart from chance."""
        return np.unique(self.data[~np.isnan(self.data)]).size < 2


def alpha_units(
    candidate: np.ndarray, dimension: np.ndarray, interviewer: np.ndarray, rating: np.ndarray
) -> AlphaUnits:
    """The reliability data of alpha from parallel arrays of ratings. An interviewer who rated
    the same candidate on the same dimension twice counts once: the mean of their ratings,
    rounded to a level."""
    unit = group_index(candidate, dimension)
    unit_candidate = np.zeros(int(unit.max()) + 1, dtype=np.int64)
    unit_candidate[unit] = candidate
    _, rater = _codes(interviewer)
    shape = (int(rater.max()) + 1, unit_candidate.size)
    sums = np.zeros(shape)
    counts = np.zeros(shape)
    np.add.at(sums, (rater, unit), rating)
    np.add.at(counts, (rater, unit), 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        data = np.where(counts > 0, np.round(sums / counts), np.nan)
    per_unit = (counts > 0).sum(axis=0)
    pairable = per_unit >= 2
    return AlphaUnits(
        data=data[:, pairable],
        owners=unit_candidate[pairable],
        units=int(pairable.sum()),
        candidates=int(np.unique(unit_candidate[pairable]).size),
        ratings=int(per_unit[pairable].sum()),
    )


def ordinal_alpha(data: np.ndarray) -> float:
    """Ordinal Krippendorff's alpha of reliability data (raters x units, nan = missing) on the
    scale's levels, by the `krippendorff` package: the project's one definition of alpha (the
    calibration pages' `scorecards.calibration.stats.reliability` calls it too)."""
    return float(
        krippendorff.alpha(
            reliability_data=data, level_of_measurement="ordinal", value_domain=list(LEVELS)
        )
    )


def agreement_by_dimension(table: Ratings, **options) -> dict[str, Agreement]:
    result = {}
    for code, name in enumerate(table.dimension_names):
        mask = table.dimension == code
        result[name] = agreement(
            Ratings(
                table.candidate[mask],
                table.scorecard[mask],
                table.interviewer[mask],
                table.dimension[mask],
                table.rating[mask],
                table.dimension_names,
            ),
            **options,
        )
    return result


# ---------------------------------------------------------------------------------------------
# The whole role


@dataclass(frozen=True)
class RoleModel:
    components: Components | None
    leniency: LeniencyFit
    agreement: Agreement
    agreement_by_dimension: dict[str, Agreement]
    # The components of the ratings as the calibrated view reads them (the calibrated range's).
    calibrated_components: Components | None = None


def calibrated_ratings(table: Ratings, leniency: LeniencyFit) -> Ratings:
    """The role's ratings as the calibrated view reads them: each off its interviewer's
    calibrated levels."""
    values = np.array(table.rating, dtype=np.float64)
    for person in np.unique(table.interviewer):
        rows = table.interviewer == person
        values[rows] = np.interp(values[rows], IDENTITY, leniency.calibration(int(person)))
    return replace(table, rating=values)


def fit_role(table: Ratings, *, resamples: int = ALPHA_RESAMPLES) -> RoleModel:
    """Everything the role's packets and calibration page read, from its submitted ratings."""
    lenient = fit_leniency(table)
    components = variance_components(table, interviewer=lenient.between_variance)
    # The leniency is taken off these ratings, so what their scorecards share is the occasion.
    calibrated = variance_components(calibrated_ratings(table, lenient))
    return RoleModel(
        components,
        lenient,
        agreement(table, resamples=resamples),
        agreement_by_dimension(table, resamples=resamples),
        calibrated,
    )


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(float(value), digits)
