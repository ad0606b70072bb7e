"""Personal API tokens: created on the profile page and shown once, stored hashed, scoped,
expiring, revocable, and every use audited."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from interviewkit.models import AuditEvent
from scorecards.api.models import ApiToken
from scorecards.api.tokens import api_token_create, token_hash

pytestmark = pytest.mark.django_db


def create_on_page(client, **data):
    form = {"name": "ATS sync", "scope": "read", "lifetime": "90", **data}
    return client.post(reverse("tokens:list"), form)


def test_the_page_shows_a_new_token_once_and_keeps_only_its_hash(client, recruiter):
    client.force_login(recruiter)
    response = create_on_page(client, scope="write")
    assert response.status_code == 201
    raw = response.context["new_token"]
    assert raw.startswith("ikt_") and raw in response.content.decode()
    token = ApiToken.objects.get()
    assert token.user == recruiter and token.scope == "write" and token.name == "ATS sync"
    assert token.key_hash == token_hash(raw) and raw not in (token.key_hash, token.prefix)
    assert timedelta(days=89) < token.expires_at - timezone.now() <= timedelta(days=90)
    again = client.get(reverse("tokens:list"))
    assert raw not in again.content.decode()
    assert token.prefix in again.content.decode()


def test_a_token_without_a_name_is_refused_beside_the_field(client, recruiter):
    client.force_login(recruiter)
    response = create_on_page(client, name="  ", scope="write")
    assert response.status_code == 400
    assert "name" in response.context["form"].errors
    assert response.context["form"].data["scope"] == "write"
    assert not ApiToken.objects.exists()


def test_two_active_tokens_cannot_share_a_name(client, recruiter):
    client.force_login(recruiter)
    create_on_page(client)
    response = create_on_page(client)
    assert response.status_code == 400
    assert "already have an active token" in response.context["form"].errors["name"][0]


def test_the_service_refuses_past_and_too_far_expiries(recruiter):
    from django.core.exceptions import ValidationError

    for when in (timezone.now() - timedelta(minutes=1), timezone.now() + timedelta(days=400)):
        with pytest.raises(ValidationError) as error:
            api_token_create(user=recruiter, name="x", scope="read", expires_at=when)
        assert "expires_at" in error.value.message_dict


def test_a_token_authenticates_sets_its_last_use_and_every_use_is_audited(api_as, recruiter):
    api = api_as(recruiter, scope="read")
    token = ApiToken.objects.get()
    assert token.last_used_at is None
    assert api.get(reverse("api:role-list")).status_code == 200
    assert api.get(reverse("api:candidate-list")).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    uses = AuditEvent.objects.filter(action="api.request", actor=recruiter).order_by("id")
    assert [e.detail["path"] for e in uses] == [
        reverse("api:role-list"),
        reverse("api:candidate-list"),
    ]
    assert uses[0].detail["token"] == token.name and uses[0].object_id == str(token.pk)


def test_a_read_only_token_cannot_write(api_as, recruiter, role):
    api = api_as(recruiter, scope="read")
    response = api.post(
        reverse("api:candidate-list"), {"role": role.slug, "name": "N", "email": "n@example.com"}
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert "read-only" in response.json()["error"]["message"]


@pytest.mark.parametrize("header", ["Bearer ikt_wrong", "Bearer nonsense", "Bearer "])
def test_an_unknown_token_is_a_401_with_the_error_shape(db, header):
    response = Client(HTTP_AUTHORIZATION=header).get(reverse("api:role-list"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["error"]["status"] == 401


def test_revoked_and_expired_tokens_stop_working(client, api_as, recruiter):
    api = api_as(recruiter)
    token = ApiToken.objects.get()
    assert api.get(reverse("api:role-list")).status_code == 200
    client.force_login(recruiter)
    response = client.post(reverse("tokens:revoke", args=[token.pk]))
    assert response.status_code == 302
    assert api.get(reverse("api:role-list")).status_code == 401
    assert AuditEvent.objects.filter(action="api_token.revoke", object_id=str(token.pk)).exists()
    api2 = api_as(recruiter)
    ApiToken.objects.filter(revoked_at__isnull=True).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert api2.get(reverse("api:role-list")).status_code == 401


def test_nobody_revokes_another_persons_token(client, api_as, recruiter, hiring_manager):
    api_as(recruiter)
    token = ApiToken.objects.get()
    client.force_login(hiring_manager)
    assert client.post(reverse("tokens:revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_of_a_deactivated_user_stops_working(api_as, recruiter):
    api = api_as(recruiter)
    recruiter.is_active = False
    recruiter.save()
    assert api.get(reverse("api:role-list")).status_code == 401


def test_each_token_has_its_own_rate_limit(api_as, recruiter, settings):
    from django.core.cache import cache

    cache.clear()
    settings.API_RATE_LIMIT = "3/minute"
    try:
        first, second = api_as(recruiter), api_as(recruiter, scope="read")
        answers = [first.get(reverse("api:role-list")).status_code for _ in range(4)]
        assert answers == [200, 200, 200, 429]
        refused = first.get(reverse("api:role-list"))
        assert refused.json()["error"]["code"] == "throttled" and "Retry-After" in refused
        assert second.get(reverse("api:role-list")).status_code == 200
    finally:
        cache.clear()
