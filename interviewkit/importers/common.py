"""What every document shape can hold, found by structure: tables by their columns, lists by the
heading above them. The shape parsers call `extract` once they have the sections and the title."""

from __future__ import annotations

import re

from interviewkit import weights
from interviewkit.importers.document import Item, Section, Table, strip_number
from interviewkit.importers.kitdata import (
    DimensionData,
    DocumentError,
    ExerciseData,
    ParsedDocument,
    Probe,
    SignalData,
    Source,
)
from interviewkit.importers.words import duration_minutes, exercise_format, percent, short_name
from interviewkit.scale import SignalKind

ANCHOR_HEADERS = {
    1: ("strong no", "1"),
    2: ("no", "2"),
    3: ("yes", "3"),
    4: ("strong yes", "4"),
}
QUESTION_LEAD = re.compile(r"^(ask|explore|evaluate|probe|discuss|have them|listen for)\b", re.I)
IGNORED_SECTIONS = ("reference", "source", "further reading", "see also", "salary")


def _name(section: Section) -> str:
    return strip_number(section.title).lower()


def is_required_section(section: Section) -> bool:
    name = _name(section)
    return name.startswith(("required", "must-have", "must have", "minimum")) or name in (
        "requirements",
    )


def is_preferred_section(section: Section) -> bool:
    name = _name(section)
    return name.startswith(("preferred", "good-to-have", "good to have", "nice-to-have",
                            "nice to have", "bonus", "desirable"))  # fmt: skip


def signal_kind(section: Section) -> str | None:
    name = _name(section)
    if "red flag" in name or "red-flag" in name:
        return SignalKind.RED
    if "signal" in name or "green flag" in name or "look for" in name:
        if "weak" in name or "negative" in name:
            return SignalKind.WEAK
        return SignalKind.STRONG
    return None


def is_exercise_section(section: Section) -> bool:
    name = _name(section)
    return any(w in name for w in ("exercise", "case stud", "interview loop", "interview stage"))


def is_probe_section(section: Section) -> bool:
    name = _name(section)
    return "assess" in name or name.startswith(("what to probe", "probing"))


def find_weight_table(sections: list[Section]) -> tuple[Section, Table] | None:
    for section in sections:
        for table in section.tables:
            if table.column("weight") is not None and len(table.header) >= 2:
                return section, table
    return None


def find_frequency_table(sections: list[Section]) -> tuple[Section, Table, int] | None:
    for section in sections:
        for table in section.tables:
            col = table.column("%", "posting")
            if col is None:
                col = table.column("percent", "posting")
            if col is not None:
                return section, table, col
    return None


def _name_column(table: Table, skip: set[int]) -> int:
    for words in (("dimension",), ("skill",), ("competenc",), ("name",)):
        col = table.column(*words)
        if col is not None and col not in skip:
            return col
    return next(i for i in range(len(table.header)) if i not in skip)


def dimensions_from_weight_table(doc: str, section: Section, table: Table) -> list[DimensionData]:
    weight_col = table.column("weight")
    assert weight_col is not None
    name_col = _name_column(table, {weight_col})
    anchor_cols: dict[int, int] = {}
    for level, names in ANCHOR_HEADERS.items():
        for i, cell in enumerate(table.header):
            low = strip_number(cell).lower().strip(" :")
            if low in names or cell.strip().startswith(f"{level} ") or low.endswith(f"({level})"):
                anchor_cols.setdefault(level, i)
    used = {weight_col, name_col, *anchor_cols.values()}
    description_cols = [i for i in range(len(table.header)) if i not in used]
    where = f"section “{section.title}”"
    dims = []
    for row in table.rows:
        name = row[name_col].strip()
        if not name:
            continue
        dims.append(
            DimensionData(
                name=name[:200],
                description=" ".join(row[i] for i in description_cols if row[i]).strip(),
                anchors={lvl: row[col] for lvl, col in anchor_cols.items() if row[col]},
                raw_weight=percent(row[weight_col], where=where),
                source=Source(doc, section.path),
            )
        )
    return dims


def dimensions_from_frequency_table(
    doc: str, section: Section, table: Table, pct_col: int
) -> list[DimensionData]:
    count_col = table.column("frequency")
    name_col = _name_column(table, {pct_col, *([count_col] if count_col is not None else [])})
    category_col = table.column("category")
    notes_col = table.column("note")
    where = f"section “{section.title}”"
    dims = []
    for row in table.rows:
        name = row[name_col].strip()
        if not name:
            continue
        parts = []
        if notes_col is not None and row[notes_col]:
            parts.append(row[notes_col].rstrip(".") + ".")
        if category_col is not None and row[category_col]:
            parts.append(f"{row[category_col]} skill, in {row[pct_col].strip()} of postings.")
        else:
            parts.append(f"In {row[pct_col].strip()} of postings.")
        dims.append(
            DimensionData(
                name=name[:200],
                description=" ".join(parts),
                raw_weight=percent(row[pct_col], where=where),
                source=Source(doc, section.path),
            )
        )
    return dims


def dimensions_from_skill_lists(doc: str, sections: list[Section]) -> list[DimensionData]:
    dims = []
    for section in sections:
        if is_required_section(section):
            kind = weights.REQUIRED
        elif is_preferred_section(section):
            kind = weights.PREFERRED
        else:
            continue
        for item in section.items:
            name = item.head or short_name(item.text)
            dims.append(
                DimensionData(
                    name=name[:200],
                    description=item.text,
                    skill_kind=kind,
                    source=Source(doc, section.path),
                )
            )
    return dims


def _exercise(doc: str, section: Section, item: Item) -> ExerciseData:
    head = item.head or item.text.split(":", 1)[0]
    body = item.body if item.head else item.text[len(head) :].lstrip(": ")
    minutes = duration_minutes(head) or duration_minutes(body) or 45
    # "Hands-on review (take-home or live, 60 minutes)" → "Hands-on review (take-home or live)"
    name = re.sub(
        r",?\s*\d+(?:\.\d+)?\s*-?\s*(?:minutes?|mins?|hours?|hrs?)\b", "", head, flags=re.I
    )
    name = re.sub(r"\(\s*\)", "", name).strip(" :–—-")
    # Probing sentences ("Ask for …", "Evaluate …", questions) become the exercise's questions;
    # the rest stays the brief (all of it, if every sentence is a probe).
    sentences = [s.strip() for s in re.split(r"(?<=[.?!”])\s+", body) if s.strip()]
    questions = [s for s in sentences if s.endswith("?") or QUESTION_LEAD.match(s)]
    brief = " ".join(s for s in sentences if s not in questions) or body
    return ExerciseData(
        name=(name or f"Exercise from {section.name}")[:200],
        format=exercise_format(name + " " + body),
        minutes=max(1, min(600, minutes)),
        brief=brief,
        questions=[q for q in [*questions, *item.children] if q != brief],
        source=Source(doc, section.path),
    )


def extract(doc: str, sections: list[Section], *, title: str, shape: str) -> ParsedDocument:
    """Everything the sections hold: dimensions by the strongest weight rule the document allows,
    exercises, signals, "what to assess" probes, and its passages."""
    parsed = ParsedDocument(name=doc, shape=shape, title=title, weight_basis="")
    weight_table = find_weight_table(sections)
    frequency_table = find_frequency_table(sections)
    if weight_table:
        parsed.dimensions = dimensions_from_weight_table(doc, *weight_table)
        parsed.weight_basis = weights.EXPLICIT
    elif frequency_table:
        parsed.dimensions = dimensions_from_frequency_table(doc, *frequency_table)
        parsed.weight_basis = weights.FREQUENCY
    else:
        parsed.dimensions = dimensions_from_skill_lists(doc, sections)
        parsed.weight_basis = weights.REQUIRED_PREFERRED
    if not parsed.dimensions:
        raise DocumentError(
            "not a role document: it has no weight table, no “% of postings” table and no "
            "required/preferred skill lists"
        )
    raws = [d.raw_weight for d in parsed.dimensions if d.raw_weight is not None]
    if parsed.weight_basis != weights.REQUIRED_PREFERRED and sum(raws) == 0:
        raise DocumentError("the weights sum to zero")
    for section in sections:
        kind = signal_kind(section)
        if any(word in _name(section) for word in IGNORED_SECTIONS):
            continue
        if kind:
            parsed.signals.extend(
                SignalData(kind=kind, text=item.text, source=Source(doc, section.path))
                for item in section.items
                if item.text
            )
        elif is_exercise_section(section):
            parsed.exercises.extend(_exercise(doc, section, item) for item in section.items)
        elif is_probe_section(section):
            for item in section.items:
                topic = item.head or short_name(item.text)
                questions = item.children or ([item.body] if item.body else [item.text])
                parsed.probes.append(Probe(topic, questions, Source(doc, section.path)))
        # Passages for proposing a loop: the list items, then the first column of table rows.
        passage_texts = [item.text for item in section.items]
        for table in section.tables:
            passage_texts.extend(" — ".join(row[:2]) for row in table.rows)
        parsed.passages.extend((section.path, text) for text in passage_texts if text)
    return parsed
