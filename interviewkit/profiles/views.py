from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from interviewkit.audit import events as audit
from interviewkit.profiles.forms import ProfileForm
from interviewkit.profiles.services import profile_for, profile_update
from interviewkit.timezones import BROWSER_ZONE_COOKIE, zone_or_none


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


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's page (the current password checked, the new one validated, this session kept),
    with each change and each refused attempt in the audit log. A refusal records which fields
    were wrong (a wrong current password may be someone else at an unattended session), never
    what was typed."""

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(self.request, "auth.password_change", self.request.user)
        return response

    def form_invalid(self, form):
        audit.record(
            self.request,
            "auth.password_change_failed",
            self.request.user,
            detail={"fields": sorted(form.errors)},
        )
        return super().form_invalid(form)
