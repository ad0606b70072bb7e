"""A role's submitted ratings as CSV, one row per rating, and the import of that same CSV.

The import reads and validates the whole file before writing anything: a file with any bad
row is refused whole, with every error and its line number (the line a row starts on: a quoted
cell may span several). A cell longer than the field that stores it, or than the csv module
reads, is such an error. The file's `scorecard_id` is the key of a scorecard across imports
(`scorecards_import`). Cells that a spreadsheet would run as a formula are written with a
leading apostrophe, which the import removes again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from interviewkit.models import Dimension, Exercise, KitVersion, Role
from interviewkit.scale import Level, evidence_missing
from scorecards.models import Candidate, Interview, Rating, Recommendation, Scorecard
from scorecards.one_line import control_characters
from scorecards.services.imports import ImportedRating, ImportedScorecard
from scorecards.services.scorecards import NOTE_MAX

COLUMNS = [
    "candidate_email",
    "candidate_name",
    "role",
    "kit_version",
    "scorecard_id",
    "interviewer",
    "exercise",
    "submitted_at",
    "dimension",
    "weight",
    "rating",
    "evidence",
    "recommendation",
]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """The cell with an apostrophe before a formula start, and before an apostrophe that
    would otherwise read as one added here (so that the import gives back the same text)."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) or _looks_defused(value) else value


def spreadsheet_unsafe(value: str) -> str:
    """Undo `spreadsheet_safe`."""
    return value[1:] if _looks_defused(value) else value


def _looks_defused(value: str) -> bool:
    return value.startswith("'") and value[1:].startswith((*FORMULA_STARTS, "'"))


# --- export ---------------------------------------------------------------------------------


def role_ratings(role: Role):
    """Every rating of the role's submitted scorecards, in one query, in packet order."""
    return (
        Rating.objects.filter(
            scorecard__status=Scorecard.Status.SUBMITTED,
            scorecard__interview__candidate__role=role,
        )
        .select_related(
            "dimension",
            "scorecard__kit",
            "scorecard__interview__candidate",
            "scorecard__interview__interviewer",
        )
        .order_by(
            "scorecard__interview__candidate__name",
            "scorecard__interview__candidate_id",
            "scorecard__interview__position",
            "scorecard_id",
            "dimension__position",
            "dimension_id",
        )
    )


def rating_row(rating: Rating, role: Role) -> list[str]:
    scorecard = rating.scorecard
    interview = scorecard.interview
    candidate = interview.candidate
    return [
        candidate.email,
        candidate.name,
        role.slug,
        str(scorecard.kit.number),
        str(scorecard.pk),
        interview.interviewer.get_username(),
        interview.title,
        scorecard.submitted_at.isoformat() if scorecard.submitted_at else "",
        rating.dimension.name,
        str(rating.dimension.weight),
        "" if rating.value is None else str(rating.value),
        rating.evidence,
        scorecard.recommendation,
    ]


def ratings_csv_lines(role: Role) -> Iterator[str]:
    """The CSV, a line at a time (for streaming responses)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(COLUMNS)
    yield flush()
    for rating in role_ratings(role).iterator(chunk_size=2000):
        writer.writerow([spreadsheet_safe(cell) for cell in rating_row(rating, role)])
        yield flush()


def ratings_csv_write(role: Role, out) -> int:
    """Write the CSV to a text stream; returns the number of rating rows."""
    rows = -1
    for line in ratings_csv_lines(role):
        out.write(line)
        rows += 1
    return rows


# --- import ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class CsvImportError(ValueError):
    """The file is refused whole; `errors` lists every problem with its line number."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


# The longest value each stored cell may have: its model field's, and for evidence the
# scorecard page's note limit (an imported scorecard reads like one filled in the app).
CELL_LIMITS = {
    "candidate_email": Candidate._meta.get_field("email").max_length,
    "candidate_name": Candidate._meta.get_field("name").max_length,
    "scorecard_id": Scorecard._meta.get_field("source_scorecard_id").max_length,
    "interviewer": User._meta.get_field("username").max_length,
    "exercise": Interview._meta.get_field("title").max_length,
    "evidence": NOTE_MAX,
}

RECOMMENDATIONS = {
    **{value: value for value in Recommendation.values},
    **{label.lower(): value for value, label in Recommendation.choices},
}


class _Lookups:
    """Roles, kit versions and their items, each read once however many rows refer to them."""

    def __init__(self):
        self.roles: dict[str, Role | None] = {}
        self.kits: dict[tuple[int, int], KitVersion | None] = {}
        self.dimensions: dict[int, dict[str, Dimension]] = {}
        self.exercises: dict[int, dict[str, Exercise]] = {}

    def role(self, text: str) -> Role | None:
        if text not in self.roles:
            self.roles[text] = (
                Role.objects.filter(slug=text).first() or Role.objects.filter(title=text).first()
            )
        return self.roles[text]

    def kit(self, role: Role, number: int) -> KitVersion | None:
        key = (role.pk, number)
        if key not in self.kits:
            kit = KitVersion.objects.filter(role=role, number=number).first()
            self.kits[key] = kit
            if kit is not None:
                self.dimensions[kit.pk] = {d.name: d for d in kit.dimensions.all()}
                self.exercises[kit.pk] = {e.name: e for e in kit.exercises.all()}
        return self.kits[key]


def _parse_submitted_at(text: str) -> datetime | None:
    try:
        value = parse_datetime(text)
    except ValueError:
        return None
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _rows(reader: csv.DictReader, errors: list[RowError]) -> Iterator[tuple[int, dict]]:
    """The reader's rows, each with the line it starts on (a quoted cell may span several).
    A row the csv module cannot read (a cell over its size limit, say) becomes an error naming
    that first line, and reading stops there: the reader's own count is of no use then, as it
    still names the previous row."""
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            errors.append(RowError(start, _unreadable(exc)))
            return
        line = reader.line_num
        yield start, row


def _unreadable(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return (
            f"a cell is longer than {csv.field_size_limit():,} characters, the most a cell may "
            "hold; nothing after this line was read"
        )
    return f"cannot be read ({exc}); nothing after this line was read"


def _too_long(cells: dict[str, str]) -> list[str]:
    """The cells longer than the field that would store them, with both lengths."""
    return [
        f"{name} has {len(cells[name]):,} characters, more than the {limit:,} it may have"
        for name, limit in CELL_LIMITS.items()
        if len(cells[name]) > limit
    ]


def scorecards_csv_text(raw: bytes) -> io.StringIO:
    """A file's bytes as text for `scorecards_csv_read` (UTF-8, with or without the byte order
    mark spreadsheets write). Raises CsvImportError naming the first line that is not UTF-8."""
    try:
        return io.StringIO(raw.decode("utf-8-sig"), newline="")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = "is not UTF-8 text: save the file as CSV UTF-8 and try again"
        raise CsvImportError([RowError(line, message)]) from None


def scorecards_csv_read(
    lines: Iterable[str], *, only_role: Role | None = None
) -> list[ImportedScorecard]:
    """Read and validate the whole CSV (with `only_role`, every row must be of that role).
    Raises CsvImportError listing every bad line."""
    reader = csv.DictReader(lines)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise CsvImportError([RowError(1, f"cannot be read: {exc}")]) from None
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise CsvImportError([RowError(1, f"missing columns: {', '.join(missing)}")])

    lookups = _Lookups()
    errors: list[RowError] = []
    # Keyed by the source scorecard_id alone: it is the re-import key, unique in the database.
    cards: dict[str, ImportedScorecard] = {}
    seen_dimensions: dict[str, set[str]] = {}
    username_validator = UnicodeUsernameValidator()
    line = reader.line_num
    for start, row in _rows(reader, errors):
        line = reader.line_num
        cell = {c: spreadsheet_unsafe((row.get(c) or "").strip()) for c in COLUMNS}
        evidence = spreadsheet_unsafe((row.get("evidence") or "").strip("\r\n"))
        row_errors: list[str] = []
        nul = [name for name, value in row.items() if name and value and "\x00" in str(value)]
        if nul:
            row_errors.append(f"contains a NUL byte (in {', '.join(nul)})")
        row_errors.extend(_too_long({**cell, "evidence": evidence}))
        # A NUL byte has its own message above.
        if found := [c for c in control_characters(cell["candidate_name"]) if c != "U+0000"]:
            row_errors.append(
                "candidate_name must be one line of text: remove the line break or control "
                f"character ({', '.join(dict.fromkeys(found))})"
            )
        email = cell["candidate_email"]
        try:
            validate_email(email)
        except ValidationError:
            row_errors.append(f"candidate_email {email!r} is not an email address")
        interviewer = cell["interviewer"]
        try:
            username_validator(interviewer)
        except ValidationError:
            row_errors.append(f"interviewer {interviewer!r} is not a valid user name")
        if not cell["scorecard_id"]:
            row_errors.append("scorecard_id is empty")
        if not cell["exercise"]:
            row_errors.append("exercise is empty")
        submitted_at = _parse_submitted_at(cell["submitted_at"])
        if submitted_at is None:
            row_errors.append(
                f"submitted_at {cell['submitted_at']!r} is not a date and time (ISO 8601)"
            )
        recommendation = RECOMMENDATIONS.get(cell["recommendation"].lower())
        if recommendation is None:
            row_errors.append(
                f"recommendation {cell['recommendation']!r} is not one of "
                + ", ".join(Recommendation.values)
            )
        value: int | None = None
        if cell["rating"]:
            if cell["rating"] in {str(level.value) for level in Level}:
                value = int(cell["rating"])
            else:
                row_errors.append(
                    f"rating {cell['rating']!r} is not 1-4 (leave it empty for not assessed)"
                )
        if evidence_missing(value, evidence):
            row_errors.append(f"a rating of {value} needs evidence")

        role = lookups.role(cell["role"])
        kit = dimension = exercise = None
        if role is None:
            row_errors.append(f"role {cell['role']!r} does not exist")
        elif only_role is not None and role.pk != only_role.pk:
            row_errors.append(
                f"role {cell['role']!r} is not {only_role.title}, the role this import is for"
            )
        elif not cell["kit_version"].isdigit():
            row_errors.append(f"kit_version {cell['kit_version']!r} is not a version number")
        else:
            kit = lookups.kit(role, int(cell["kit_version"]))
            if kit is None:
                row_errors.append(f"{role.title} has no kit version {cell['kit_version']}")
            else:
                dimension = lookups.dimensions[kit.pk].get(cell["dimension"])
                exercise = lookups.exercises[kit.pk].get(cell["exercise"])
                if dimension is None:
                    row_errors.append(
                        f"dimension {cell['dimension']!r} is not in {role.title} v{kit.number}"
                    )
                elif cell["weight"] and cell["weight"] != str(dimension.weight):
                    row_errors.append(
                        f"weight {cell['weight']} of {dimension.name!r} does not match "
                        f"the kit's {dimension.weight}"
                    )

        key = cell["scorecard_id"]
        card = cards.get(key)
        if card is not None and not row_errors:
            differs = [
                name
                for name, mine, theirs in (
                    ("role", role.pk, card.role.pk),
                    ("candidate_email", email.lower(), card.candidate_email.lower()),
                    ("interviewer", interviewer.lower(), card.interviewer.lower()),
                    ("exercise", cell["exercise"], card.exercise_name),
                    ("kit_version", kit.pk, card.kit_id),
                    ("submitted_at", submitted_at, card.submitted_at),
                    ("recommendation", recommendation, card.recommendation),
                )
                if mine != theirs
            ]
            if differs:
                row_errors.append(
                    f"scorecard {cell['scorecard_id']} has a different {', '.join(differs)} "
                    f"than on line {card.line}"
                )
            elif dimension.name in seen_dimensions[key]:
                row_errors.append(
                    f"scorecard {cell['scorecard_id']} rates {dimension.name!r} twice"
                )

        if row_errors:
            errors.extend(RowError(start, message) for message in row_errors)
            continue
        if card is None:
            card = cards[key] = ImportedScorecard(
                line=start,
                source_id=key,
                role=role,
                kit_id=kit.pk,
                candidate_email=email,
                candidate_name=cell["candidate_name"],
                interviewer=interviewer,
                exercise_name=cell["exercise"],
                exercise_id=exercise.pk if exercise else None,
                submitted_at=submitted_at,
                recommendation=recommendation,
            )
            seen_dimensions[key] = set()
        seen_dimensions[key].add(dimension.name)
        card.ratings.append(ImportedRating(dimension.pk, dimension.name, value, evidence))

    if errors:
        raise CsvImportError(errors)
    if not cards:
        raise CsvImportError([RowError(line or 1, "the file has no rating rows")])
    return list(cards.values())
