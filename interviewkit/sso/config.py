"""Single sign-on settings read from the environment (settings.py calls `from_environment`).

Plain parsing with no Django app imports: it runs while the settings load. A bad value stops
the app at start with a message naming the variable and the part that is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

# The personas an identity provider's group can grant (interviewkit.sso.backend turns them into
# the persona groups of interviewkit.personas).
PERSONA_KEYS = ("interviewer", "hiring_manager", "recruiter", "admin")


@dataclass(frozen=True)
class SsoConfig:
    provider_name: str
    client_id: str
    client_secret: str
    discovery_url: str
    # Endpoints named in the environment; the rest come from the discovery document.
    endpoints: Mapping[str, str]
    scopes: str
    groups_claim: str
    group_map: Mapping[str, frozenset[str]]
    allowed_email_domains: frozenset[str] = field(default_factory=frozenset)
    sign_algo: str = "RS256"
    timeout_seconds: int = 5


# Environment variable → the provider metadata field it stands for (OpenID Connect Discovery).
ENDPOINT_VARIABLES = {
    "OIDC_ISSUER": "issuer",
    "OIDC_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_USERINFO_ENDPOINT": "userinfo_endpoint",
    "OIDC_JWKS_URI": "jwks_uri",
    "OIDC_END_SESSION_ENDPOINT": "end_session_endpoint",
}
_DISCOVERY_PATH = "/.well-known/openid-configuration"


def parse_group_map(raw: str, *, variable: str = "OIDC_GROUP_MAP") -> dict[str, frozenset[str]]:
    """ "idp-group=persona,other=persona" → {"idp-group": {"persona"}, …}.

    A group may be named twice to grant two personas; persona names are those of PERSONA_KEYS
    (case and "-" or "_" do not matter).
    """
    mapping: dict[str, set[str]] = {}
    for position, item in enumerate(raw.split(","), start=1):
        item = item.strip()
        if not item:
            continue
        group, sep, persona = item.rpartition("=")
        group = group.strip()
        key = persona.strip().lower().replace("-", "_").replace(" ", "_")
        if not sep or not group:
            raise ImproperlyConfigured(
                f"{variable}: item {position} ({item!r}) is not of the form idp-group=persona"
            )
        if key not in PERSONA_KEYS:
            raise ImproperlyConfigured(
                f"{variable}: item {position} ({item!r}) names the persona {persona.strip()!r}; "
                f"use one of {', '.join(PERSONA_KEYS)}"
            )
        mapping.setdefault(group, set()).add(key)
    return {group: frozenset(keys) for group, keys in mapping.items()}


def personas_for(groups_claim_value: object, group_map: Mapping[str, frozenset[str]]) -> set[str]:
    """The persona keys a person's groups claim grants. The claim is usually a list of names;
    a single string counts as one group; anything else grants nothing."""
    if isinstance(groups_claim_value, str):
        groups = [groups_claim_value]
    elif isinstance(groups_claim_value, list | tuple):
        groups = [g for g in groups_claim_value if isinstance(g, str)]
    else:
        groups = []
    return {key for group in groups for key in group_map.get(group, ())}


def _url(environ: Mapping[str, str], name: str) -> str:
    value = environ.get(name, "").strip()
    if value and urlsplit(value).scheme not in {"http", "https"}:
        raise ImproperlyConfigured(f"{name}={value!r} is not an http(s) URL")
    return value


def from_environment(environ: Mapping[str, str]) -> SsoConfig | None:
    """The single sign-on settings, or None when OIDC_CLIENT_ID is not set (local logins only)."""
    client_id = environ.get("OIDC_CLIENT_ID", "").strip()
    if not client_id:
        return None
    missing = [
        n for n in ("OIDC_CLIENT_SECRET", "OIDC_GROUP_MAP") if not environ.get(n, "").strip()
    ]
    if missing:
        raise ImproperlyConfigured(
            f"OIDC_CLIENT_ID is set (single sign-on is on) but {' and '.join(missing)} "
            "is not; see README.md, Single sign-on"
        )
    endpoints = {field: _url(environ, name) for name, field in ENDPOINT_VARIABLES.items()}
    endpoints = {field: url for field, url in endpoints.items() if url}
    discovery_url = _url(environ, "OIDC_DISCOVERY_URL")
    if not discovery_url and "issuer" in endpoints:
        discovery_url = endpoints["issuer"].rstrip("/") + _DISCOVERY_PATH
    if not discovery_url:
        raise ImproperlyConfigured(
            "Single sign-on needs OIDC_DISCOVERY_URL (…/.well-known/openid-configuration) "
            "or OIDC_ISSUER"
        )
    group_map = parse_group_map(environ["OIDC_GROUP_MAP"])
    if not group_map:
        raise ImproperlyConfigured("OIDC_GROUP_MAP maps no group to a persona")
    try:
        timeout = int(environ.get("OIDC_TIMEOUT_SECONDS", "") or 5)
    except ValueError:
        raise ImproperlyConfigured(
            f"OIDC_TIMEOUT_SECONDS={environ['OIDC_TIMEOUT_SECONDS']!r} is not an integer"
        ) from None
    domains = environ.get("OIDC_ALLOWED_EMAIL_DOMAINS", "")
    return SsoConfig(
        provider_name=environ.get("OIDC_PROVIDER_NAME", "").strip() or "single sign-on",
        client_id=client_id,
        client_secret=environ["OIDC_CLIENT_SECRET"].strip(),
        discovery_url=discovery_url,
        endpoints=endpoints,
        scopes=environ.get("OIDC_SCOPES", "").strip() or "openid email profile",
        groups_claim=environ.get("OIDC_GROUPS_CLAIM", "").strip() or "groups",
        group_map=group_map,
        allowed_email_domains=frozenset(
            d.strip().lower().lstrip("@") for d in domains.split(",") if d.strip()
        ),
        sign_algo=environ.get("OIDC_SIGN_ALGO", "").strip() or "RS256",
        timeout_seconds=timeout,
    )
