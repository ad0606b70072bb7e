"""Turning what happened into deliveries. The services call `webhook_emit` inside their
transaction; the deliveries are queued for the worker once it commits.

A payload holds only what the endpoint's reader may read through the API (the same access
helpers, the API's serializers): an endpoint whose reader may not see the object gets nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from scorecards import access
from scorecards.models import Candidate, Decision, Scorecard
from scorecards.webhooks.models import Event, WebhookDelivery, WebhookEndpoint


def _scorecard_data(reader, scorecard: Scorecard) -> dict:
    from scorecards.api.serializers import ScorecardSerializer

    readable = access.scorecard_for_reader(reader, scorecard.pk)
    return ScorecardSerializer(readable).data


def _decision_data(reader, decision: Decision) -> dict:
    from scorecards.api.serializers import DecisionSerializer

    access.candidate_for_panel(reader, decision.candidate_id)
    return DecisionSerializer(decision).data


def _packet_data(reader, candidate: Candidate) -> dict:
    access.candidate_for_panel(reader, candidate.pk)
    return {
        "candidate": candidate.pk,
        "role": candidate.role.slug,
        "packet": f"/api/v1/candidates/{candidate.pk}/packet/",
    }


def _erased_data(reader, candidate: Candidate) -> dict:
    access.candidate_for_user(reader, candidate.pk)
    return {
        "candidate": candidate.pk,
        "role": candidate.role.slug,
        "erased_at": candidate.erased_at,
    }


def candidate_of(obj) -> Candidate:
    if isinstance(obj, Candidate):
        return obj
    if isinstance(obj, Scorecard):
        return obj.interview.candidate
    return obj.candidate


PAYLOADS: dict[str, Callable] = {
    Event.SCORECARD_SUBMITTED: _scorecard_data,
    Event.SCORECARD_AMENDED: _scorecard_data,
    Event.DECISION_RECORDED: _decision_data,
    Event.PACKET_COMPLETE: _packet_data,
    Event.CANDIDATE_ERASED: _erased_data,
}


def subscribed(event: str) -> list[WebhookEndpoint]:
    # JSON containment is not on SQLite: the endpoints are few, so filter them here.
    endpoints = WebhookEndpoint.objects.filter(active=True).select_related("reader")
    return [endpoint for endpoint in endpoints if event in endpoint.events]


def webhook_emit(*, event: str, obj) -> list[WebhookDelivery]:
    """One pending delivery per active endpoint subscribed to `event` whose reader may read
    `obj`, each queued for the worker when the current transaction commits."""
    deliveries = []
    for endpoint in subscribed(event):
        try:
            data = PAYLOADS[event](endpoint.reader, obj)
        except (Http404, PermissionDenied):
            continue
        delivery = WebhookDelivery(endpoint=endpoint, event=event, candidate=candidate_of(obj))
        delivery.body = json.dumps(
            {
                "id": str(delivery.event_id),
                "event": event,
                "created_at": timezone.now(),
                "data": data,
            },
            cls=DjangoJSONEncoder,
            separators=(",", ":"),
        )
        delivery.save()
        deliveries.append(delivery)
    if deliveries:
        from scorecards.tasks import webhook_deliver_task

        ids = [d.pk for d in deliveries]
        transaction.on_commit(lambda: [webhook_deliver_task.enqueue(pk) for pk in ids])
    return deliveries


def webhook_emit_submitted(*, scorecard: Scorecard) -> None:
    """`scorecard.submitted`, and `packet.complete` when it was the loop's last one."""
    webhook_emit(event=Event.SCORECARD_SUBMITTED, obj=scorecard)
    candidate = scorecard.interview.candidate
    unsubmitted = candidate.interviews.exclude(scorecard__status=Scorecard.Status.SUBMITTED)
    if not unsubmitted.exists():
        webhook_emit(event=Event.PACKET_COMPLETE, obj=candidate)


def webhook_redact_deliveries(*, candidate: Candidate) -> int:
    """Replace the stored bodies of deliveries about an erased candidate (a resend then sends
    only that the data was erased). Returns how many were redacted."""
    redacted = 0
    for delivery in WebhookDelivery.objects.filter(candidate=candidate):
        delivery.body = json.dumps(
            {
                "id": str(delivery.event_id),
                "event": delivery.event,
                "created_at": delivery.created_at,
                "data": {"candidate": candidate.pk, "erased": True},
            },
            cls=DjangoJSONEncoder,
            separators=(",", ":"),
        )
        delivery.save(update_fields=["body"])
        redacted += 1
    return redacted
