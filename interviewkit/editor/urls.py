"""Routes of the kit editor and kit versions (under /roles/); kit_urls.py includes them."""

from django.urls import include, path

from interviewkit.editor import views as editor_views

urlpatterns = [
    path("new/start/", editor_views.role_start_view, name="role-start"),
    path("new/upload/", editor_views.kit_upload, name="kit-upload"),
    path("new/json/", editor_views.kit_import_json, name="kit-import-json"),
    # The draft scorecard's kit-version choice (`scorecard-move`) is a page of the scorecards app
    # kept at its kit address; included by name, as the project URLconf includes that app.
    path("scorecards/", include("scorecards.interviews.kit_version_urls")),
    path("<slug:slug>/edit/", editor_views.kit_editor, name="kit-edit"),
    path("<slug:slug>/confirm/", editor_views.kit_confirm_view, name="kit-confirm"),
    path("<slug:slug>/versions/", editor_views.kit_versions, name="kit-versions"),
    path("<slug:slug>/versions/diff/", editor_views.kit_versions_diff, name="kit-versions-diff"),
    path("<slug:slug>/clone/", editor_views.kit_clone_view, name="kit-clone"),
    path("<slug:slug>/export.json", editor_views.kit_export, name="kit-export"),
]
