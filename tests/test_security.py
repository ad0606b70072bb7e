"""Login throttling, sessions and cookies, security headers and request limits."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from interviewkit.middleware.session_idle import REFRESHED_KEY
from interviewkit.models import AuditEvent
from tests.factories import UserFactory

LOGIN = reverse("login")


def fail_login(client, username: str = "interviewer", times: int = 1):
    response = None
    for _ in range(times):
        response = client.post(LOGIN, {"username": username, "password": "wrong"})
    return response


def test_five_wrong_passwords_lock_the_login_with_a_clear_message(client, interviewer):
    assert fail_login(client, times=4).status_code == 200
    response = fail_login(client)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed logins" in html
    assert "After 5 wrong passwords, logging in as <strong>interviewer</strong> is paused" in html
    assert "for 15 minutes" in html
    assert "ends by itself" in html


def test_during_the_lockout_even_the_right_password_is_refused(client, interviewer):
    fail_login(client, times=5)
    response = client.post(LOGIN, {"username": "interviewer", "password": "pw-for-tests"})
    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    assert AuditEvent.objects.filter(action="auth.login_failed", detail__locked_out=True).exists()


def test_the_lockout_ends_by_itself_after_the_cool_off(client, interviewer):
    fail_login(client, times=5)
    # Fifteen minutes and a second later.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=15, seconds=1))
    response = client.post(LOGIN, {"username": "interviewer", "password": "pw-for-tests"})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(interviewer.pk)


def test_a_username_is_locked_out_across_addresses(client, interviewer):
    for n in range(5):
        client.post(
            LOGIN, {"username": "interviewer", "password": "wrong"}, REMOTE_ADDR=f"198.51.100.{n}"
        )
    response = client.post(
        LOGIN, {"username": "interviewer", "password": "pw-for-tests"}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 429


def test_an_address_is_locked_out_across_usernames(client, interviewer):
    """Password spraying: one wrong password for each of many usernames from one address."""
    for n in range(5):
        client.post(LOGIN, {"username": f"guess{n}", "password": "wrong"})
    response = client.post(LOGIN, {"username": "interviewer", "password": "pw-for-tests"})
    assert response.status_code == 429
    elsewhere = client.post(
        LOGIN, {"username": "interviewer", "password": "pw-for-tests"}, REMOTE_ADDR="203.0.113.9"
    )
    assert elsewhere.status_code == 302


def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(client, interviewer):
    for n in range(5):
        client.post(
            LOGIN,
            {"username": f"guess{n}", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    assert fail_login(client, "someone").status_code == 429
    assert set(AuditEvent.objects.values_list("ip", flat=True)) == {"127.0.0.1"}


def test_behind_a_trusted_proxy_the_forwarded_client_is_throttled_and_audited(
    client, interviewer, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    # The load balancer (REMOTE_ADDR 10.0.0.1) appends the address it saw; the client forged
    # the entry to its left.
    for n in range(5):
        client.post(
            LOGIN,
            {"username": f"guess{n}", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.7",
        )
    locked = client.post(
        LOGIN,
        {"username": "interviewer", "password": "pw-for-tests"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert locked.status_code == 429
    other_client = client.post(
        LOGIN,
        {"username": "interviewer", "password": "pw-for-tests"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.8",
    )
    assert other_client.status_code == 302
    addresses = AuditEvent.objects.order_by("id").values_list("ip", flat=True)
    assert set(addresses[:5]) == {"198.51.100.7"}
    assert AuditEvent.objects.get(action="auth.login").ip == "198.51.100.8"


def test_a_successful_login_resets_the_failure_count(client, interviewer):
    fail_login(client, times=4)
    client.post(LOGIN, {"username": "interviewer", "password": "pw-for-tests"})
    client.post(reverse("logout"))
    assert fail_login(client, times=4).status_code == 200


def test_login_rotates_the_session_key(client, interviewer):
    client.get(LOGIN)
    session = client.session
    session["marker"] = "anonymous"
    session.save()
    before = session.session_key
    client.post(LOGIN, {"username": "interviewer", "password": "pw-for-tests"})
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()


def test_the_session_cookie_is_httponly_and_samesite_lax(client, interviewer):
    client.post(LOGIN, {"username": "interviewer", "password": "pw-for-tests"})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 8 * 3600


def test_an_active_session_moves_its_expiry_on_but_not_on_every_request(client, interviewer):
    client.force_login(interviewer)
    key = client.session.session_key
    first_expiry = Session.objects.get(session_key=key).expire_date
    client.get(reverse("kits:role-list"))
    # Stamped at login: a request right after does not write the session again.
    assert Session.objects.get(session_key=key).expire_date == first_expiry
    session = client.session
    session[REFRESHED_KEY] -= settings.SESSION_IDLE_REFRESH_SECONDS + 1
    session.save()
    stale_expiry = Session.objects.get(session_key=key).expire_date
    client.get(reverse("kits:role-list"))
    assert Session.objects.get(session_key=key).expire_date > stale_expiry


def test_an_idle_session_has_expired(client, interviewer):
    client.force_login(interviewer)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("kits:role-list"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_every_page_sends_the_security_headers(client, interviewer):
    client.force_login(interviewer)
    response = client.get(reverse("kits:role-list"))
    assert response.headers["Content-Security-Policy"] == (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
        "frame-ancestors 'none'; form-action 'self'"
    )
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_error_pages_send_the_policy_too(client, db):
    assert "Content-Security-Policy" in client.get("/no-such-page/").headers


def test_the_app_pages_carry_no_inline_script_or_style(client, hiring_manager, role):
    client.force_login(hiring_manager)
    for url in [reverse("kits:role-list"), reverse("audit:event-list"), LOGIN]:
        html = client.get(url).content.decode()
        assert "<script>" not in html and "<script type" not in html, url
        assert " onclick=" not in html and "<style" not in html, url


def test_a_request_body_over_the_limit_is_refused(client, db):
    response = client.post(
        LOGIN,
        {"username": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1), "password": "p"},
    )
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action="auth.login").exists()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_audit_log_only_answers_reads(client, admin_user, method):
    client.force_login(admin_user)
    assert getattr(client, method)(reverse("audit:event-list")).status_code == 405


class LoginFormFuzzTests(HypothesisTestCase):
    """Whatever is typed into the login form, it answers with the form again, never a 500,
    and logs nobody in."""

    @classmethod
    def setUpTestData(cls):
        UserFactory(username="interviewer")

    @hypothesis_settings(max_examples=40, deadline=None)
    @given(
        username=st.text(max_size=400).filter(lambda s: "\x00" not in s),
        password=st.text(max_size=400).filter(lambda s: "\x00" not in s),
    )
    def test_any_typed_login_is_refused_cleanly(self, username, password):
        AccessAttempt.objects.all().delete()
        response = self.client.post(LOGIN, {"username": username, "password": password})
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(SESSION_KEY, self.client.session)


def test_an_upload_over_the_body_limit_is_refused_before_any_view(client, hiring_manager, settings):
    settings.MAX_REQUEST_BODY_SIZE = 1_000_000
    client.force_login(hiring_manager)
    big = SimpleUploadedFile(
        "brief.md", b"# Role\n" + b"x" * 1_000_001, content_type="text/markdown"
    )
    response = client.post(reverse("audit:event-list"), {"file": big})
    assert response.status_code == 413
    assert "at most 1 MB" in response.content.decode()
    assert not AuditEvent.objects.filter(action="permission.denied").exists()


def test_an_upload_under_the_body_limit_reaches_the_view(client, hiring_manager):
    client.force_login(hiring_manager)
    small = SimpleUploadedFile("brief.md", b"# Role\n", content_type="text/markdown")
    # The audit log answers reads only: reaching it gives its 405, not the size refusal.
    assert client.post(reverse("audit:event-list"), {"file": small}).status_code == 405


def test_pages_for_a_logged_in_person_are_never_cached(client, interviewer):
    client.force_login(interviewer)
    response = client.get(reverse("kits:role-list"))
    cache = response.headers["Cache-Control"]
    assert "no-store" in cache and "private" in cache


def test_pages_allow_no_device_features(client, db):
    response = client.get(LOGIN)
    assert response.headers["Permissions-Policy"].startswith("camera=(), microphone=()")
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
