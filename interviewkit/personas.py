"""The personas are Django groups; a user may belong to several."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

INTERVIEWERS = "Interviewers"
HIRING_MANAGERS = "Hiring managers"
RECRUITERS = "Recruiters"
ADMINS = "Admins"

ALL = [INTERVIEWERS, HIRING_MANAGERS, RECRUITERS, ADMINS]


def group_names(user: AbstractBaseUser | AnonymousUser) -> set[str]:
    """The user's persona groups, read once per request and cached on the user object."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_persona_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._persona_groups = cached
    return cached


def is_admin(user) -> bool:
    return user.is_authenticated and (user.is_superuser or ADMINS in group_names(user))


def is_interviewer(user) -> bool:
    return INTERVIEWERS in group_names(user)


def is_hiring_manager(user) -> bool:
    return is_admin(user) or HIRING_MANAGERS in group_names(user)


def is_recruiter(user) -> bool:
    return is_admin(user) or RECRUITERS in group_names(user)


# What each persona may do to each kind of object, as Django model permissions. Object access
# (which role, which candidate, the blind rule) comes on top, in scorecards/access.py.
_KIT_MODELS = ["role", "kitversion", "dimension", "exercise", "signal"]
_SCORING_MODELS = ["scorecard", "rating", "observedsignal", "scorecardrevision"]
PERMISSIONS: dict[str, list[str]] = {
    INTERVIEWERS: [f"view_{m}" for m in _KIT_MODELS + ["candidate", "interview"]]
    + [f"{a}_{m}" for m in _SCORING_MODELS for a in ("view", "add", "change")],
    HIRING_MANAGERS: [f"{a}_{m}" for m in _KIT_MODELS for a in ("view", "add", "change")]
    + [f"view_{m}" for m in ["candidate", "interview", "auditevent"] + _SCORING_MODELS]
    + ["view_decision", "add_decision", "view_exportjob", "add_exportjob"],
    RECRUITERS: [f"view_{m}" for m in _KIT_MODELS + _SCORING_MODELS + ["decision"]]
    + [f"{a}_{m}" for m in ("candidate", "interview") for a in ("view", "add", "change")]
    + ["delete_interview", "delete_candidate", "view_exportjob", "add_exportjob"],
}
_APPS = ("interviewkit", "scorecards")


def ensure_groups(**kwargs) -> None:
    """Create the persona groups with their permissions; idempotent.

    Connected to post_migrate, so it also runs after a test database is flushed.
    """
    from django.contrib.auth.models import Group, Permission

    permissions = Permission.objects.filter(content_type__app_label__in=_APPS)
    by_codename = {p.codename: p for p in permissions}
    for name, codenames in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*(by_codename[c] for c in codenames if c in by_codename))
    admins, _ = Group.objects.get_or_create(name=ADMINS)
    # Admins may do everything the app models allow, but the audit log stays append-only.
    admins.permissions.add(
        *(p for p in permissions if p.codename not in {"change_auditevent", "delete_auditevent"})
    )
