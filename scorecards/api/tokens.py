"""Creating, finding and revoking personal API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from interviewkit.audit import events as audit
from scorecards.api.models import ApiToken

TOKEN_PREFIX = "ikt_"


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *,
    user,
    name: str,
    scope: str,
    expires_at: datetime,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token for `user` and its secret value, which is never stored and never shown
    again. Raises ValidationError keyed by field."""
    now = now or timezone.now()
    name = name.strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "Name the token after what will use it (e.g. “ATS sync”)."
    elif user.api_tokens.active(now=now).filter(name=name).exists():
        errors["name"] = f"You already have an active token named “{name}”."
    if scope not in ApiToken.Scope.values:
        errors["scope"] = "Choose read only, or read and write."
    if expires_at <= now:
        errors["expires_at"] = "Choose an expiry in the future."
    elif expires_at > now + timedelta(days=settings.API_TOKEN_MAX_DAYS):
        errors["expires_at"] = (
            f"A token lives at most {settings.API_TOKEN_MAX_DAYS} days: choose an earlier expiry."
        )
    if errors:
        raise ValidationError(errors)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        scope=scope,
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        key_hash=token_hash(raw),
        expires_at=expires_at,
    )
    audit.record_for(
        user, request, "api_token.create", token, detail={"name": name, "scope": scope}
    )
    return token, raw


def api_token_find(raw: str, *, now: datetime | None = None) -> ApiToken | None:
    """The active token with this secret value, or None (unknown, revoked or expired)."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    return (
        ApiToken.objects.active(now=now)
        .select_related("user")
        .filter(key_hash=token_hash(raw))
        .first()
    )


def api_token_note_use(*, token: ApiToken, request: HttpRequest) -> None:
    """Every use is audited (which token, which method and path) and sets its last-used time."""
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    audit.record_for(
        token.user,
        request,
        "api.request",
        token,
        detail={"token": token.name, "method": request.method, "path": request.path},
    )


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by, request: HttpRequest | None = None) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record_for(by, request, "api_token.revoke", token, detail={"name": token.name})
    return token
