"""Routes of the scorecards app for one area (interviewer calibration and panel reliability);
scorecards/urls.py joins them."""

from django.urls import path

from scorecards.calibration import views as calibration_views

urlpatterns: list = [
    path("calibration/", calibration_views.calibration_overview, name="calibration"),
    path("calibration/me/", calibration_views.calibration_me, name="calibration-me"),
    path(
        "calibration/methods/",
        calibration_views.calibration_methods,
        name="calibration-methods",
    ),
    path(
        "calibration/roles/<slug:slug>/",
        calibration_views.calibration_role,
        name="calibration-role",
    ),
]
