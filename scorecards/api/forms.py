"""The form that creates a personal API token on the profile page."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone

from scorecards.api.models import ApiToken

LIFETIMES = [(30, "30 days"), (90, "90 days"), (180, "180 days"), (365, "365 days")]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="What will use it, e.g. “ATS sync”.",
        error_messages={"required": "Name the token after what will use it."},
    )
    scope = forms.ChoiceField(
        label="Scope",
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
    )
    lifetime = forms.TypedChoiceField(
        label="Expires after",
        choices=LIFETIMES,
        coerce=int,
        initial=90,
        help_text="The token stops working at the end of this period.",
    )

    def expires_at(self):
        return timezone.now() + timedelta(days=self.cleaned_data["lifetime"])
