"""The scale of PRODUCT.md ("Scorecards"), defined once: the 1–4 rating levels, the overall
recommendations, the kinds of signal, which ratings need evidence and when a scorecard is overdue.

Pure: no Django. The models build their choices from these (`choice_members`), and the pure math
modules (`scorecards.aggregation`, `scorecards.role_model`) read them directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from enum import Enum, IntEnum, StrEnum


class Level(IntEnum):
    """A rating of one dimension; "not assessed" is no level at all (None)."""

    STRONG_NO = 1
    NO = 2
    YES = 3
    STRONG_YES = 4


LEVELS: tuple[int, ...] = tuple(Level)
LEVEL_NAMES: Mapping[int, str] = {
    Level.STRONG_NO: "Strong no",
    Level.NO: "No",
    Level.YES: "Yes",
    Level.STRONG_YES: "Strong yes",
}
# The extremes must be argued: a rating of 1 or 4 needs an evidence note.
LEVELS_NEEDING_EVIDENCE = frozenset({Level.STRONG_NO, Level.STRONG_YES})


class Recommendation(StrEnum):
    """The overall recommendation of a scorecard (no neutral option), in tally order."""

    STRONG_NO = "strong-no"
    NO = "no"
    YES = "yes"
    STRONG_YES = "strong-yes"


# Each recommendation reads like the rating level of the same name.
RECOMMENDATION_NAMES: Mapping[str, str] = {
    recommendation: LEVEL_NAMES[Level[recommendation.name]] for recommendation in Recommendation
}


class SignalKind(StrEnum):
    STRONG = "strong"
    WEAK = "weak"
    RED = "red"


SIGNAL_KIND_NAMES: Mapping[str, str] = {
    SignalKind.STRONG: "Strong signal",
    SignalKind.WEAK: "Weak signal",
    SignalKind.RED: "Red flag",
}
# The headings of a kit's signals, grouped by kind in this order.
SIGNAL_GROUP_NAMES: Mapping[str, str] = {
    SignalKind.STRONG: "Strong signals",
    SignalKind.WEAK: "Weak signals",
    SignalKind.RED: "Red flags",
}
# A scorecard's signal list: red flags first, then strong, then weak.
SIGNAL_KIND_ORDER: Mapping[str, int] = {
    SignalKind.RED: 0,
    SignalKind.STRONG: 1,
    SignalKind.WEAK: 2,
}

# A scorecard not submitted a day after its interview is overdue; the recruiter chases it.
OVERDUE_AFTER = timedelta(hours=24)


def needs_evidence(value: int | None) -> bool:
    """Whether a rating of `value` (None: not assessed) must come with an evidence note."""
    return value in LEVELS_NEEDING_EVIDENCE


def evidence_missing(value: int | None, evidence: str) -> bool:
    """The submit rule "a rating of 1 or 4 needs evidence", broken by this rating."""
    return needs_evidence(value) and not evidence.strip()


def choice_members(members: type[Enum], labels: Mapping) -> list[tuple[str, tuple[int | str, str]]]:
    """`[(NAME, (value, label)), …]` for Django's functional choices API, e.g.
    `models.TextChoices("Kind", choice_members(SignalKind, SIGNAL_KIND_NAMES))`."""
    return [(member.name, (member.value, labels[member])) for member in members]
