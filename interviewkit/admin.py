from django import forms
from django.contrib import admin
from django.db import models

from interviewkit.models import AuditEvent, Dimension, Exercise, KitVersion, Role, Signal


class DimensionInlineFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        total = sum(
            form.cleaned_data.get("weight") or 0
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        )
        if total != 100:
            raise forms.ValidationError(
                f"The dimension weights sum to {total}%; they must sum to 100%."
            )


class DimensionInline(admin.StackedInline):
    model = Dimension
    formset = DimensionInlineFormSet
    extra = 0


class ExerciseInline(admin.StackedInline):
    model = Exercise
    extra = 0
    filter_horizontal = ["focus"]


class SignalInline(admin.TabularInline):
    model = Signal
    extra = 0


@admin.register(KitVersion)
class KitVersionAdmin(admin.ModelAdmin):
    list_display = ["role", "number", "weight_basis", "created_at"]
    list_filter = ["role", "weight_basis"]
    inlines = [DimensionInline, ExerciseInline, SignalInline]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "created_at"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["hiring_managers", "recruiters"]


class _NoWrites:
    """Nobody may add, change or delete here, superusers included."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(_NoWrites, admin.ModelAdmin):
    """Shown in the admin for reading only: nobody may add, change or delete there.

    For records whose every change must go through the app's services, which keep the history
    (revisions) and the audit trail that a change in the admin would bypass.
    """

    # Links are shown as https when typed without a scheme (Django 6's default, today).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ReadOnlyInline(_NoWrites, admin.TabularInline):
    """The inline counterpart of ReadOnlyAdmin."""

    extra = 0
    can_delete = False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The audit log is append-only: admins may read it here, nobody may add, change or delete."""

    list_display = ["at", "actor_name", "action", "object_type", "object_repr", "role", "ip"]
    list_filter = ["action", "role"]
    search_fields = ["actor_name", "action", "object_repr"]
    date_hierarchy = "at"
