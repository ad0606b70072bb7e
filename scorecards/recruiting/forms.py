"""The recruiter's forms: a new candidate with their loop, and one interview of a loop."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout, Submit
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from interviewkit import personas
from interviewkit.models import Exercise, KitVersion, Role
from scorecards.models import CandidateStatus, Decision
from scorecards.services.candidate_profile import NOTES_MAX
from scorecards.services.planning import DEFAULT_MINUTES, PlannedSlot

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def interviewer_label(user) -> str:
    full = user.get_full_name()
    return f"{full} ({user.get_username()})" if full else user.get_username()


def interviewer_queryset(role=None):
    """The active interviewers; with a role, its interviewer panel first (`on_panel`)."""
    people = get_user_model().objects.filter(groups__name=personas.INTERVIEWERS, is_active=True)
    if role is None:
        return people.distinct().order_by("first_name", "last_name", "username")
    panel = Role.interviewers.through.objects.filter(role=role, user=OuterRef("pk"))
    return (
        people.annotate(on_panel=Exists(panel))
        .distinct()
        .order_by("-on_panel", "first_name", "last_name", "username")
    )


class InterviewerField(forms.TypedChoiceField):
    """A choice among the Interviewers group, read once per page and shared by every field
    of the page (so the page's queries do not grow with the loop); cleans to the user."""

    def __init__(self, *, interviewers: list, **kwargs):
        self.interviewers = {user.pk: user for user in interviewers}
        choices = [("", "Choose an interviewer")]
        panel = [user for user in interviewers if getattr(user, "on_panel", False)]
        others = [user for user in interviewers if not getattr(user, "on_panel", False)]
        if panel:  # the role's interviewer panel (its hiring team page) first, then the rest
            choices.append(
                ("This role's interviewer panel", [(u.pk, interviewer_label(u)) for u in panel])
            )
            if others:
                choices.append(
                    ("Other interviewers", [(u.pk, interviewer_label(u)) for u in others])
                )
        else:
            choices += [(user.pk, interviewer_label(user)) for user in interviewers]
        super().__init__(choices=choices, coerce=int, empty_value=None, **kwargs)

    def clean(self, value):
        pk = super().clean(value)
        return None if pk is None else self.interviewers[pk]


def when_field(**kwargs) -> forms.DateTimeField:
    return forms.DateTimeField(
        required=False,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        help_text="Optional: leave empty until it is booked.",
        **kwargs,
    )


class CandidateAddForm(forms.Form):
    """Name and email, then one interviewer and time per exercise of the kit (the proposed
    loop). An exercise may be left out of the loop."""

    name = forms.CharField(max_length=200)
    email = forms.EmailField(max_length=254)
    # Rendered in the plan's warnings (only when there is a clash to confirm).
    book_anyway = forms.BooleanField(required=False)

    def __init__(
        self,
        *args,
        kit: KitVersion | None,
        exercises: list[Exercise],
        check_url: str = "",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        interviewers = list(interviewer_queryset(kit.role if kit else None))
        self.kit = kit
        self.exercises = exercises
        fieldsets = []
        for exercise in exercises:
            prefix = f"ex{exercise.pk}"
            self.fields[f"{prefix}_include"] = forms.BooleanField(
                required=False, initial=True, label=f"Include “{exercise.name}” in the loop"
            )
            self.fields[f"{prefix}_interviewer"] = InterviewerField(
                interviewers=interviewers, required=False, label=f"Interviewer for {exercise.name}"
            )
            self.fields[f"{prefix}_when"] = when_field(label=f"Time of {exercise.name}")
            focus = ", ".join(d.name for d in exercise.focus.all())
            legend = f"{exercise.name} · {exercise.minutes} min"
            if focus:
                legend += f" · covers {focus}"
            fieldsets.append(
                Fieldset(
                    legend,
                    Div(
                        Div(Field(f"{prefix}_include"), css_class="col-12"),
                        Div(Field(f"{prefix}_interviewer"), css_class="col-md-6"),
                        Div(Field(f"{prefix}_when"), css_class="col-md-6"),
                        css_class="row",
                    ),
                    css_class="border rounded p-3 mb-3 loop-exercise",
                )
            )
        self.helper = FormHelper()
        self.helper.form_tag = True
        if check_url:  # the warnings follow the choices as they are made
            # novalidate: the browser's required-field check would stop the live check of a
            # half-filled form; the server checks every field on submit.
            self.helper.attrs = {
                "novalidate": "",
                "hx-post": check_url,
                "hx-trigger": "change delay:200ms",
                "hx-target": "#plan-warnings",
                "hx-swap": "innerHTML",
            }
        self.helper.layout = Layout(
            Div(
                Div(Field("name", autocomplete="off"), css_class="col-md-6"),
                Div(Field("email", autocomplete="off"), css_class="col-md-6"),
                css_class="row",
            ),
            *fieldsets,
            HTML(
                '<div id="plan-warnings" aria-live="polite">'
                '{% include "scorecards/recruiting/_plan_warnings.html" %}</div>'
            ),
            Submit("add", "Add candidate"),
        )

    def clean(self):
        cleaned = super().clean()
        for exercise in self.exercises:
            prefix = f"ex{exercise.pk}"
            if cleaned.get(f"{prefix}_include") and not cleaned.get(f"{prefix}_interviewer"):
                self.add_error(
                    f"{prefix}_interviewer",
                    f"Choose who interviews for {exercise.name}, or untick it to leave it out.",
                )
        return cleaned

    def slots(self) -> list[PlannedSlot]:
        """What is chosen so far, as the planning checks take it (valid choices only, so it
        also serves a form still being filled)."""
        data = getattr(self, "cleaned_data", {})
        return [
            PlannedSlot(
                exercise.name,
                data[f"ex{exercise.pk}_interviewer"],
                data.get(f"ex{exercise.pk}_when"),
                exercise.minutes or DEFAULT_MINUTES,
            )
            for exercise in self.exercises
            if data.get(f"ex{exercise.pk}_include") and data.get(f"ex{exercise.pk}_interviewer")
        ]

    def included(self) -> list[Exercise]:
        data = getattr(self, "cleaned_data", {})
        return [e for e in self.exercises if data.get(f"ex{e.pk}_include")]

    def planned(self) -> list[tuple[Exercise, object, object]]:
        """(exercise, interviewer, time) of each exercise kept in the loop, in kit order."""
        rows = []
        for exercise in self.exercises:
            prefix = f"ex{exercise.pk}"
            if self.cleaned_data.get(f"{prefix}_include"):
                rows.append(
                    (
                        exercise,
                        self.cleaned_data[f"{prefix}_interviewer"],
                        self.cleaned_data.get(f"{prefix}_when"),
                    )
                )
        return rows


class InterviewEditForm(forms.Form):
    """An interview's interviewer and time, edited on the candidate's loop. The page passes
    the `interviewers` it read once for all of its forms."""

    scheduled_at = when_field(label="Time")

    def __init__(self, *args, interview=None, interviewers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if interviewers is None:
            interviewers = list(interviewer_queryset())
        self.fields["interviewer"] = InterviewerField(
            interviewers=interviewers, label="Interviewer"
        )
        self.order_fields(["interviewer", "scheduled_at"])
        if interview is not None:
            self.auto_id = f"id_i{interview.pk}_%s"
            self.fields["interviewer"].label = f"Interviewer for {interview.title}"
            self.fields["scheduled_at"].label = f"Time of {interview.title}"
        self.fields["scheduled_at"].help_text = ""
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class InterviewAddForm(forms.Form):
    """A new interview at the end of the loop: an exercise of the current kit. The kit's
    exercises (as loaded, with their order) and the interviewers may be passed in, so the
    page reads them once."""

    exercise = forms.TypedChoiceField(coerce=int)
    scheduled_at = when_field(label="Time")

    def __init__(self, *args, kit: KitVersion | None, interviewers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.auto_id = "id_add_%s"
        exercises = sorted(kit.exercises.all(), key=lambda e: (e.position, e.pk)) if kit else []
        if interviewers is None:
            interviewers = list(interviewer_queryset())
        self.exercises = {exercise.pk: exercise for exercise in exercises}
        self.fields["exercise"].choices = [(e.pk, str(e)) for e in exercises]
        self.fields["interviewer"] = InterviewerField(
            interviewers=interviewers, label="Interviewer"
        )
        self.order_fields(["exercise", "interviewer", "scheduled_at"])
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Div(
                Div(Field("exercise"), css_class="col-md-4"),
                Div(Field("interviewer"), css_class="col-md-4"),
                Div(Field("scheduled_at"), css_class="col-md-4"),
                css_class="row",
            ),
            Submit("add-interview", "Add interview"),
        )

    def clean_exercise(self):
        return self.exercises[self.cleaned_data["exercise"]]


class CandidateSearchForm(forms.Form):
    q = forms.CharField(required=False, label="Search by name or email", max_length=200)
    status = forms.ChoiceField(
        required=False,
        choices=[
            ("", "All statuses"),
            *CandidateStatus.choices,
            *((value, f"Decided: {label}") for value, label in Decision.Outcome.choices),
        ],
        label="Status",
    )


class CandidateProfileForm(forms.Form):
    """The candidate's links, the recruiters' notes and a CV; kept as typed on any error."""

    linkedin_url = forms.URLField(
        label="LinkedIn", required=False, max_length=500, assume_scheme="https"
    )
    portfolio_url = forms.URLField(
        label="Portfolio or website", required=False, max_length=500, assume_scheme="https"
    )
    recruiter_notes = forms.CharField(
        label="Recruiter notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": NOTES_MAX}),
        help_text=(
            "Seen by the hiring team, and by interviewers once they have submitted their own "
            f"scorecard. At most {NOTES_MAX} characters."
        ),
    )
    cv = forms.FileField(
        label="CV or résumé",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
        help_text="A PDF or Word (.docx) file, at most 5 MB. It replaces the current one.",
    )
    remove_cv = forms.BooleanField(label="Remove the current CV", required=False)

    def __init__(self, *args, has_cv: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_cv:
            del self.fields["remove_cv"]
        self.helper = FormHelper()
        self.helper.form_tag = False
