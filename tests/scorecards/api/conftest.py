"""API test helpers: a token for a persona, and a client that sends it."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from scorecards.api.tokens import api_token_create


class ApiClient:
    """JSON in, JSON out, with `Authorization: Bearer <token>`."""

    def __init__(self, raw: str) -> None:
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    def get(self, path, params=None):
        return self.client.get(path, params or {})

    def post(self, path, data=None):
        return self.client.post(path, data or {}, content_type="application/json")

    def patch(self, path, data=None):
        return self.client.patch(path, data or {}, content_type="application/json")

    def delete(self, path):
        return self.client.delete(path)


@pytest.fixture
def api_as():
    """api_as(user, scope="write") → an ApiClient with a fresh token of that user."""

    def make(user, scope: str = "write") -> ApiClient:
        _, raw = api_token_create(
            user=user,
            name=f"test {scope}",
            scope=scope,
            expires_at=timezone.now() + timedelta(days=1),
        )
        return ApiClient(raw)

    return make
