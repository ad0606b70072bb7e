"""The form that registers a webhook endpoint."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from scorecards.webhooks.models import Event


class EndpointForm(forms.Form):
    url = forms.URLField(
        label="URL",
        max_length=500,
        assume_scheme="https",
        help_text="Where to POST the events (https in production).",
    )
    description = forms.CharField(label="Description", max_length=200, required=False)
    events = forms.MultipleChoiceField(
        label="Events", choices=Event.choices, widget=forms.CheckboxSelectMultiple
    )
    reader = forms.ModelChoiceField(
        label="Payloads as read by",
        queryset=None,
        help_text="Each payload holds only what this person may read through the API; an event "
        "they may not see is not sent.",
    )
    allow_private_network = forms.BooleanField(
        label="Allow private, loopback and link-local addresses",
        required=False,
        help_text="Off unless the receiver is on the internal network on purpose: webhooks to "
        "internal addresses can reach services that should not be reachable.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reader"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("username")
        )
