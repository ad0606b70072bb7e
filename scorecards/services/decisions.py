"""Hiring decisions: hire, no hire or hold, with a rationale.

A decision is never edited: revising it records a new one, so the newest is the candidate's
status and the older ones are its history. Decisions are ordered by the database's clock
(`Decision.decided_at`), taken while the candidate's row is locked, so that the history's
order is the order in which they were recorded, whatever the app servers' clocks say. A
manager deciding on a page that showed an older state is told who decided meanwhile
(`DecidedMeanwhile`). Who may decide (the role's hiring managers) is checked by the caller
through `scorecards.access`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from interviewkit.audit import events as audit
from scorecards.models import Candidate, Decision, Scorecard
from scorecards.services.candidate_status import candidate_status_refresh
from scorecards.services.packet_pdfs import packet_pdfs_schedule
from scorecards.webhooks.events import webhook_emit
from scorecards.webhooks.models import Event

RATIONALE_MAX = 5000
WITHOUT_SCORECARDS = (
    "No scorecard has been submitted for this candidate: the decision would rest on nothing "
    "the panel wrote. Tick the box to record it anyway."
)


@dataclass(frozen=True)
class SeenDecision:
    """The candidate's current decision as the deciding manager's page showed it (None: the
    page showed no decision yet)."""

    decision_id: int | None


class DecidedMeanwhile(Exception):
    """Someone else recorded `decision` after the manager's page was rendered: nothing was
    recorded, so that they decide knowing it."""

    def __init__(self, decision: Decision) -> None:
        self.decision = decision
        super().__init__(f"Someone else decided meanwhile: {decision.get_outcome_display()}.")


def submitted_scorecards(candidate: Candidate) -> int:
    """How many scorecards of the candidate's loop are submitted (what a decision rests on)."""
    return Scorecard.objects.filter(
        interview__candidate=candidate, status=Scorecard.Status.SUBMITTED
    ).count()


def current_decision(candidate: Candidate) -> Decision | None:
    """The candidate's newest decision (by the database's clock, then by id)."""
    return (
        Decision.objects.filter(candidate=candidate)
        .select_related("decided_by")
        .latest_first()
        .first()
    )


@transaction.atomic
def decision_record(
    *,
    candidate: Candidate,
    outcome: str,
    rationale: str,
    by,
    request=None,
    seen: SeenDecision | None = None,
    without_scorecards: bool = False,
) -> Decision:
    """Record `outcome` for `candidate`, keeping every earlier decision as history, and audit
    it as `decision.record` (with the request's address when one is given). With `seen`, the
    decision the manager's page showed as current: raises `DecidedMeanwhile` if another one
    was recorded since. A decision on a candidate without any submitted scorecard needs
    `without_scorecards` (the manager's confirmation), else it is refused on that field."""
    errors: dict[str, str] = {}
    if outcome not in Decision.Outcome.values:
        errors["outcome"] = "Choose hire, no hire or hold."
    rationale = (rationale or "").strip()
    if not rationale:
        errors["rationale"] = "Write why: the rationale is kept with the decision."
    elif len(rationale) > RATIONALE_MAX:
        errors["rationale"] = f"Keep the rationale under {RATIONALE_MAX} characters."
    if not without_scorecards and not submitted_scorecards(candidate):
        errors["without_scorecards"] = WITHOUT_SCORECARDS
    if errors:
        raise ValidationError(errors)
    # One decision at a time per candidate, even when there is none yet to lock: the insert's
    # database time then comes after the previous decision's commit.
    Candidate.objects.select_for_update().filter(pk=candidate.pk).values_list("pk").get()
    previous = current_decision(candidate)
    if seen is not None and previous is not None and seen.decision_id != previous.pk:
        raise DecidedMeanwhile(previous)
    decision = Decision.objects.create(
        candidate=candidate, outcome=outcome, rationale=rationale, decided_by=by
    )
    candidate_status_refresh(candidate_ids=[candidate.pk])
    audit.record(
        request if request is not None else by,
        "decision.record",
        decision,
        detail={
            "outcome": outcome,
            "previous": previous.outcome if previous else None,
            "candidate_id": candidate.pk,
        },
    )
    webhook_emit(event=Event.DECISION_RECORDED, obj=decision)
    packet_pdfs_schedule(role_id=candidate.role_id, candidate_id=candidate.pk)
    return decision
