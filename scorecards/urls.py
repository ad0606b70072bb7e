"""The scorecards app's routes, one module per area, joined under one namespace."""

from scorecards.calibration import urls as calibration_urls
from scorecards.exports import urls as export_urls
from scorecards.interviews import urls as interview_urls
from scorecards.packets import urls as packet_urls
from scorecards.privacy import urls as privacy_urls
from scorecards.recruiting import urls as candidate_urls
from scorecards.search import urls as search_urls

app_name = "scorecards"

urlpatterns = [
    *candidate_urls.urlpatterns,
    *interview_urls.urlpatterns,
    *packet_urls.urlpatterns,
    *export_urls.urlpatterns,
    *calibration_urls.urlpatterns,
    *privacy_urls.urlpatterns,
    *search_urls.urlpatterns,
]
