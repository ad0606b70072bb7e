from django.urls import path

from interviewkit.profiles import views

urlpatterns = [path("", views.profile, name="profile")]
