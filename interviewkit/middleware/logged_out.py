"""An expired session answers a write with 401, never with a redirect to the login page.

`login_required` redirects an anonymous request to the login page. For a page that is fine; for
an htmx request (autosave) the login page would be swapped into the status line and counted as
saved, and a posted form would land, after logging in, on `GET` of a POST-only URL. So a POST or
htmx request that would be redirected to log in gets a 401 with a plain message instead: log in
in another tab, and the page (which still holds what was typed) carries on from there.
"""

from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

LOGGED_OUT_MESSAGE = (
    "You were logged out, so this was not saved. Log in again in another tab; your text is still "
    "here, and it is saved as soon as you are back."
)


def return_path(request: HttpRequest) -> str:
    """The page the request came from (to come back to after logging in), else the home page."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return resolve_url(settings.LOGIN_REDIRECT_URL)


class LoggedOutWritesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.login_path = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 302:
            return response
        if request.method == "GET" and not request.headers.get("HX-Request"):
            return response
        if self.login_path is None:
            self.login_path = resolve_url(settings.LOGIN_URL)
        location = urlsplit(response.get("Location", ""))
        user = getattr(request, "user", None)
        # Only `login_required`'s redirect (it carries `next`), not the logout page's.
        if location.path != self.login_path or "next=" not in location.query:
            return response
        if user is not None and user.is_authenticated:
            return response
        template = (
            "registration/_logged_out_status.html"
            if request.headers.get("HX-Request")
            else "registration/logged_out_write.html"
        )
        return render(
            request,
            template,
            {
                "message": LOGGED_OUT_MESSAGE,
                "login_url": f"{self.login_path}?{urlencode({'next': return_path(request)})}",
                "posted": [
                    (name, value)
                    for name, value in request.POST.items()
                    if name not in ("csrfmiddlewaretoken", "revision", "kit_version", "leaving")
                    and value
                ],
            },
            status=401,
        )
