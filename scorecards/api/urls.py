"""The API's routes, under /api/v1/ (namespace "api"), with its OpenAPI schema and pages."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from scorecards.api import docs, views

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.SwaggerPage.as_view(url_name="api:schema"), name="docs"),
    path("roles/", views.role_list, name="role-list"),
    path("roles/<slug:slug>/kit/", views.kit_detail, name="kit-current"),
    path("roles/<slug:slug>/kits/<int:number>/", views.kit_detail, name="kit-detail"),
    path("kits/import/", views.kit_import_view, name="kit-import"),
    path("candidates/", views.candidate_list, name="candidate-list"),
    path("candidates/<int:pk>/", views.candidate_detail, name="candidate-detail"),
    path(
        "candidates/<int:pk>/interviews/", views.candidate_interviews, name="candidate-interviews"
    ),
    path("candidates/<int:pk>/packet/", views.packet_detail, name="packet"),
    path("candidates/<int:pk>/packet.pdf", views.packet_pdf, name="packet-pdf"),
    path("candidates/<int:pk>/decisions/", views.candidate_decisions, name="candidate-decisions"),
    path("interviews/", views.my_interviews, name="interview-list"),
    path("interviews/<int:pk>/", views.interview_detail, name="interview-detail"),
    path("interviews/<int:pk>/move/", views.interview_move_view, name="interview-move"),
    path("interviews/<int:pk>/scorecard/", views.interview_scorecard, name="interview-scorecard"),
    path("scorecards/", views.scorecard_list, name="scorecard-list"),
    path("scorecards/<int:pk>/", views.scorecard_detail, name="scorecard-detail"),
    path("decisions/", views.decision_list, name="decision-list"),
    path("audit/", views.audit_list, name="audit-list"),
]
