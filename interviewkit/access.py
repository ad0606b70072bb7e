"""Who may do what with a role and its kit; the candidate side is `scorecards.access`.

A user's rights on a role (hiring manager, recruiter, interviewer of its candidates) are read in
one query the first time a request asks and kept on the user object, so a page that asks "is
this a hiring manager?" in its view, its template and its helpers pays for it once.

Every logged-in person may read a role's kit. Changing, cloning or exporting it is for the role's
hiring managers and admins: anyone else gets 403 (they may look but not act), a role that does
not exist 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404

from interviewkit import personas
from interviewkit.models import Role

EDIT_KIT_REFUSED = "Only the role's hiring managers can change or export its kit."


@dataclass(frozen=True)
class RoleRights:
    """What one user may do on one role."""

    manager: bool
    recruiter: bool
    # Interviews at least one of the role's candidates: such a user may know the role exists,
    # so a refusal is 403 rather than 404.
    interviewer: bool

    @property
    def team(self) -> bool:
        """On the role's hiring team (its hiring managers and recruiters, and admins)."""
        return self.manager or self.recruiter

    @property
    def knows_role(self) -> bool:
        return self.team or self.interviewer


ADMIN_RIGHTS = RoleRights(manager=True, recruiter=True, interviewer=True)
NO_RIGHTS = RoleRights(manager=False, recruiter=False, interviewer=False)


def role_rights(user, role: Role) -> RoleRights:
    """The user's rights on `role`: one query per user and role, then read from the user."""
    if not getattr(user, "is_authenticated", False):
        return NO_RIGHTS
    if personas.is_admin(user):
        return ADMIN_RIGHTS
    cache: dict[int, RoleRights] | None = getattr(user, "_role_rights", None)
    if cache is None:
        cache = user._role_rights = {}
    if role.pk not in cache:
        row = (
            Role.objects.filter(pk=role.pk)
            .annotate(
                manager=Exists(Role.objects.filter(pk=OuterRef("pk"), hiring_managers=user)),
                recruiter=Exists(Role.objects.filter(pk=OuterRef("pk"), recruiters=user)),
                interviewer=Exists(
                    Role.objects.filter(pk=OuterRef("pk"), candidates__interviews__interviewer=user)
                ),
            )
            .values_list("manager", "recruiter", "interviewer")
            .first()
        )
        cache[role.pk] = RoleRights(*row) if row else NO_RIGHTS
    return cache[role.pk]


def forget_role_rights(user) -> None:
    """Drop what `role_rights` remembers on this user object (after the team changed)."""
    if hasattr(user, "_role_rights"):
        del user._role_rights


def is_hiring_team(user, role: Role) -> bool:
    """Hiring managers and recruiters of the role, and admins."""
    return role_rights(user, role).team


def is_role_manager(user, role: Role) -> bool:
    """The role's hiring managers and admins: they edit its kit and decide on its candidates."""
    return role_rights(user, role).manager


def is_role_recruiter(user, role: Role) -> bool:
    """The role's recruiters and admins: they run its interview loops and candidates' data."""
    return role_rights(user, role).recruiter


def role_for_user(user, slug: str) -> tuple[Role, RoleRights]:
    """A role any logged-in person may read, with what this user may do on it; 404 if none."""
    try:
        role = Role.objects.get(slug=slug)
    except Role.DoesNotExist:
        raise Http404("No such role") from None
    return role, role_rights(user, role)


def role_for_kit_editor(user, slug: str) -> Role:
    """The role for changing, cloning or exporting its kit: 404 if there is none, 403 unless
    the user is one of its hiring managers or an admin."""
    role, rights = role_for_user(user, slug)
    if not rights.manager:
        raise PermissionDenied(EDIT_KIT_REFUSED)
    return role


def refuse_unless_starting_roles(user) -> None:
    """Starting a role (from a document or a kit's JSON) is for hiring managers and admins."""
    if not personas.is_hiring_manager(user):
        raise PermissionDenied("Only hiring managers and admins can start a role.")


def roles_in_document_not_managed_by(user, name: str, raw: bytes) -> list[str]:
    """Titles in the document naming an existing role that `user` does not manage."""
    from interviewkit.importers import DocumentError, parse_document
    from interviewkit.importers.words import title_key

    try:
        parsed = parse_document(name, raw)
    except DocumentError:
        return []  # kit_import reports why the document cannot be read.
    keys = {title_key(doc.title) for doc in parsed}
    return [
        role.title
        for role in Role.objects.all()
        if title_key(role.title) in keys and not is_role_manager(user, role)
    ]
