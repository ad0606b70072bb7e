"""Routes of candidate data protection (erasure, data export); scorecards/urls.py joins them."""

from django.urls import path

from scorecards.privacy import views as privacy_views

urlpatterns: list = [
    path("candidates/<int:pk>/erase/", privacy_views.privacy_erase, name="privacy-erase"),
    path(
        "candidates/<int:pk>/personal-data.json",
        privacy_views.privacy_export,
        name="privacy-export",
    ),
]
