"""The audit log pages: admins read every event, hiring managers the events of their roles."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from interviewkit import personas
from interviewkit.models import AuditEvent, Role

PAGE_SIZE = 50


def audit_roles_for(user) -> QuerySet[Role] | None:
    """The roles whose log the user may read: None for every event (admins), else the roles
    they manage. Someone who manages no role and is not a hiring manager may not (403)."""
    if personas.is_admin(user):
        return None
    roles = Role.objects.filter(hiring_managers=user).order_by("title")
    if not personas.is_hiring_manager(user) and not roles.exists():
        raise PermissionDenied("Only hiring managers and admins can read the audit log.")
    return roles


def visible_events(user) -> tuple[QuerySet[AuditEvent], list[Role]]:
    roles = audit_roles_for(user)
    if roles is None:
        return AuditEvent.objects.all(), list(Role.objects.order_by("title"))
    roles = list(roles)
    return AuditEvent.objects.filter(role__in=roles), roles


@require_safe
@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    events, roles = visible_events(request.user)
    role_slug = request.GET.get("role", "")
    chosen_role = None
    if role_slug:
        chosen_role = next((r for r in roles if r.slug == role_slug), None)
        if chosen_role is None:
            raise Http404("No such role in your audit log")
        events = events.filter(role=chosen_role)
    actions = sorted(set(events.order_by().values_list("action", flat=True).distinct()))
    action = request.GET.get("action", "")
    if action:
        events = events.filter(action=action)
    page = Paginator(events.select_related("role"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "interviewkit/audit/event_list.html",
        {
            "page": page,
            "roles": roles,
            "chosen_role": chosen_role,
            "actions": actions,
            "action": action,
            "filter_query": query.urlencode(),
            "sees_everything": personas.is_admin(request.user),
        },
    )
