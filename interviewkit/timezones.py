"""Which time zone a person sees times in, and how a time is written with its zone.

Times are stored in UTC (USE_TZ); each request activates the viewer's zone (see
interviewkit.middleware.timezone), so Django's forms read typed times in that zone and the
`zoned` filter writes them in it, always with the zone's name so nobody has to guess."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import lru_cache

from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import DateFormat, re_escaped, re_formatchars

# The cookie static/js/app.js sets to the browser's IANA zone name.
BROWSER_ZONE_COOKIE = "tz"


@lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def zone_or_none(name: str | None) -> zoneinfo.ZoneInfo | None:
    """The zone called `name`, or None for an empty or unknown name (a cookie can say anything)."""
    if not name or name not in zone_names():
        return None
    return zoneinfo.ZoneInfo(name)


def zone_for_user(user, browser_zone: str | None = None) -> zoneinfo.ZoneInfo:
    """The zone `user` chose, else the browser's, else the site's default (settings.TIME_ZONE)."""
    profile = getattr(user, "profile", None) if getattr(user, "pk", None) else None
    chosen = zone_or_none(profile.time_zone if profile else None)
    return chosen or zone_or_none(browser_zone) or zoneinfo.ZoneInfo(settings.TIME_ZONE)


def format_zoned(
    value: dt.datetime | None, fmt: str = "j M Y, H:i", zone: dt.tzinfo | None = None
) -> str:
    """`value` in `zone` (default: the active one) as `fmt` followed by the zone's abbreviation,
    e.g. "3 Mar 2026, 10:00 EST". Empty for None."""
    if value is None:
        return ""
    local = timezone.localtime(value, zone) if timezone.is_aware(value) else value
    written = DateFormat(local)
    text = "".join(str(getattr(written, part)()) if code else part for code, part in _parts(fmt))
    return f"{text} {local.tzname() or ''}".strip()


@lru_cache(maxsize=64)
def _parts(fmt: str) -> tuple[tuple[bool, str], ...]:
    """`fmt` cut as Django's date format reads it: (True, a format character) or (False, text
    written as is). Django's `dateformat.format` cuts the format again on every call, two thirds
    of its time; a page writes the same few formats hundreds of times."""
    return tuple(
        (True, part) if k % 2 else (False, re_escaped.sub(r"\1", part))
        for k, part in enumerate(re_formatchars.split(fmt))
        if part
    )
