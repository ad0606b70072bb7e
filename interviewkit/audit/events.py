"""The audit trail: one call, `record`, for everything worth knowing who did.

Events are only ever appended. Views, services, exports and commands call `record` with the
request (or the acting user, for commands) and the object acted on; the role is taken from the
object where it has one, so a role's hiring managers see their role's events.
"""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest

from interviewkit.client_address import client_address
from interviewkit.models import AuditEvent, Role


def record(
    actor,
    action: str,
    obj: models.Model | None = None,
    *,
    role: Role | None = None,
    detail: dict | None = None,
) -> AuditEvent:
    """Append one event. `actor` is a request, a user, or None for the system."""
    request = actor if isinstance(actor, HttpRequest) else None
    user = getattr(request, "user", None) if request is not None else actor
    return record_for(user, request, action, obj, role=role, detail=detail)


def record_for(
    user,
    request: HttpRequest | None,
    action: str,
    obj: models.Model | None = None,
    *,
    role: Role | None = None,
    detail: dict | None = None,
) -> AuditEvent:
    """Append one event naming the user and the request's address separately (at login the
    request's user may not be set yet)."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    return AuditEvent.objects.create(
        actor=user,
        actor_name=user.get_username() if user is not None else "",
        action=action,
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        role=role or role_of(obj),
        detail=detail or {},
        ip=client_ip(request),
    )


def role_of(obj) -> Role | None:
    """The role an object belongs to, following the usual paths from candidate or kit."""
    if obj is None:
        return None
    if isinstance(obj, Role):
        return obj
    for path in ("role", "candidate", "interview", "scorecard", "kit"):
        parent = getattr(obj, path, None)
        if parent is not None and parent is not obj:
            return role_of(parent)
    return None


def client_ip(request: HttpRequest | None) -> str | None:
    # The same address login throttling uses (trusting X-Forwarded-For only behind configured
    # proxies).
    return client_address(request)
