"""A service's `ValidationError` shown on the form that fed it."""

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Each message beside its field, or at the top of the form when the form has no such field
    (or the error names none). What the user typed stays in the bound form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)
