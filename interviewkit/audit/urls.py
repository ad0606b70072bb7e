"""Routes of the audit log pages (under /audit/)."""

from django.urls import path

from interviewkit.audit import views as audit_views

app_name = "audit"

urlpatterns: list = [
    path("", audit_views.event_list, name="event-list"),
]
