from __future__ import annotations

from django import forms

from interviewkit.timezones import zone_names


class ProfileForm(forms.Form):
    time_zone = forms.ChoiceField(
        label="Time zone",
        required=False,
        help_text="Every time in the app, in emails and in invitations is shown in this zone.",
    )
    email_enabled = forms.BooleanField(
        label="Send me email (interview invitations, reminders, 'packet complete' notices)",
        required=False,
    )

    def __init__(self, *args, browser_zone: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        follow = "Follow my browser" + (f" (now {browser_zone})" if browser_zone else "")
        self.fields["time_zone"].choices = [("", follow)] + [(n, n) for n in zone_names()]
