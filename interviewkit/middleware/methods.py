"""The app speaks GET, HEAD and POST only (forms and htmx posts): any other method gets 405
before a view runs, so a view that forgot `@require_POST`/`@require_safe` still cannot be
driven by PUT, PATCH or DELETE."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed

ALLOWED_METHODS = ("GET", "HEAD", "POST")
# The REST API (scorecards/api/) also updates and deletes; DRF answers 405 for a method a view
# does not list.
API_PREFIX = "/api/"
API_METHODS = (*ALLOWED_METHODS, "PATCH", "DELETE")


class AllowedMethodsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        allowed = API_METHODS if request.path.startswith(API_PREFIX) else ALLOWED_METHODS
        if request.method not in allowed:
            return HttpResponseNotAllowed(allowed)
        return self.get_response(request)
