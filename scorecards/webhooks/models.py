"""Webhook endpoints, their deliveries and each attempt's response."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Event(models.TextChoices):
    SCORECARD_SUBMITTED = "scorecard.submitted", "Scorecard submitted"
    SCORECARD_AMENDED = "scorecard.amended", "Scorecard amended"
    PACKET_COMPLETE = "packet.complete", "Packet complete (every scorecard of the loop is in)"
    DECISION_RECORDED = "decision.recorded", "Decision recorded"
    CANDIDATE_ERASED = "candidate.erased", "Candidate erased"


class WebhookEndpoint(models.Model):
    url = models.URLField("URL", max_length=500)
    description = models.CharField(max_length=200, blank=True)
    events = models.JSONField(default=list)
    # Signs every delivery (HMAC-SHA256); the receiver holds the same value.
    secret = models.CharField(max_length=64)
    # Payloads hold only what this person may read through the API, like their token would.
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="webhook_endpoints"
    )
    # Private, loopback and link-local addresses are refused unless an admin allows them here.
    allow_private_network = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        app_label = "scorecards"
        ordering = ["url", "id"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SUCCEEDED = "succeeded", "Delivered"
        FAILED = "failed", "Failed"

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40, choices=Event.choices)
    event_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Whom the payload is about, so that erasing the candidate redacts the stored bodies.
    candidate = models.ForeignKey(
        "scorecards.Candidate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="webhook_deliveries",
    )
    # The exact body sent (and signed), so a resend sends the same bytes.
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "scorecards"
        ordering = ["-created_at", "-id"]
        indexes = [
            # The deliveries page: failures first, newest first.
            models.Index(fields=["status", "-created_at"], name="webhook_delivery_status"),
        ]

    def __str__(self) -> str:
        return f"{self.event} to {self.endpoint} ({self.get_status_display()})"


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    at = models.DateTimeField(auto_now_add=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    # The start of the receiver's answer, for the deliveries page.
    response_body = models.TextField(blank=True)
    error = models.CharField(max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "scorecards"
        ordering = ["delivery", "at", "id"]

    def __str__(self) -> str:
        return f"Attempt at {self.at:%Y-%m-%d %H:%M} → {self.status_code or self.error}"

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
