"""Filling a scorecard: start the draft, autosave it, submit it, amend it, read the others',
move a draft onto a newer version of its kit.

The scorecard's content travels as a `ScorecardData`. Validation errors are raised as a
`ValidationError` keyed by the form field names below (`rating_<dimension id>`,
`evidence_<dimension id>`, `signal_note_<signal id>`, `recommendation`, `takeaways`, `reason`),
so a view can show each one beside its field.

Autosave is guarded by an optimistic version check on `Scorecard.revision`: every write bumps
it, and a write carrying an older revision (another tab saved in between) raises
`StaleScorecard` and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from interviewkit.audit import events as audit
from interviewkit.models import KitVersion, Signal
from interviewkit.scale import LEVELS, evidence_missing
from scorecards.models import (
    Candidate,
    Interview,
    ObservedSignal,
    Rating,
    Recommendation,
    Scorecard,
    ScorecardRevision,
)
from scorecards.services.candidate_status import candidate_status_refresh
from scorecards.services.notifications import packet_complete_notify
from scorecards.services.role_fits import role_fit_schedule
from scorecards.webhooks.events import webhook_emit, webhook_emit_submitted
from scorecards.webhooks.models import Event

NOTE_MAX = 5000


def rating_field(dimension_id: int) -> str:
    return f"rating_{dimension_id}"


def evidence_field(dimension_id: int) -> str:
    return f"evidence_{dimension_id}"


def signal_field(signal_id: int) -> str:
    return f"signal_{signal_id}"


def signal_note_field(signal_id: int) -> str:
    return f"signal_note_{signal_id}"


@dataclass(frozen=True)
class RatingInput:
    """One dimension as the interviewer left it: `value` 1–4, or None for "not assessed".

    `chosen` is False when no rating was picked yet (only evidence typed): a draft keeps the
    evidence, a submit refuses it for a focus dimension.
    """

    value: int | None
    evidence: str = ""
    chosen: bool = True


@dataclass
class ScorecardData:
    ratings: dict[int, RatingInput] = field(default_factory=dict)  # dimension id → input
    observed: dict[int, str] = field(default_factory=dict)  # signal id → note
    recommendation: str = ""
    takeaways: str = ""


class StaleScorecard(Exception):
    """The scorecard was saved elsewhere (another tab) after the version this write started from."""

    def __init__(self, *, posted: int, current: int) -> None:
        self.posted = posted
        self.current = current
        super().__init__(
            "This scorecard changed in another tab or window since this page loaded "
            f"(version {posted}, now {current})."
        )


class InterviewRemoved(Exception):
    """The interview was taken out of the loop while its page was open."""


class ScorecardLocked(Exception):
    """A submitted scorecard changes only through an amendment."""


def kit_for_interview(interview: Interview) -> KitVersion | None:
    """The kit the interview's exercise belongs to, else the role's current kit."""
    if interview.exercise_id is not None:
        return interview.exercise.kit
    return interview.candidate.role.current_kit()


def focus_dimension_ids(scorecard: Scorecard) -> set[int]:
    """The dimensions this interview must rate: its exercise's focus (all of them without one)."""
    exercise = scorecard.interview.exercise
    if exercise is not None and exercise.kit_id == scorecard.kit_id:
        focus = {d.pk for d in exercise.focus.all()}
        if focus:
            return focus
    return set(scorecard.kit.dimensions.values_list("pk", flat=True))


def _check_author(scorecard: Scorecard, by) -> None:
    if scorecard.interview.interviewer_id != by.pk:
        raise PermissionDenied("Only the interviewer fills this scorecard.")


def _note_error(text: str) -> str | None:
    if len(text) > NOTE_MAX:
        return f"Keep this under {NOTE_MAX} characters (it has {len(text)})."
    return None


def validate_shape(*, kit: KitVersion, data: ScorecardData) -> None:
    """What even a draft must respect: ratings 1–4 on the kit's dimensions, the kit's signals,
    a known recommendation, notes of a sane length."""
    errors: dict[str, str] = {}
    # all(), not values_list(): a kit read `with_contents()` answers from what it holds.
    dimension_ids = {d.pk for d in kit.dimensions.all()}
    signal_ids = {s.pk for s in kit.signals.all()}
    for dimension_id, rating in data.ratings.items():
        if dimension_id not in dimension_ids:
            errors[rating_field(dimension_id)] = "This dimension is not part of this kit."
            continue
        if rating.value is not None and rating.value not in LEVELS:
            errors[rating_field(dimension_id)] = "Choose a rating from 1 to 4, or not assessed."
        if message := _note_error(rating.evidence):
            errors[evidence_field(dimension_id)] = message
    for signal_id, note in data.observed.items():
        if signal_id not in signal_ids:
            errors[signal_field(signal_id)] = "This signal is not part of this kit."
        elif message := _note_error(note):
            errors[signal_note_field(signal_id)] = message
    if data.recommendation and data.recommendation not in Recommendation.values:
        errors["recommendation"] = "Choose Strong no, No, Yes or Strong yes."
    if message := _note_error(data.takeaways):
        errors["takeaways"] = message
    if errors:
        raise ValidationError(errors)


def validate_complete(*, scorecard: Scorecard, data: ScorecardData) -> None:
    """The submit rules: every focus dimension rated or marked not assessed, evidence for each
    1 and 4 and for each red flag observed, a recommendation."""
    validate_shape(kit=scorecard.kit, data=data)
    errors: dict[str, str] = {}
    for dimension_id in focus_dimension_ids(scorecard):
        rating = data.ratings.get(dimension_id)
        if rating is None or not rating.chosen:
            errors[rating_field(dimension_id)] = (
                "Rate this focus dimension or mark it not assessed."
            )
    for dimension_id, rating in data.ratings.items():
        if rating.chosen and evidence_missing(rating.value, rating.evidence):
            errors[evidence_field(dimension_id)] = (
                f"A rating of {rating.value} needs evidence: what did you see or hear?"
            )
    red_flags = set(scorecard.kit.signals.filter(kind=Signal.Kind.RED).values_list("pk", flat=True))
    for signal_id, note in data.observed.items():
        if signal_id in red_flags and not note.strip():
            errors[signal_note_field(signal_id)] = "A red flag needs a note: what happened?"
    if not data.recommendation:
        errors["recommendation"] = "Choose an overall recommendation."
    if errors:
        raise ValidationError(errors)


def _write_content(scorecard: Scorecard, data: ScorecardData, *, final: bool = False) -> None:
    """Replace the scorecard's ratings and observed signals. `final` (submit, amend): evidence
    without a rating on an optional dimension is kept as "not assessed", never pending."""
    if final:
        data = ScorecardData(
            ratings={
                d: RatingInput(value=r.value if r.chosen else None, evidence=r.evidence)
                for d, r in data.ratings.items()
            },
            observed=data.observed,
            recommendation=data.recommendation,
            takeaways=data.takeaways,
        )
    scorecard.ratings.all().delete()
    scorecard.observed.all().delete()
    Rating.objects.bulk_create(
        Rating(
            scorecard=scorecard,
            dimension_id=dimension_id,
            value=rating.value if rating.chosen else None,
            evidence=rating.evidence.strip(),
            pending=not rating.chosen,
        )
        for dimension_id, rating in data.ratings.items()
        if rating.chosen or rating.evidence.strip()
    )
    ObservedSignal.objects.bulk_create(
        ObservedSignal(scorecard=scorecard, signal_id=signal_id, note=note.strip())
        for signal_id, note in data.observed.items()
    )


def _claim_revision(scorecard: Scorecard, *, revision: int, expect_status: str, **changes) -> int:
    """Compare-and-swap on the revision: write `changes` and bump the revision only if nobody
    saved since `revision` and the status is still `expect_status`."""
    updated = Scorecard.objects.filter(
        pk=scorecard.pk, revision=revision, status=expect_status
    ).update(revision=F("revision") + 1, updated_at=timezone.now(), **changes)
    current = Scorecard.objects.values_list("revision", "status").get(pk=scorecard.pk)
    if not updated:
        if current[1] != expect_status:
            raise ScorecardLocked("This scorecard is submitted: amend it to change it.")
        raise StaleScorecard(posted=revision, current=current[0])
    return current[0]


def scorecard_data_of(scorecard: Scorecard) -> ScorecardData:
    """The stored content as a `ScorecardData` (what the form starts from)."""
    return ScorecardData(
        ratings={
            r.dimension_id: RatingInput(value=r.value, evidence=r.evidence, chosen=not r.pending)
            for r in scorecard.ratings.all()
        },
        observed={o.signal_id: o.note for o in scorecard.observed.all()},
        recommendation=scorecard.recommendation,
        takeaways=scorecard.takeaways,
    )


def scorecard_data_merge(*, stored: ScorecardData, posted: ScorecardData) -> ScorecardData:
    """`posted` laid over `stored`, field by field: what the page filled wins, what it left
    empty keeps the stored value. For the leave-page save, which may start from an older
    revision than the newest (an autosave still in flight), so that neither side is lost."""
    return ScorecardData(
        ratings={**stored.ratings, **posted.ratings},
        observed={
            **stored.observed,
            **{k: v or stored.observed.get(k, "") for k, v in posted.observed.items()},
        },
        recommendation=posted.recommendation or stored.recommendation,
        takeaways=posted.takeaways if posted.takeaways.strip() else stored.takeaways,
    )


def scorecard_start(*, interview: Interview, by, kit: KitVersion | None = None) -> Scorecard:
    """The interview's scorecard, created as an empty draft the first time: on `kit` (the
    version the interviewer's page was built from) when given, else the interview's kit. On
    another version than the exercise's, the interview follows to the same-named exercise of
    `kit`, so its focus stays the one the interviewer saw. Only the interviewer may start it;
    two tabs starting it at once get the same scorecard."""
    if interview.interviewer_id != by.pk:
        raise PermissionDenied("Only the interviewer fills this scorecard.")
    existing = Scorecard.objects.filter(interview=interview).first()
    if existing is not None:
        return existing
    planned = kit_for_interview(interview)
    if kit is None:
        kit = planned
    if kit is None:
        raise ValidationError("This role has no interview kit yet, so there is nothing to rate.")
    if kit.role_id != interview.candidate.role_id:
        raise ValidationError("This kit version is not one of this role's kits.")
    try:
        with transaction.atomic():
            # The same row lock as `interview_remove`: removal and a first save never both win.
            if not Interview.objects.select_for_update().filter(pk=interview.pk).exists():
                raise InterviewRemoved("This interview was removed from the loop.")
            if interview.exercise_id is not None and interview.exercise.kit_id != kit.pk:
                same = kit.exercises.filter(name=interview.exercise.name).first()
                if same is not None:
                    Interview.objects.filter(pk=interview.pk).update(exercise=same)
                    interview.exercise = same
            return Scorecard.objects.create(interview=interview, kit=kit)
    except IntegrityError:
        # Another request started it first (one scorecard per interview): use that one.
        return Scorecard.objects.get(interview=interview)


@transaction.atomic
def scorecard_autosave(
    *, scorecard: Scorecard, data: ScorecardData, revision: int, by
) -> Scorecard:
    """Save a draft as it stands (no completeness rules). Raises `StaleScorecard` if `revision`
    is not the stored one, `ScorecardLocked` once submitted, `ValidationError` for bad shape."""
    _check_author(scorecard, by)
    validate_shape(kit=scorecard.kit, data=data)
    scorecard.revision = _claim_revision(
        scorecard,
        revision=revision,
        expect_status=Scorecard.Status.DRAFT,
        recommendation=data.recommendation,
        takeaways=data.takeaways.strip(),
    )
    _write_content(scorecard, data)
    scorecard.recommendation = data.recommendation
    scorecard.takeaways = data.takeaways.strip()
    return scorecard


@transaction.atomic
def scorecard_submit(
    *,
    scorecard: Scorecard,
    data: ScorecardData,
    by,
    revision: int | None = None,
    request=None,
) -> Scorecard:
    """Check every rule, save and mark the scorecard submitted (read-only from now on), and audit
    `scorecard.submit`. With `revision`, refuse a stale version like autosave does."""
    _check_author(scorecard, by)
    if scorecard.is_submitted:
        raise ScorecardLocked("This scorecard is already submitted: amend it to change it.")
    validate_complete(scorecard=scorecard, data=data)
    now = timezone.now()
    # The candidate's row before the scorecard's, the order `candidate_erase` takes them in:
    # the candidate's stored status is refreshed under that lock below.
    candidate_id = scorecard.interview.candidate_id
    Candidate.objects.select_for_update().filter(pk=candidate_id).values_list("pk").get()
    scorecard.revision = _claim_revision(
        scorecard,
        revision=scorecard.revision if revision is None else revision,
        expect_status=Scorecard.Status.DRAFT,
        recommendation=data.recommendation,
        takeaways=data.takeaways.strip(),
        status=Scorecard.Status.SUBMITTED,
        submitted_at=now,
    )
    _write_content(scorecard, data, final=True)
    candidate_status_refresh(candidate_ids=[candidate_id])
    scorecard.refresh_from_db()
    audit.record(
        request if request is not None else by,
        "scorecard.submit",
        scorecard,
        detail={
            "candidate_id": scorecard.interview.candidate_id,
            "recommendation": scorecard.recommendation,
            "revision": scorecard.revision,
        },
    )
    role_fit_schedule(role_id=scorecard.interview.candidate.role_id)
    webhook_emit_submitted(scorecard=scorecard)
    candidate = scorecard.interview.candidate
    transaction.on_commit(lambda: packet_complete_notify(candidate), robust=True)
    return scorecard


def scorecard_snapshot(scorecard: Scorecard) -> dict:
    """The scorecard's content as plain data, names included, for the revision history."""
    return {
        "recommendation": scorecard.recommendation,
        "recommendation_label": scorecard.get_recommendation_display(),
        "takeaways": scorecard.takeaways,
        "submitted_at": scorecard.submitted_at.isoformat() if scorecard.submitted_at else None,
        "revision": scorecard.revision,
        "ratings": [
            {
                "dimension_id": r.dimension_id,
                "dimension": r.dimension.name,
                "value": r.value,
                "evidence": r.evidence,
            }
            for r in scorecard.ratings.select_related("dimension")
        ],
        "signals": [
            {
                "signal_id": o.signal_id,
                "kind": o.signal.kind,
                "text": o.signal.text,
                "note": o.note,
            }
            for o in scorecard.observed.select_related("signal")
        ],
    }


@transaction.atomic
def scorecard_amend(
    *,
    scorecard: Scorecard,
    data: ScorecardData,
    reason: str,
    by,
    revision: int | None = None,
    request=None,
) -> ScorecardRevision:
    """Correct a submitted scorecard: the same rules as submit plus a reason. The version before
    the change is kept as a `ScorecardRevision`, noting whether the author had already read the
    other scorecards (an amendment after that may be anchored on them). Audited as
    `scorecard.amend`."""
    _check_author(scorecard, by)
    if not scorecard.is_submitted:
        raise ValidationError("Only a submitted scorecard is amended; a draft is simply edited.")
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = "Say why you amend it: the reason is kept with the original."
    elif message := _note_error(reason):
        errors["reason"] = message
    try:
        validate_complete(scorecard=scorecard, data=data)
    except ValidationError as exc:
        errors.update({key: messages[0] for key, messages in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    original = scorecard_snapshot(scorecard)
    scorecard.revision = _claim_revision(
        scorecard,
        revision=scorecard.revision if revision is None else revision,
        expect_status=Scorecard.Status.SUBMITTED,
        recommendation=data.recommendation,
        takeaways=data.takeaways.strip(),
    )
    number = scorecard.revisions.count() + 1
    kept = ScorecardRevision.objects.create(
        scorecard=scorecard,
        number=number,
        snapshot=original,
        reason=reason,
        created_by=by,
        author_had_read_others=scorecard.others_first_read_at is not None,
    )
    _write_content(scorecard, data, final=True)
    scorecard.refresh_from_db()
    audit.record(
        request if request is not None else by,
        "scorecard.amend",
        scorecard,
        detail={
            "candidate_id": scorecard.interview.candidate_id,
            "revision_number": number,
            "reason": reason[:500],
            "author_had_read_others": kept.author_had_read_others,
        },
    )
    role_fit_schedule(role_id=scorecard.interview.candidate.role_id)
    webhook_emit(event=Event.SCORECARD_AMENDED, obj=scorecard)
    return kept


def scorecard_note_others_read(*, candidate: Candidate, by) -> int:
    """Record, once, that `by` read another panelist's scorecard (or the packet) of `candidate`:
    stamps `others_first_read_at` on their own scorecards of that candidate that lack it."""
    return (
        Scorecard.objects.for_candidate(candidate)
        .by(by)
        .filter(others_first_read_at__isnull=True)
        .update(others_first_read_at=timezone.now())
    )


@dataclass
class ScorecardMove:
    scorecard: Scorecard
    carried: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    signals_dropped: list[str] = field(default_factory=list)


@transaction.atomic
def scorecard_move_to_version(
    *, scorecard: Scorecard, kit: KitVersion, by: AbstractBaseUser | None
) -> ScorecardMove:
    """Move a draft scorecard onto another version of its role's kit.

    Ratings carry over by dimension name, observed signals by kind and text, and the interview
    follows its exercise by name. What has no counterpart in the new version is removed from the
    ratings, but its evidence is kept word for word in the take-aways, so nothing typed is lost.
    """
    scorecard = (
        Scorecard.objects.select_for_update()
        .select_related("kit", "interview")
        .get(pk=scorecard.pk)
    )
    if scorecard.status != Scorecard.Status.DRAFT:
        raise ValidationError("A submitted scorecard stays on the kit version it was filled on.")
    if kit.role_id != scorecard.kit.role_id:
        raise ValidationError("A scorecard can only move to a version of its own role's kit.")
    result = ScorecardMove(scorecard)
    if kit.pk == scorecard.kit_id:
        return result
    old_number = scorecard.kit.number
    dims = {d.name: d for d in kit.dimensions.all()}
    kept_notes = []
    for rating in scorecard.ratings.select_related("dimension"):
        target = dims.get(rating.dimension.name)
        if target is not None:
            rating.dimension = target
            rating.save(update_fields=["dimension"])
            result.carried.append(target.name)
            continue
        result.dropped.append(rating.dimension.name)
        if rating.value is not None or rating.evidence.strip():
            level = f"rated {rating.value}" if rating.value else "not assessed"
            kept_notes.append(f"- {rating.dimension.name} ({level}): {rating.evidence}".rstrip())
        rating.delete()
    signals = {(s.kind, s.text): s for s in kit.signals.all()}
    for observed in scorecard.observed.select_related("signal"):
        target = signals.get((observed.signal.kind, observed.signal.text))
        if target is not None:
            observed.signal = target
            observed.save(update_fields=["signal"])
            continue
        result.signals_dropped.append(observed.signal.text)
        kept_notes.append(f"- Signal observed: {observed.signal.text}: {observed.note}".rstrip())
        observed.delete()
    if kept_notes:
        heading = f"Notes kept from kit v{old_number} (not in v{kit.number}):"
        scorecard.takeaways = "\n\n".join(
            part
            for part in (scorecard.takeaways.rstrip(), heading + "\n" + "\n".join(kept_notes))
            if part
        )
    interview = scorecard.interview
    if interview.exercise_id is not None:
        same = kit.exercises.filter(name=interview.exercise.name).first()
        if same is not None:
            interview.exercise = same
            interview.save(update_fields=["exercise"])
    scorecard.kit = kit
    scorecard.revision += 1
    scorecard.save(update_fields=["kit", "revision", "takeaways", "updated_at"])
    audit.record(
        by,
        "scorecard.move_version",
        scorecard,
        detail={
            "from_version": old_number,
            "to_version": kit.number,
            "carried": result.carried,
            "dropped": result.dropped,
            "signals_dropped": result.signals_dropped,
        },
    )
    return result
