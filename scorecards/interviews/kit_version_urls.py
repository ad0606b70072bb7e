"""The draft scorecard's kit-version page, at its kit address: interviewkit/editor/urls.py
includes this in the `kits` namespace (`kits:scorecard-move`, /roles/scorecards/<pk>/…)."""

from django.urls import path

from scorecards.interviews import views as interview_views

urlpatterns: list = [
    path("<int:pk>/kit-version/", interview_views.scorecard_move, name="scorecard-move"),
]
