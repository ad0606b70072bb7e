"""A candidate's hiring packet: the database reads that feed `scorecards.aggregation`.

`load_packet` runs the same seven queries whatever the number of scorecards (see its docstring);
the HTML page, both PDFs, the `packet` command and the batch exports all present its result
(`scorecards.packets.context` for the pages, `scorecards.packets.serialize` for JSON).
Only submitted scorecards count; drafts and interviews without a scorecard are listed as
missing so the packet can warn about them. Access is the caller's business (`scorecards.access`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch

from interviewkit.models import Dimension, KitVersion, Role
from interviewkit.scale import LEVEL_NAMES, SIGNAL_KIND_ORDER, Recommendation
from scorecards import aggregation
from scorecards.aggregation import Aggregate, DimensionResult, KitDimension
from scorecards.models import Candidate, Decision, Interview, ObservedSignal, Rating, Scorecard


def person_name(user) -> str:
    if user is None:
        return "(removed user)"
    return user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class RatingRow:
    dimension: str
    weight: int
    value: int | None
    evidence: str

    @property
    def label(self) -> str:
        return LEVEL_NAMES.get(self.value, "Not assessed")


@dataclass(frozen=True)
class SignalRow:
    kind: str
    kind_label: str
    text: str
    note: str
    dimension: str


@dataclass(frozen=True)
class ScorecardView:
    id: int
    number: int  # 1, 2, … in loop order: the chart's and the table's column label
    interviewer: str
    exercise: str
    kit_version: int
    submitted_at: datetime | None
    recommendation: str
    recommendation_label: str
    takeaways: str
    imported: bool
    amended: bool
    ratings: tuple[RatingRow, ...]
    signals: tuple[SignalRow, ...]
    score: float | None

    @property
    def percent(self) -> float | None:
        return aggregation.to_percent(self.score)

    @property
    def is_strong_no(self) -> bool:
        return self.recommendation == Recommendation.STRONG_NO


@dataclass(frozen=True)
class MissingScorecard:
    interview: str
    interviewer: str
    scheduled_at: datetime | None
    status: str  # "draft" or "not started"


@dataclass(frozen=True)
class DimensionLine:
    """A row of the dimension table: the aggregate and each scorecard's rating in order."""

    result: DimensionResult
    cells: tuple[tuple[ScorecardView, int | None], ...]


@dataclass(frozen=True)
class KitSummary:
    number: int
    weight_basis: str
    sources: tuple[str, ...]
    created_at: datetime | None
    used_by: int  # how many of the submitted scorecards used it
    dimensions: tuple[tuple[str, int, str], ...]  # name, weight, where it came from


@dataclass(frozen=True)
class Packet:
    candidate: Candidate
    role: Role
    reference_kit: int | None
    aggregate: Aggregate
    scorecards: tuple[ScorecardView, ...]
    missing: tuple[MissingScorecard, ...]
    decisions: tuple[Decision, ...]
    kits: tuple[KitSummary, ...]
    lines: tuple[DimensionLine, ...] = field(default=())

    @property
    def decision(self) -> Decision | None:
        return self.decisions[0] if self.decisions else None

    @property
    def mixed_versions(self) -> bool:
        return len({s.kit_version for s in self.scorecards}) > 1

    @property
    def warnings(self) -> list[str]:
        """What a reader must know before trusting the score, in plain words."""
        notes: list[str] = []
        agg = self.aggregate
        if not self.scorecards:
            notes.append("No scorecard has been submitted yet: there is no score.")
        elif not agg.full_coverage:
            unrated = [d.name for d in agg.dimensions if d.in_reference_kit and d.n == 0]
            notes.append(
                f"Coverage is {agg.coverage:.0f}%: "
                + (f"nobody rated {', '.join(unrated)}." if unrated else "some weight unrated.")
            )
        if agg.thin_dimensions and self.scorecards:
            names = ", ".join(
                f"{d.name} ({'1 rating' if d.n == 1 else 'none'})" for d in agg.thin_dimensions
            )
            notes.append(f"Fewer than 2 ratings: {names}.")
        if self.missing:
            waiting = ", ".join(
                f"{m.interviewer} ({m.interview}, {m.status})" for m in self.missing
            )
            count = len(self.missing)
            noun = "scorecard is" if count == 1 else "scorecards are"
            notes.append(f"{count} {noun} still missing: {waiting}.")
        if self.mixed_versions:
            versions = ", ".join(f"v{n}" for n in sorted({s.kit_version for s in self.scorecards}))
            notes.append(
                f"The scorecards used different kit versions ({versions}); dimensions are "
                "matched by name and each rating keeps its own version's weight."
            )
        return notes


# Scorecard columns per dimension table in the PDF. Measured on A4 with long dimension names,
# two kit versions and "Disagreement" in every row when the tables sized their columns to their
# content: the first table, which also holds the five summary columns, fit 8 and not 9; a
# continuation, which repeats only the dimension names, fit 14 and not 15. With print.css's
# fixed columns (26 pt for each scorecard's from `MANY_COLUMNS` on), 8 leave the dimension
# names 128 pt in the first table and 12 leave them 198 pt in a continuation
# (tests/scorecards/test_packet_print_columns.py checks that nothing overlaps).
PRINT_FIRST_COLUMNS = 8
PRINT_MORE_COLUMNS = 12


# From this many scorecard columns, a printed dimension table is laid out narrower (`many`).
MANY_COLUMNS = 5


@dataclass(frozen=True)
class DimensionTable:
    """One table of the dimension table's scorecard columns: all of them on the web page (it
    scrolls sideways); in print, a share that fits the page, each later share a continuation
    that repeats only the dimension names."""

    scorecards: tuple[ScorecardView, ...]
    lines: tuple[DimensionLine, ...]  # each line's cells cut to these scorecards
    continued: bool = False

    @property
    def many(self) -> bool:
        """Five scorecard columns or more: print.css narrows its spread column for them."""
        return len(self.scorecards) >= MANY_COLUMNS

    @property
    def span(self) -> str:
        """The scorecards it holds, "#9–#16" (a continuation's heading)."""
        first, last = self.scorecards[0].number, self.scorecards[-1].number
        return f"#{first}" if first == last else f"#{first}–#{last}"


def column_groups(count: int, *, first: int, rest: int) -> tuple[range, ...]:
    """The positions of `count` columns split, in order, into as few tables as hold them: the
    first table holding at most `first`, each further one at most `rest`. The columns are
    shared out evenly (a last table of one lone column reads badly), the first table's share
    no larger than the others'. There is always a first table, empty without columns."""
    if count <= first:
        return (range(count),)
    tables = 1 + -(-(count - first) // rest)
    head = min(first, count // tables)
    more, extra = divmod(count - head, tables - 1)
    # The larger shares go last, so that each table holds at least as many as the one before.
    sizes = [head] + [
        more + 1 if index >= tables - 1 - extra else more for index in range(tables - 1)
    ]
    starts = [sum(sizes[:index]) for index in range(tables)]
    return tuple(range(start, start + size) for start, size in zip(starts, sizes, strict=True))


def dimension_tables(
    packet: Packet, *, first: int | None = None, rest: int | None = None
) -> tuple[DimensionTable, ...]:
    """The packet's dimension table, its scorecard columns split by `column_groups` (without
    `first`: one table of every column)."""
    count = len(packet.scorecards)
    whole = max(count, 1)
    groups = column_groups(count, first=first or whole, rest=rest or whole)
    return tuple(
        DimensionTable(
            scorecards=packet.scorecards[group.start : group.stop],
            lines=tuple(
                DimensionLine(line.result, line.cells[group.start : group.stop])
                for line in packet.lines
            ),
            continued=index > 0,
        )
        for index, group in enumerate(groups)
    )


def print_dimension_tables(packet: Packet) -> tuple[DimensionTable, ...]:
    """The dimension tables of the PDF packet: each fits the width of an A4 page."""
    return dimension_tables(packet, first=PRINT_FIRST_COLUMNS, rest=PRINT_MORE_COLUMNS)


def load_packet(candidate: Candidate) -> Packet:
    """One candidate's packet; the queries are those of `load_packets`."""
    return load_packets([candidate])[candidate.pk]


def load_packets(candidates: Sequence[Candidate]) -> dict[int, Packet]:
    """The packets of `candidates` (by candidate id), read in the same seven queries whatever
    the number of candidates and scorecards:

    1. their interviews with interviewer, exercise, scorecard and its kit;
    2. the submitted scorecards' ratings with their dimensions;
    3. their observed signals with signal and dimension;
    4. their roles' kit versions; 5. those versions' dimensions (prefetched);
    6. the decisions with who made them;
    7. which submitted scorecards were amended (have revisions).
    """
    candidates = list(candidates)
    if not candidates:
        return {}
    ids = [c.pk for c in candidates]
    interviews: dict[int, list[Interview]] = {pk: [] for pk in ids}
    for interview in (
        Interview.objects.filter(candidate_id__in=ids)
        .select_related("interviewer", "exercise", "scorecard")
        .order_by("position", "scheduled_at", "id")
    ):
        interviews[interview.candidate_id].append(interview)
    submitted_filter = {
        "scorecard__interview__candidate_id__in": ids,
        "scorecard__status": Scorecard.Status.SUBMITTED,
    }
    ratings: dict[int, list[Rating]] = {}
    for rating in Rating.objects.filter(**submitted_filter).select_related("dimension"):
        ratings.setdefault(rating.scorecard_id, []).append(rating)
    observed: dict[int, list[ObservedSignal]] = {}
    for obs in ObservedSignal.objects.filter(**submitted_filter).select_related(
        "signal__dimension"
    ):
        observed.setdefault(obs.scorecard_id, []).append(obs)
    kits: dict[int, list[KitVersion]] = {}
    for kit in (
        KitVersion.objects.filter(role_id__in={c.role_id for c in candidates})
        .order_by("number")
        .prefetch_related(
            Prefetch("dimensions", queryset=Dimension.objects.order_by("position", "id"))
        )
    ):
        kits.setdefault(kit.role_id, []).append(kit)
    decisions: dict[int, list[Decision]] = {}
    for decision in (
        Decision.objects.filter(candidate_id__in=ids).select_related("decided_by").latest_first()
    ):
        decisions.setdefault(decision.candidate_id, []).append(decision)
    amended = set(
        Scorecard.objects.filter(interview__candidate_id__in=ids, revisions__isnull=False)
        .order_by()
        .values_list("pk", flat=True)
        .distinct()
    )
    return {
        c.pk: _packet(
            c,
            interviews=interviews[c.pk],
            ratings=ratings,
            observed=observed,
            kits=kits.get(c.role_id, []),
            decisions=tuple(decisions.get(c.pk, ())),
            amended=amended,
        )
        for c in candidates
    }


def _packet(
    candidate: Candidate,
    *,
    interviews: list[Interview],
    ratings: dict[int, list[Rating]],
    observed: dict[int, list[ObservedSignal]],
    kits: list[KitVersion],
    decisions: tuple[Decision, ...],
    amended: set[int],
) -> Packet:
    """One packet from what `load_packets` read (no queries)."""
    role = candidate.role
    kit_by_id = {k.pk: k for k in kits}
    weights_by_kit = {k.pk: {d.name: d.weight for d in k.dimensions.all()} for k in kits}

    cards: list[Scorecard] = []
    missing: list[MissingScorecard] = []
    for interview in interviews:
        scorecard = getattr(interview, "scorecard", None)
        if scorecard is not None and scorecard.is_submitted:
            cards.append(scorecard)
        else:
            missing.append(
                MissingScorecard(
                    interview=interview.title,
                    interviewer=person_name(interview.interviewer),
                    scheduled_at=interview.scheduled_at,
                    status="draft" if scorecard is not None else "not started",
                )
            )

    used_numbers = {kit_by_id[c.kit_id].number for c in cards if c.kit_id in kit_by_id}
    if used_numbers:
        reference = max(used_numbers)
    elif kits:
        reference = kits[-1].number
    else:
        reference = None
    reference_kit = next((k for k in kits if k.number == reference), None)
    reference_dims = (
        [KitDimension(d.name, d.weight) for d in reference_kit.dimensions.all()]
        if reference_kit
        else []
    )

    inputs = []
    for card in cards:
        kit = kit_by_id[card.kit_id]
        inputs.append(
            aggregation.ScorecardInput(
                key=card.pk,
                interviewer=person_name(card.interview.interviewer),
                kit_version=kit.number,
                weights=weights_by_kit[card.kit_id],
                ratings={r.dimension.name: r.value for r in ratings.get(card.pk, [])},
                recommendation=card.recommendation,
                signals=[
                    aggregation.ObservedSignalInput(
                        kind=o.signal.kind,
                        text=o.signal.text,
                        note=o.note,
                        dimension=o.signal.dimension.name if o.signal.dimension else "",
                    )
                    for o in observed.get(card.pk, [])
                ],
                exercise=card.interview.title,
            )
        )
    agg = aggregation.aggregate(inputs, reference_dims)

    views = []
    for number, card in enumerate(cards, start=1):
        kit = kit_by_id[card.kit_id]
        weights = weights_by_kit[card.kit_id]
        views.append(
            ScorecardView(
                id=card.pk,
                number=number,
                interviewer=person_name(card.interview.interviewer),
                exercise=card.interview.exercise.name
                if card.interview.exercise
                else card.interview.title,
                kit_version=kit.number,
                submitted_at=card.submitted_at,
                recommendation=card.recommendation,
                recommendation_label=card.get_recommendation_display(),
                takeaways=card.takeaways,
                imported=card.imported,
                amended=card.pk in amended,
                ratings=tuple(
                    RatingRow(
                        r.dimension.name, weights.get(r.dimension.name, 0), r.value, r.evidence
                    )
                    for r in sorted(
                        ratings.get(card.pk, []),
                        key=lambda r: (r.dimension.position, r.dimension_id),
                    )
                ),
                signals=tuple(
                    SignalRow(
                        kind=o.signal.kind,
                        kind_label=o.signal.get_kind_display(),
                        text=o.signal.text,
                        note=o.note,
                        dimension=o.signal.dimension.name if o.signal.dimension else "",
                    )
                    for o in sorted(
                        observed.get(card.pk, []),
                        key=lambda o: (SIGNAL_KIND_ORDER.get(o.signal.kind, 9), o.signal.position),
                    )
                ),
                score=agg.scorecard_scores.get(card.pk),
            )
        )
    by_id = {v.id: v for v in views}
    lines = tuple(
        DimensionLine(result=d, cells=tuple((by_id[key], value) for key, value in d.ratings))
        for d in agg.dimensions
    )
    used_count: dict[int, int] = {}
    for card in cards:
        used_count[card.kit_id] = used_count.get(card.kit_id, 0) + 1
    kit_summaries = tuple(
        KitSummary(
            number=k.number,
            weight_basis=k.get_weight_basis_display(),
            sources=tuple(k.sources or ()),
            created_at=k.created_at,
            used_by=used_count.get(k.pk, 0),
            dimensions=tuple((d.name, d.weight, d.source_label) for d in k.dimensions.all()),
        )
        for k in kits
        if k.pk in used_count or k.number == reference
    )
    return Packet(
        candidate=candidate,
        role=role,
        reference_kit=reference,
        aggregate=agg,
        scorecards=tuple(views),
        missing=tuple(missing),
        decisions=decisions,
        kits=kit_summaries,
        lines=lines,
    )
