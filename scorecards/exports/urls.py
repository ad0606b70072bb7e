"""Routes of the scorecards app for one area (exports); scorecards/urls.py joins them."""

from django.urls import path

from scorecards.exports import views as export_views

urlpatterns: list = [
    path("exports/", export_views.export_list, name="export-list"),
    path("roles/<slug:slug>/exports/", export_views.export_role, name="export-role"),
    path("roles/<slug:slug>/exports/ratings.csv", export_views.export_csv, name="export-csv"),
    path(
        "roles/<slug:slug>/imports/scorecards/",
        export_views.import_scorecards,
        name="import-scorecards",
    ),
    path("exports/<int:pk>/", export_views.export_job, name="export-job"),
    path(
        "exports/<int:pk>/progress/", export_views.export_job_progress, name="export-job-progress"
    ),
    path(
        "exports/<int:pk>/download/", export_views.export_job_download, name="export-job-download"
    ),
]
