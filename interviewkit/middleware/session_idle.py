"""The idle timeout of a logged-in session.

A session expires `SESSION_COOKIE_AGE` seconds after it was last saved. Writing the session on
every request (`SESSION_SAVE_EVERY_REQUEST`) would cost a database write per page, so this
middleware moves the expiry on at most every `SESSION_IDLE_REFRESH_SECONDS`: a person idle for
longer than `SESSION_COOKIE_AGE` is logged out, an active one never is.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse

REFRESHED_KEY = "_idle_refreshed_at"


def mark_active(session) -> None:
    """Stamp the session as just used; the session middleware saves it with a new expiry."""
    session[REFRESHED_KEY] = int(time.time())


class IdleSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only sessions already loaded for a logged-in person: never an extra query otherwise.
        if session is None or not session.accessed or SESSION_KEY not in session:
            return response
        refreshed_at = session.get(REFRESHED_KEY, 0)
        if time.time() - refreshed_at >= settings.SESSION_IDLE_REFRESH_SECONDS:
            mark_active(session)
        return response
