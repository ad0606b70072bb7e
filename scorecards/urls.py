"""The scorecards app's routes, one module per area, joined under one namespace."""

from scorecards import (
    calibration_urls,
    candidate_urls,
    export_urls,
    interview_urls,
    packet_urls,
    privacy_urls,
)

app_name = "scorecards"

urlpatterns = [
    *candidate_urls.urlpatterns,
    *interview_urls.urlpatterns,
    *packet_urls.urlpatterns,
    *export_urls.urlpatterns,
    *calibration_urls.urlpatterns,
    *privacy_urls.urlpatterns,
]
