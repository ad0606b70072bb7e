"""A password change, and each refused attempt, is an audit event naming the person and the
address, and never what was typed. Wrong current passwords are limited as logins are: someone
at an unattended session cannot guess the password through this page."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviewkit.models import AuditEvent

NEW = "a-new-pass-9x"


@pytest.fixture
def signed_in(client, interviewer):
    client.force_login(interviewer)
    return client


def change(client, old: str, new1: str = NEW, new2: str = NEW):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new1, "new_password2": new2},
        REMOTE_ADDR="198.51.100.23",
    )


def test_a_password_change_is_an_audit_event(signed_in, interviewer):
    response = change(signed_in, "pw-for-tests")
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="auth.password_change")
    assert (event.actor, event.actor_name) == (interviewer, "interviewer")
    assert (event.object_type, event.object_id) == ("user", str(interviewer.pk))
    assert event.ip == "198.51.100.23"
    assert not AuditEvent.objects.filter(action="auth.password_change_failed").exists()


@pytest.mark.parametrize(
    "old, new1, new2, detail",
    [
        (
            "not-my-password",
            NEW,
            NEW,
            {"fields": ["old_password"], "wrong_current_password": True},
        ),
        ("pw-for-tests", NEW, "a-different-one-7y", {"fields": ["new_password2"]}),
        ("pw-for-tests", "12345678", "12345678", {"fields": ["new_password2"]}),
    ],
)
def test_a_refused_change_is_an_audit_event_naming_the_wrong_fields_only(
    signed_in, interviewer, old, new1, new2, detail
):
    response = change(signed_in, old, new1, new2)
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="auth.password_change_failed")
    assert event.actor == interviewer
    assert event.detail == detail
    assert event.ip == "198.51.100.23"
    stored = json.dumps(event.detail) + event.object_repr
    for typed in {old, new1, new2}:
        assert typed not in stored
    interviewer.refresh_from_db()
    assert interviewer.check_password("pw-for-tests")
    assert not AuditEvent.objects.filter(action="auth.password_change").exists()


def test_the_audit_page_lists_a_password_change(signed_in, admin_user, client):
    change(signed_in, "pw-for-tests")
    client.force_login(admin_user)
    page = client.get(reverse("audit:event-list")).content.decode()
    assert "auth.password_change" in page


def test_wrong_current_passwords_close_the_page_for_the_cool_off_then_it_opens(
    signed_in, interviewer, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        assert change(signed_in, "guess").status_code == 200
    # Closed: even the right current password is not checked, and nothing changes.
    refused = change(signed_in, "pw-for-tests")
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Too many wrong current passwords" in page
    assert re.search(r"Try again after \d+ \w+ \d{4}, \d\d:\d\d UTC\.", page)
    interviewer.refresh_from_db()
    assert interviewer.check_password("pw-for-tests")
    assert AuditEvent.objects.filter(detail__locked_out=True, actor=interviewer).count() == 1
    # Refusals while closed do not extend it: once the wrong guesses are a cool-off old, it opens.
    AuditEvent.objects.filter(detail__wrong_current_password=True).update(
        at=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert change(signed_in, "pw-for-tests").status_code == 302
    interviewer.refresh_from_db()
    assert interviewer.check_password(NEW)


def test_mistakes_in_the_new_password_do_not_close_the_page(signed_in, interviewer, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(3):
        assert change(signed_in, "pw-for-tests", NEW, "a-different-one-7y").status_code == 200
    assert change(signed_in, "pw-for-tests").status_code == 302


def test_another_persons_wrong_guesses_do_not_close_my_page(
    client, interviewer, other_interviewer, settings
):
    settings.AXES_FAILURE_LIMIT = 2
    client.force_login(other_interviewer)
    for _ in range(2):
        change(client, "guess")
    client.force_login(interviewer)
    assert change(client, "pw-for-tests").status_code == 302
