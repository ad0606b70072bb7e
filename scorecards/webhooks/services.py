"""The admins' writes: registering an endpoint, turning it off and on, resending a delivery."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from interviewkit.audit import events as audit
from scorecards.webhooks.models import Event, WebhookDelivery, WebhookEndpoint
from scorecards.webhooks.sending import TargetRefused, check_url


@transaction.atomic
def webhook_endpoint_add(
    *,
    url: str,
    events: list[str],
    reader,
    by,
    description: str = "",
    allow_private_network: bool = False,
    request: HttpRequest | None = None,
) -> WebhookEndpoint:
    """Register an endpoint with a new random secret. Raises ValidationError keyed by field."""
    errors: dict[str, str] = {}
    try:
        check_url(url, allow_private=allow_private_network)
    except TargetRefused as exc:
        errors["url"] = str(exc)
    unknown = [e for e in events if e not in Event.values]
    if not events:
        errors["events"] = "Choose at least one event."
    elif unknown:
        errors["events"] = f"Unknown events: {', '.join(unknown)}."
    if not reader.is_active:
        errors["reader"] = "Choose an active person: payloads hold only what they may read."
    if errors:
        raise ValidationError(errors)
    endpoint = WebhookEndpoint.objects.create(
        url=url,
        events=list(events),
        reader=reader,
        description=description.strip(),
        allow_private_network=allow_private_network,
        secret=secrets.token_hex(32),
        created_by=by,
    )
    audit.record_for(
        by,
        request,
        "webhook.add",
        endpoint,
        detail={"url": url, "events": events, "reader": reader.get_username()},
    )
    return endpoint


@transaction.atomic
def webhook_endpoint_set_active(
    *, endpoint: WebhookEndpoint, active: bool, by, request: HttpRequest | None = None
) -> WebhookEndpoint:
    if endpoint.active != active:
        endpoint.active = active
        endpoint.save(update_fields=["active"])
        action = "webhook.enable" if active else "webhook.disable"
        audit.record_for(by, request, action, endpoint, detail={"url": endpoint.url})
    return endpoint


@transaction.atomic
def webhook_delivery_resend(
    *, delivery: WebhookDelivery, by, request: HttpRequest | None = None
) -> WebhookDelivery:
    """Queue the same body (same event id, so receivers can tell a resend) for another round of
    attempts."""
    from scorecards.tasks import webhook_deliver_task

    delivery.status = WebhookDelivery.Status.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = None
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    pk = delivery.pk
    transaction.on_commit(lambda: webhook_deliver_task.enqueue(pk))
    audit.record_for(
        by, request, "webhook.resend", delivery, detail={"event_id": str(delivery.event_id)}
    )
    return delivery
