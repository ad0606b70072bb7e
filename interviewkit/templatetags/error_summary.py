"""`{% error_summary form "Heading" %}`: a form's errors listed at its top, each a link to its
field, in a box that takes focus when the page opens (static/js/app.js), so that a refused
submit is read out and every field in error is one activation away."""

from dataclasses import dataclass

from django import forms, template

register = template.Library()


@dataclass(frozen=True)
class SummaryError:
    target: str  # the id of the input to move to ("" for an error of the whole form)
    label: str
    message: str


def field_target(bound: forms.BoundField) -> str:
    """The id of the input that a link to `bound` should reach: its first radio or checkbox
    for a list of choices (whose label is a legend, for no single input)."""
    if bound.id_for_label:
        return bound.id_for_label
    return f"{bound.auto_id}_0" if bound.auto_id else ""


def summary_errors(form: forms.BaseForm) -> list[SummaryError]:
    rows = [SummaryError("", "", str(message)) for message in form.non_field_errors()]
    for bound in form:
        for message in bound.errors:
            rows.append(SummaryError(field_target(bound), str(bound.label), str(message)))
    return rows


@register.inclusion_tag("includes/error_summary.html")
def error_summary(form: forms.BaseForm, heading: str) -> dict:
    return {"errors": summary_errors(form) if form.is_bound else [], "heading": heading}


@register.filter
def error_target(bound: forms.BoundField) -> str:
    """`{{ field|error_target }}`: the id a link to this field's error moves to."""
    return field_target(bound)
