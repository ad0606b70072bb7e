"""Who single sign-on lets in, with which personas, and what the login and logout pages do.

The provider's answers (token, ID token, userinfo) are given here; tests/browser/test_sso.py
runs the same code against a real provider."""

import time

import jwt
import pytest
from django.contrib.auth.models import Group, User
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import SuspiciousOperation
from django.test import RequestFactory

from interviewkit import personas
from interviewkit.models import AuditEvent
from interviewkit.sso import provider
from interviewkit.sso.backend import REFUSAL_SESSION_KEY, OidcBackend
from interviewkit.sso.config import from_environment
from tests.factories import UserFactory

ISSUER = "https://idp.example.com"
ENDPOINTS = {
    "OIDC_ISSUER": ISSUER,
    "OIDC_AUTHORIZATION_ENDPOINT": f"{ISSUER}/authorize",
    "OIDC_TOKEN_ENDPOINT": f"{ISSUER}/token",
    "OIDC_USERINFO_ENDPOINT": f"{ISSUER}/userinfo",
    "OIDC_JWKS_URI": f"{ISSUER}/jwks",
    "OIDC_END_SESSION_ENDPOINT": f"{ISSUER}/logout",
}


def configure(settings, **env) -> None:
    settings.SSO = from_environment(
        {
            **ENDPOINTS,
            "OIDC_PROVIDER_NAME": "Acme ID",
            "OIDC_CLIENT_ID": "interviewkit",
            "OIDC_CLIENT_SECRET": "a-secret-long-enough-for-hs256-signing-keys",
            "OIDC_SIGN_ALGO": "HS256",
            "OIDC_GROUP_MAP": "hiring-managers=hiring_manager,recruiters=recruiter,"
            "panel=interviewer",
            **env,
        }
    )
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "interviewkit.sso.backend.OidcBackend",
    ]
    provider.forget_metadata()


@pytest.fixture
def sso(settings, db):
    configure(settings)


def claims(**changes) -> dict:
    return {
        "sub": "00u-rita",
        "email": "rita@acme.com",
        "email_verified": True,
        "given_name": "Rita",
        "family_name": "Recruiter",
        "preferred_username": "rita",
        "groups": ["recruiters", "everyone"],
        **changes,
    }


def callback_request():
    request = RequestFactory().get("/login/sso/callback/", {"code": "c0de", "state": "st4te"})
    request.session = SessionStore()
    return request


def sign_in(monkeypatch, answer: dict, request=None):
    """The code flow's last step with the provider answering `answer` (ID token and userinfo)."""
    request = request or callback_request()
    monkeypatch.setattr(
        OidcBackend, "get_token", lambda self, payload: {"id_token": "t", "access_token": "a"}
    )
    monkeypatch.setattr(
        OidcBackend, "verify_token", lambda self, token, **kw: {"sub": answer["sub"]}
    )
    monkeypatch.setattr(
        "mozilla_django_oidc.auth.OIDCAuthenticationBackend.get_userinfo",
        lambda self, access_token, id_token, payload: answer,
    )
    return OidcBackend().authenticate(request, nonce="n0nce", code_verifier="v"), request


def test_a_first_sign_in_creates_the_account_with_the_personas_of_its_groups(sso, monkeypatch):
    user, request = sign_in(monkeypatch, claims())

    assert user.username == "rita"
    assert (user.email, user.first_name, user.last_name) == ("rita@acme.com", "Rita", "Recruiter")
    assert not user.has_usable_password()
    assert personas.group_names(User.objects.get(pk=user.pk)) == {personas.RECRUITERS}
    event = AuditEvent.objects.get(action="sso.login")
    assert event.actor == user
    assert event.detail == {
        "provider": "Acme ID",
        "subject": "00u-rita",
        "created": True,
        "personas": [personas.RECRUITERS],
        "added": [personas.RECRUITERS],
        "removed": [],
    }


def test_personas_follow_the_groups_and_other_groups_stay(sso, monkeypatch):
    user = UserFactory(username="r.local", email="Rita@Acme.com", persona=personas.RECRUITERS)
    user.groups.add(Group.objects.create(name="Book club"))

    signed_in, _ = sign_in(monkeypatch, claims(groups=["hiring-managers", "panel"]))

    assert signed_in == user
    assert set(user.groups.values_list("name", flat=True)) == {
        personas.HIRING_MANAGERS,
        personas.INTERVIEWERS,
        "Book club",
    }
    detail = AuditEvent.objects.get(action="sso.login").detail
    assert detail["removed"] == [personas.RECRUITERS]
    assert detail["created"] is False


def test_removed_from_every_mapped_group_loses_the_personas_and_is_refused(sso, monkeypatch):
    user = UserFactory(username="r.local", email="rita@acme.com", persona=personas.RECRUITERS)

    signed_in, request = sign_in(monkeypatch, claims(groups=["everyone"]))

    assert signed_in is None
    assert personas.group_names(User.objects.get(pk=user.pk)) == set()
    assert "in no group that gives access" in request.session[REFUSAL_SESSION_KEY]
    refusal = AuditEvent.objects.get(action="sso.refused")
    assert refusal.detail["reason"] == "no_persona"
    assert refusal.detail["groups"] == ["everyone"]
    assert refusal.detail["email"] == "rita@acme.com"


@pytest.mark.parametrize(
    ("answer", "reason", "message"),
    [
        (claims(email=""), "no_email", "did not tell this app your email address"),
        (claims(email_verified=False), "email_unverified", "is not verified at Acme ID"),
        (claims(groups="staff"), "no_persona", "in no group that gives access"),
    ],
)
def test_a_sign_in_without_what_the_app_needs_is_refused_with_the_reason(
    sso, monkeypatch, answer, reason, message
):
    signed_in, request = sign_in(monkeypatch, answer)

    assert signed_in is None
    assert message in request.session[REFUSAL_SESSION_KEY]
    assert AuditEvent.objects.get(action="sso.refused").detail["reason"] == reason
    assert not User.objects.exists()


def test_only_allowed_email_domains_sign_in(settings, db, monkeypatch):
    configure(settings, OIDC_ALLOWED_EMAIL_DOMAINS="acme.com")

    assert sign_in(monkeypatch, claims())[0] is not None
    signed_in, request = sign_in(monkeypatch, claims(sub="x", email="eve@evil.example"))
    assert signed_in is None
    assert request.session[REFUSAL_SESSION_KEY] == (
        "Accounts of evil.example cannot sign in to this app."
    )


@pytest.mark.parametrize(
    ("existing", "reason"),
    [({"is_superuser": True}, "superuser"), ({"is_active": False}, "inactive")],
)
def test_superuser_and_deactivated_accounts_are_not_reached_by_single_sign_on(
    sso, monkeypatch, existing, reason
):
    UserFactory(username="root", email="rita@acme.com", **existing)

    assert sign_in(monkeypatch, claims())[0] is None
    assert AuditEvent.objects.get(action="sso.refused").detail["reason"] == reason


def test_a_taken_preferred_username_falls_back_to_the_email(sso, monkeypatch):
    UserFactory(username="rita", email="rita.other@elsewhere.com")

    user, _ = sign_in(monkeypatch, claims())

    assert user.username == "rita@acme.com"
    assert User.objects.get(username="rita").email == "rita.other@elsewhere.com"


def _id_token(**changes) -> str:
    payload = {"iss": ISSUER, "aud": "interviewkit", "sub": "00u-rita", "nonce": "n0nce", **changes}
    return jwt.encode(payload, "a-secret-long-enough-for-hs256-signing-keys", algorithm="HS256")


def test_the_id_token_must_come_from_the_issuer_and_be_meant_for_this_client(sso):
    backend = OidcBackend()
    assert backend.verify_token(_id_token(), nonce="n0nce")["sub"] == "00u-rita"
    assert backend.verify_token(_id_token(aud=["other", "interviewkit"]), nonce="n0nce")
    with pytest.raises(SuspiciousOperation, match="issuer"):
        backend.verify_token(_id_token(iss="https://evil.example"), nonce="n0nce")
    with pytest.raises(SuspiciousOperation, match="aud"):
        backend.verify_token(_id_token(aud="another-app"), nonce="n0nce")
    with pytest.raises(SuspiciousOperation, match="Nonce"):
        backend.verify_token(_id_token(), nonce="replayed")


def test_a_provider_error_during_the_code_flow_is_refused_not_a_500(sso, monkeypatch):
    def token_refused(self, payload):
        raise SuspiciousOperation("JWS token verification failed.")

    monkeypatch.setattr(OidcBackend, "get_token", token_refused)
    request = callback_request()

    assert OidcBackend().authenticate(request, nonce="n0nce", code_verifier="v") is None
    assert "could not be completed" in request.session[REFUSAL_SESSION_KEY]
    refusal = AuditEvent.objects.get(action="sso.refused")
    assert refusal.detail["reason"] == "provider_error"
    assert "JWS token verification failed" in refusal.detail["error"]


def test_an_expired_id_token_is_refused(sso, monkeypatch):
    expired = _id_token(exp=int(time.time()) - 60)
    monkeypatch.setattr(
        OidcBackend, "get_token", lambda self, payload: {"id_token": expired, "access_token": "a"}
    )
    request = callback_request()

    assert OidcBackend().authenticate(request, nonce="n0nce", code_verifier="v") is None
    refusal = AuditEvent.objects.get(action="sso.refused")
    assert refusal.detail["reason"] == "provider_error"
    assert "expired" in refusal.detail["error"]


def test_a_password_login_never_reaches_the_sso_backend(sso):
    request = RequestFactory().post("/login/")
    assert OidcBackend().authenticate(request, username="rita", password="x") is None


# The pages.


def test_without_sso_the_login_page_is_the_password_form_and_the_sso_routes_are_404(client, db):
    page = client.get("/login/").content.decode()
    assert "Sign in with" not in page
    assert 'id="id_password"' in page
    assert client.get("/login/sso/start/").status_code == 404
    assert client.get("/login/sso/refused/").status_code == 404


def test_with_sso_the_login_page_offers_the_provider_and_the_password(client, sso):
    page = client.get("/login/?next=/candidates/").content.decode()
    assert 'href="/login/sso/start/?next=/candidates/"' in page
    assert "Sign in with Acme ID" in page
    assert 'id="id_password"' in page


def test_sign_in_starts_the_code_flow_with_state_nonce_and_pkce(client, sso):
    response = client.get("/login/sso/start/?next=/candidates/")

    assert response.status_code == 302
    url = response["Location"]
    assert url.startswith(f"{ISSUER}/authorize?")
    for part in ("response_type=code", "client_id=interviewkit", "code_challenge_method=S256"):
        assert part in url
    assert "state=" in url and "nonce=" in url
    assert "redirect_uri=http%3A%2F%2Ftestserver%2Flogin%2Fsso%2Fcallback%2F" in url
    assert client.session["oidc_login_next"] == "/candidates/"


def test_an_unreachable_provider_gives_a_page_that_says_so(client, settings, db):
    configure(
        settings, OIDC_AUTHORIZATION_ENDPOINT="", OIDC_DISCOVERY_URL="http://127.0.0.1:9/oidc"
    )

    response = client.get("/login/sso/start/")

    assert response.status_code == 502
    assert b"Acme ID did not answer with its OpenID configuration" in response.content
    assert AuditEvent.objects.get(action="sso.refused").detail["reason"] == "provider_unavailable"


def test_the_provider_saying_no_ends_on_the_refusal_page(client, sso):
    response = client.get("/login/sso/callback/?error=access_denied&state=x", follow=True)

    assert response.status_code == 403
    assert b"Acme ID did not sign you in (access_denied)." in response.content
    assert AuditEvent.objects.get(action="sso.refused").detail["reason"] == "access_denied"


def test_logout_after_sso_ends_the_providers_session_too(client, sso):
    user = UserFactory(persona=personas.RECRUITERS)
    client.force_login(user, backend="interviewkit.sso.backend.OidcBackend")
    session = client.session
    session["oidc_id_token"] = "the.id.token"
    session.save()

    response = client.post("/logout/")

    assert response.status_code == 200
    page = response.content.decode()
    assert f'content="0;url={ISSUER}/logout?id_token_hint=the.id.token' in page
    assert "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2Flogin%2F" in page
    assert "_auth_user_id" not in client.session
    assert client.get("/candidates/").status_code == 302


def test_logout_after_a_password_login_is_unchanged(client, sso):
    client.force_login(UserFactory(persona=personas.RECRUITERS))
    response = client.post("/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/login/"


@pytest.fixture
def local_login_off(settings, sso):
    settings.LOCAL_LOGIN = False
    settings.AUTHENTICATION_BACKENDS = [
        "interviewkit.auth_backend.SuperuserOnlyModelBackend" if "ModelBackend" in b else b
        for b in settings.AUTHENTICATION_BACKENDS
    ]


def test_with_local_login_off_a_password_login_is_refused_with_the_way_in(client, local_login_off):
    UserFactory(username="rita", persona=personas.RECRUITERS)

    page = client.get("/login/").content.decode()
    assert "Break-glass administrator login" in page
    response = client.post("/login/", {"username": "rita", "password": "pw-for-tests"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Password login is turned off here except for the break-glass administrator" in (
        response.content.decode()
    )
    assert "Sign in with Acme ID instead." in response.content.decode()


def test_with_local_login_off_the_break_glass_superuser_still_logs_in(client, local_login_off):
    UserFactory(username="root", is_superuser=True, is_staff=True)

    response = client.post("/login/", {"username": "root", "password": "pw-for-tests"})

    assert response.status_code == 302
    assert client.session["_auth_user_id"]
