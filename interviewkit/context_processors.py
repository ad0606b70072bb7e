from django.http import HttpRequest

from interviewkit import personas


def navigation(request: HttpRequest) -> dict:
    """Which navigation entries the current user's personas get."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    return {
        "nav": {
            "interviewer": personas.is_interviewer(user),
            "hiring_manager": personas.is_hiring_manager(user),
            "recruiter": personas.is_recruiter(user),
            "admin": personas.is_admin(user),
        }
    }
