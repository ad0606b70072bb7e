"""The trust figures the app showed before the role model, kept as the simulation's baseline
("today" in `bench.simulate`); the app itself reads `scorecards.role_model` only.

Leniency of an interviewer: for every rating r they gave (candidate c, dimension d) where at
least one OTHER interviewer also rated c on d, the deviation r - mean(the others' ratings of c on
d); leniency = the mean deviation, n = how many deviations. The 95 % interval is a Student
t-interval, mean +- t(0.975, n - 1) sd / sqrt(n). It is reported only when n >= MIN_OVERLAP.

Uncertainty of a packet's overall score: a seeded bootstrap over the panel's submitted
scorecards (resample the scorecards with replacement, recompute the overall score exactly as the
packet does, take the 2.5th and 97.5th percentiles). Reported only with MIN_SCORECARDS or more.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from scorecards.calibration.stats import NOT_ENOUGH_DATA, RatingsTable
from scorecards.role_model import group_index, t_quantile

TOO_FEW_SCORECARDS = "too few scorecards"
CONFIDENCE = 0.95
# Leniency: overlapping ratings (rated by this interviewer and at least one other) needed.
MIN_OVERLAP = 10
# Uncertainty: submitted scorecards needed for a bootstrap interval.
MIN_SCORECARDS = 3
BOOTSTRAP_SAMPLES = 2000
BOOTSTRAP_SEED = 20_240_607
# A leniency whose interval lies within +-this of 0 is "in line with the panel".
NOTABLE_LENIENCY = 0.25


# ---------------------------------------------------------------------------------------------
# Leniency, against the co-panelists


@dataclass(frozen=True)
class Leniency:
    interviewer: int
    n: int  # overlapping ratings: deviations from the rest of the panel
    mean: float | None = None  # None: not enough data (n < MIN_OVERLAP)
    low: float | None = None
    high: float | None = None

    @property
    def reported(self) -> bool:
        return self.mean is not None

    @property
    def reading(self) -> str:
        if not self.reported:
            return f"{NOT_ENOUGH_DATA} (needs {MIN_OVERLAP} ratings shared with other panelists)"
        if self.low > 0 and self.mean >= NOTABLE_LENIENCY:
            return "runs hot: rates above the rest of the panel"
        if self.high < 0 and self.mean <= -NOTABLE_LENIENCY:
            return "runs cold: rates below the rest of the panel"
        if self.low > 0 or self.high < 0:
            return "slightly off the panel, by less than a quarter point"
        return "in line with the panel"

    def as_json(self) -> dict:
        return {
            "interviewer": self.interviewer,
            "n": self.n,
            "leniency": _round(self.mean),
            "interval": [_round(self.low), _round(self.high)] if self.reported else None,
            "reading": self.reading,
        }


def deviations(table: RatingsTable) -> tuple[np.ndarray, np.ndarray]:
    """(interviewer, rating − mean of the other interviewers' ratings of the same candidate on
    the same dimension) for every rating that has at least one other interviewer's rating."""
    if len(table) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    unit_index = group_index(table.candidate, table.dimension)
    own_index = group_index(unit_index, table.interviewer)
    unit_sum = np.bincount(unit_index, weights=table.rating)
    unit_n = np.bincount(unit_index)
    own_sum = np.bincount(own_index, weights=table.rating)
    own_n = np.bincount(own_index)
    others_n = unit_n[unit_index] - own_n[own_index]
    others_sum = unit_sum[unit_index] - own_sum[own_index]
    has_others = others_n > 0
    deviation = table.rating[has_others] - others_sum[has_others] / others_n[has_others]
    return table.interviewer[has_others], deviation


def leniency(table: RatingsTable, *, minimum: int = MIN_OVERLAP) -> dict[int, Leniency]:
    """Each interviewer's leniency (every interviewer of the table gets an entry)."""
    result = {int(i): Leniency(int(i), 0) for i in np.unique(table.interviewer)}
    who, dev = deviations(table)
    if dev.size == 0:
        return result
    ids, index = np.unique(who, return_inverse=True)
    n = np.bincount(index)
    total = np.bincount(index, weights=dev)
    squares = np.bincount(index, weights=dev**2)
    mean = total / n
    with np.errstate(invalid="ignore", divide="ignore"):
        variance = np.maximum(squares - n * mean**2, 0) / (n - 1)
    for k, interviewer in enumerate(ids):
        count = int(n[k])
        if count < minimum:
            result[int(interviewer)] = Leniency(int(interviewer), count)
            continue
        half = t_quantile(1 - (1 - CONFIDENCE) / 2, count - 1) * math.sqrt(variance[k] / count)
        m = float(mean[k])
        result[int(interviewer)] = Leniency(int(interviewer), count, m, m - half, m + half)
    return result


# ---------------------------------------------------------------------------------------------
# A packet's overall score: uncertainty and the calibrated view


def panel_overall(ratings: np.ndarray, weights: np.ndarray) -> float | None:
    """The packet's overall score (scorecards.aggregation) from a scorecards × dimensions matrix
    of ratings (nan = not rated) and of the weight each scorecard's kit version gives each
    dimension: Σ_d (Σ_s w_sd·r_sd / n_d) / Σ_d (Σ_s w_sd / n_d) over dimensions with n_d ≥ 1."""
    value = _overall_for_counts(ratings, weights, np.ones((1, ratings.shape[0])))[0]
    return None if np.isnan(value) else float(value)


def _overall_for_counts(ratings: np.ndarray, weights: np.ndarray, counts: np.ndarray):
    """The overall score for each row of `counts` (how often each scorecard is drawn)."""
    rated = ~np.isnan(ratings)
    r = np.where(rated, ratings, 0.0)
    w = np.where(rated, weights, 0.0)
    n = counts @ rated.astype(np.float64)  # resamples × dimensions
    sum_w = counts @ w
    sum_wr = counts @ (w * r)
    with np.errstate(invalid="ignore", divide="ignore"):
        numerator = np.where(n > 0, sum_wr / n, 0.0).sum(axis=1)
        denominator = np.where(n > 0, sum_w / n, 0.0).sum(axis=1)
        return np.where(denominator > 0, numerator / denominator, np.nan)


@dataclass(frozen=True)
class Uncertainty:
    scorecards: int
    estimate: float | None
    low: float | None = None
    high: float | None = None
    samples: int = BOOTSTRAP_SAMPLES
    seed: int = BOOTSTRAP_SEED
    reason: str = ""

    @property
    def reported(self) -> bool:
        return self.low is not None

    @property
    def low_percent(self) -> float | None:
        return None if self.low is None else (self.low - 1) / 3 * 100

    @property
    def high_percent(self) -> float | None:
        return None if self.high is None else (self.high - 1) / 3 * 100

    @property
    def width(self) -> float | None:
        return None if self.low is None else self.high - self.low

    def as_json(self) -> dict:
        return {
            "scorecards": self.scorecards,
            "overall": _round(self.estimate),
            "interval": [_round(self.low), _round(self.high)] if self.reported else None,
            "method": f"bootstrap over scorecards, {self.samples} resamples, seed {self.seed}",
            "reason": self.reason,
        }


def bootstrap_overall(
    ratings: np.ndarray,
    weights: np.ndarray,
    *,
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
    minimum: int = MIN_SCORECARDS,
) -> Uncertainty:
    """A 95 % percentile interval for the overall score, resampling whole scorecards."""
    count = int(ratings.shape[0])
    estimate = panel_overall(ratings, weights) if count else None
    if count < minimum:
        return Uncertainty(
            count,
            estimate,
            samples=samples,
            seed=seed,
            reason=f"{TOO_FEW_SCORECARDS}: {count} submitted, at least {minimum} are needed to "
            "say how certain the score is.",
        )
    rng = np.random.default_rng(seed)
    counts = rng.multinomial(count, np.full(count, 1 / count), size=samples).astype(np.float64)
    overall = _overall_for_counts(ratings, weights, counts)
    overall = overall[~np.isnan(overall)]
    tail = (1 - CONFIDENCE) / 2 * 100
    low, high = np.percentile(overall, [tail, 100 - tail])
    return Uncertainty(count, estimate, float(low), float(high), samples, seed)


def calibrated_ratings(
    ratings: np.ndarray, interviewers: Sequence[int], lenient: Mapping[int, Leniency]
) -> tuple[np.ndarray, np.ndarray]:
    """Each rating minus its interviewer's leniency where that is reported (otherwise kept as
    is), held within 1–4. Returns (calibrated ratings, the adjustment subtracted per row)."""
    adjustment = np.array(
        [lenient[i].mean if i in lenient and lenient[i].reported else 0.0 for i in interviewers],
        dtype=np.float64,
    )
    adjusted = np.clip(ratings - adjustment[:, None], 1.0, 4.0)
    return np.where(np.isnan(ratings), np.nan, adjusted), adjustment


@dataclass(frozen=True)
class CalibratedPanel:
    raw_overall: float | None
    calibrated_overall: float | None
    adjustments: tuple[float, ...]
    calibrated: np.ndarray = field(repr=False)


def calibrated_panel(
    ratings: np.ndarray,
    weights: np.ndarray,
    interviewers: Sequence[int],
    lenient: Mapping[int, Leniency],
) -> CalibratedPanel:
    adjusted, adjustment = calibrated_ratings(ratings, interviewers, lenient)
    return CalibratedPanel(
        raw_overall=panel_overall(ratings, weights) if ratings.shape[0] else None,
        calibrated_overall=panel_overall(adjusted, weights) if ratings.shape[0] else None,
        adjustments=tuple(float(a) for a in adjustment),
        calibrated=adjusted,
    )


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(float(value), digits)
