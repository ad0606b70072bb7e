"""Writes to a role's hiring team: its recruiters and its interviewer panel.

Hiring managers change them on the hiring team page; each change is one audit event. A person
is added only where their persona fits (an interviewer to the panel, a recruiter to the
recruiters): personas themselves are given by an admin.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from interviewkit import personas
from interviewkit.access import forget_role_rights
from interviewkit.audit import events
from interviewkit.models import Role

# Where a person can sit on a role's team: (the role's relation, the persona it needs, a label).
PLACES = {
    "interviewer": ("interviewers", personas.INTERVIEWERS, "interviewer"),
    "recruiter": ("recruiters", personas.RECRUITERS, "recruiter"),
}


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def team_member_add(*, role: Role, person, place: str, by) -> bool:
    """Put `person` on the role's team as `place`; False when they already were."""
    relation, persona, label = PLACES[place]
    if not person.is_active or persona not in personas.group_names(person):
        raise ValidationError(
            f"{display_name(person)} is not an active {label}: an admin gives people their "
            "persona first."
        )
    with transaction.atomic():
        members = getattr(role, relation)
        if members.filter(pk=person.pk).exists():
            return False
        members.add(person)
        events.record(by, "team.added", role, detail={"person": person.get_username(), "as": place})
    forget_role_rights(person)
    return True


def team_member_remove(*, role: Role, person, place: str, by) -> bool:
    """Take `person` off the role's team as `place`; False when they were not on it. Their
    interviews already planned stay theirs (the loop page moves them)."""
    relation, _persona, _label = PLACES[place]
    with transaction.atomic():
        members = getattr(role, relation)
        if not members.filter(pk=person.pk).exists():
            return False
        members.remove(person)
        events.record(
            by, "team.removed", role, detail={"person": person.get_username(), "as": place}
        )
    forget_role_rights(person)
    return True
