"""Past scorecards imported from the ratings CSV (read by `scorecards.exports.csv_io`).

Each imported scorecard keeps the file's `scorecard_id` (`Scorecard.source_scorecard_id`, unique)
as its key, so importing a file again adds and changes nothing, and a file that gives an
imported scorecard otherwise is refused: a submitted scorecard is amended in the app, never
overwritten by an import. Interviewers are matched to accounts case-insensitively; one without
an account is refused unless the operator asks to create it. Every refusal names its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.db.models.functions import Lower
from django.utils.dateparse import parse_datetime

from interviewkit import personas
from interviewkit.audit import events as audit
from interviewkit.models import Role
from scorecards.models import Candidate, Interview, Rating, Scorecard
from scorecards.services.candidate_status import candidate_status_refresh
from scorecards.services.candidates import candidate_add
from scorecards.services.role_fits import role_fit_schedule

# A dump and restore may cut timestamps to milliseconds: closer than this is the same moment.
SAME_MOMENT = timedelta(milliseconds=1)


@dataclass
class ImportedRating:
    dimension_id: int
    dimension_name: str
    value: int | None
    evidence: str


@dataclass
class ImportedScorecard:
    """One scorecard read from a CSV file, validated against its role's kit version."""

    line: int
    source_id: str  # the file's scorecard_id: the key of every later import of the same file
    role: Role
    kit_id: int
    candidate_email: str
    candidate_name: str
    interviewer: str
    exercise_name: str
    exercise_id: int | None
    submitted_at: datetime  # aware
    recommendation: str
    ratings: list[ImportedRating] = field(default_factory=list)


class ImportRefused(ValueError):
    """Nothing was imported; `errors` says why, each naming its line."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ImportResult:
    scorecards: int = 0
    candidates: int = 0
    interviewers: int = 0
    duplicates: int = 0

    def summary(self) -> str:
        def count(n: int, word: str) -> str:
            return f"{n} {word}{'s' if n != 1 else ''}"

        return (
            f"Imported {count(self.scorecards, 'scorecard')}, created "
            f"{count(self.candidates, 'candidate')} and "
            f"{count(self.interviewers, 'interviewer account')}"
            + (f"; skipped {self.duplicates} already present" if self.duplicates else "")
            + "."
        )


@dataclass(frozen=True)
class _Stored:
    """What a stored scorecard says, in the terms of a CSV file."""

    role_id: int
    candidate_email: str
    interviewer: str
    exercise_name: str
    kit_id: int
    submitted_at: datetime | None
    recommendation: str
    ratings: dict[int, tuple[str, int | None, str]]  # dimension id: (name, value, evidence)


def _stored(scorecard: Scorecard, *, as_imported: bool = False) -> _Stored:
    """The scorecard as it stands, or with `as_imported` as it stood before its first
    amendment (the revision history keeps that version)."""
    interview = scorecard.interview
    recommendation, submitted_at = scorecard.recommendation, scorecard.submitted_at
    ratings = {
        r.dimension_id: (r.dimension.name, r.value, r.evidence) for r in scorecard.ratings.all()
    }
    revisions = sorted(scorecard.revisions.all(), key=lambda r: r.number)
    if as_imported and revisions:
        original = revisions[0].snapshot
        recommendation = original["recommendation"]
        submitted_at = parse_datetime(original["submitted_at"] or "")
        ratings = {
            r["dimension_id"]: (r["dimension"], r["value"], r["evidence"])
            for r in original["ratings"]
        }
    return _Stored(
        role_id=interview.candidate.role_id,
        candidate_email=interview.candidate.email,
        interviewer=interview.interviewer.get_username(),
        exercise_name=interview.title,
        kit_id=scorecard.kit_id,
        submitted_at=submitted_at,
        recommendation=recommendation,
        ratings=ratings,
    )


def _differences(card: ImportedScorecard, stored: _Stored) -> list[str]:
    """What the file says otherwise than the stored scorecard, named as the file's columns."""
    differs = [
        name
        for name, same in (
            ("role", card.role.pk == stored.role_id),
            ("candidate_email", card.candidate_email.lower() == stored.candidate_email.lower()),
            ("interviewer", card.interviewer.lower() == stored.interviewer.lower()),
            ("exercise", card.exercise_name == stored.exercise_name),
            ("kit_version", card.kit_id == stored.kit_id),
            (
                "submitted_at",
                stored.submitted_at is not None
                and abs(card.submitted_at - stored.submitted_at) < SAME_MOMENT,
            ),
            ("recommendation", card.recommendation == stored.recommendation),
        )
        if not same
    ]
    given = {r.dimension_id: r for r in card.ratings}
    for dimension_id, (name, value, evidence) in stored.ratings.items():
        rating = given.get(dimension_id)
        if rating is None:
            differs.append(f"no rating of {name!r}")
        elif rating.value != value:
            differs.append(
                f"rating of {name!r} ({rating.value or 'none'}, stored {value or 'none'})"
            )
        elif rating.evidence != evidence:
            differs.append(f"evidence of {name!r}")
    differs.extend(
        f"rating of {r.dimension_name!r} (not stored)"
        for dimension_id, r in given.items()
        if dimension_id not in stored.ratings
    )
    return differs


def _interviewer_accounts(
    scorecards: list[ImportedScorecard], *, create_users: bool
) -> tuple[dict[str, object], list[str]]:
    """The interviewers' accounts by lowercased user name (matched case-insensitively), and an
    error naming the line of each scorecard whose interviewer has no account (unless
    `create_users`) or matches several."""
    users = get_user_model()
    names = {card.interviewer.lower() for card in scorecards}
    found: dict[str, list] = {}
    for user in users.objects.annotate(lower=Lower("username")).filter(lower__in=names):
        found.setdefault(user.lower, []).append(user)
    errors = []
    for card in scorecards:
        matches = found.get(card.interviewer.lower(), [])
        if len(matches) > 1:
            errors.append(
                f"line {card.line}: interviewer {card.interviewer!r} matches several accounts "
                f"({', '.join(sorted(u.get_username() for u in matches))}): the import cannot "
                "tell which one interviewed"
            )
        elif not matches and not create_users:
            errors.append(
                f"line {card.line}: interviewer {card.interviewer!r} has no account "
                "(import with --create-users to create it)"
            )
    return {name: matches[0] for name, matches in found.items() if len(matches) == 1}, errors


def _same_scorecard(card: ImportedScorecard, scorecard: Scorecard) -> bool:
    """Whether the card is the stored scorecard: as it stands, or as it stood before its first
    amendment (the app's later correction stays)."""
    return not _differences(card, _stored(scorecard)) or not _differences(
        card, _stored(scorecard, as_imported=True)
    )


def _with_content(scorecards: QuerySet[Scorecard]) -> QuerySet[Scorecard]:
    return scorecards.select_related(
        "interview__candidate", "interview__interviewer"
    ).prefetch_related("ratings__dimension", "revisions")


def _present_already(card: ImportedScorecard, candidate: Candidate, user) -> bool:
    """Whether a scorecard stored under another key, or none, is the card itself: the original
    in this database (the file was exported here, so its id is the scorecard's), or a copy
    imported before imports kept the key (which takes the key now). Every column and rating
    must agree, the submission time to the millisecond."""
    if card.source_id.isdigit() and int(card.source_id) < 2**63:
        here = _with_content(
            Scorecard.objects.filter(
                pk=int(card.source_id),
                status=Scorecard.Status.SUBMITTED,
                interview__candidate=candidate,
            )
        ).first()
        if here is not None and _same_scorecard(card, here):
            return True
    legacy = Scorecard.objects.filter(
        imported=True,
        source_scorecard_id="",
        interview__candidate=candidate,
        interview__interviewer=user,
        interview__title=card.exercise_name,
        submitted_at__gt=card.submitted_at - SAME_MOMENT,
        submitted_at__lt=card.submitted_at + SAME_MOMENT,
    )
    for scorecard in _with_content(legacy):
        if _same_scorecard(card, scorecard):
            Scorecard.objects.filter(pk=scorecard.pk).update(source_scorecard_id=card.source_id)
            return True
    return False


def _already_imported(scorecards: list[ImportedScorecard]) -> tuple[set[str], list[str]]:
    """The source keys already imported with the same content, and an error naming the line of
    each already imported scorecard the file now gives otherwise: a submitted scorecard is
    never changed by an import. A scorecard amended in the app since is compared with the
    version it was imported as."""
    keys = [card.source_id for card in scorecards]
    stored = {
        scorecard.source_scorecard_id: scorecard
        for scorecard in _with_content(Scorecard.objects.filter(source_scorecard_id__in=keys))
    }
    present, errors = set(), []
    for card in scorecards:
        scorecard = stored.get(card.source_id)
        if scorecard is None:
            continue
        if _same_scorecard(card, scorecard):
            present.add(card.source_id)
        else:
            differs = _differences(card, _stored(scorecard))
            errors.append(
                f"line {card.line}: scorecard {card.source_id} was imported before and this "
                f"file changes its {'; '.join(differs)}. An import never changes a submitted "
                "scorecard: amend it in the app, or leave its rows out of the file"
            )
    return present, errors


@transaction.atomic
def scorecards_import(
    *, scorecards: list[ImportedScorecard], by, create_users: bool = False
) -> ImportResult:
    """Create the imported scorecards, submitted and marked imported, each keyed by the file's
    `scorecard_id`, with the candidates (`candidate_add`) and, when `create_users`, the
    interviewer accounts (which cannot log in) that do not exist yet. A scorecard imported
    before with the same content is skipped, so importing a file twice adds nothing.

    Raises ImportRefused, with nothing written, for an interviewer without an account (or
    with several), a scorecard imported before that the file now gives otherwise, and a
    candidate the candidate rules refuse; each error names its line."""
    result = ImportResult()
    accounts, errors = _interviewer_accounts(scorecards, create_users=create_users)
    present, changed = _already_imported(scorecards)
    errors.extend(changed)
    if errors:
        raise ImportRefused(errors)
    result.duplicates = len(present)
    interviewers_group = Group.objects.get_or_create(name=personas.INTERVIEWERS)[0]
    candidate_cache: dict[tuple[int, str], Candidate] = {}
    try:
        with transaction.atomic():
            for card in scorecards:
                if card.source_id in present:
                    continue
                user = accounts.get(card.interviewer.lower())
                if user is None:
                    user = accounts[card.interviewer.lower()] = _interviewer_create(
                        card.interviewer, interviewers_group
                    )
                    result.interviewers += 1
                key = (card.role.pk, card.candidate_email.lower())
                candidate = candidate_cache.get(key)
                if candidate is None:
                    candidate = Candidate.objects.filter(
                        role=card.role, email__iexact=card.candidate_email
                    ).first()
                    if candidate is None:
                        candidate = _candidate_create(card, by)
                        result.candidates += 1
                    candidate_cache[key] = candidate
                if _present_already(card, candidate, user):
                    result.duplicates += 1
                    continue
                _scorecard_create(card, candidate, user, by)
                result.scorecards += 1
    except IntegrityError:
        raise ImportRefused(
            [
                "another import of the same scorecards ran at the same time, so nothing was "
                "imported: run this one again, it will skip what the other one added"
            ]
        ) from None
    for role_id in sorted({card.role.pk for card in scorecards}):
        role_fit_schedule(role_id=role_id)
    return result


def _interviewer_create(username: str, group: Group):
    """An interviewer account that cannot log in, for someone who interviewed elsewhere."""
    user = get_user_model()(username=username)
    if "@" in username:
        user.email = username
    user.set_unusable_password()
    user.save()
    user.groups.add(group)
    return user


def _candidate_create(card: ImportedScorecard, by) -> Candidate:
    try:
        return candidate_add(
            role=card.role,
            name=card.candidate_name or card.candidate_email,
            email=card.candidate_email,
            by=by,
        )
    except ValidationError as exc:
        raise ImportRefused([f"line {card.line}: {message}" for message in exc.messages]) from None


def _scorecard_create(card: ImportedScorecard, candidate: Candidate, user, by) -> Scorecard:
    position = (candidate.interviews.aggregate(last=Max("position"))["last"] or 0) + 1
    interview = Interview.objects.create(
        candidate=candidate,
        exercise_id=card.exercise_id,
        title=card.exercise_name,
        interviewer=user,
        scheduled_at=card.submitted_at,
        position=position,
    )
    scorecard = Scorecard.objects.create(
        interview=interview,
        kit_id=card.kit_id,
        status=Scorecard.Status.SUBMITTED,
        recommendation=card.recommendation,
        submitted_at=card.submitted_at,
        imported=True,
        source_scorecard_id=card.source_id,
    )
    Rating.objects.bulk_create(
        Rating(scorecard=scorecard, dimension_id=r.dimension_id, value=r.value, evidence=r.evidence)
        for r in card.ratings
    )
    candidate_status_refresh(candidate_ids=[candidate.pk])
    audit.record(
        by,
        "scorecard.import",
        scorecard,
        detail={"line": card.line, "ratings": len(card.ratings), "source_id": card.source_id},
    )
    return scorecard
