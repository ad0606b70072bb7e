"""The Content-Security-Policy header, from `settings.CONTENT_SECURITY_POLICY`.

Django 5.2 has no built-in CSP. The policy allows the app's own scripts, styles and images
only: no inline `<script>`, no `on*=` attributes, no `style="…"` attributes, nothing from
another origin, and the pages cannot be framed.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def policy_header(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = policy_header(settings.CONTENT_SECURITY_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # A view that needs its own policy (none does yet) sets the header itself.
        response.headers.setdefault("Content-Security-Policy", self.header)
        # No camera, microphone, location or payment for any page or anything it embeds.
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
