"""Each person sees and types times in their own zone, and every time shown names its zone."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse

from interviewkit.models import UserProfile
from interviewkit.profiles.services import profile_update
from interviewkit.timezones import format_zoned, zone_for_user
from scorecards.services.candidates import reminder_send
from tests.scorecards.recruiting_fixtures import loop_for

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
UTC = dt.UTC


def test_a_time_is_written_in_the_zone_with_its_name():
    winter = dt.datetime(2026, 1, 5, 15, 0, tzinfo=UTC)
    summer = dt.datetime(2026, 7, 5, 15, 0, tzinfo=UTC)
    assert format_zoned(winter, "j M Y, H:i", NEW_YORK) == "5 Jan 2026, 10:00 EST"
    assert format_zoned(summer, "j M Y, H:i", NEW_YORK) == "5 Jul 2026, 11:00 EDT"
    assert format_zoned(None) == ""


@pytest.mark.parametrize(
    "fmt",
    [
        "j M Y, H:i",
        "D j M Y, H:i",
        "D j M, H:i",
        "j F Y, H:i",
        "H:i:s",
        "Y-m-d H:i:s",
        "j M Y",
        r"\a\t H:i, jS \o\f F",
        "",
    ],
)
def test_each_format_is_written_as_djangos_date_format_writes_it(fmt):
    from django.utils.dateformat import format as django_format

    zones = (UTC, NEW_YORK, zoneinfo.ZoneInfo("Asia/Kolkata"), zoneinfo.ZoneInfo("Europe/Berlin"))
    # Around a daylight-saving change, the ends of months and years, a leap day.
    times = [
        dt.datetime(2026, 3, 8, 6, 59, 30, tzinfo=UTC),
        dt.datetime(2026, 3, 8, 7, 0, 0, tzinfo=UTC),
        dt.datetime(2026, 12, 31, 23, 5, 9, tzinfo=UTC),
        dt.datetime(2028, 2, 29, 12, 0, 1, tzinfo=UTC),
    ]
    for zone in zones:
        for when in times:
            local = when.astimezone(zone)
            expected = f"{django_format(local, fmt)} {local.tzname()}".strip()
            assert format_zoned(when, fmt, zone) == expected


def test_the_chosen_zone_wins_over_the_browser_and_a_bad_cookie_is_ignored(interviewer):
    assert zone_for_user(interviewer, "Asia/Tokyo").key == "Asia/Tokyo"
    assert zone_for_user(interviewer, "Not/AZone").key == "UTC"
    profile_update(user=interviewer, time_zone="Europe/Berlin", email_enabled=True)
    interviewer.refresh_from_db()
    assert zone_for_user(interviewer, "Asia/Tokyo").key == "Europe/Berlin"


def test_the_profile_page_saves_the_zone_and_the_email_choice(client, interviewer):
    client.force_login(interviewer)
    client.cookies["tz"] = "America/New_York"
    page = client.get(reverse("profile"))
    assert "Follow my browser (now America/New_York)" in page.content.decode()
    response = client.post(reverse("profile"), {"time_zone": "Asia/Kolkata"})
    assert response.status_code == 302
    profile = UserProfile.objects.get(user=interviewer)
    assert (profile.time_zone, profile.email_enabled) == ("Asia/Kolkata", False)


def test_an_unknown_zone_is_refused_with_the_field_named(client, interviewer):
    client.force_login(interviewer)
    response = client.post(reverse("profile"), {"time_zone": "Mars/Olympus", "email_enabled": "on"})
    assert response.status_code == 200
    assert "time_zone" in response.context["form"].errors
    assert not UserProfile.objects.filter(user=interviewer, time_zone="Mars/Olympus").exists()


def test_a_booking_is_read_in_the_bookers_zone_and_shown_in_the_interviewers(
    client, candidate, kit, interviewer, recruiter
):
    first, _ = loop_for(candidate, kit, interviewer)
    client.force_login(recruiter)
    client.cookies["tz"] = "America/New_York"
    response = client.post(
        reverse("scorecards:interview-edit", args=[first.pk]),
        {"interviewer": interviewer.pk, "scheduled_at": "2030-01-02T10:00"},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.scheduled_at == dt.datetime(2030, 1, 2, 15, 0, tzinfo=UTC)

    profile_update(user=interviewer, time_zone="Europe/Berlin", email_enabled=True)
    client.force_login(interviewer)
    page = client.get(reverse("scorecards:interview", args=[first.pk])).content.decode()
    assert "Wed 2 Jan 2030, 16:00 CET" in page


def test_the_reminder_names_the_time_in_the_interviewers_zone(
    candidate, kit, interviewer, recruiter
):
    first, _ = loop_for(candidate, kit, interviewer)
    first.scheduled_at = dt.datetime(2030, 7, 2, 15, 0, tzinfo=UTC)
    first.save()
    profile_update(user=interviewer, time_zone="America/New_York", email_enabled=True)
    interviewer.refresh_from_db()
    reminder_send(interview=first, by=recruiter)
    assert "2 July 2030, 11:00 EDT" in mail.outbox[-1].body


@pytest.mark.parametrize("cookie", ["", "Europe/Paris"])
def test_every_page_activates_a_zone(client, interviewer, cookie):
    client.force_login(interviewer)
    if cookie:
        client.cookies["tz"] = cookie
    response = client.get(reverse("profile"))
    assert response.wsgi_request.time_zone.key == (cookie or "UTC")
