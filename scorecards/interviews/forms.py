"""The scorecard form: one rating and evidence per dimension of the kit, the signals observed,
a recommendation and take-aways. Field names follow `scorecards.services.scorecards` so the
service's errors land beside their fields. Rendered field by field with crispy-forms."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.forms import BoundField

from interviewkit.models import Dimension, Signal
from interviewkit.scale import LEVEL_NAMES, SIGNAL_GROUP_NAMES
from scorecards.models import Recommendation
from scorecards.services.scorecards import (
    NOTE_MAX,
    RatingInput,
    ScorecardData,
    evidence_field,
    rating_field,
    signal_field,
    signal_note_field,
)

NOT_ASSESSED = "na"


def rating_choices(dimension: Dimension) -> list[tuple[str, str]]:
    """Each level with the kit's anchor text beside it, then "not assessed"."""
    anchors = dimension.anchors()
    choices = []
    for level, name in LEVEL_NAMES.items():
        label = f"{level} · {name}"
        if anchors[level]:
            label = f"{label}: {anchors[level]}"
        choices.append((str(level), label))
    choices.append((NOT_ASSESSED, "Not assessed in this interview"))
    return choices


class NoteField(forms.CharField):
    """A free-text note. Line breaks count as the one character the user sees (browsers send
    CRLF), and the page gets no `maxlength`: a browser would cut a long paste without a word.
    The limit travels as `data-max-length` so the page can say "too long" before submitting,
    and the server refuses an over-long note with its length, keeping the text."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if attrs.pop("maxlength", None) is not None:
            attrs["data-max-length"] = str(self.max_length)
        return attrs


def note_field(label: str, *, rows: int = 2, help_text: str = "") -> forms.CharField:
    return NoteField(
        label=label,
        required=False,
        max_length=NOTE_MAX,
        help_text=help_text,
        strip=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "max_length": f"Keep this under {NOTE_MAX} characters (it has %(show_value)d)."
        },
    )


@dataclass
class DimensionRow:
    dimension: Dimension
    rating: BoundField
    evidence: BoundField
    focus: bool


@dataclass
class SignalRow:
    signal: Signal
    observed: BoundField
    note: BoundField


class ScorecardForm(forms.Form):
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    # The kit version the page was built from: a save is applied to the version the
    # interviewer saw, never silently to another one (see interview_views.InterviewPage).
    kit_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    recommendation = forms.ChoiceField(
        label="Overall recommendation",
        required=False,
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose Strong no, No, Yes or Strong yes."},
    )
    takeaways = note_field("Key take-aways", rows=4)

    def __init__(
        self,
        *args,
        dimensions: list[Dimension],
        focus_ids: set[int],
        signals: list[Signal],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.dimensions = dimensions
        self.focus_ids = focus_ids
        self.signals = signals
        for d in dimensions:
            self.fields[rating_field(d.pk)] = forms.ChoiceField(
                label=f"{d.name} ({d.weight}%)",
                required=False,
                choices=rating_choices(d),
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": "Choose a rating from 1 to 4, or not assessed.",
                },
            )
            self.fields[evidence_field(d.pk)] = note_field(
                f"Evidence for {d.name}", help_text="Required for a rating of 1 or 4."
            )
        for s in signals:
            self.fields[signal_field(s.pk)] = forms.BooleanField(label=s.text, required=False)
            note = note_field(
                "Note (required if observed)" if s.kind == Signal.Kind.RED else "Note (optional)",
                rows=1,
            )
            # Many notes share the visible label; screen readers hear which signal it is about.
            note.widget.attrs["aria-label"] = f"{note.label}: {s.text}"
            self.fields[signal_note_field(s.pk)] = note

    @classmethod
    def initial_for(cls, data: ScorecardData, *, revision: int, kit_id: int | None) -> dict:
        initial: dict = {
            "revision": revision,
            "kit_version": kit_id,
            "recommendation": data.recommendation,
            "takeaways": data.takeaways,
        }
        for dimension_id, rating in data.ratings.items():
            if rating.chosen:
                initial[rating_field(dimension_id)] = (
                    str(rating.value) if rating.value is not None else NOT_ASSESSED
                )
            initial[evidence_field(dimension_id)] = rating.evidence
        for signal_id, note in data.observed.items():
            initial[signal_field(signal_id)] = True
            initial[signal_note_field(signal_id)] = note
        return initial

    def dimension_rows(self) -> list[DimensionRow]:
        return [
            DimensionRow(
                dimension=d,
                rating=self[rating_field(d.pk)],
                evidence=self[evidence_field(d.pk)],
                focus=d.pk in self.focus_ids,
            )
            for d in self.dimensions
        ]

    def focus_rows(self) -> list[DimensionRow]:
        return [row for row in self.dimension_rows() if row.focus]

    def other_rows(self) -> list[DimensionRow]:
        return [row for row in self.dimension_rows() if not row.focus]

    def other_rows_touched(self) -> bool:
        """Open the "other dimensions" section when one of them holds something or an error."""
        for row in self.other_rows():
            if row.rating.value() or row.evidence.value() or row.rating.errors:
                return True
            if row.evidence.errors:
                return True
        return False

    def signal_groups(self) -> list[tuple[str, str, list[SignalRow]]]:
        rows = [
            SignalRow(
                signal=s, observed=self[signal_field(s.pk)], note=self[signal_note_field(s.pk)]
            )
            for s in self.signals
        ]
        return [
            (kind, label, [r for r in rows if r.signal.kind == kind])
            for kind, label in SIGNAL_GROUP_NAMES.items()
        ]

    def to_data(self) -> ScorecardData:
        """The cleaned form as `ScorecardData` (call after `is_valid()`)."""
        cleaned = self.cleaned_data
        ratings: dict[int, RatingInput] = {}
        for d in self.dimensions:
            choice = cleaned.get(rating_field(d.pk)) or ""
            evidence = cleaned.get(evidence_field(d.pk)) or ""
            if choice == NOT_ASSESSED:
                ratings[d.pk] = RatingInput(value=None, evidence=evidence)
            elif choice:
                ratings[d.pk] = RatingInput(value=int(choice), evidence=evidence)
            elif evidence.strip():
                ratings[d.pk] = RatingInput(value=None, evidence=evidence, chosen=False)
        observed = {
            s.pk: cleaned.get(signal_note_field(s.pk)) or ""
            for s in self.signals
            if cleaned.get(signal_field(s.pk))
        }
        return ScorecardData(
            ratings=ratings,
            observed=observed,
            recommendation=cleaned.get("recommendation") or "",
            takeaways=cleaned.get("takeaways") or "",
        )


class AmendForm(ScorecardForm):
    reason = NoteField(
        label="Reason for the amendment",
        max_length=NOTE_MAX,
        help_text="Kept with the original version in the scorecard's history.",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": "Say why you amend it: the reason is kept with the original.",
            "max_length": f"Keep this under {NOTE_MAX} characters (it has %(show_value)d).",
        },
    )
