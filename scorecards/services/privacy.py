"""Candidate data protection: erasure (on request or after the retention period) and the
export of everything held about one candidate (for access requests).

Erasure removes what identifies the person and keeps what calibration needs:

- removed: name and email (replaced by "Erased candidate #id" and an address that cannot
  receive mail), every free text written about them (scorecard take-aways, rating evidence,
  notes on observed signals, decision rationales, amendment reasons and the free text inside
  amendment snapshots), failed-export entries naming them, export archives holding their PDFs,
  and, in the audit log and Django's admin log, the descriptions of events about them, their
  interviews, scorecards and decisions (found by object id, so earlier names and emails go
  too), and the free text in the details of those events; the profile (links, recruiters'
  notes) and the CV file;
- kept, as anonymous statistics: the ratings (value per dimension and kit version), the
  recommendations, which signals were observed, the decision outcomes, dates, and who
  interviewed (the interviewers are staff, not the data subject).

The audit log keeps its events (who erased, when), with the candidate's name taken out.
"""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from interviewkit.audit import events as audit
from interviewkit.models import AuditEvent
from scorecards.models import (
    Candidate,
    Decision,
    ExportJob,
    Interview,
    ObservedSignal,
    Rating,
    Scorecard,
    ScorecardRevision,
)
from scorecards.services.candidate_profile import PROFILE_FIELDS, cv_erase
from scorecards.services.packet_pdfs import packet_pdfs_forget
from scorecards.webhooks.events import webhook_emit, webhook_redact_deliveries
from scorecards.webhooks.models import Event

# Keys of an amendment snapshot that hold free text someone wrote about the candidate.
FREE_TEXT_KEYS = frozenset(
    {"takeaways", "evidence", "note", "notes", "rationale", "reason", "name", "email", "comment"}
)
ERASED_EMAIL_DOMAIN = "erased.invalid"


def erased_name(candidate: Candidate) -> str:
    return f"Erased candidate #{candidate.pk}"


def erased_email(candidate: Candidate) -> str:
    # `.invalid` can never receive mail (RFC 2606); the id keeps it unique within the role.
    return f"candidate-{candidate.pk}@{ERASED_EMAIL_DOMAIN}"


def scrub_free_text(value: Any) -> Any:
    """A copy of a JSON value with the strings under free-text keys emptied."""
    if isinstance(value, dict):
        return {
            key: ("" if key in FREE_TEXT_KEYS and isinstance(item, str) else scrub_free_text(item))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [scrub_free_text(item) for item in value]
    return value


@transaction.atomic
def candidate_erase(
    *, candidate: Candidate, by, request: HttpRequest | None = None, reason: str = "request"
) -> dict[str, int]:
    """Erase the candidate's personal data; returns how many rows of each kind were cleared.

    `by` is the person erasing (None for the retention command); `request`, when given, adds
    the address to the audit event. Erasing an erased candidate changes nothing. The given
    candidate object is updated too.
    """
    given = candidate
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.erased_at is not None:
        return {}
    old_name, old_email = candidate.name, candidate.email
    scorecards = Scorecard.objects.for_candidate(candidate)
    counts = {
        "scorecards": scorecards.exclude(takeaways="").update(takeaways=""),
        "ratings": Rating.objects.filter(scorecard__in=scorecards)
        .exclude(evidence="")
        .update(evidence=""),
        "signal_notes": ObservedSignal.objects.filter(scorecard__in=scorecards)
        .exclude(note="")
        .update(note=""),
        "decisions": Decision.objects.filter(candidate=candidate)
        .exclude(rationale="")
        .update(rationale=""),
        "revisions": 0,
        "export_archives": 0,
        "audit_events": 0,
    }
    for revision in ScorecardRevision.objects.filter(scorecard__in=scorecards):
        revision.snapshot = scrub_free_text(revision.snapshot)
        revision.reason = ""
        revision.save(update_fields=["snapshot", "reason"])
        counts["revisions"] += 1

    for job in ExportJob.objects.filter(role_id=candidate.role_id):
        if candidate.pk not in job.candidate_ids:
            continue
        job.failures = [f for f in job.failures if f.get("candidate_id") != candidate.pk]
        fields = ["failures"]
        if job.archive:
            # The ZIP holds the candidate's PDFs: it goes; the job's record stays.
            job.archive.delete(save=False)
            fields.append("archive")
            counts["export_archives"] += 1
        job.save(update_fields=fields)

    counts["kept_pdfs"] = packet_pdfs_forget(candidate)
    counts["profile"] = int(cv_erase(candidate))
    candidate.name = erased_name(candidate)
    candidate.email = erased_email(candidate)
    candidate.erased_at = timezone.now()
    candidate.save(update_fields=["name", "email", "erased_at", *PROFILE_FIELDS])
    given.name, given.email, given.erased_at = candidate.name, candidate.email, candidate.erased_at
    counts["audit_events"] = redact_audit_log(candidate, old_name, old_email)
    counts["webhook_deliveries"] = webhook_redact_deliveries(candidate=candidate)
    counts["admin_log"] = redact_admin_log(candidate, old_name, old_email)

    audit.record_for(
        by,
        request,
        "candidate.erase",
        candidate,
        detail={"reason": reason, **{k: v for k, v in counts.items() if v}},
    )
    webhook_emit(event=Event.CANDIDATE_ERASED, obj=candidate)
    return counts


def redact_audit_log(candidate: Candidate, old_name: str, old_email: str) -> int:
    """Take the candidate out of the audit log: the descriptions and the free text (amendment
    reasons, rationales, notes) of events about them, their interviews, scorecards and
    decisions, found by object id, so a name or email the candidate had earlier goes too; and
    their current name and email wherever else an event description repeats them.

    The one change the app makes to past events: the log keeps who did what and when, but no
    longer names the person whose data was erased nor repeats what was written about them.
    """
    described = objects_about(candidate)
    about = Q(detail__candidate_id=candidate.pk) | Q(object_repr__contains=old_email)
    for object_type, reprs in described.items():
        about |= Q(object_type=object_type, object_id__in=list(reprs))
    if old_name:
        about |= Q(object_repr__contains=old_name)
    changed = 0
    for event in AuditEvent.objects.filter(about, role_id=candidate.role_id):
        text = described.get(event.object_type, {}).get(event.object_id)
        if text is None:
            text = erase_mentions(event.object_repr, candidate, old_name, old_email)
        detail = scrub_free_text(event.detail)
        if text != event.object_repr or detail != event.detail:
            event.object_repr = text
            event.detail = detail
            event.save(update_fields=["object_repr", "detail"])
            changed += 1
    return changed


def redact_admin_log(candidate: Candidate, old_name: str, old_email: str) -> int:
    """The same for Django's admin log (django_admin_log), which keeps "name <email>" of every
    object changed there, and what was changed."""
    described = objects_about(candidate)
    models = {m._meta.model_name: m for m in (Candidate, Interview, Scorecard, Decision)}
    about = Q(object_repr__contains=old_email)
    for object_type, reprs in described.items():
        content_type = ContentType.objects.get_for_model(models[object_type])
        about |= Q(content_type=content_type, object_id__in=list(reprs))
    if old_name:
        about |= Q(object_repr__contains=old_name)
    changed = 0
    for entry in LogEntry.objects.filter(about).select_related("content_type"):
        text = described.get(entry.content_type.model, {}).get(entry.object_id)
        if text is None:
            text = erase_mentions(entry.object_repr, candidate, old_name, old_email)
        entry.object_repr = text[:200]
        # The change message lists the fields changed; it may quote values.
        entry.change_message = ""
        entry.save(update_fields=["object_repr", "change_message"])
        changed += 1
    return changed


def objects_about(candidate: Candidate) -> dict[str, dict[str, str]]:
    """For the (erased) candidate and their interviews, scorecards and decisions: object type
    -> object id -> how the object describes itself now."""
    interviews = list(candidate.interviews.all())
    scorecards = list(
        Scorecard.objects.filter(interview__candidate=candidate).select_related(
            "interview__candidate"
        )
    )
    decisions = list(candidate.decisions.all())
    return {
        "candidate": {str(candidate.pk): str(candidate)[:300]},
        "interview": {str(obj.pk): str(obj)[:300] for obj in interviews},
        "scorecard": {str(obj.pk): str(obj)[:300] for obj in scorecards},
        "decision": {str(obj.pk): str(obj)[:300] for obj in decisions},
    }


def erase_mentions(text: str, candidate: Candidate, old_name: str, old_email: str) -> str:
    text = text.replace(old_email, erased_email(candidate))
    if old_name:
        text = text.replace(old_name, erased_name(candidate))
    return text


def candidates_due_for_erasure(*, days: int):
    """Candidates added more than `days` days ago and not yet erased."""
    cutoff = timezone.now() - timedelta(days=days)
    return Candidate.objects.filter(erased_at__isnull=True, created_at__lt=cutoff)


def _when(value) -> str | None:
    return value.isoformat() if value is not None else None


def _person(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


def candidate_data_export(
    *, candidate: Candidate, by, request: HttpRequest | None = None
) -> dict[str, Any]:
    """Everything held about the candidate, as JSON-ready data; the export is audited."""
    interviews = (
        Interview.objects.for_candidate(candidate)
        .select_related("interviewer", "exercise", "scorecard__kit")
        .prefetch_related(
            "scorecard__ratings__dimension",
            "scorecard__observed__signal",
            "scorecard__revisions",
        )
    )
    data = {
        "format": "interviewkit candidate data export, version 1",
        "exported_at": timezone.now().isoformat(),
        "exported_by": _person(by),
        "candidate": {
            "id": candidate.pk,
            "name": candidate.name,
            "email": candidate.email,
            "role": {"title": candidate.role.title, "slug": candidate.role.slug},
            "added_at": _when(candidate.created_at),
            "added_by": _person(candidate.created_by),
            "erased_at": _when(candidate.erased_at),
            "linkedin_url": candidate.linkedin_url,
            "portfolio_url": candidate.portfolio_url,
            "recruiter_notes": candidate.recruiter_notes,
            "cv": _cv_data(candidate),
        },
        "interviews": [_interview_data(interview) for interview in interviews],
        "decisions": [
            {
                "outcome": decision.outcome,
                "rationale": decision.rationale,
                "decided_by": _person(decision.decided_by),
                "decided_at": _when(decision.decided_at),
            }
            for decision in candidate.decisions.select_related("decided_by")
        ],
        "audit_events": [
            {
                "at": _when(event.at),
                "actor": event.actor_name or None,
                "action": event.action,
                "object": f"{event.object_type} #{event.object_id}",
            }
            for event in AuditEvent.objects.filter(
                object_type="candidate", object_id=str(candidate.pk)
            ).order_by("at", "id")
        ],
    }
    audit.record_for(by, request, "candidate.data_export", candidate)
    return data


def _cv_data(candidate: Candidate) -> dict[str, Any] | None:
    """The CV as it was uploaded (its file, base64), so the export holds everything."""
    if not candidate.cv:
        return None
    with candidate.cv.open("rb") as handle:
        content = base64.b64encode(handle.read()).decode("ascii")
    return {
        "file_name": candidate.cv_name,
        "uploaded_at": _when(candidate.cv_uploaded_at),
        "content_base64": content,
    }


def _interview_data(interview: Interview) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": interview.pk,
        "title": interview.title,
        "exercise": interview.exercise.name if interview.exercise else None,
        "interviewer": _person(interview.interviewer),
        "scheduled_at": _when(interview.scheduled_at),
        "scorecard": None,
    }
    scorecard = getattr(interview, "scorecard", None)
    if scorecard is None:
        return data
    data["scorecard"] = {
        "status": scorecard.status,
        "kit_version": scorecard.kit.number,
        "recommendation": scorecard.recommendation or None,
        "takeaways": scorecard.takeaways,
        "submitted_at": _when(scorecard.submitted_at),
        "ratings": [
            {
                "dimension": rating.dimension.name,
                "weight": rating.dimension.weight,
                "value": rating.value,
                "evidence": rating.evidence,
            }
            for rating in scorecard.ratings.all()
        ],
        "signals_observed": [
            {"kind": seen.signal.kind, "signal": seen.signal.text, "note": seen.note}
            for seen in scorecard.observed.all()
        ],
        "amendments": [
            {
                "number": revision.number,
                "at": _when(revision.created_at),
                "reason": revision.reason,
                "before": revision.snapshot,
            }
            for revision in scorecard.revisions.all()
        ],
    }
    return data
