"""Writes of a person's own settings (their UserProfile)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from interviewkit.models import UserProfile
from interviewkit.timezones import zone_names


def profile_for(user) -> UserProfile:
    """`user`'s profile, made on first use with the defaults (browser's zone, email on)."""
    profile, _ = UserProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def profile_update(*, user, time_zone: str, email_enabled: bool) -> UserProfile:
    """Save `user`'s time zone ("" = follow the browser) and whether they get email."""
    if time_zone and time_zone not in zone_names():
        raise ValidationError({"time_zone": f"{time_zone!r} is not a known time zone."})
    profile = profile_for(user)
    profile.time_zone = time_zone
    profile.email_enabled = email_enabled
    profile.save(update_fields=["time_zone", "email_enabled"])
    return profile
