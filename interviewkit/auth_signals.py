"""Logins, logouts and failed logins go into the audit log (connected in InterviewkitConfig)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from interviewkit.audit import events as audit
from interviewkit.middleware.session_idle import mark_active


def on_login(sender, request, user, **kwargs) -> None:
    audit.record_for(user, request, "auth.login")
    if request is not None and hasattr(request, "session"):
        mark_active(request.session)


def on_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit.record_for(user, request, "auth.logout")


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    if getattr(request, "sso_refusal_recorded", False):
        return  # interviewkit.sso.backend recorded the refusal with its reason
    # `credentials` has the password already masked by Django; keep only the username typed.
    username = str(credentials.get("username", ""))[:150]
    detail = {"username": username}
    if request is not None and getattr(request, "axes_locked_out", False):
        detail["locked_out"] = True
    audit.record(request, "auth.login_failed", detail=detail)


def connect() -> None:
    user_logged_in.connect(on_login, dispatch_uid="interviewkit.audit.login")
    user_logged_out.connect(on_logout, dispatch_uid="interviewkit.audit.logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="interviewkit.audit.login_failed")
