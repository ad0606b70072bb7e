"""Routes of the personal API token page (namespace "tokens")."""

from django.urls import path

from scorecards.api import pages

app_name = "tokens"

urlpatterns = [
    path("", pages.token_list, name="list"),
    path("<int:pk>/revoke/", pages.token_revoke, name="revoke"),
]
