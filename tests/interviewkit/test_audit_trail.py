"""What goes into the audit log by itself: logins, logouts, failed logins, permission denials;
and that nobody can edit it in the admin."""

import pytest
from django.urls import reverse

from interviewkit.audit import events as audit
from interviewkit.models import AuditEvent


def test_a_login_through_the_form_is_recorded_with_the_address(client, interviewer):
    response = client.post(
        reverse("login"), {"username": "interviewer", "password": "pw-for-tests"}
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="auth.login")
    assert event.actor == interviewer
    assert event.actor_name == "interviewer"
    assert event.ip == "127.0.0.1"


def test_a_failed_login_is_recorded_with_the_username_typed_and_never_the_password(
    client, interviewer
):
    client.post(reverse("login"), {"username": "interviewer", "password": "guess-123"})
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert event.actor is None
    assert event.detail == {"username": "interviewer"}
    assert "guess-123" not in str(event.detail)


def test_a_logout_is_recorded(client, interviewer):
    client.force_login(interviewer)
    client.post(reverse("logout"))
    assert AuditEvent.objects.filter(action="auth.logout", actor=interviewer).count() == 1


def test_a_permission_denial_is_recorded_with_the_path(client, recruiter):
    client.force_login(recruiter)
    response = client.get(reverse("audit:event-list") + "?action=x")
    assert response.status_code == 403
    event = AuditEvent.objects.get(action="permission.denied")
    assert event.actor == recruiter
    assert event.detail["path"] == "/audit/?action=x"
    assert event.detail["method"] == "GET"
    assert "hiring managers and admins" in event.detail["reason"]


def test_the_403_page_explains_and_offers_a_way_on(client, recruiter):
    client.force_login(recruiter)
    html = client.get(reverse("audit:event-list")).content.decode()
    assert "Only hiring managers and admins can read the audit log." in html
    assert 'href="/"' in html
    assert "navbar" in html


def test_the_404_page_is_styled_and_names_the_path(client, interviewer):
    client.force_login(interviewer)
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "There is nothing here" in html
    assert "/no/such/page/" in html
    assert "bootstrap.min.css" in html


def test_the_500_page_renders_without_a_request_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html


def test_the_role_of_an_event_comes_from_its_object(recruiter, candidate, role):
    assert audit.record(recruiter, "export.pdf", candidate).role == role
    assert audit.record(recruiter, "auth.login").role is None


@pytest.mark.parametrize(
    "url",
    [
        "/admin/interviewkit/auditevent/add/",
        "/admin/interviewkit/auditevent/{pk}/delete/",
    ],
)
def test_nobody_can_add_or_delete_audit_events_in_the_admin(client, admin_user, url):
    event = audit.record(admin_user, "kit.edit")
    client.force_login(admin_user)
    assert client.get(url.format(pk=event.pk)).status_code == 403
    assert client.post(url.format(pk=event.pk), {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_an_admin_can_read_but_not_change_an_event_in_the_admin(client, admin_user):
    event = audit.record(admin_user, "kit.edit", detail={"note": "before"})
    client.force_login(admin_user)
    url = f"/admin/interviewkit/auditevent/{event.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(url, {"action": "forged", "detail": "{}"}).status_code == 403
    event.refresh_from_db()
    assert event.action == "kit.edit"
    list_page = client.get("/admin/interviewkit/auditevent/")
    assert list_page.status_code == 200
    assert "Delete selected" not in list_page.content.decode()


def test_a_denial_on_a_candidate_is_filed_under_its_role(client, candidate, hiring_manager, role):
    client.force_login(hiring_manager)
    url = reverse("scorecards:privacy-erase", kwargs={"pk": candidate.pk})
    assert client.get(url).status_code == 403
    event = AuditEvent.objects.get(action="permission.denied")
    assert event.role == role
    assert event.object_type == "candidate"
    assert event.object_id == str(candidate.pk)
    # So the role's hiring manager finds it in the role's log.
    log = client.get(reverse("audit:event-list"), {"action": "permission.denied"})
    assert list(log.context["page"].object_list) == [event]


def test_a_denial_on_a_role_page_is_filed_under_the_role(client, role, interviewer):
    client.force_login(interviewer)
    assert client.get(reverse("kits:kit-edit", kwargs={"slug": role.slug})).status_code == 403
    assert AuditEvent.objects.get(action="permission.denied").role == role
