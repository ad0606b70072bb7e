"""The OpenID Connect authentication backend: mozilla-django-oidc's code flow, with this app's
rules on top.

- the ID token must come from the configured issuer and be meant for this client;
- the person's groups claim (merged from the ID token and the userinfo answer) must map to at
  least one persona, and their personas follow the groups on every login (a group removed at the
  provider removes the persona here);
- an unverified email, an email outside OIDC_ALLOWED_EMAIL_DOMAINS, a deactivated account and a
  superuser account (the break-glass account stays local) are refused.
A refusal is recorded in the audit log and its reason kept in the session for the refusal page.
"""

from __future__ import annotations

import logging

import jwt
import requests
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from interviewkit.audit import events as audit
from interviewkit.auth_backend import ModelBackendWithProfile
from interviewkit.sso import provider
from interviewkit.sso.config import personas_for
from interviewkit.sso.services import user_sync_from_claims

log = logging.getLogger(__name__)

REFUSAL_SESSION_KEY = "sso_refusal"


class SsoRefused(Exception):
    """A sign-in this app will not accept; the message is shown to the person."""

    def __init__(self, message: str, *, code: str, claims: dict | None = None):
        super().__init__(message)
        self.code = code
        self.claims = claims or {}


class OidcBackend(OIDCAuthenticationBackend):
    get_settings = staticmethod(provider.library_setting)
    get_user = ModelBackendWithProfile.get_user
    user_can_authenticate = ModelBackendWithProfile.user_can_authenticate

    def __init__(self, *args, **kwargs):
        # Nothing is read here: Django builds every backend on every password login too, and the
        # endpoints may need the discovery document (see the properties below).
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()

    # The attributes the library's code flow reads, from settings.SSO and the provider metadata.
    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: provider.metadata()["token_endpoint"])
    OIDC_OP_USER_ENDPOINT = property(lambda self: provider.metadata().get("userinfo_endpoint"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: provider.metadata()["jwks_uri"])
    OIDC_RP_CLIENT_ID = property(lambda self: provider.config().client_id)
    OIDC_RP_CLIENT_SECRET = property(lambda self: provider.config().client_secret)
    OIDC_RP_SIGN_ALGO = property(lambda self: provider.config().sign_algo)
    OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, **kwargs):
        # Only the callback of the code flow passes a nonce; a password login is not ours.
        if request is None or "nonce" not in kwargs or not provider.enabled():
            return None
        try:
            return super().authenticate(request, **kwargs)
        except SsoRefused as refusal:
            self._refuse(request, refusal)
        except (
            requests.RequestException,
            jwt.PyJWTError,  # an expired or malformed ID token
            SuspiciousOperation,
            provider.ProviderUnavailable,
        ) as e:
            log.warning("single sign-on failed: %s", e)
            self._refuse(
                request,
                SsoRefused(
                    f"The sign-in with {provider.config().provider_name} could not be "
                    "completed. Try again; if it keeps failing, tell an administrator.",
                    code="provider_error",
                ),
                error=str(e)[:300],
            )
        return None

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        if kwargs.get("nonce") is None:
            return payload  # a signed userinfo answer, not the ID token
        issuer = provider.metadata()["issuer"]
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != issuer:
            raise SuspiciousOperation(f"ID token issuer {payload.get('iss')!r} is not {issuer!r}")
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token is not meant for this client (aud)")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        # Some providers (Entra ID) put groups only in the ID token: read both.
        userinfo = {}
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = super().get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub", payload.get("sub")) != payload.get("sub"):
            raise SsoRefused(
                f"{provider.config().provider_name} answered for another person than the one "
                "who signed in. Try again; if it keeps failing, tell an administrator.",
                code="subject_mismatch",
            )
        return {**payload, **userinfo}

    def verify_claims(self, claims):
        sso = provider.config()
        email = (claims.get("email") or "").strip()
        if not email:
            raise SsoRefused(
                f"{sso.provider_name} did not tell this app your email address (the email "
                "claim). Ask an administrator to release it to the app.",
                code="no_email",
                claims=claims,
            )
        if claims.get("email_verified") is False:
            raise SsoRefused(
                f"Your email address {email} is not verified at {sso.provider_name}.",
                code="email_unverified",
                claims=claims,
            )
        domain = email.rpartition("@")[2].lower()
        if sso.allowed_email_domains and domain not in sso.allowed_email_domains:
            raise SsoRefused(
                f"Accounts of {domain} cannot sign in to this app.",
                code="email_domain",
                claims=claims,
            )
        return True

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        self.verify_claims(claims)
        users = list(self.filter_users_by_claims(claims)[:2])
        if len(users) > 1:
            raise SsoRefused(
                "Two accounts here have your email address; an administrator must merge them.",
                code="ambiguous_email",
                claims=claims,
            )
        existing = users[0] if users else None
        if existing is not None and existing.is_superuser:
            raise SsoRefused(
                "This account is a superuser account, which signs in with its password only.",
                code="superuser",
                claims=claims,
            )
        if existing is not None and not existing.is_active:
            raise SsoRefused(
                "Your account in this app is deactivated.", code="inactive", claims=claims
            )
        sso = provider.config()
        personas = personas_for(claims.get(sso.groups_claim), sso.group_map)
        if not personas:
            if existing is not None:
                # Removed from every group at the provider: no persona here either.
                user_sync_from_claims(user=existing, claims=claims, persona_keys=set())
            raise SsoRefused(
                f"Your account at {sso.provider_name} is in no group that gives access to this "
                "app. Ask an administrator for access.",
                code="no_persona",
                claims=claims,
            )
        user, change = user_sync_from_claims(user=existing, claims=claims, persona_keys=personas)
        audit.record_for(
            user,
            self.request,
            "sso.login",
            user,
            detail={"provider": sso.provider_name, "subject": str(claims.get("sub", ""))} | change,
        )
        return user

    def _refuse(self, request, refusal: SsoRefused, *, error: str = "") -> None:
        sso = provider.config()
        claims = refusal.claims
        detail = {
            "provider": sso.provider_name,
            "reason": refusal.code,
            "subject": str(claims.get("sub", ""))[:200],
            "email": str(claims.get("email", ""))[:254],
        }
        groups = claims.get(sso.groups_claim)
        if groups is not None:
            # What the provider sent, for the administrator to compare with OIDC_GROUP_MAP.
            detail["groups"] = groups[:50] if isinstance(groups, list) else str(groups)[:200]
        if error:
            detail["error"] = error
        audit.record_for(None, request, "sso.refused", detail=detail)
        request.session[REFUSAL_SESSION_KEY] = str(refusal)
        # The audit entry above says more than the generic failed-login one would.
        request.sso_refusal_recorded = True
