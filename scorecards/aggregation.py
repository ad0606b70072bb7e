"""The aggregation math of a candidate's packet, written out below: data in, numbers out.

Pure: no ORM, no Django. `scorecards.packets.load` reads the database and hands plain
dataclasses in.

For one scorecard s, with the weights w_d of the kit version s was filled against:
    S(s) = Σ w_d · r_d / Σ w_d over the dimensions rated in s (not assessed drops out of both);
    shown on 1–4 and as (S − 1) / 3 × 100 %.

For a candidate, over submitted scorecards only (the caller passes only those):
    per dimension d: n_d ratings, min, max, spread = max − min, disagreement when spread ≥ 2,
    mean m_d; overall = Σ W_d · m_d / Σ W_d over dimensions with n_d ≥ 1; coverage = Σ of the
    reference kit's weights over its dimensions with n_d ≥ 1.

Mixed kit versions. Editing a kit makes a new version, so one candidate's scorecards may have
been filled against different versions with different weights (or dimensions added, dropped or
renamed). We line dimensions up BY NAME: "System design" in v1 and in v2 is one row of the
packet. Each rating carries the weight its own scorecard's version gives its dimension, w_{s,d}:
    m_d = Σ_s w_{s,d} · r_{s,d} / Σ_s w_{s,d}   (the plain mean when the weights agree),
    W_d = Σ_s w_{s,d} / n_d                      (the dimension's effective weight),
so that overall = Σ_d Σ_s (w_{s,d} / n_d) · r_{s,d} / Σ_d W_d, and with one version everything
reduces exactly to the single-version formulas above. (If every weight a dimension got was 0,
m_d falls back to the plain mean and the dimension has no pull on the overall; when nothing
with weight was rated, there is no overall score: None.)
Coverage is measured against a reference kit (the packet passes the newest version any
submitted scorecard used, or the role's current kit when there is none): the percent of ITS
weight whose dimensions got at least one rating. A dimension only an older version has still
gets its row, its mean and its pull on the overall, but adds nothing to coverage; it is marked
`in_reference_kit=False` so the packet can say so. The row order is the reference kit's, then
the older versions' extra dimensions in their own order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from interviewkit.scale import RECOMMENDATION_NAMES, Recommendation, SignalKind

DISAGREEMENT_SPREAD = 2


@dataclass(frozen=True)
class KitDimension:
    name: str
    weight: int


@dataclass(frozen=True)
class ObservedSignalInput:
    kind: str  # a SignalKind
    text: str
    note: str = ""
    dimension: str = ""


@dataclass(frozen=True)
class ScorecardInput:
    """One submitted scorecard: its version's weights by dimension name and its ratings
    (dimension name → 1–4, or None for "not assessed")."""

    key: int | str
    interviewer: str
    kit_version: int
    weights: Mapping[str, int]
    ratings: Mapping[str, int | None]
    recommendation: str = ""
    signals: Sequence[ObservedSignalInput] = ()
    exercise: str = ""


@dataclass(frozen=True)
class RedFlag:
    text: str
    interviewer: str
    note: str
    dimension: str
    scorecard: int | str


@dataclass(frozen=True)
class DimensionResult:
    name: str
    # The reference kit's weight (None when only an older version has this dimension).
    kit_weight: int | None
    # W_d: the mean of the weights its ratings carried (the kit weight for one version).
    weight: float
    mean: float | None
    n: int
    min: int | None
    max: int | None
    # Each scorecard's rating of this dimension, in scorecard order; None = not assessed or
    # the scorecard's version has no such dimension.
    ratings: tuple[tuple[int | str, int | None], ...]

    @property
    def spread(self) -> int | None:
        return None if self.n == 0 else self.max - self.min

    @property
    def disagreement(self) -> bool:
        return self.n >= 2 and self.spread >= DISAGREEMENT_SPREAD

    @property
    def in_reference_kit(self) -> bool:
        return self.kit_weight is not None


@dataclass(frozen=True)
class TallyEntry:
    value: str
    label: str
    count: int

    @property
    def is_strong_no(self) -> bool:
        return self.value == Recommendation.STRONG_NO


@dataclass(frozen=True)
class Aggregate:
    dimensions: tuple[DimensionResult, ...]
    overall: float | None
    coverage: float
    red_flags: tuple[RedFlag, ...]
    tally: tuple[TallyEntry, ...]
    scorecard_scores: Mapping[int | str, float | None] = field(default_factory=dict)
    scorecard_count: int = 0

    @property
    def overall_percent(self) -> float | None:
        return to_percent(self.overall)

    @property
    def strong_no(self) -> int:
        return next(e.count for e in self.tally if e.is_strong_no)

    @property
    def thin_dimensions(self) -> tuple[DimensionResult, ...]:
        """Dimensions of the reference kit with fewer than 2 ratings (a packet warns)."""
        return tuple(d for d in self.dimensions if d.in_reference_kit and d.n < 2)

    @property
    def full_coverage(self) -> bool:
        return self.coverage >= 100


def to_percent(score: float | None) -> float | None:
    """A 1–4 score as (S − 1) / 3 × 100."""
    return None if score is None else (score - 1) / 3 * 100


def scorecard_score(ratings: Mapping[str, int | None], weights: Mapping[str, int]) -> float | None:
    """S(s) = Σ w_d · r_d / Σ w_d over the rated dimensions; None when nothing was rated (or
    every rated dimension weighs 0). A rating of a dimension the weights lack is ignored."""
    num = 0
    den = 0
    for name, value in ratings.items():
        if value is None or name not in weights:
            continue
        num += weights[name] * value
        den += weights[name]
    return num / den if den else None


def aggregate(scorecards: Sequence[ScorecardInput], reference: Sequence[KitDimension]) -> Aggregate:
    """Everything a packet shows, from the submitted scorecards and the reference kit."""
    order: list[str] = [d.name for d in reference]
    kit_weights = {d.name: d.weight for d in reference}
    # Extra dimensions of other versions, oldest version first, in the order they appear.
    for card in sorted(scorecards, key=lambda c: c.kit_version):
        for name in card.weights:
            if name not in kit_weights and name not in order:
                order.append(name)

    dimensions = tuple(_dimension(name, kit_weights.get(name), scorecards) for name in order)
    rated = [d for d in dimensions if d.n >= 1]
    weight_sum = sum(d.weight for d in rated)
    overall = sum(d.weight * d.mean for d in rated) / weight_sum if weight_sum else None
    coverage = float(sum(kit_weights[d.name] for d in rated if d.in_reference_kit))

    red_flags = tuple(
        RedFlag(s.text, card.interviewer, s.note, s.dimension, card.key)
        for card in scorecards
        for s in card.signals
        if s.kind == SignalKind.RED
    )
    counts = {value: 0 for value in Recommendation}
    for card in scorecards:
        if card.recommendation in counts:
            counts[card.recommendation] += 1
    tally = tuple(
        TallyEntry(str(value), RECOMMENDATION_NAMES[value], counts[value])
        for value in Recommendation
    )
    scores = {card.key: scorecard_score(card.ratings, card.weights) for card in scorecards}
    return Aggregate(
        dimensions=dimensions,
        overall=overall,
        coverage=coverage,
        red_flags=red_flags,
        tally=tally,
        scorecard_scores=scores,
        scorecard_count=len(scorecards),
    )


def _dimension(
    name: str, kit_weight: int | None, scorecards: Sequence[ScorecardInput]
) -> DimensionResult:
    values: list[tuple[int, int]] = []  # (rating, weight its version gives the dimension)
    per_card: list[tuple[int | str, int | None]] = []
    for card in scorecards:
        value = card.ratings.get(name) if name in card.weights else None
        per_card.append((card.key, value))
        if value is not None:
            values.append((value, card.weights[name]))
    n = len(values)
    if n == 0:
        return DimensionResult(
            name=name,
            kit_weight=kit_weight,
            weight=float(kit_weight or 0),
            mean=None,
            n=0,
            min=None,
            max=None,
            ratings=tuple(per_card),
        )
    weight_total = sum(w for _, w in values)
    if weight_total:
        mean = sum(v * w for v, w in values) / weight_total
    else:
        mean = sum(v for v, _ in values) / n
    return DimensionResult(
        name=name,
        kit_weight=kit_weight,
        weight=weight_total / n,
        mean=mean,
        n=n,
        min=min(v for v, _ in values),
        max=max(v for v, _ in values),
        ratings=tuple(per_card),
    )
