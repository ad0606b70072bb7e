"""Routes of the interviewer's area (my interviews, scorecards); scorecards/urls.py joins them."""

from django.urls import path

from scorecards.interviews import views as interview_views

urlpatterns: list = [
    path("interviews/", interview_views.my_interviews, name="my-interviews"),
    path("interviews/<int:pk>/", interview_views.interview, name="interview"),
    path(
        "interviews/<int:pk>/autosave/",
        interview_views.interview_autosave,
        name="interview-autosave",
    ),
    path("interviews/<int:pk>/submit/", interview_views.interview_submit, name="interview-submit"),
    path("scorecards/<int:pk>/", interview_views.scorecard_detail, name="scorecard"),
    path(
        "scorecards/<int:pk>/amend/",
        interview_views.scorecard_amend_view,
        name="scorecard-amend",
    ),
]
