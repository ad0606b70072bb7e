"""The hiring team page's form: one person to add, as interviewer or recruiter."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from interviewkit.team.services import PLACES, display_name


def person_label(user) -> str:
    name = display_name(user)
    return name if name == user.get_username() else f"{name} ({user.get_username()})"


class TeamMemberAddForm(forms.Form):
    """The people who have the persona and are not yet in that place on the role's team."""

    # Not marked required (one field, one button): an empty choice is answered in clean_person.
    person = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)

    def __init__(self, *args, place: str, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.place = place
        self.auto_id = f"id_{place}_%s"
        self.people = {user.pk: user for user in candidates}
        label = PLACES[place][2]
        self.fields["person"].label = f"Add an {label}" if label[0] in "aeiou" else f"Add a {label}"
        self.fields["person"].choices = [
            ("", f"Choose a person ({len(self.people)} available)")
        ] + [(user.pk, person_label(user)) for user in candidates]
        self.fields["person"].error_messages["invalid_choice"] = (
            f"That person cannot be added as {label} any more: the list has changed. Choose again."
        )

    def clean_person(self):
        pk = self.cleaned_data["person"]
        if pk is None:
            raise forms.ValidationError("Choose the person to add.")
        return self.people[pk]


def people_with_persona(persona: str, *, excluding):
    return (
        get_user_model()
        .objects.filter(groups__name=persona, is_active=True)
        .exclude(pk__in=[user.pk for user in excluding])
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
