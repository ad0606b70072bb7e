from django.urls import path

from interviewkit import views
from interviewkit.editor import urls as editor_urls
from interviewkit.team import urls as team_urls

app_name = "kits"

urlpatterns = [
    path("", views.role_list, name="role-list"),
    *editor_urls.urlpatterns,
    *team_urls.urlpatterns,
    path("<slug:slug>/", views.kit_detail, name="kit-detail"),
]
