from django.urls import path

from interviewkit import views

app_name = "kits"

urlpatterns = [
    path("", views.role_list, name="role-list"),
    path("<slug:slug>/", views.kit_detail, name="kit-detail"),
]
