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
