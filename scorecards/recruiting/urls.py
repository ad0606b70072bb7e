"""Routes of the recruiter's area (candidates and their loops); scorecards/urls.py joins them."""

from django.urls import path

from scorecards.recruiting import views as recruiting_views

urlpatterns: list = [
    path("candidates/", recruiting_views.candidate_home, name="candidate-home"),
    path("roles/<slug:slug>/candidates/", recruiting_views.candidate_list, name="candidate-list"),
    path(
        "roles/<slug:slug>/candidates/add/",
        recruiting_views.candidate_add_view,
        name="candidate-add",
    ),
    path(
        "roles/<slug:slug>/candidates/add/check/",
        recruiting_views.candidate_plan_check,
        name="candidate-plan-check",
    ),
    path("candidates/<int:pk>/", recruiting_views.candidate_detail, name="candidate"),
    path(
        "candidates/<int:pk>/profile/",
        recruiting_views.candidate_profile_edit,
        name="candidate-profile",
    ),
    path("candidates/<int:pk>/cv/", recruiting_views.candidate_cv, name="candidate-cv"),
    path(
        "candidates/<int:pk>/interviews/add/",
        recruiting_views.interview_add_view,
        name="interview-add",
    ),
    path("interviews/<int:pk>/edit/", recruiting_views.interview_edit_view, name="interview-edit"),
    path(
        "interviews/<int:pk>/remove/",
        recruiting_views.interview_remove_view,
        name="interview-remove",
    ),
    path("interviews/<int:pk>/move/", recruiting_views.interview_move_view, name="interview-move"),
    path(
        "interviews/<int:pk>/remind/",
        recruiting_views.interview_remind_view,
        name="interview-remind",
    ),
]
