from django.urls import path

from interviewkit import editor_urls, views

app_name = "kits"

urlpatterns = [
    path("", views.role_list, name="role-list"),
    *editor_urls.urlpatterns,
    path("<slug:slug>/", views.kit_detail, name="kit-detail"),
]
