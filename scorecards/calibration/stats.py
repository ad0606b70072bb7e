"""Calibration summaries and reliability: pure numpy, data in, numbers out (no ORM).

`scorecards.calibration.data` reads the database into the arrays these functions take; the
calibration pages and `manage.py calibration` present the results. docs/scoring-methods.md
explains every method in plain words; the constants below are the minimums it quotes.

Leniency is not computed here: every page reads the role model's (`scorecards.role_model`,
fitted jointly over each role by the background worker and stored). A page that covers several
roles combines an interviewer's fitted leniency of each role with `pooled_leniency`.

Reliability: Krippendorff's alpha, ordinal, as the role model defines it (`role_model.alpha_units`
and `role_model.ordinal_alpha`, the `krippendorff` package: one definition for both). Units are
candidate × dimension, raters are interviewers, a missing rating is nan. Reported only when at
least MIN_ALPHA_UNITS units have two or more ratings and the ratings are not all one value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scorecards import role_model

NOT_ENOUGH_DATA = "not enough data"

CONFIDENCE = 0.95
# Alpha: candidate × dimension units with two or more ratings needed.
MIN_ALPHA_UNITS = 10
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
    prepared = role_model.alpha_units(
        table.candidate, table.dimension, table.interviewer, table.rating
    )
    units, candidates, ratings = prepared.units, prepared.candidates, prepared.ratings
    if units < minimum_units:
        return Reliability(
            None,
            candidates,
            ratings,
            units,
            f"{NOT_ENOUGH_DATA}: only {units} candidate-dimension pairs were rated by two or "
            f"more interviewers; at least {minimum_units} are needed.",
        )
    if prepared.one_level:
        return Reliability(
            None,
            candidates,
            ratings,
            units,
            f"{NOT_ENOUGH_DATA}: every rating is the same level, so agreement cannot be told "
            "apart from chance.",
        )
    return Reliability(role_model.ordinal_alpha(prepared.data), candidates, ratings, units)


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
    mean_rating: float | None = None

    @property
    def ratings(self) -> int:
        return sum(self.rating_counts)

    def as_stored(self) -> dict:
        """Every field, as JSON (`from_stored` reads it back)."""
        return {
            "scorecards": self.scorecards,
            "median_hours": self.median_hours,
            "rating_counts": list(self.rating_counts),
            "recommendation_counts": list(self.recommendation_counts),
            "mean_rating": self.mean_rating,
        }

    @classmethod
    def from_stored(cls, interviewer: int, data: dict) -> InterviewerSummary:
        return cls(
            interviewer=interviewer,
            scorecards=data["scorecards"],
            median_hours=data["median_hours"],
            rating_counts=tuple(data["rating_counts"]),
            recommendation_counts=tuple(data["recommendation_counts"]),
            mean_rating=data["mean_rating"],
        )

    def as_json(self) -> dict:
        return {
            "interviewer": self.interviewer,
            "scorecards": self.scorecards,
            "median_hours_to_submit": _round(self.median_hours, 1),
            "ratings": dict(zip(map(str, LEVELS), self.rating_counts, strict=True)),
            "recommendations": dict(zip(RECOMMENDATIONS, self.recommendation_counts, strict=True)),
        }


def interviewer_summaries(
    ratings: RatingsTable | role_model.Ratings, cards: ScorecardTable
) -> list[InterviewerSummary]:
    """A row per interviewer with at least one submitted scorecard, by interviewer id (of the
    ratings, either table's `interviewer` and `rating` columns are read)."""
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
                mean_rating=float(given.mean()) if given.size else None,
            )
        )
    return rows


# ---------------------------------------------------------------------------------------------
# Leniency over several roles


def pooled_leniency(
    interviewer: int, fitted: Sequence[role_model.InterviewerLeniency]
) -> role_model.InterviewerLeniency:
    """One interviewer's leniency over several roles, from each role's fitted leniency (the
    empirical-Bayes posterior of `role_model.fit_leniency`): the precision-weighted mean of the
    reported ones (weights 1 / the variance behind each role's interval, its zero's own
    uncertainty included), its variance 1 / the sum of the weights, and the 95 % interval with
    the t quantile of the candidates behind it, as the role model gives one role's. With one
    role reported: that role's figures, unchanged."""
    reported = [row for row in fitted if row.reported]
    ratings = sum(row.ratings for row in fitted)
    candidates = sum(row.candidates for row in fitted)
    if not reported:
        return role_model.InterviewerLeniency(interviewer, ratings, candidates)
    if len(reported) == 1:
        return reported[0]
    certain = [row for row in reported if not row.interval_variance]
    if certain:
        # A role whose interviewers do not differ at all (tau^2 = 0): its estimate is exact.
        estimate, variance = float(np.mean([row.estimate for row in certain])), 0.0
    else:
        weights = np.array([1 / row.interval_variance for row in reported])
        estimates = np.array([row.estimate for row in reported])
        estimate = float(weights @ estimates / weights.sum())
        variance = float(1 / weights.sum())
    quantile = 1 - (1 - role_model.CONFIDENCE) / 2
    half = role_model.t_quantile(quantile, max(candidates - 1, 1)) * math.sqrt(variance)
    return role_model.InterviewerLeniency(
        interviewer,
        ratings,
        candidates,
        estimate=estimate,
        low=estimate - half,
        high=estimate + half,
        posterior_variance=variance,
    )


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(float(value), digits)
