"""A password change, and each refused attempt, is an audit event naming the person and the
address, and never what was typed."""

import json

import pytest
from django.urls import reverse

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
    "old, new1, new2, fields",
    [
        ("not-my-password", NEW, NEW, ["old_password"]),
        ("pw-for-tests", NEW, "a-different-one-7y", ["new_password2"]),
        ("pw-for-tests", "12345678", "12345678", ["new_password2"]),
    ],
)
def test_a_refused_change_is_an_audit_event_naming_the_wrong_fields_only(
    signed_in, interviewer, old, new1, new2, fields
):
    response = change(signed_in, old, new1, new2)
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="auth.password_change_failed")
    assert event.actor == interviewer
    assert event.detail == {"fields": fields}
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
