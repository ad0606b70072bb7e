"""Every permission denial a view raises goes into the audit log, with the path asked for.

The event is filed under the role of the object the URL names (a candidate, interview,
scorecard, export or role), so the role's hiring managers see who was refused on their
candidates; denials on pages without such an object have no role and only admins see them.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse

from interviewkit.audit import events as audit
from interviewkit.models import Role

# (route prefix, model, URL argument) for the URLs that name one object. The apps built on the
# kit app add theirs from their AppConfig.ready() (`register_named_route`).
_OBJECTS_BY_ROUTE: list[tuple[str, type[models.Model], str]] = [
    ("roles/<slug:slug>", Role, "slug"),
]


def register_named_route(prefix: str, model: type[models.Model], argument: str = "pk") -> None:
    """URLs whose route starts with `prefix` name the `model` row whose `argument` is theirs."""
    if (prefix, model, argument) not in _OBJECTS_BY_ROUTE:
        _OBJECTS_BY_ROUTE.append((prefix, model, argument))


def named_object(request: HttpRequest) -> models.Model | None:
    match = getattr(request, "resolver_match", None)
    if match is None or not match.route:
        return None
    for prefix, model, argument in _OBJECTS_BY_ROUTE:
        if match.route.startswith(prefix) and argument in match.kwargs:
            lookup = {argument: match.kwargs[argument]}
            return model._default_manager.filter(**lookup).first()
    return None


class AuditPermissionDeniedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, PermissionDenied):
            obj = named_object(request)
            audit.record(
                request,
                "permission.denied",
                obj,
                detail={
                    "path": request.get_full_path()[:500],
                    "method": request.method,
                    "reason": str(exception)[:300],
                },
            )
        # Django goes on to render the 403 page.
        return None
