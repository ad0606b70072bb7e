"""Routes of single sign-on (under /login/sso/); they answer 404 while it is not configured."""

from django.urls import path

from interviewkit.sso import views

app_name = "sso"

urlpatterns = [
    path("start/", views.StartView.as_view(), name="start"),
    path("callback/", views.CallbackView.as_view(), name="callback"),
    path("refused/", views.refused, name="refused"),
]
