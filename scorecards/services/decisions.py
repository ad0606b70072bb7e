"""Hiring decisions: hire, no hire or hold, with a rationale.

A decision is never edited: revising it records a new one, so the newest is the candidate's
status and the older ones are its history. Who may decide (the role's hiring managers) is
checked by the caller through `scorecards.access`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from interviewkit.audit import events as audit
from scorecards.models import Candidate, Decision
from scorecards.webhooks.events import webhook_emit
from scorecards.webhooks.models import Event

RATIONALE_MAX = 5000


@transaction.atomic
def decision_record(
    *, candidate: Candidate, outcome: str, rationale: str, by, request=None
) -> Decision:
    """Record `outcome` for `candidate`, keeping every earlier decision as history, and audit
    it as `decision.record` (with the request's address when one is given)."""
    errors: dict[str, str] = {}
    if outcome not in Decision.Outcome.values:
        errors["outcome"] = "Choose hire, no hire or hold."
    rationale = (rationale or "").strip()
    if not rationale:
        errors["rationale"] = "Write why: the rationale is kept with the decision."
    elif len(rationale) > RATIONALE_MAX:
        errors["rationale"] = f"Keep the rationale under {RATIONALE_MAX} characters."
    if errors:
        raise ValidationError(errors)
    previous = (
        Decision.objects.select_for_update().filter(candidate=candidate).latest_first().first()
    )
    decision = Decision.objects.create(
        candidate=candidate, outcome=outcome, rationale=rationale, decided_by=by
    )
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
    return decision
