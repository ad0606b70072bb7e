"""Activates the viewer's time zone for the whole request (forms read, templates write in it)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from interviewkit.timezones import BROWSER_ZONE_COOKIE, zone_for_user


class UserTimeZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        zone = zone_for_user(request.user, request.COOKIES.get(BROWSER_ZONE_COOKIE))
        request.time_zone = zone
        with timezone.override(zone):
            return self.get_response(request)
