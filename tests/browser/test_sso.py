"""Single sign-on end to end: Chromium, the app's live server and a real OpenID provider
(tests/oidc/provider.js, the `oidc-provider` package) on loopback."""

import re

import pytest
from django.contrib.auth.models import User

from interviewkit import personas
from interviewkit.models import AuditEvent
from interviewkit.sso import provider as sso_provider
from interviewkit.sso.config import from_environment
from tests.oidc.server import CLIENT_ID, CLIENT_SECRET, running_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def identity_provider(live_server, settings):
    with running_provider(
        redirect_uri=f"{live_server.url}/login/sso/callback/",
        post_logout_redirect_uri=f"{live_server.url}/login/",
    ) as issuer:
        settings.SSO = from_environment(
            {
                "OIDC_PROVIDER_NAME": "Test IdP",
                "OIDC_ISSUER": issuer,
                "OIDC_CLIENT_ID": CLIENT_ID,
                "OIDC_CLIENT_SECRET": CLIENT_SECRET,
                "OIDC_SCOPES": "openid email profile groups",
                "OIDC_GROUP_MAP": "hiring-managers=hiring_manager,interviewers=interviewer,"
                "recruiters=recruiter",
            }
        )
        settings.AUTHENTICATION_BACKENDS = [
            *settings.AUTHENTICATION_BACKENDS,
            "interviewkit.sso.backend.OidcBackend",
        ]
        sso_provider.forget_metadata()
        yield issuer
        sso_provider.forget_metadata()


def sign_in_at_provider(page, username: str) -> None:
    page.goto("/login/")
    page.get_by_role("link", name="Sign in with Test IdP").click()
    page.get_by_role("heading", name="Test identity provider").wait_for()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f"{username}-pw")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_a_recruiter_signs_in_with_the_provider_gets_recruiter_pages_only_and_logs_out(
    page, screenshot, live_server, identity_provider
):
    page.goto("/login/")
    screenshot("sso-login-page")
    sign_in_at_provider(page, "rita")

    page.wait_for_url(f"{live_server.url}/candidates/")
    assert page.get_by_text("Signed in as Rita Recruiter").is_visible()
    screenshot("sso-recruiter-home")
    rita = User.objects.get(email="rita@example.test")
    assert rita.username == "rita"
    assert personas.group_names(rita) == {personas.RECRUITERS}
    assert not rita.has_usable_password()
    login = AuditEvent.objects.get(action="sso.login")
    assert login.actor == rita
    assert login.detail["created"] is True
    assert login.detail["added"] == [personas.RECRUITERS]

    # Starting a role is for hiring managers: a recruiter is refused.
    response = page.goto("/roles/new/upload/")
    assert response.status == 403
    assert page.get_by_text("Only hiring managers and admins can start a role.").is_visible()

    page.get_by_role("button", name="Log out").click()
    # The app's session ends, then the provider asks to end its own.
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(re.compile(re.escape(f"{live_server.url}/login/")))
    page.get_by_role("link", name="Sign in with Test IdP").wait_for()
    assert page.goto("/candidates/").url.startswith(f"{live_server.url}/login/")
    # Signing in again asks for the password: the provider's session is over too.
    page.get_by_role("link", name="Sign in with Test IdP").click()
    page.get_by_label("Password").wait_for()
    assert AuditEvent.objects.filter(action="auth.logout", actor=rita).exists()


def test_a_hiring_manager_who_was_a_recruiter_gets_the_personas_of_their_groups(
    page, live_server, identity_provider
):
    from tests.factories import UserFactory

    hank = UserFactory(
        username="hank.local", email="hank@example.test", persona=personas.RECRUITERS
    )
    sign_in_at_provider(page, "hank")

    # An interviewer first: their interviews are the start page.
    page.wait_for_url(f"{live_server.url}/interviews/")
    assert personas.group_names(User.objects.get(pk=hank.pk)) == {
        personas.HIRING_MANAGERS,
        personas.INTERVIEWERS,
    }
    assert page.goto("/roles/new/upload/").status == 200


def test_someone_whose_groups_map_to_no_persona_is_refused_with_a_clear_page(
    page, screenshot, live_server, identity_provider
):
    sign_in_at_provider(page, "nora")

    page.get_by_role("heading", name="You cannot sign in with Test IdP").wait_for()
    assert page.url == f"{live_server.url}/login/sso/refused/"
    alert = page.get_by_role("alert")
    assert "in no group that gives access to this app" in alert.inner_text()
    screenshot("sso-refused")
    assert not User.objects.filter(email="nora@example.test").exists()
    refusal = AuditEvent.objects.get(action="sso.refused")
    assert refusal.detail["reason"] == "no_persona"
    assert refusal.detail["groups"] == ["contractors"]
    assert not AuditEvent.objects.filter(action="auth.login_failed").exists()
    assert page.goto("/candidates/").url.startswith(f"{live_server.url}/login/")


def _tab_to(page, name: str, *, key: str = "Tab", limit: int = 8) -> None:
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_the_login_page_works_at_390_px_and_by_keyboard_with_local_login_off(
    page, screenshot, settings, live_server, identity_provider
):
    settings.LOCAL_LOGIN = False
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/login/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Password login is folded away behind the break-glass disclosure; the keyboard opens it.
    assert not page.get_by_label("Password").is_visible()
    _tab_to(page, "Sign in with Test IdP")
    focused = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle + ' ' + s.boxShadow; })()"
    )
    assert focused != "none none", focused
    _tab_to(page, "Break-glass administrator login")
    page.keyboard.press("Enter")
    page.get_by_label("Password").wait_for()
    screenshot("sso-login-local-off-390")
    _tab_to(page, "Sign in with Test IdP", key="Shift+Tab")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Test identity provider").wait_for()
    assert page.url.startswith(identity_provider)
