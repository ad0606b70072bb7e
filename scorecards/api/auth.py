"""How an API request is authenticated, what its token may do, and how fast it may go."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, throttling

from scorecards.api.models import ApiToken
from scorecards.api.tokens import api_token_find, api_token_note_use


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer ikt_…`. A wrong, revoked or expired token is a 401, never a
    fallback to anonymous."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        keyword, _, raw = header.partition(" ")
        if keyword != self.keyword:
            return None
        raw = raw.strip()
        token = api_token_find(raw) if raw else None
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Unknown, revoked or expired API token.")
        api_token_note_use(token=token, request=request._request)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'


class TokenScope(permissions.BasePermission):
    """A read-only token may only read; the session (the app's own pages) may do what the
    person may."""

    message = "This API token is read-only: create a read-and-write token to change data."

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        token = request.auth
        if isinstance(token, ApiToken) and request.method not in permissions.SAFE_METHODS:
            return token.may_write
        return True


class PerTokenRateThrottle(throttling.SimpleRateThrottle):
    """Requests per token (per person for the session), at the rate API_RATE_LIMIT sets."""

    scope = "api"

    def get_rate(self) -> str:
        # Read per request (not once at import) so that the setting can change in tests.
        return settings.API_RATE_LIMIT

    def get_cache_key(self, request, view) -> str | None:
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema names the token authentication."""

    target_class = "scorecards.api.auth.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema) -> dict:
        return {"type": "http", "scheme": "bearer", "description": "A personal API token."}
