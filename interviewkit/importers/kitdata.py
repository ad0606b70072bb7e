"""Plain data the parsers produce and the services save: a kit before it is in the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction


class DocumentError(Exception):
    """A document cannot be imported; the message is one line saying why."""


@dataclass(frozen=True)
class Source:
    """Where an item came from: a document and section, or the importer's suggestion."""

    document: str = ""
    section: str = ""
    suggested: bool = False

    @classmethod
    def suggestion(cls, document: str = "", section: str = "") -> Source:
        return cls(document=document, section=section, suggested=True)


@dataclass
class DimensionData:
    name: str
    weight: int = 0
    description: str = ""
    anchors: dict[int, str] = field(default_factory=dict)
    questions: list[str] = field(default_factory=list)
    source: Source = field(default_factory=Source)
    # Before rounding: the number the document gave (weight column, % of postings), or the
    # skill kind ("required"/"preferred") for the 2:1 rule.
    raw_weight: Fraction | None = None
    skill_kind: str = ""
    # "read" (as the document has it), "grouped" (made from several of its bullets) or
    # "suggested"; empty means read, or suggested when the source is a suggestion.
    origin: str = ""
    # Parts the competency library filled in ("anchors", "questions") on a read or grouped item.
    suggested_parts: list[str] = field(default_factory=list)


@dataclass
class ExerciseData:
    name: str
    format: str = "other"
    minutes: int = 45
    brief: str = ""
    questions: list[str] = field(default_factory=list)
    dimensions: list[str] = field(default_factory=list)
    source: Source = field(default_factory=Source)
    origin: str = ""
    # A loop step without a scorecard (a screening call, a résumé review).
    scored: bool = True


@dataclass
class SignalData:
    kind: str  # a scale.SignalKind
    text: str
    dimension: str | None = None
    source: Source = field(default_factory=Source)
    origin: str = ""


@dataclass
class Probe:
    """A "what to assess" item: a topic and its probing questions, to attach to a dimension."""

    topic: str
    questions: list[str]
    source: Source


@dataclass
class Screening:
    """A requirement checked before interviews (years of experience, education, location, work
    authorisation): shown on the kit, never a rated dimension."""

    text: str
    source: Source = field(default_factory=Source)


def origin_of(item: DimensionData | ExerciseData | SignalData) -> str:
    return item.origin or ("suggested" if item.source.suggested else "read")


@dataclass
class KitData:
    title: str
    weight_basis: str
    sources: list[str] = field(default_factory=list)
    dimensions: list[DimensionData] = field(default_factory=list)
    exercises: list[ExerciseData] = field(default_factory=list)
    signals: list[SignalData] = field(default_factory=list)
    note: str = ""
    screening: list[Screening] = field(default_factory=list)
    # How the weights were made, in words, for the kit page.
    weight_note: str = ""
    # True when the importer derived or suggested anything: the kit opens as a draft to review.
    needs_review: bool = False


@dataclass
class ParsedDocument:
    """One document read by a parser, before it is merged with the other documents of its role.

    `complete` documents (a kit exported as JSON) already hold final weights and are saved as is.
    """

    name: str
    shape: str
    title: str
    weight_basis: str
    dimensions: list[DimensionData] = field(default_factory=list)
    exercises: list[ExerciseData] = field(default_factory=list)
    signals: list[SignalData] = field(default_factory=list)
    probes: list[Probe] = field(default_factory=list)
    # Text of each section (section title, text) for proposing a loop when no exercise is named.
    passages: list[tuple[str, str]] = field(default_factory=list)
    complete: KitData | None = None
    screening: list[Screening] = field(default_factory=list)
    weight_note: str = ""
    # Exercises proposed from the competency library, used only when no document has a plan.
    suggested_exercises: list[ExerciseData] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
