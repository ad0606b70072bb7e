"""Job descriptions, competency tables, rubrics and interview plans: the documents hiring teams
really have, read into a kit of a few interviewable dimensions.

- A competency table (names with indicators, levels or weights) gives the dimensions as is.
- Otherwise rubric sections with numbered levels give them (each level an anchor).
- Otherwise the bullets of the responsibilities, requirements and nice-to-have sections are
  grouped into competencies of the library (coding, system design, ...) or into the domain
  areas the document names; each dimension keeps its bullets as description and provenance.
Screening lines (years, education, location, work authorisation) become screening criteria;
benefits, salary, how-to-apply, equal-opportunity and company sections are never read for
dimensions. Exercises come from the interview plan; a screening call or résumé review is a
loop step without a scorecard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction

from interviewkit import weights
from interviewkit.importers import library, limits
from interviewkit.importers.common import (
    dimensions_from_weight_table,
    find_weight_table,
    is_exercise_section,
    signal_kind,
)
from interviewkit.importers.document import Item, Section, Table
from interviewkit.importers.kitdata import (
    DimensionData,
    DocumentError,
    ExerciseData,
    ParsedDocument,
    Screening,
    SignalData,
    Source,
)
from interviewkit.importers.words import (
    exercise_format,
    heading_key,
    name_key,
    plan_minutes,
    short_name,
    stems,
    strip_durations,
    title_key,
)
from interviewkit.scale import SignalKind

SHAPE = "job description"
REQUIRED, PREFERRED, RESPONSIBILITY = "required", "preferred", "responsibility"

IGNORED_WORDS = (
    "benefit", "perk", "compensation", "salary", "pay range", "pay ", "what we offer",
    "we offer", "why join", "why you'll love", "why work", "how to apply", "to apply", "apply",
    "equal opportunit", "eeo", "diversity", "inclusion", "accommodation", "about us",
    "about the company", "who we are", "our company", "company overview", "the company",
    "our story", "our mission", "location", "reference", "further reading", "see also",
    "privacy", "disclaimer", "legal",
)  # fmt: skip
PREFERRED_WORDS = (
    "preferred", "nice to have", "nice-to-have", "bonus", "plus", "desirable", "good to have",
    "good-to-have", "extra credit", "ideally", "optional",
)  # fmt: skip
REQUIRED_WORDS = (
    "requirement", "qualification", "what you'll bring", "what you bring", "what we're looking",
    "what we look for", "looking for", "skills", "must have", "must-have", "who you are",
    "about you", "you have", "you bring", "you'll need", "you will need", "required",
    "minimum", "basic qualifications", "experience", "your profile", "competenc", "expertise",
)  # fmt: skip
RESPONSIBILITY_WORDS = (
    "responsibilit", "what you'll do", "what you will do", "what you'll be doing", "working on",
    "you will", "you'll", "the role", "your role", "in this role", "day to day", "day-to-day",
    "duties", "your impact", "what you'll own", "the job", "key tasks", "accountabilit",
)  # fmt: skip
PLAN_WORDS = ("interview process", "hiring process", "interview plan", "hiring plan",
              "interview loop", "interview stages", "our process", "recruitment process",
              "recruiting process", "what to expect", "selection process", "the process",
              "interview steps", "stages", "next steps", "interviews", "hiring steps",
              "hiring stages", "how we hire", "recruitment", "selection")  # fmt: skip
SCALE_WORDS = ("rating", "scale", "rubric", "scoring", "levels", "how we assess", "how we rate")

INLINE_PREFERRED = re.compile(
    r"\b(is|are|would be)\s+a\s+(big\s+)?plus\b|\ba\s+plus\b|\bpreferred\b|\bideally\b|"
    r"\bnice[\s-]to[\s-]have\b|\bbonus\b|\bdesirable\b|\badvantageous\b|\bis an advantage\b",
    re.IGNORECASE,
)
SCREENING = re.compile(
    r"\b\d+\s*\+?\s*(?:-\s*\d+\s*)?(?:years?|yrs?)\b|\byears of (?:professional |relevant )?"
    r"experience\b|(?-i:\b(?:BS|MS|BA|MA|BSc|MSc|BEng|MEng)\b)|\bcomputer science\b|"
    r"\b(?:bachelor|master|ph\.?d|doctorate|degree|diploma|b\.?sc|m\.?sc|"
    r"bs/ms|ba/bs)\b|\b(?:based in|located in|relocat\w*|on-?site (?:in|at)|in[- ]office|"
    r"hybrid (?:role|position|working|schedule|model|work)|time ?zones?|commut\w*|"
    r"remote[- ]first|must live|within commuting)|\b(?:authori[sz]ed to work|work authori[sz]ation|"
    r"right to work|work permit|visa|sponsorship|citizen|security clearance|background check)",
    re.IGNORECASE,
)
UNSCORED_STEP = re.compile(
    r"\b(screen|screening|recruiter|phone call|intro(?:ductory)? call|hr call|application "
    r"review|r[ée]sum[ée]|cv review|cv|reference|chat with|talent partner)\b",
    re.IGNORECASE,
)
LEFT_OUT_STEP = re.compile(r"\b(offer|decision|we'?ll get back|feedback to you|onboarding)\b", re.I)
LEVEL_ITEM = re.compile(
    r"^\s*(?:level\s*)?([0-5])\s*(?:[-–—:.)=]|\s)\s*(.+)$", re.IGNORECASE | re.DOTALL
)
NO_EVIDENCE = re.compile(
    r"\b(no evidence|not assessed|not observed|not demonstrated|n/?a|unable to assess|"
    r"insufficient evidence)\b",
    re.IGNORECASE,
)
LEVEL_HEADER = re.compile(
    r"^(?:level\s*)?[0-5]\b|^(novice|basic|beginner|developing|emerging|foundational|"
    r"proficient|competent|intermediate|advanced|expert|exemplary|outstanding|below|meets|"
    r"exceeds|strong no|no|yes|strong yes|no evidence|poor|fair|good|excellent)\b",
    re.IGNORECASE,
)
DOMAIN_LEAD = re.compile(
    r"^(?:(?:\d+\s*\+?\s*years?\s*(?:of\s*)?)?(?:proven|strong|solid|deep|excellent|good|"
    r"working|hands-on|demonstrated|some|prior|previous|extensive|practical|professional|"
    r"expert|advanced|basic|a|an|the)\s+)*(?:experience|knowledge|understanding|familiarity|"
    r"expertise|background|exposure|proficiency|track record|fluency|skills?)\s+"
    r"(?:with|in|of|on|building|using|across|for)\s+",
    re.IGNORECASE,
)


@dataclass
class Bullet:
    text: str
    kind: str  # REQUIRED | PREFERRED | RESPONSIBILITY
    section: str


@dataclass
class Group:
    name: str
    competency: library.Competency | None
    bullets: list[Bullet] = field(default_factory=list)

    @property
    def units(self) -> int:
        return sum(1 if b.kind == PREFERRED else 2 for b in self.bullets)


def _has(key: str, words: tuple[str, ...]) -> bool:
    return any(word in key for word in words)


def section_kind(section: Section) -> str | None:
    key = heading_key(section.title)
    if not key:
        return None
    if _has(key, IGNORED_WORDS):
        return "ignored"
    if signal_kind(section):
        return "signals"
    if _has(key, PLAN_WORDS) or is_exercise_section(section):
        return "plan"
    if _has(key, PREFERRED_WORDS):
        return PREFERRED
    if _has(key, REQUIRED_WORDS):
        return REQUIRED
    if _has(key, RESPONSIBILITY_WORDS):
        return RESPONSIBILITY
    if _has(key, SCALE_WORDS):
        return "scale"
    return None


def is_screening(text: str) -> bool:
    return bool(SCREENING.search(text))


# --------------------------------------------------------------------------- levels and anchors


def anchors_from_levels(levels: list[tuple[str, str]]) -> tuple[dict[int, str], list[str]]:
    """Anchors for the rating levels 1-4 from a document's levels (label, text) in order, low to
    high; a "no evidence" level is left out (it is the scorecard's "not assessed"). With more or
    fewer than four levels, they are spread over 1-4 and levels landing on one anchor are joined;
    the notes say so."""
    kept = [(label, text) for label, text in levels if not NO_EVIDENCE.search(f"{label} {text}")]
    notes = []
    if len(kept) < len(levels):
        notes.append("a “no evidence” level maps to not assessed")
    if len(kept) < 2:
        return {}, notes
    anchors: dict[int, list[str]] = {}
    for index, (label, text) in enumerate(kept):
        level = int(1 + index * 3 / (len(kept) - 1) + 0.5)
        anchors.setdefault(level, []).append(
            f"{label}: {text}" if label and text else label or text
        )
    if len(kept) != 4:
        notes.append(f"{len(kept)} document levels spread over the ratings 1–4")
    return {level: " / ".join(texts) for level, texts in anchors.items()}, notes


def _levels_of_items(items: list[Item]) -> list[tuple[str, str]] | None:
    levels = []
    for item in items:
        match = LEVEL_ITEM.match(item.text)
        head = item.head
        if item.number is not None and 0 <= item.number <= 5:
            levels.append((f"Level {item.number}", item.text))
        elif match:
            levels.append((f"Level {match.group(1)}", match.group(2).strip()))
        elif head and LEVEL_HEADER.match(head):
            levels.append((head, item.body))
        else:
            return None
    return levels if len(levels) >= 3 else None


def section_levels(section: Section) -> list[tuple[str, str]] | None:
    """A section written as numbered levels ("1 – No evidence …", "Level 2: …")."""
    for items in section.lists:
        levels = _levels_of_items(items)
        if levels:
            return levels
    paragraphs = [Item(text=p) for p in section.paragraphs if LEVEL_ITEM.match(p)]
    return _levels_of_items(paragraphs) if len(paragraphs) >= 3 else None


# --------------------------------------------------------------------------- tables


def _column(table: Table, *patterns: str, skip: set[int] | None = None) -> int | None:
    for i, cell in enumerate(table.header):
        if skip and i in skip:
            continue
        low = cell.lower()
        if any(re.search(p, low) for p in patterns):
            return i
    return None


def is_plan_table(table: Table) -> bool:
    step = _column(table, r"stage", r"step", r"interview", r"round", r"session", r"exercise")
    time = _column(table, r"duration", r"length", r"time", r"minutes", r"how long")
    return step is not None and time is not None


NAME_COLUMN = (r"competenc", r"dimension", r"skill", r"area", r"value", r"criteri", r"attribute",
               r"capabilit", r"trait", r"focus area")  # fmt: skip


def is_competency_table(table: Table) -> bool:
    if is_plan_table(table) or len(table.header) < 2:
        return False
    name = _column(table, *NAME_COLUMN)
    if name is None:
        return False
    others = [i for i in range(len(table.header)) if i != name]
    return any(
        LEVEL_HEADER.match(table.header[i].strip())
        or re.search(r"indicator|behavio|description|looks like|evidence|weight|importance|"
                     r"priority|definition|what good", table.header[i].lower())
        for i in others
    )  # fmt: skip


def _unique_names(names: list[str], where: str) -> None:
    """Two dimensions whose names differ only in case or spacing are one name repeated."""
    seen: dict[str, str] = {}
    for number, name in enumerate(names, start=1):
        key = name_key(name)
        if key in seen:
            raise DocumentError(
                f"{where}: row {number} “{name}” repeats the dimension “{seen[key]}” (names are "
                "compared without case); give each dimension its own name"
            )
        seen[key] = name


def dimensions_from_competency_table(
    doc: str, section: Section, table: Table
) -> tuple[list[DimensionData], list[str]]:
    where = f"section “{section.title or 'top'}”"
    limits.check_rows(len(table.rows), where)
    name_col = _column(table, *NAME_COLUMN)
    assert name_col is not None
    weight_col = _column(table, r"weight", skip={name_col})
    kind_col = _column(table, r"importance", r"priority", r"required", r"must", r"type",
                       skip={name_col})  # fmt: skip
    level_cols = [
        i
        for i, cell in enumerate(table.header)
        if i not in (name_col, weight_col, kind_col) and LEVEL_HEADER.match(cell.strip())
    ]
    text_cols = [
        i
        for i in range(len(table.header))
        if i not in (name_col, weight_col, kind_col, *level_cols)
    ]
    rows = [row for row in table.rows if row[name_col].strip()]
    limits.check_kit_counts(dimensions=len(rows), exercises=0, signals=0, where=where)
    _unique_names([row[name_col].strip() for row in rows], where)
    dims, notes = [], []
    for row in rows:
        anchors, level_notes = anchors_from_levels(
            [(table.header[i].strip(), row[i].strip()) for i in level_cols]
        )
        notes.extend(n for n in level_notes if n not in notes)
        kind = REQUIRED
        if kind_col is not None and INLINE_PREFERRED.search(row[kind_col] + " "):
            kind = PREFERRED
        if kind_col is not None and re.search(r"nice|optional|desirable|low", row[kind_col], re.I):
            kind = PREFERRED
        dims.append(
            DimensionData(
                name=row[name_col].strip()[:200],
                description="\n".join(
                    f"{table.header[i]}: {row[i]}" if len(text_cols) > 1 else row[i]
                    for i in text_cols
                    if row[i].strip()
                ),
                anchors=anchors,
                raw_weight=_weight_cell(row[weight_col], where) if weight_col is not None else None,
                skill_kind=weights.PREFERRED if kind == PREFERRED else weights.REQUIRED,
                source=Source(doc, section.path),
                origin="read",
            )
        )
    return dims, notes


def _weight_cell(cell: str, where: str) -> Fraction:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%?\s*", cell)
    if not match:
        raise DocumentError(f"{where}: the weight {cell!r} is not a number")
    return Fraction(match.group(1))


# --------------------------------------------------------------------------- interview plans


def _step(doc: str, section: Section, name: str, body: str, minutes_text: str, focus: str = "",
          ) -> ExerciseData | None:  # fmt: skip
    text = f"{name} {body}"
    if LEFT_OUT_STEP.search(name) and not plan_minutes(minutes_text):
        return None
    minutes = plan_minutes(minutes_text) or plan_minutes(text)
    clean_name = strip_durations(name) or name
    clean_name = re.sub(r"^(?:a|an|the)\s+", "", clean_name, flags=re.I)
    clean_name = clean_name[:1].upper() + clean_name[1:]
    brief = strip_durations(body) if body else ""
    if minutes is None:
        minutes = 45
        brief = f"{brief} (The document gives no duration: 45 minutes assumed.)".strip()
    scored = not UNSCORED_STEP.search(name)
    exercise = ExerciseData(
        name=clean_name[:200],
        format=step_format(text) if scored else "other",
        minutes=minutes,
        brief=brief,
        source=Source(doc, section.path),
        origin="read",
        scored=scored,
    )
    exercise.dimensions = [focus] if focus else []  # resolved to dimension names later
    return exercise


STEP_FORMATS = (
    ("incident", re.compile(r"incident|on-?call|outage|troubleshoot", re.I)),
    ("system-design", re.compile(r"system design|architecture|design review", re.I)),
    ("hands-on", re.compile(r"coding|pair|live cod|take-?home|technical|quiz|exercise|test|"
                            r"work sample|case study|portfolio|paid day|trial day|role play",
                            re.I)),
    ("behavioral", re.compile(r"behavio|values|culture|fit|chat|motivation|hiring manager|"
                              r"leadership|people|conversation", re.I)),
)  # fmt: skip


def step_format(text: str) -> str:
    """The format of an interview-plan step by what it is called."""
    fmt = exercise_format(text)
    if fmt != "other":
        return fmt
    return next((fmt for fmt, pattern in STEP_FORMATS if pattern.search(text)), "other")


def _split_step(item: Item) -> tuple[str, str]:
    if item.head:
        return item.head, " ".join([item.body, *item.children]).strip()
    text = item.text
    for separator in (":", " — ", " – ", " - ", ". "):
        if separator in text:
            head, body = text.split(separator, 1)
            if 2 <= len(head) <= 80:
                return head.strip(), body.strip()
    return text, ""


def steps_from_section(doc: str, section: Section) -> list[ExerciseData]:
    steps = []
    for item in section.items:
        name, body = _split_step(item)
        # A whole sentence as a step ("You'll finish with a 30 minute quiz on SQL."): its name
        # is the activity it names.
        if len(name.split()) > 8:
            name = short_name(strip_durations(name))
        step = _step(doc, section, name, body, item.text, focus=body)
        if step:
            steps.append(step)
    return steps


def steps_from_table(doc: str, section: Section, table: Table) -> list[ExerciseData]:
    where = f"section “{section.title or 'top'}”"
    limits.check_rows(len(table.rows), where)
    step_col = _column(table, r"stage", r"step", r"interview", r"round", r"session", r"exercise")
    time_col = _column(table, r"duration", r"length", r"time", r"minutes", r"how long")
    focus_col = _column(table, r"focus", r"assess", r"competenc", r"evaluat", r"cover",
                        r"dimension", r"look for", skip={step_col, time_col})  # fmt: skip
    other = [i for i in range(len(table.header)) if i not in (step_col, time_col, focus_col)]
    steps = []
    for row in table.rows:
        if not row[step_col].strip():
            continue
        body = " ".join(row[i] for i in other if row[i].strip())
        focus = row[focus_col] if focus_col is not None else ""
        step = _step(doc, section, row[step_col].strip(), body, row[time_col], focus=focus)
        if step:
            steps.append(step)
    return steps


# --------------------------------------------------------------------------- grouping


def domain_name(text: str) -> str:
    """A domain area from a requirement sentence: "Experience with payments systems (cards,
    wallets)" → "Payments systems"."""
    text = re.sub(r"\s+", " ", text).strip()
    text = DOMAIN_LEAD.sub("", text)
    text = INLINE_PREFERRED.sub("", text).strip(" ,.;")
    text = re.sub(r"\s+(?:is|are|would be|will be)$", "", text, flags=re.I)
    name = short_name(text, limit=40)
    words = name.split()
    if len(words) > 4:
        name = " ".join(words[:4]).rstrip(",;:")
    return name[:1].upper() + name[1:]


def group_bullets(bullets: list[Bullet]) -> tuple[list[Group], list[str]]:
    """Bullets into competency groups (library or domain), at most MAX_GROUPED_DIMENSIONS; the
    notes say what was folded into what."""
    groups: dict[str, Group] = {}
    loose: list[Bullet] = []
    for number, bullet in enumerate(bullets):
        if number % 100 == 0:
            limits.check_time(f"bullet {number + 1}")
        competency, score = library.match(bullet.text)
        if competency is not None and score >= 1:
            groups.setdefault(competency.key, Group(competency.name, competency)).bullets.append(
                bullet
            )
        elif bullet.kind == RESPONSIBILITY:
            loose.append(bullet)
        else:
            name = domain_name(bullet.text)
            name_stems = stems(name)
            target = next(
                (g for g in groups.values() if g.competency is None and stems(g.name) & name_stems),
                None,
            )
            if target is None:
                target = groups.setdefault(f"domain:{title_key(name)}", Group(name, None))
            target.bullets.append(bullet)
    ordered = list(groups.values())
    # Responsibilities that match no competency join the group they share most words with.
    for bullet in loose:
        bullet_stems = stems(bullet.text)
        best = max(
            ordered,
            key=lambda g: len(bullet_stems & stems(" ".join(b.text for b in g.bullets))),
            default=None,
        )
        if best is not None and bullet_stems & stems(" ".join(b.text for b in best.bullets)):
            best.bullets.append(bullet)
    notes = []
    if len(ordered) > limits.MAX_GROUPED_DIMENSIONS:
        ranked = sorted(range(len(ordered)), key=lambda i: (-ordered[i].units, i))
        kept = sorted(ranked[: limits.MAX_GROUPED_DIMENSIONS])
        kept_groups = [ordered[i] for i in kept]
        for i in sorted(ranked[limits.MAX_GROUPED_DIMENSIONS :]):
            extra = ordered[i]
            extra_stems = stems(extra.name + " " + " ".join(b.text for b in extra.bullets))
            target = max(
                kept_groups,
                key=lambda g: (
                    len(extra_stems & stems(g.name + " " + " ".join(b.text for b in g.bullets))),
                    g.competency is None,
                    g.units,
                ),
            )
            target.bullets.extend(extra.bullets)
            notes.append(f"“{extra.name}” was folded into “{target.name}”")
        ordered = kept_groups
    return ordered, notes


def dimension_from_group(doc: str, group: Group) -> DimensionData:
    lines = [f"- {b.text}" + (" (preferred)" if b.kind == PREFERRED else "") for b in group.bullets]
    sections = list(dict.fromkeys(b.section for b in group.bullets))
    competency = group.competency
    dim = DimensionData(
        name=group.name,
        description="\n".join(lines),
        source=Source(doc, "; ".join(sections)),
        origin="grouped",
    )
    if competency is not None:
        dim.anchors = dict(competency.anchors)
        dim.questions = list(competency.questions)
        dim.suggested_parts = [
            p for p, v in (("anchors", dim.anchors), ("questions", dim.questions)) if v
        ]
    return dim


def suggested_signals(doc: str, dims: list[DimensionData]) -> list[SignalData]:
    signals = []
    for dim in dims:
        competency = library.find(dim.name)
        if competency is None:
            continue
        for kind, texts in ((SignalKind.STRONG, competency.strong),
                            (SignalKind.WEAK, competency.weak),
                            (SignalKind.RED, competency.red)):  # fmt: skip
            signals.extend(
                SignalData(
                    kind=kind,
                    text=text,
                    dimension=dim.name,
                    source=Source.suggestion(doc),
                    origin="suggested",
                )  # fmt: skip
                for text in texts
            )
    return signals[: limits.MAX_SIGNALS]


LOOP_ORDER = ("hands-on", "system-design", "incident", "behavioral")


def suggested_exercises(doc: str, dims: list[DimensionData]) -> list[ExerciseData]:
    """One suggested interview per exercise format the dimensions call for, each focused on the
    dimensions it tests (domain areas go to the hands-on interview)."""
    from interviewkit.importers.merge import SUGGESTED_LOOP

    by_format: dict[str, list[str]] = {}
    for dim in dims:
        competency = library.find(dim.name)
        fmt = competency.exercise_format if competency else "hands-on"
        by_format.setdefault(fmt, []).append(dim.name)
    exercises = []
    for fmt in LOOP_ORDER:
        if fmt not in by_format:
            continue
        plan = SUGGESTED_LOOP[fmt]
        exercises.append(
            ExerciseData(
                name=plan["name"],
                format=fmt,
                minutes=plan["minutes"],
                brief=plan["brief"],
                questions=list(plan["questions"]),
                dimensions=by_format[fmt],
                source=Source.suggestion(doc),
                origin="suggested",
            )
        )
    return exercises


def resolve_focus(exercises: list[ExerciseData], dims: list[DimensionData]) -> None:
    """An exercise's focus text ("coding and system design") as the names of the dimensions it
    names; scored steps whose text names none are left for the merge to assign."""
    for exercise in exercises:
        if not exercise.scored:
            exercise.dimensions = []
            continue
        text = " ".join([*exercise.dimensions, exercise.name, exercise.brief])
        text_stems = stems(text)
        low = text.lower()
        chosen = []
        for dim in dims:
            name_stems = stems(dim.name)
            competency = library.find(dim.name)
            named = dim.name.lower() in low or (name_stems and name_stems <= text_stems)
            if not named and competency is not None:
                named = library.match(text)[0] is competency and bool(exercise.dimensions)
            if named:
                chosen.append(dim.name)
        exercise.dimensions = chosen


# --------------------------------------------------------------------------- the document


def parse(doc: str, sections: list[Section], title: str) -> ParsedDocument:
    parsed = ParsedDocument(
        name=doc, shape=SHAPE, title=title, weight_basis=weights.REQUIRED_PREFERRED
    )
    bullets: list[Bullet] = []
    table_dims: list[DimensionData] = []
    rubric: dict[str, tuple[Section, list[tuple[str, str]]]] = {}
    scale: list[tuple[str, str]] | None = None
    seen_kinds: list[str] = []
    item_count = 0
    weight_table = find_weight_table(sections)
    for number, section in enumerate(sections, start=1):
        limits.check_time(f"section {number} “{section.title}”")
        kind = section_kind(section)
        item_count += len(section.items)
        limits.check_items(item_count, f"section “{section.title}”")
        if kind == "ignored":
            continue
        seen_kinds.append(kind or "")
        for table in section.tables:
            limits.check_rows(len(table.rows), f"section “{section.title or 'top'}”")
            if is_plan_table(table):
                parsed.exercises.extend(steps_from_table(doc, section, table))
            elif weight_table is None and is_competency_table(table) and not table_dims:
                dims, notes = dimensions_from_competency_table(doc, section, table)
                table_dims = dims
                parsed.notes.extend(notes)
        # Numbered levels are a rubric only in a section that is not a list of requirements, steps
        # or signals (a numbered hiring plan is a plan).
        levels = section_levels(section) if kind in (None, "scale") else None
        if levels and kind == "scale":
            scale = levels
            continue
        if levels:
            rubric[section.name] = (section, levels)
            continue
        if kind == "signals":
            signal = signal_kind(section)
            parsed.signals.extend(
                SignalData(kind=signal, text=item.text, source=Source(doc, section.path))
                for item in section.items
                if item.text
            )
        elif kind == "plan":
            parsed.exercises.extend(steps_from_section(doc, section))
        elif kind in (REQUIRED, PREFERRED, RESPONSIBILITY):
            for item in section.items:
                text = item.text
                if not text:
                    continue
                if kind != RESPONSIBILITY and is_screening(text):
                    parsed.screening.append(Screening(text, Source(doc, section.path)))
                    continue
                bullet_kind = kind
                if kind != PREFERRED and INLINE_PREFERRED.search(text):
                    bullet_kind = PREFERRED
                bullets.append(Bullet(text, bullet_kind, section.path))
        passage_texts = [item.text for item in section.items]
        parsed.passages.extend((section.path, t) for t in passage_texts if t)

    if weight_table is not None:
        parsed.dimensions = dimensions_from_weight_table(doc, *weight_table)
        _unique_names([d.name for d in parsed.dimensions], f"section “{weight_table[0].title}”")
        parsed.weight_basis = weights.EXPLICIT
        parsed.weight_note = "The document's own weight column (rule 1)."
    elif table_dims:
        parsed.dimensions = table_dims
        if all(d.raw_weight is not None for d in table_dims):
            parsed.weight_basis = weights.EXPLICIT
            parsed.weight_note = "The competency table's own weight column (rule 1)."
        else:
            for d in table_dims:
                d.raw_weight = None
            parsed.weight_note = _kind_note(table_dims, "competency table rows")
    elif len(rubric) >= 2:
        for name, (section, levels) in rubric.items():
            anchors, notes = anchors_from_levels(levels)
            parsed.notes.extend(n for n in notes if n not in parsed.notes)
            parsed.dimensions.append(
                DimensionData(
                    name=name[:200],
                    description=" ".join(section.paragraphs),
                    anchors=anchors,
                    skill_kind=weights.REQUIRED,
                    source=Source(doc, section.path),
                    origin="read",
                )
            )
        _unique_names(list(rubric), "the rubric")
        parsed.weight_note = (
            "The rubric gives no weights and marks none as preferred: equal weights."
        )
    elif bullets:
        groups, notes = group_bullets(bullets)
        parsed.notes.extend(notes)
        parsed.dimensions = [dimension_from_group(doc, g) for g in groups]
        for dim, group in zip(parsed.dimensions, groups, strict=True):
            dim.raw_weight = Fraction(group.units)
        parsed.weight_basis = weights.REQUIRED_PREFERRED
        parsed.weight_note = (
            "Required 2 : preferred 1, summed over each dimension's bullets ("
            + ", ".join(
                f"{g.name} {sum(b.kind != PREFERRED for b in g.bullets)} required"
                + (f" + {sum(b.kind == PREFERRED for b in g.bullets)} preferred"
                   if any(b.kind == PREFERRED for b in g.bullets) else "")
                for g in groups
            )
            + "), then largest remainder to 100."
        )  # fmt: skip
        parsed.signals.extend(suggested_signals(doc, parsed.dimensions))
    if not parsed.dimensions:
        found = ", ".join(s.title for s in sections if s.title)[:200] or "none"
        raise DocumentError(
            "not a role document: no section lists responsibilities, requirements or skills, "
            f"and it has no competency table or rubric (sections: {found})"
        )
    limits.check_kit_counts(
        dimensions=len(parsed.dimensions),
        exercises=len(parsed.exercises),
        signals=len(parsed.signals),
        where="the document",
    )
    if scale:
        anchors, notes = anchors_from_levels(scale)
        parsed.notes.extend(n for n in notes if n not in parsed.notes)
        for dim in parsed.dimensions:
            if not dim.anchors or "anchors" in dim.suggested_parts:
                dim.anchors = dict(anchors)
                dim.suggested_parts = [p for p in dim.suggested_parts if p != "anchors"]
    for name, (_, levels) in rubric.items() if parsed.dimensions and len(rubric) < 2 else []:
        for dim in parsed.dimensions:
            if title_key(dim.name) == title_key(name):
                dim.anchors, _ = anchors_from_levels(levels)
                dim.suggested_parts = [p for p in dim.suggested_parts if p != "anchors"]
    resolve_focus(parsed.exercises, parsed.dimensions)
    if not parsed.exercises:
        parsed.suggested_exercises = suggested_exercises(doc, parsed.dimensions)
    return parsed


def _kind_note(dims: list[DimensionData], what: str) -> str:
    preferred = sum(d.skill_kind == weights.PREFERRED for d in dims)
    if not preferred:
        return (
            f"The document gives no weights and marks none of its {what} as preferred: "
            "equal weights."
        )
    return (
        f"Required 2 : preferred 1 over the {what} ({len(dims) - preferred} required, "
        f"{preferred} preferred)."
    )
