"""Sending one delivery: refuse unsafe targets, sign, POST, log the answer, retry with
back-off.

Signature: `X-Interviewkit-Signature: sha256=<hex>`, the HMAC-SHA256 with the endpoint's secret
of `<event id>.<timestamp>.<body>`, with the event id and Unix timestamp also sent as
`X-Interviewkit-Event-Id` and `X-Interviewkit-Timestamp`. A receiver recomputes it, compares
in constant time, and rejects timestamps older than a few minutes and event ids it has seen
(replays)."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from scorecards.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

RESPONSE_KEPT = 2000
USER_AGENT = "interviewkit-webhooks/1"


class TargetRefused(Exception):
    """A URL the app will not send to (scheme, or a private address not allowed)."""


def signature(secret: str, event_id: str, timestamp: str, body: bytes) -> str:
    message = f"{event_id}.{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def is_private(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def check_url(url: str, *, allow_private: bool) -> None:
    """Refuse what may not be a target, before anything is resolved (the form uses it too)."""
    parts = urlsplit(url)
    allowed = ("https", "http") if settings.WEBHOOK_ALLOW_HTTP else ("https",)
    if parts.scheme not in allowed:
        raise TargetRefused(f"Only {' or '.join(allowed)} URLs can receive webhooks.")
    if not parts.hostname:
        raise TargetRefused("The URL has no host.")
    try:
        literal = ipaddress.ip_address(parts.hostname)
    except ValueError:
        return
    if is_private(str(literal)) and not allow_private:
        raise TargetRefused(
            f"{parts.hostname} is a private, loopback or link-local address: an admin must "
            "allow private networks for this endpoint."
        )


def resolve(url: str, *, allow_private: bool) -> tuple[str, str, int, str]:
    """(scheme, host, port, address to connect to). Every address the name resolves to is
    checked, and the connection goes to the checked one (no second lookup to rebind)."""
    check_url(url, allow_private=allow_private)
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise TargetRefused(f"{parts.hostname} does not resolve ({exc}).") from None
    addresses = [info[4][0] for info in infos]
    private = [a for a in addresses if is_private(a)]
    if private and not allow_private:
        raise TargetRefused(
            f"{parts.hostname} resolves to {private[0]}, a private, loopback or link-local "
            "address: an admin must allow private networks for this endpoint."
        )
    return parts.scheme, parts.hostname, port, addresses[0]


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a given address, with the certificate checked against the host name."""

    def __init__(self, host: str, port: int, address: str, **kwargs) -> None:
        super().__init__(host, port, context=ssl.create_default_context(), **kwargs)
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


@dataclass
class Answer:
    status_code: int | None
    body: str
    error: str
    duration_ms: int
    # The target itself was refused (scheme, private address): retrying cannot help.
    refused: bool = False


def post(endpoint: WebhookEndpoint, delivery: WebhookDelivery) -> Answer:
    started = time.monotonic()
    body = delivery.body.encode()
    timestamp = str(int(time.time()))
    event_id = str(delivery.event_id)
    try:
        scheme, host, port, address = resolve(
            endpoint.url, allow_private=endpoint.allow_private_network
        )
        timeout = settings.WEBHOOK_TIMEOUT_SECONDS
        if scheme == "https":
            connection = _PinnedHTTPSConnection(host, port, address, timeout=timeout)
        else:
            connection = http.client.HTTPConnection(address, port, timeout=timeout)
        parts = urlsplit(endpoint.url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {
            "Host": parts.netloc,
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Interviewkit-Event": delivery.event,
            "X-Interviewkit-Event-Id": event_id,
            "X-Interviewkit-Timestamp": timestamp,
            "X-Interviewkit-Signature": signature(endpoint.secret, event_id, timestamp, body),
        }
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read(RESPONSE_KEPT).decode("utf-8", "replace")
            status = response.status
        finally:
            connection.close()
    except TargetRefused as exc:
        return Answer(None, "", str(exc), _ms(started), refused=True)
    except (OSError, http.client.HTTPException) as exc:
        return Answer(None, "", f"{type(exc).__name__}: {exc}"[:500], _ms(started))
    return Answer(status, text, "", _ms(started))


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failure: base, ×4 each time (30 s, 2 min, 8 min, …)."""
    return timedelta(seconds=settings.WEBHOOK_RETRY_BASE_SECONDS * 4 ** (attempts - 1))


def webhook_delivery_attempt(*, delivery_id: int) -> WebhookDelivery:
    """Send a pending delivery once; on failure queue the next attempt after the back-off, or
    give up after WEBHOOK_MAX_ATTEMPTS. A refused target fails at once: retrying cannot help."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .select_related("endpoint")
            .get(pk=delivery_id)
        )
        if delivery.status != WebhookDelivery.Status.PENDING:
            return delivery
        delivery.attempts += 1
        delivery.next_attempt_at = None
        delivery.save(update_fields=["attempts", "next_attempt_at"])
    answer = post(delivery.endpoint, delivery)
    WebhookAttempt.objects.create(
        delivery=delivery,
        status_code=answer.status_code,
        response_body=answer.body,
        error=answer.error,
        duration_ms=answer.duration_ms,
    )
    if answer.status_code is not None and 200 <= answer.status_code < 300:
        delivery.status = WebhookDelivery.Status.SUCCEEDED
        delivery.delivered_at = timezone.now()
    elif answer.refused or delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.FAILED
    else:
        delivery.next_attempt_at = timezone.now() + backoff(delivery.attempts)
        from scorecards.tasks import webhook_deliver_task

        webhook_deliver_task.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
    delivery.save(update_fields=["status", "delivered_at", "next_attempt_at"])
    return delivery
