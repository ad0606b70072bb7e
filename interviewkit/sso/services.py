"""Writes of single sign-on: the person's account and personas follow the provider's claims."""

from __future__ import annotations

import hashlib
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from interviewkit import personas

# The persona keys of OIDC_GROUP_MAP (interviewkit.sso.config.PERSONA_KEYS) → persona groups.
PERSONA_GROUPS = {
    "interviewer": personas.INTERVIEWERS,
    "hiring_manager": personas.HIRING_MANAGERS,
    "recruiter": personas.RECRUITERS,
    "admin": personas.ADMINS,
}
_USERNAME = re.compile(r"^[\w.@+-]{1,150}$")


@transaction.atomic
def user_sync_from_claims(*, user, claims: dict, persona_keys: set[str]) -> tuple[object, dict]:
    """Create the account (user None) or update it from the claims, and give it exactly the
    persona groups of `persona_keys` (keys of PERSONA_GROUPS); groups that are not personas stay.
    Returns the user and what changed, for the audit log."""
    user_model = get_user_model()
    created = user is None
    if created:
        user = user_model(username=_free_username(claims), is_active=True)
        user.set_unusable_password()
    user.email = claims["email"].strip()
    given, family = _names(claims)
    user.first_name, user.last_name = given[:150], family[:150]
    user.save()

    wanted = {PERSONA_GROUPS[key] for key in persona_keys}
    current = set(user.groups.filter(name__in=personas.ALL).values_list("name", flat=True))
    if wanted - current:
        # The persona groups exist after migrate (interviewkit.personas.ensure_groups).
        user.groups.add(*Group.objects.filter(name__in=wanted - current))
    if current - wanted:
        user.groups.remove(*Group.objects.filter(name__in=current - wanted))
    user.__dict__.pop("_persona_groups", None)
    return user, {
        "created": created,
        "personas": sorted(wanted),
        "added": sorted(wanted - current),
        "removed": sorted(current - wanted),
    }


def _names(claims: dict) -> tuple[str, str]:
    given = str(claims.get("given_name") or "").strip()
    family = str(claims.get("family_name") or "").strip()
    if not given and not family:
        given, _, family = str(claims.get("name") or "").strip().partition(" ")
    return given, family


def _free_username(claims: dict) -> str:
    """The provider's preferred username, else the email, else the email with a suffix made
    from the subject: whichever is valid here and not taken by another account."""
    user_model = get_user_model()
    email = claims["email"].strip()
    suffix = hashlib.sha256(str(claims.get("sub", email)).encode()).hexdigest()[:8]
    candidates = [str(claims.get("preferred_username") or "").strip(), email, f"{email}-{suffix}"]
    for candidate in candidates:
        if (
            _USERNAME.match(candidate)
            and not user_model.objects.filter(username__iexact=candidate).exists()
        ):
            return candidate
    return f"sso-{suffix}"
