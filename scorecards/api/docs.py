"""The API's documentation page: Swagger UI from drf-spectacular-sidecar's files, served from
the project's own static files. Its start-up script comes from a URL of its own (the split
view), because the pages' Content-Security-Policy allows no inline script or style."""

from drf_spectacular.views import SpectacularSwaggerSplitView


class SwaggerPage(SpectacularSwaggerSplitView):
    template_name = "scorecards/api/swagger_ui.html"
    title = "interviewkit API"
