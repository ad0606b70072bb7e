from django.urls import path

from interviewkit.team import views

urlpatterns = [path("<slug:slug>/team/", views.team, name="team")]
