"""What the app knows of the identity provider: its endpoints (from the discovery document unless
the environment names them) and the settings mozilla-django-oidc reads, all from settings.SSO."""

from __future__ import annotations

import time
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from interviewkit.sso.config import SsoConfig

# Without these the app cannot sign anyone in; end_session_endpoint is optional.
REQUIRED_ENDPOINTS = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
METADATA_MAX_AGE_SECONDS = 3600

_metadata_cache: dict[str, tuple[float, dict]] = {}


class ProviderUnavailable(Exception):
    """The discovery document could not be read; the message says why, for the person."""


def config() -> SsoConfig:
    sso = getattr(settings, "SSO", None)
    if sso is None:
        raise ImproperlyConfigured("Single sign-on is not configured (OIDC_CLIENT_ID is unset)")
    return sso


def enabled() -> bool:
    return getattr(settings, "SSO", None) is not None


def metadata() -> dict:
    """The provider's endpoints, read from the discovery document at most once an hour (per
    process) and only when the environment does not name every one of them."""
    sso = config()
    if all(name in sso.endpoints for name in REQUIRED_ENDPOINTS + ("userinfo_endpoint",)):
        return dict(sso.endpoints)
    cached = _metadata_cache.get(sso.discovery_url)
    if cached is None or time.monotonic() - cached[0] > METADATA_MAX_AGE_SECONDS:
        cached = (time.monotonic(), _fetch_discovery(sso))
        _metadata_cache[sso.discovery_url] = cached
    return {**cached[1], **sso.endpoints}


def _fetch_discovery(sso: SsoConfig) -> dict:
    try:
        response = requests.get(sso.discovery_url, timeout=sso.timeout_seconds)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(
            f"{sso.provider_name} did not answer with its OpenID configuration "
            f"({sso.discovery_url}): {error.__class__.__name__}"
        ) from error
    if not isinstance(document, dict):
        document = {}
    missing = [name for name in REQUIRED_ENDPOINTS if not document.get(name)]
    if missing:
        raise ProviderUnavailable(
            f"The OpenID configuration at {sso.discovery_url} lacks {', '.join(missing)}"
        )
    return document


def forget_metadata() -> None:
    _metadata_cache.clear()


def library_setting(attr: str, *default):
    """mozilla-django-oidc's settings, from settings.SSO (its views and backend call this)."""
    sso = config()
    fixed = {
        "OIDC_RP_CLIENT_ID": sso.client_id,
        "OIDC_RP_CLIENT_SECRET": sso.client_secret,
        "OIDC_RP_SIGN_ALGO": sso.sign_algo,
        "OIDC_RP_IDP_SIGN_KEY": None,
        "OIDC_RP_SCOPES": sso.scopes,
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": True,
        "OIDC_STORE_ID_TOKEN": True,
        "OIDC_TIMEOUT": sso.timeout_seconds,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "sso:callback",
        "OIDC_CREATE_USER": True,
        "LOGIN_REDIRECT_URL": settings.LOGIN_REDIRECT_URL,
    }
    if attr in fixed:
        return fixed[attr]
    return getattr(settings, attr, *default) if default else getattr(settings, attr)


def end_session_url(*, id_token: str, post_logout_redirect_uri: str) -> str | None:
    """Where to send the browser to end the provider's session too, or None when the provider
    has no end_session_endpoint (or cannot be reached: the app's own logout is done anyway)."""
    try:
        endpoint = metadata().get("end_session_endpoint")
    except ProviderUnavailable:
        return None
    if not endpoint:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": post_logout_redirect_uri,
            "client_id": config().client_id,
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
