from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from interviewkit.audit import events as audit
from interviewkit.models import AuditEvent
from interviewkit.profiles.forms import ProfileForm
from interviewkit.profiles.services import profile_for, profile_update
from interviewkit.timezones import BROWSER_ZONE_COOKIE, format_zoned, zone_for_user, zone_or_none


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own settings: time zone and email."""
    current = profile_for(request.user)
    browser_zone = request.COOKIES.get(BROWSER_ZONE_COOKIE, "")
    browser_zone = browser_zone if zone_or_none(browser_zone) else ""
    initial = {"time_zone": current.time_zone, "email_enabled": current.email_enabled}
    form = ProfileForm(request.POST or None, initial=initial, browser_zone=browser_zone)
    if request.method == "POST" and form.is_valid():
        try:
            profile_update(
                user=request.user,
                time_zone=form.cleaned_data["time_zone"],
                email_enabled=form.cleaned_data["email_enabled"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your settings are saved.")
            return redirect("profile")
    return render(
        request,
        "interviewkit/profiles/profile.html",
        {"form": form, "active_zone": request.time_zone.key},
    )


def password_guessing_locked_until(user) -> datetime | None:
    """When the change page opens again for `user`, or None if it is open: AXES_FAILURE_LIMIT
    wrong current passwords within AXES_COOLOFF_TIME close it until the oldest of them is that
    old (the login's limits; a wrong current password may be someone else at an unattended
    session, guessing). Attempts while it is closed are not checked and do not extend it."""
    cool_off = settings.AXES_COOLOFF_TIME
    failures = list(
        AuditEvent.objects.filter(
            action="auth.password_change_failed",
            actor=user,
            at__gte=timezone.now() - cool_off,
            detail__wrong_current_password=True,
        )
        .order_by("-at")
        .values_list("at", flat=True)[: settings.AXES_FAILURE_LIMIT]
    )
    if len(failures) < settings.AXES_FAILURE_LIMIT:
        return None
    return failures[-1] + cool_off


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's page (the current password checked, the new one validated, this session kept),
    with each change and each refused attempt in the audit log, and a limit on wrong current
    passwords (see password_guessing_locked_until). A refusal records which fields were wrong,
    never what was typed."""

    def post(self, request, *args, **kwargs):
        until = password_guessing_locked_until(request.user)
        if until is None:
            return super().post(request, *args, **kwargs)
        audit.record(
            request, "auth.password_change_failed", request.user, detail={"locked_out": True}
        )
        zone = zone_for_user(request.user)
        context = self.get_context_data(
            form=self.get_form_class()(user=request.user),
            locked_out=(
                "Too many wrong current passwords: your password was not changed. Try again "
                f"after {format_zoned(until, 'j F Y, H:i', zone)}."
            ),
        )
        return self.render_to_response(context, status=429)

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(self.request, "auth.password_change", self.request.user)
        return response

    def form_invalid(self, form):
        detail = {"fields": sorted(form.errors)}
        if "old_password" in form.errors:
            detail["wrong_current_password"] = True
        audit.record(self.request, "auth.password_change_failed", self.request.user, detail=detail)
        return super().form_invalid(form)
