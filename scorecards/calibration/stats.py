"""Calibration, reliability and uncertainty: pure numpy, data in, numbers out (no ORM).

`scorecards.calibration.data` reads the database into the arrays these functions take; the
calibration pages, the packet's trust section and `manage.py calibration` present the results.
docs/scoring-methods.md explains every method in plain words; the constants below are the
minimums it quotes.

Leniency of an interviewer: for every rating r they gave (candidate c, dimension d) where at
least one OTHER interviewer also rated c on d, the deviation r − mean(the others' ratings of c on
d); leniency = the mean deviation, n = how many deviations. The 95 % interval is a Student
t-interval, mean ± t(0.975, n − 1) · sd / √n. It is reported only when n ≥ MIN_OVERLAP.

Reliability: Krippendorff's alpha, ordinal, from the `krippendorff` package. Units are
candidate × dimension, raters are interviewers, a missing rating is nan. Reported only when at
least MIN_ALPHA_UNITS units have two or more ratings and the ratings are not all one value.

Uncertainty of a packet's overall score: a seeded bootstrap over the panel's submitted
scorecards (resample the scorecards with replacement, recompute the overall score exactly as the
packet does, take the 2.5th and 97.5th percentiles). Reported only with MIN_SCORECARDS or more.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import krippendorff
import numpy as np

NOT_ENOUGH_DATA = "not enough data"
TOO_FEW_SCORECARDS = "too few scorecards"

CONFIDENCE = 0.95
# Leniency: overlapping ratings (rated by this interviewer and at least one other) needed.
MIN_OVERLAP = 10
# Alpha: candidate × dimension units with two or more ratings needed.
MIN_ALPHA_UNITS = 10
# Uncertainty: submitted scorecards needed for a bootstrap interval.
MIN_SCORECARDS = 3
BOOTSTRAP_SAMPLES = 2000
BOOTSTRAP_SEED = 20_240_607
# A leniency whose interval lies within ±this of 0 is "in line with the panel".
NOTABLE_LENIENCY = 0.25

ALPHA_GOOD = 0.8
ALPHA_TENTATIVE = 0.667
LEVELS = (1, 2, 3, 4)
RECOMMENDATIONS = ("strong-no", "no", "yes", "strong-yes")


@dataclass(frozen=True)
class RatingsTable:
    """One row per submitted rating (not-assessed ones left out), as parallel arrays."""

    candidate: np.ndarray  # int64
    dimension: np.ndarray  # int64 codes into dimension_names
    interviewer: np.ndarray  # int64 user ids
    rating: np.ndarray  # float64, 1–4
    dimension_names: tuple[str, ...] = ()
    role: np.ndarray | None = None  # int64, optional

    def __len__(self) -> int:
        return int(self.rating.shape[0])

    def where(self, mask: np.ndarray) -> RatingsTable:
        return RatingsTable(
            candidate=self.candidate[mask],
            dimension=self.dimension[mask],
            interviewer=self.interviewer[mask],
            rating=self.rating[mask],
            dimension_names=self.dimension_names,
            role=None if self.role is None else self.role[mask],
        )


def ratings_table(rows: Sequence[tuple], *, with_role: bool = False) -> RatingsTable:
    """From (candidate, dimension name, interviewer, rating[, role]) tuples."""
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return RatingsTable(empty, empty, empty, np.zeros(0), (), empty if with_role else None)
    columns = list(zip(*rows, strict=True))
    # Codes in sorted-name order, by a dict rather than np.unique on strings (10x faster on a
    # role's 300,000 ratings; see docs/performance.md).
    names = sorted({str(n) for n in columns[1]})
    code_of = {name: code for code, name in enumerate(names)}
    codes = np.fromiter((code_of[str(n)] for n in columns[1]), dtype=np.int64, count=len(rows))
    return RatingsTable(
        candidate=np.asarray(columns[0], dtype=np.int64),
        dimension=codes,
        interviewer=np.asarray(columns[2], dtype=np.int64),
        rating=np.asarray(columns[3], dtype=np.float64),
        dimension_names=tuple(names),
        role=np.asarray(columns[4], dtype=np.int64) if with_role else None,
    )


# ---------------------------------------------------------------------------------------------
# Leniency


def t_quantile(p: float, df: int) -> float:
    """Student's t quantile by the Cornish–Fisher expansion around the normal quantile
    (Abramowitz & Stegun 26.7.5); within 1e-3 of the exact value for df ≥ 5."""
    z = _normal_quantile(p)
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4


def _normal_quantile(p: float) -> float:
    """Inverse of the standard normal distribution function (bisection on math.erf)."""
    low, high = -10.0, 10.0
    for _ in range(100):
        mid = (low + high) / 2
        if 0.5 * (1 + math.erf(mid / math.sqrt(2))) < p:
            low = mid
        else:
            high = mid
    return (low + high) / 2


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
# Reliability


@dataclass(frozen=True)
class Reliability:
    alpha: float | None
    candidates: int  # candidates behind the pairable units
    ratings: int  # ratings in units with two or more ratings
    units: int  # candidate × dimension units with two or more ratings
    reason: str = ""  # why there is no alpha

    @property
    def level(self) -> str:
        if self.alpha is None:
            return "none"
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
            "good": "Good agreement: interviewers rating the same candidate mostly agree, so "
            "the scores can be relied on.",
            "tentative": "Moderate agreement: good enough for tentative conclusions; look "
            "at the evidence where the panel disagrees.",
            "low": "Low agreement: a candidate's ratings depend a lot on who interviewed "
            "them. Compare the anchors and calibrate the panel before relying on the scores.",
        }[self.level]

    @property
    def short_reading(self) -> str:
        """A table cell's version of `reading`."""
        if self.alpha is None:
            return self.reason
        return {
            "good": "Interviewers mostly agree.",
            "tentative": "Agreement good enough for tentative conclusions.",
            "low": "Ratings depend a lot on who interviews.",
        }[self.level]

    def as_json(self) -> dict:
        return {
            "alpha": _round(self.alpha),
            "candidates": self.candidates,
            "ratings": self.ratings,
            "units": self.units,
            "reading": self.reading,
        }


def reliability(table: RatingsTable, *, minimum_units: int = MIN_ALPHA_UNITS) -> Reliability:
    """Krippendorff's alpha (ordinal) with units candidate × dimension, raters interviewers.

    An interviewer who rated the same candidate on the same dimension twice counts once (the
    mean of their ratings, rounded to a level)."""
    if len(table) == 0:
        return Reliability(None, 0, 0, 0, f"{NOT_ENOUGH_DATA}: no ratings yet.")
    unit_index = group_index(table.candidate, table.dimension)
    unit_candidate = np.zeros(int(unit_index.max()) + 1, dtype=np.int64)
    unit_candidate[unit_index] = table.candidate
    raters, rater_index = np.unique(table.interviewer, return_inverse=True)
    shape = (raters.size, unit_candidate.size)
    sums = np.zeros(shape)
    counts = np.zeros(shape)
    np.add.at(sums, (rater_index, unit_index), table.rating)
    np.add.at(counts, (rater_index, unit_index), 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        data = np.where(counts > 0, np.round(sums / counts), np.nan)
    per_unit = (counts > 0).sum(axis=0)
    pairable = per_unit >= 2
    units = int(pairable.sum())
    candidates = int(np.unique(unit_candidate[pairable]).size)
    ratings = int(per_unit[pairable].sum())
    if units < minimum_units:
        return Reliability(
            None,
            candidates,
            ratings,
            units,
            f"{NOT_ENOUGH_DATA}: only {units} candidate-dimension pairs were rated by two or "
            f"more interviewers; at least {minimum_units} are needed.",
        )
    data = data[:, pairable]
    if np.unique(data[~np.isnan(data)]).size < 2:
        return Reliability(
            None,
            candidates,
            ratings,
            units,
            f"{NOT_ENOUGH_DATA}: every rating is the same level, so agreement cannot be told "
            "apart from chance.",
        )
    alpha = krippendorff.alpha(
        reliability_data=data, level_of_measurement="ordinal", value_domain=list(LEVELS)
    )
    return Reliability(float(alpha), candidates, ratings, units)


def reliability_by_dimension(table: RatingsTable) -> dict[str, Reliability]:
    return {
        name: reliability(table.where(table.dimension == code))
        for code, name in enumerate(table.dimension_names)
    }


# ---------------------------------------------------------------------------------------------
# Interviewer summaries


@dataclass(frozen=True)
class ScorecardTable:
    """One row per submitted scorecard."""

    interviewer: np.ndarray  # int64
    hours: np.ndarray  # float64: interview time to submission, nan when unknown
    recommendation: np.ndarray  # int64 index into RECOMMENDATIONS, -1 when unknown


def scorecard_table(rows: Sequence[tuple]) -> ScorecardTable:
    """From (interviewer, hours or None, recommendation value) tuples."""
    codes = {value: i for i, value in enumerate(RECOMMENDATIONS)}
    return ScorecardTable(
        interviewer=np.asarray([r[0] for r in rows], dtype=np.int64),
        hours=np.asarray([np.nan if r[1] is None else r[1] for r in rows], dtype=np.float64),
        recommendation=np.asarray([codes.get(r[2], -1) for r in rows], dtype=np.int64),
    )


@dataclass(frozen=True)
class InterviewerSummary:
    interviewer: int
    scorecards: int
    median_hours: float | None
    rating_counts: tuple[int, int, int, int]
    recommendation_counts: tuple[int, int, int, int]
    leniency: Leniency
    mean_rating: float | None = None

    @property
    def ratings(self) -> int:
        return sum(self.rating_counts)

    def as_json(self) -> dict:
        return {
            "interviewer": self.interviewer,
            "scorecards": self.scorecards,
            "median_hours_to_submit": _round(self.median_hours, 1),
            "ratings": dict(zip(map(str, LEVELS), self.rating_counts, strict=True)),
            "recommendations": dict(zip(RECOMMENDATIONS, self.recommendation_counts, strict=True)),
            "leniency": self.leniency.as_json(),
        }


def interviewer_summaries(
    ratings: RatingsTable, cards: ScorecardTable, *, minimum: int = MIN_OVERLAP
) -> list[InterviewerSummary]:
    """A row per interviewer with at least one submitted scorecard, by interviewer id."""
    lenient = leniency(ratings, minimum=minimum)
    rows = []
    for interviewer in np.unique(np.concatenate([cards.interviewer, ratings.interviewer])):
        mine = cards.interviewer == interviewer
        hours = cards.hours[mine]
        hours = hours[~np.isnan(hours)]
        given = ratings.rating[ratings.interviewer == interviewer]
        levels = np.bincount(given.astype(np.int64), minlength=5)[1:5]
        recs = cards.recommendation[mine]
        rec_counts = np.bincount(recs[recs >= 0], minlength=4)[:4]
        rows.append(
            InterviewerSummary(
                interviewer=int(interviewer),
                scorecards=int(mine.sum()),
                median_hours=float(np.median(hours)) if hours.size else None,
                rating_counts=tuple(int(v) for v in levels),
                recommendation_counts=tuple(int(v) for v in rec_counts),
                leniency=lenient.get(int(interviewer), Leniency(int(interviewer), 0)),
                mean_rating=float(given.mean()) if given.size else None,
            )
        )
    return rows


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
