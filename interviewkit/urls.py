"""The project URLconf: each app brings its own routes."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from interviewkit import views
from interviewkit.profiles.views import PasswordChangeView
from interviewkit.sso import views as sso_views

urlpatterns = [
    path("", views.home, name="home"),
    # Password login and, when configured, single sign-on (interviewkit/sso/).
    path("login/", sso_views.LoginView.as_view(), name="login"),
    path("login/sso/", include("interviewkit.sso.urls")),
    path("logout/", sso_views.LogoutView.as_view(), name="logout"),
    # Django's views: check the current password, validate the new one, keep this session
    # (the change page also writes the audit log).
    path("password/", PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("roles/", include("interviewkit.kit_urls")),
    path("me/", include("interviewkit.profiles.urls")),
    path("audit/", include("interviewkit.audit.urls")),
    path("api/v1/", include("scorecards.api.urls")),
    path("account/tokens/", include("scorecards.api.token_urls")),
    path("webhooks/", include("scorecards.webhooks.urls")),
    path("", include("scorecards.urls")),
    path("admin/", admin.site.urls),
]
