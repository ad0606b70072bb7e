"""The project URLconf: each app brings its own routes."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from interviewkit import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("roles/", include("interviewkit.kit_urls")),
    path("audit/", include("interviewkit.audit.urls")),
    path("", include("scorecards.urls")),
    path("admin/", admin.site.urls),
]
