from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from interviewkit import personas


def navigation(request: HttpRequest) -> dict:
    """Which navigation entries the current user's personas get, read only by a template that
    shows them (a fragment such as the autosave status asks the database nothing for them)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    return {
        "nav": SimpleLazyObject(
            lambda: {
                "interviewer": personas.is_interviewer(user),
                "hiring_manager": personas.is_hiring_manager(user),
                "recruiter": personas.is_recruiter(user),
                "admin": personas.is_admin(user),
            }
        )
    }
