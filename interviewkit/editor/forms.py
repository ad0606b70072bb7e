"""Forms of the kit editor: one formset each for dimensions, exercises and signals, and the
forms for cloning a kit and starting a role from nothing, the competency library, a document or
exported JSON.

Exercises and signals refer to dimensions by the dimension's row in the dimensions formset
(its index, as text), so a dimension renamed or added in the same edit can be chosen at once.
"""

from __future__ import annotations

import json

from django import forms
from django.forms import formset_factory
from django.utils.text import slugify

from interviewkit import kit_json
from interviewkit.importers import DocumentError, library
from interviewkit.importers.limits import check_json_nesting
from interviewkit.models import Exercise, Role, Signal

DIMENSIONS = "dimensions"
EXERCISES = "exercises"
SIGNALS = "signals"

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class LinesField(forms.CharField):
    """A textarea holding one item per line; cleans to a list of non-blank lines."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def clean(self, value):
        text = super().clean(value)
        return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _text(label: str, rows: int = 2, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


class DimensionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label="Name", max_length=200)
    weight = forms.IntegerField(
        label="Weight (%)",
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"class": "kit-weight-input", "inputmode": "numeric"}),
    )
    description = _text('What "excellent" looks like')
    anchor_1 = _text("1 · Strong no looks like")
    anchor_2 = _text("2 · No looks like")
    anchor_3 = _text("3 · Yes looks like")
    anchor_4 = _text("4 · Strong yes looks like")
    questions = LinesField(label="What to probe (one question per line)", required=False)

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()


class BaseRowFormSet(forms.BaseFormSet):
    def kept_forms(self) -> list[forms.Form]:
        """Rows that will be saved: filled in and not marked for removal."""
        return [
            f
            for f in self.forms
            if f.cleaned_data and not (self.can_delete and self._should_delete_form(f))
        ]


class BaseDimensionFormSet(BaseRowFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        kept = self.kept_forms()
        if not kept:
            raise forms.ValidationError("A kit needs at least one dimension.")
        folded = [f.cleaned_data["name"].casefold() for f in kept]
        duplicates = [
            f.cleaned_data["name"] for f, n in zip(kept, folded, strict=True) if folded.count(n) > 1
        ]
        if duplicates:
            raise forms.ValidationError(
                f"Two dimensions are called {duplicates[0]!r}: each dimension needs its own name."
            )
        total = sum(f.cleaned_data["weight"] for f in kept)
        if total != 100:
            raise forms.ValidationError(
                f"The weights add up to {total}%; they must add up to exactly 100% before saving."
            )


class ExerciseForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label="Name", max_length=200)
    format = forms.ChoiceField(label="Format", choices=Exercise.Format.choices)
    minutes = forms.IntegerField(label="Minutes", min_value=1, max_value=600, initial=45)
    brief = _text("Brief", rows=3)
    questions = LinesField(label="Probing questions (one per line)", required=False)
    focus = forms.MultipleChoiceField(
        label="Focus dimensions", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, dimension_choices: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus"].choices = list(dimension_choices)

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()


class BaseExerciseFormSet(BaseRowFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        names = [f.cleaned_data["name"].casefold() for f in self.kept_forms()]
        if len(set(names)) != len(names):
            raise forms.ValidationError("Two exercises have the same name.")


class SignalForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label="Kind", choices=Signal.Kind.choices)
    text = forms.CharField(label="What you hear or see", widget=forms.Textarea(attrs={"rows": 2}))
    dimension = forms.ChoiceField(label="Bears on", required=False)

    def __init__(self, *args, dimension_choices: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = [("", "No particular dimension"), *dimension_choices]
        self.fields["dimension"].widget.attrs["data-dimension-select"] = ""


DimensionFormSet = formset_factory(
    DimensionForm, formset=BaseDimensionFormSet, extra=0, can_order=True, can_delete=True
)
ExerciseFormSet = formset_factory(
    ExerciseForm, formset=BaseExerciseFormSet, extra=0, can_order=True, can_delete=True
)
SignalFormSet = formset_factory(
    SignalForm, formset=BaseRowFormSet, extra=0, can_order=True, can_delete=True
)


def dimension_choices_from_post(data) -> list[tuple[str, str]]:
    """The dimension rows as submitted (row index, typed name), for the other formsets' choices."""
    try:
        total = int(data.get(f"{DIMENSIONS}-TOTAL_FORMS", 0))
    except (TypeError, ValueError):
        return []
    return [
        (str(i), (data.get(f"{DIMENSIONS}-{i}-name") or "").strip() or f"Dimension {i + 1}")
        for i in range(min(total, 1000))
    ]


class KitEditor:
    """The three formsets of the editor, built from initial rows (GET) or the POST data."""

    def __init__(self, data=None, *, initial: dict[str, list[dict]] | None = None):
        initial = initial or {DIMENSIONS: [], EXERCISES: [], SIGNALS: []}
        if data is not None:
            choices = dimension_choices_from_post(data)
        else:
            choices = [(str(i), d["name"]) for i, d in enumerate(initial[DIMENSIONS])]
            index = {d["name"]: str(i) for i, d in enumerate(initial[DIMENSIONS])}
            initial = {
                DIMENSIONS: initial[DIMENSIONS],
                EXERCISES: [
                    {**e, "focus": [index[n] for n in e["focus"] if n in index]}
                    for e in initial[EXERCISES]
                ],
                SIGNALS: [
                    {**s, "dimension": index.get(s["dimension"] or "", "")}
                    for s in initial[SIGNALS]
                ],
            }
        kwargs = {"dimension_choices": choices}
        self.dimensions = DimensionFormSet(
            data, prefix=DIMENSIONS, initial=None if data is not None else initial[DIMENSIONS]
        )
        self.exercises = ExerciseFormSet(
            data,
            prefix=EXERCISES,
            initial=None if data is not None else initial[EXERCISES],
            form_kwargs=kwargs,
        )
        self.signals = SignalFormSet(
            data,
            prefix=SIGNALS,
            initial=None if data is not None else initial[SIGNALS],
            form_kwargs=kwargs,
        )
        self.errors: list[str] = []

    def attach_sources(self, kit) -> None:
        """Give each row of an existing item its `source_label` (where the item came from)."""
        items = {
            DIMENSIONS: {d.pk: d for d in kit.dimensions.all()} if kit else {},
            EXERCISES: {e.pk: e for e in kit.exercises.all()} if kit else {},
            SIGNALS: {s.pk: s for s in kit.signals.all()} if kit else {},
        }
        for prefix, formset in self.formsets():
            for form in formset.forms:
                raw = form.data.get(f"{form.prefix}-id") if form.is_bound else None
                pk = form.initial.get("id") if not form.is_bound else raw
                try:
                    item = items[prefix].get(int(pk)) if pk else None
                except (TypeError, ValueError):
                    item = None
                form.source_label = item.source_label if item else "Written in the app"
                # The document and section, beside the origin's badge (none for a suggestion
                # of the library or an item written in the app).
                form.source_where = (
                    f"{item.source_document}"
                    + (f" § {item.source_section}" if item.source_section else "")
                    if item and item.source_document
                    else ""
                )
                # Rows saved before items had an origin say "suggested" by the flag alone.
                origin = "suggested" if item and item.suggested else (item.origin if item else "")
                form.origin = origin or "written"
                form.origin_label = item.Origin(form.origin).label if item else "Written in the app"
                if form.origin == "suggested" and not kit.sources:
                    # A kit started from the library: no importer was involved.
                    form.origin_label = "Suggested by the competency library"
                form.suggested_parts = getattr(item, "suggested_parts", []) if item else []
                form.is_new = item is None
                # A screening call or résumé review read from the plan: shown, never scored.
                form.loop_step = item is not None and getattr(item, "scored", True) is False

    @staticmethod
    def in_order(formset) -> list[forms.Form]:
        """The rows as the person arranged them: by the typed position on a POST (rows without
        one last), else in their saved order."""
        if not formset.is_bound:
            return list(formset.forms)

        def position(item):
            index, form = item
            raw = form.data.get(f"{form.prefix}-ORDER", "")
            try:
                return (0, int(raw), index)
            except (TypeError, ValueError):
                return (1, 0, index)

        return [form for _, form in sorted(enumerate(formset.forms), key=position)]

    @property
    def dimension_forms(self) -> list[forms.Form]:
        return self.in_order(self.dimensions)

    @property
    def exercise_forms(self) -> list[forms.Form]:
        return self.in_order(self.exercises)

    @property
    def signal_forms(self) -> list[forms.Form]:
        return self.in_order(self.signals)

    def formsets(self) -> list[tuple[str, forms.BaseFormSet]]:
        return [(DIMENSIONS, self.dimensions), (EXERCISES, self.exercises), (SIGNALS, self.signals)]

    def is_valid(self) -> bool:
        results = [f.is_valid() for f in (self.dimensions, self.exercises, self.signals)]
        return all(results)

    @property
    def total_weight(self) -> int:
        """The weights as they stand (typed ones on a POST), ignoring removed rows."""
        total = 0
        for form in self.dimensions.forms:
            prefix = form.prefix
            if form.is_bound:
                if form.data.get(f"{prefix}-DELETE"):
                    continue
                raw = form.data.get(f"{prefix}-weight", "")
            else:
                raw = form.initial.get("weight", 0)
            try:
                total += int(raw)
            except (TypeError, ValueError):
                continue
        return total

    @property
    def has_field_errors(self) -> bool:
        """Does any row have an error of its own (beyond the formsets' overall errors)?"""
        return any(
            form.errors for _, formset in self.formsets() if formset.is_bound for form in formset
        )

    @property
    def total_message(self) -> str:
        total = self.total_weight
        if total == 100:
            return "ready to save."
        if total < 100:
            return f"{100 - total}% short of 100%, not ready to save."
        return f"{total - 100}% over 100%, not ready to save."

    def rows(self) -> dict[str, list[dict]]:
        """The cleaned rows in their chosen order, in the shape `kit_edit` takes."""
        names = {
            str(i): form.cleaned_data["name"]
            for i, form in enumerate(self.dimensions.forms)
            if form in self.dimensions.kept_forms()
        }

        def ordered(formset) -> list[dict]:
            return [f.cleaned_data for f in formset.ordered_forms if f.cleaned_data]

        return {
            DIMENSIONS: [
                {k: v for k, v in row.items() if k not in ("ORDER", "DELETE")}
                for row in ordered(self.dimensions)
            ],
            EXERCISES: [
                {
                    **{k: v for k, v in row.items() if k not in ("ORDER", "DELETE")},
                    "focus": [names[k] for k in row["focus"] if k in names],
                }
                for row in ordered(self.exercises)
            ],
            SIGNALS: [
                {
                    **{k: v for k, v in row.items() if k not in ("ORDER", "DELETE")},
                    "dimension": names.get(row["dimension"]),
                }
                for row in ordered(self.signals)
            ],
        }


class CloneForm(forms.Form):
    title = forms.CharField(label="New role title", max_length=200)
    slug = forms.SlugField(
        label="Web address",
        max_length=200,
        required=False,
        help_text="Letters, numbers and hyphens; left empty, it is made from the title.",
    )

    def clean(self):
        data = super().clean()
        title = (data.get("title") or "").strip()
        if not title:
            return data
        data["slug"] = data.get("slug") or slugify(title)[:200]
        if not data["slug"]:
            self.add_error("slug", "Choose a web address: the title has no letters to make one.")
        if Role.objects.filter(title__iexact=title).exists():
            self.add_error("title", "A role with this title already exists.")
        if data["slug"] and Role.objects.filter(slug=data["slug"]).exists():
            self.add_error("slug", "Another role already uses this web address.")
        return data


class RoleStartForm(forms.Form):
    """A new role's title and the library competencies its draft kit starts with (none: empty)."""

    title = forms.CharField(
        label="Role title",
        max_length=200,
        help_text="As candidates will see it, e.g. “Senior Backend Engineer”.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    competencies = forms.MultipleChoiceField(
        label="Competencies from the library",
        required=False,
        choices=[(c.key, c.name) for c in library.LIBRARY],
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "Each one brings a description, anchors for ratings 1–4, probing questions and "
            "signals, all marked as suggested for you to review. Tick none to start empty."
        ),
    )

    DESCRIPTIONS = {c.key: c.description for c in library.LIBRARY}

    def competency_options(self) -> list[dict]:
        """The checkboxes with each competency's description, for the page to show beside it."""
        return [
            {"widget": option, "description": self.DESCRIPTIONS[option.data["value"]]}
            for option in self["competencies"]
        ]


class DocumentUploadForm(forms.Form):
    document = forms.FileField(
        label="Role document",
        required=False,
        help_text=(
            "A job description, competency framework, rubric or interview plan as Word (.docx), "
            "PDF, Markdown, plain text or a saved careers page (HTML); a WordPress export "
            "(JSON); or a kit exported from interviewkit."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".docx,.pdf,.md,.markdown,.txt,.html,.htm,.json,text/*"}
        ),
    )
    text = forms.CharField(
        label="…or paste the document's text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text="Copied from a job board, an e-mail or a document; headings and bullets help.",
    )

    def clean(self):
        data = super().clean()
        upload, text = data.get("document"), (data.get("text") or "").strip()
        if upload is None and not text:
            raise forms.ValidationError("Choose a file or paste the document's text.")
        if upload is not None:
            if upload.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError("The file is larger than 2 MB.")
            data["named"] = (upload.name, upload.read())
        else:
            data["named"] = ("pasted text.txt", text.encode())
        return data


class KitJsonForm(forms.Form):
    file = forms.FileField(label="Exported kit file (.json)", required=False)
    text = forms.CharField(
        label="…or paste the kit JSON",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "class": "font-monospace", "spellcheck": "false"}),
    )

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if upload is None and not text:
            raise forms.ValidationError("Choose a file or paste the kit JSON.")
        if upload is not None:
            if upload.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError("The file is larger than 2 MB.")
            raw, name = upload.read(), upload.name
        else:
            raw, name = text.encode(), "pasted-kit.json"
        try:
            text = raw.decode("utf-8-sig")
            check_json_nesting(text)
            parsed = json.loads(text)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise forms.ValidationError(f"This is not valid JSON ({exc}).") from None
        except DocumentError as exc:
            raise forms.ValidationError(f"This JSON cannot be imported: {exc}.") from None
        if not kit_json.matches(parsed):
            raise forms.ValidationError(
                "This JSON is not an exported kit: it needs a title and a list of dimensions."
            )
        try:
            kits = parsed if isinstance(parsed, list) else [parsed]
            for index, kit in enumerate(kits):
                kit_json.kit_from_dict(kit, where=f"kit {index + 1}" if len(kits) > 1 else "kit")
        except DocumentError as exc:
            raise forms.ValidationError(f"The kit cannot be imported: {exc}.") from None
        data["document"] = (name, raw)
        return data
