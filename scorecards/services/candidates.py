"""The recruiter's services: adding candidates and planning their interview loop, reminding
interviewers of overdue scorecards, and checking that the loop covers the kit's dimensions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from interviewkit.audit import events as audit
from interviewkit.models import Dimension, Exercise, KitVersion, Role
from interviewkit.timezones import format_zoned, zone_for_user
from scorecards.models import Candidate, Interview, Scorecard
from scorecards.one_line import control_characters, one_line
from scorecards.services.candidate_status import candidate_status_refresh
from scorecards.services.notifications import invitation_after_commit


class LoopChangeRefused(Exception):
    """A change to the loop that would lose or misattribute an interviewer's scorecard."""


class ReminderImpossible(Exception):
    """A reminder that cannot be sent (the interviewer has no email address)."""


@dataclass(frozen=True)
class PlannedInterview:
    """One interview of a loop being planned: an exercise, its interviewer and time."""

    exercise: Exercise
    interviewer: object
    scheduled_at: datetime | None = None


def name_error(name: str) -> str | None:
    """Why a (stripped) candidate name is refused, or None: one home for the page, the API and
    the CSV import."""
    if not name:
        return "Enter the candidate's name."
    if found := control_characters(name):
        return (
            "The name must be one line of text: remove the line break or control character "
            f"({', '.join(dict.fromkeys(found))})."
        )
    return None


def normalize_email(email: str) -> str:
    return email.strip().lower()


def loop_proposal(kit: KitVersion | None) -> list[Exercise]:
    """The exercises of the kit in order (their default ordering, so a prefetch serves it): the
    loop proposed for a new candidate."""
    if kit is None:
        return []
    # Loop steps without a scorecard (a screening call, a résumé review) are not interviews.
    return [exercise for exercise in kit.exercises.all() if exercise.scored]


@transaction.atomic
def candidate_add(
    *,
    role: Role,
    name: str,
    email: str,
    by,
    loop: Sequence[PlannedInterview] = (),
    request: HttpRequest | None = None,
) -> Candidate:
    """Add a candidate to a role with their loop, one interview per planned exercise in order.
    (Every service here takes the acting user `by`, and the request, if any, for the audit
    trail's address.)

    Raises ValidationError (keyed by field) for a missing name or an email already used in
    the role."""
    name, email = _checked_identity(role=role, name=name, email=email)
    candidate = Candidate.objects.create(role=role, name=name, email=email, created_by=by)
    for position, planned in enumerate(loop):
        check_exercise(candidate, planned.exercise)
        Interview.objects.create(
            candidate=candidate,
            exercise=planned.exercise,
            title=planned.exercise.name,
            interviewer=planned.interviewer,
            scheduled_at=planned.scheduled_at,
            position=position,
        )
    candidate_status_refresh(candidate_ids=[candidate.pk])
    for interview in candidate.interviews.select_related("exercise", "interviewer__profile"):
        invitation_after_commit(interview, method="REQUEST")
    audit.record_for(by, request, "candidate.add", candidate, detail={"interviews": len(loop)})
    return candidate


def check_exercise(candidate: Candidate, exercise: Exercise) -> None:
    if exercise.kit.role_id != candidate.role_id:
        raise ValidationError({"exercise": "That exercise is not part of this role's kit."})
    if exercise.kit.is_draft:
        raise ValidationError(
            {
                "exercise": f"The kit (v{exercise.kit.number}) is a draft: a hiring manager "
                "confirms it in the kit editor before interviews are planned on it."
            }
        )
    if not exercise.scored:
        raise ValidationError(
            {"exercise": f"“{exercise.name}” is a loop step without a scorecard, not an interview."}
        )


@transaction.atomic
def interview_add(
    *,
    candidate: Candidate,
    exercise: Exercise,
    interviewer,
    scheduled_at: datetime | None,
    by,
    request: HttpRequest | None = None,
) -> Interview:
    """Add an interview at the end of the candidate's loop."""
    check_exercise(candidate, exercise)
    last = candidate.interviews.order_by("-position").values_list("position", flat=True).first()
    interview = Interview.objects.create(
        candidate=candidate,
        exercise=exercise,
        title=exercise.name,
        interviewer=interviewer,
        scheduled_at=scheduled_at,
        position=0 if last is None else last + 1,
    )
    candidate_status_refresh(candidate_ids=[candidate.pk])
    invitation_after_commit(interview, method="REQUEST")
    audit.record_for(
        by,
        request,
        "loop.change",
        candidate,
        detail={"change": "add", "interview": interview.pk, "title": interview.title},
    )
    return interview


def renumber(candidate: Candidate) -> list[Interview]:
    """The candidate's interviews in loop order, with positions 0, 1, 2… saved."""
    interviews = list(candidate.interviews.select_for_update().order_by("position", "id"))
    for position, interview in enumerate(interviews):
        if interview.position != position:
            interview.position = position
            interview.save(update_fields=["position"])
    return interviews


@transaction.atomic
def interview_remove(*, interview: Interview, by, request: HttpRequest | None = None) -> None:
    """Take an interview out of the loop; refused once its interviewer has started a scorecard.
    The interview's row is locked first (as `scorecard_start` does), so a first autosave and
    the removal cannot both win: either the draft exists and the removal is refused, or the
    interview is gone and the autosave is told so."""
    if not Interview.objects.select_for_update().filter(pk=interview.pk).exists():
        return  # removed meanwhile (another tab): nothing left to do
    scorecard = Scorecard.objects.filter(interview=interview).first()
    if scorecard is not None:
        state = "submitted" if scorecard.is_submitted else "started (a draft)"
        raise LoopChangeRefused(
            f"“{interview.title}” cannot be removed: {interview.interviewer} has already "
            f"{state} its scorecard."
        )
    candidate = interview.candidate
    detail = {"change": "remove", "interview": interview.pk, "title": interview.title}
    interview.invitation_sequence += 1
    invitation_after_commit(interview, method="CANCEL")
    interview.delete()
    renumber(candidate)
    candidate_status_refresh(candidate_ids=[candidate.pk])
    audit.record_for(by, request, "loop.change", candidate, detail=detail)


@transaction.atomic
def interview_move(
    *, interview: Interview, direction: str, by, request: HttpRequest | None = None
) -> None:
    """Swap the interview with its neighbour above ("up") or below ("down") in the loop."""
    if direction not in ("up", "down"):
        raise ValueError(f"Unknown direction {direction!r}")
    interviews = renumber(interview.candidate)
    index = next(i for i, other in enumerate(interviews) if other.pk == interview.pk)
    neighbour = index - 1 if direction == "up" else index + 1
    if not 0 <= neighbour < len(interviews):
        return
    first, second = interviews[index], interviews[neighbour]
    first.position, second.position = second.position, first.position
    first.save(update_fields=["position"])
    second.save(update_fields=["position"])
    interview.position = first.position
    audit.record_for(
        by,
        request,
        "loop.change",
        interview.candidate,
        detail={"change": f"move-{direction}", "interview": interview.pk, "title": interview.title},
    )


@transaction.atomic
def interview_update(
    *,
    interview: Interview,
    interviewer,
    scheduled_at: datetime | None,
    by,
    request: HttpRequest | None = None,
) -> Interview:
    """Change an interview's interviewer or time. The interviewer of a started scorecard stays:
    the scorecard is theirs."""
    changed = {}
    previous_interviewer = interview.interviewer
    if interviewer.pk != interview.interviewer_id:
        if Scorecard.objects.filter(interview=interview).exists():
            raise LoopChangeRefused(
                f"The interviewer of “{interview.title}” cannot change: "
                f"{interview.interviewer} has already started its scorecard."
            )
        changed["interviewer"] = interviewer.get_username()
        interview.interviewer = interviewer
    if scheduled_at != interview.scheduled_at:
        changed["scheduled_at"] = scheduled_at.isoformat() if scheduled_at else None
        interview.scheduled_at = scheduled_at
    if not changed:
        return interview
    # The calendars follow: a new SEQUENCE, a cancellation for whoever no longer interviews.
    interview.invitation_sequence += 1
    interview.save(update_fields=["interviewer", "scheduled_at", "invitation_sequence"])
    if "scheduled_at" in changed:
        candidate_status_refresh(candidate_ids=[interview.candidate_id])
    if "interviewer" in changed:
        invitation_after_commit(interview, method="CANCEL", interviewer=previous_interviewer)
    invitation_after_commit(interview, method="REQUEST")
    audit.record_for(
        by,
        request,
        "loop.change",
        interview.candidate,
        detail={"change": "update", "interview": interview.pk, **changed},
    )
    return interview


def reminder_send(
    *, interview: Interview, by, base_url: str = "", request: HttpRequest | None = None
) -> Interview:
    """Email the interviewer a reminder to submit their scorecard; note when it was sent.

    `base_url` ("https://host") makes the link absolute; the view passes the request's.
    Raises ReminderImpossible without an address, and the mail backend's error (SMTPException,
    OSError) when it fails; `reminded_at` is only set once the mail is sent."""
    candidate = interview.candidate
    role = candidate.role
    link = base_url.rstrip("/") + reverse("scorecards:interview", args=[interview.pk])
    interviewer = interview.interviewer
    # In the interviewer's own zone, named: the mail is read far from the server.
    when = (
        format_zoned(interview.scheduled_at, "j F Y, H:i", zone_for_user(interviewer))
        if interview.scheduled_at
        else "(no time set)"
    )
    if not interviewer.email:
        raise ReminderImpossible(
            f"{interviewer.get_full_name() or interviewer.get_username()} has no email address: "
            "add one to their account to send reminders."
        )
    greeting = interviewer.get_full_name() or interviewer.get_username()
    subject = one_line(
        f"Reminder: your scorecard for {candidate.name} ({role.title}, {interview.title})"
    )
    body = (
        f"Hello {greeting},\n\n"
        f"Your scorecard for the “{interview.title}” interview with {candidate.name} for "
        f"{role.title} (on {when}) has not been submitted yet. The hiring team is waiting for "
        f"it; please fill it in while the interview is fresh:\n\n{link}\n\n"
        f"Sent by {by.get_full_name() or by.get_username()} via interviewkit."
    )
    send_mail(subject, body, None, [interviewer.email], fail_silently=False)
    interview.reminded_at = timezone.now()
    interview.save(update_fields=["reminded_at"])
    audit.record_for(
        by,
        request,
        "reminder.send",
        candidate,
        detail={"interview": interview.pk, "to": interviewer.get_username()},
    )
    return interview


def loop_coverage(
    *, kit: KitVersion | None, interviews: Iterable[Interview]
) -> tuple[list[Dimension], list[Dimension]]:
    """The kit's weighted dimensions covered by no interview, and by only one, through the
    focus dimensions of each interview's exercise. Dimensions are matched by name, so an
    interview planned on an older kit version still counts."""
    if kit is None:
        return [], []
    counts: dict[str, int] = {}
    for interview in interviews:
        if interview.exercise is None:
            continue
        for name in {d.name.casefold() for d in interview.exercise.focus.all()}:
            counts[name] = counts.get(name, 0) + 1
    weighted = [d for d in kit.dimensions.all() if d.weight > 0]
    uncovered = [d for d in weighted if counts.get(d.name.casefold(), 0) == 0]
    once = [d for d in weighted if counts.get(d.name.casefold(), 0) == 1]
    return uncovered, once


@transaction.atomic
def candidate_update(
    *, candidate: Candidate, name: str, email: str, by, request: HttpRequest | None = None
) -> Candidate:
    """Correct a candidate's name or email, with the rules of `candidate_add`. An erased
    candidate's data stays erased."""
    if candidate.erased_at is not None:
        raise ValidationError("This candidate's personal data was erased: it cannot be changed.")
    name, email = _checked_identity(
        role=candidate.role, name=name, email=email, other_than=candidate
    )
    changed = [
        field
        for field, value in (("name", name), ("email", email))
        if getattr(candidate, field) != value
    ]
    if not changed:
        return candidate
    candidate.name, candidate.email = name, email
    candidate.save(update_fields=changed)
    # The fields, not their values: the audit log holds no personal data it would have to redact.
    audit.record_for(by, request, "candidate.update", candidate, detail={"changed": changed})
    return candidate


def interviews_follow_kit_version(*, old: KitVersion, new: KitVersion) -> None:
    """Interviews planned on the old version's exercises, with no scorecard begun, move to the
    same-named exercise of the new version (a begun scorecard's interviewer chooses:
    `scorecards.services.scorecards.scorecard_move_to_version`)."""
    by_name = {e.name: e for e in new.exercises.all()}
    planned = Interview.objects.filter(exercise__kit=old, scorecard__isnull=True).select_related(
        "exercise"
    )
    for interview in planned:
        target = by_name.get(interview.exercise.name)
        if target is not None:
            interview.exercise = target
            interview.save(update_fields=["exercise"])


def _checked_identity(
    *, role: Role, name: str, email: str, other_than: Candidate | None = None
) -> tuple[str, str]:
    """A candidate's name and email as stored (trimmed; the email lowercased), or a
    ValidationError keyed by field: a missing or unusable name, a missing email, or an email
    another candidate of the role (`other_than` aside) already has."""
    name = name.strip()
    email = normalize_email(email)
    errors = {}
    if problem := name_error(name):
        errors["name"] = problem
    if not email:
        errors["email"] = "Enter the candidate's email address."
    else:
        same_email = Candidate.objects.filter(role=role, email__iexact=email)
        if other_than is not None:
            same_email = same_email.exclude(pk=other_than.pk)
        if same_email.exists():
            errors["email"] = f"A candidate with the email {email} is already in {role.title}."
    if errors:
        raise ValidationError(errors)
    return name, email
