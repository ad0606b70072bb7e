"""CACHE_BACKEND: the API rate limit counts per process, or through the database for all."""

from datetime import timedelta

from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from scorecards.api.tokens import api_token_create

DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "interviewkit_cache",
    }
}


def test_the_cache_is_per_process_by_default_and_the_database_when_asked(settings_in_new_process):
    assert (
        settings_in_new_process({}, "CACHES['default']['BACKEND']").stdout.strip()
        == "django.core.cache.backends.locmem.LocMemCache"
    )
    shared = settings_in_new_process({"CACHE_BACKEND": "database"}, "CACHES['default']['BACKEND']")
    assert shared.stdout.strip() == "django.core.cache.backends.db.DatabaseCache", shared.stderr
    wrong = settings_in_new_process({"CACHE_BACKEND": "redis"}, "CACHES['default']['BACKEND']")
    assert wrong.returncode != 0
    assert "CACHE_BACKEND='redis': use one of local, database" in wrong.stderr


def test_with_the_database_cache_the_rate_limit_is_counted_in_the_shared_table(settings, recruiter):
    settings.CACHES = DATABASE_CACHE
    settings.API_RATE_LIMIT = "2/minute"
    call_command("createcachetable", verbosity=0)
    _, raw = api_token_create(
        user=recruiter, name="sync", scope="read", expires_at=timezone.now() + timedelta(days=1)
    )
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    answers = [api.get(reverse("api:role-list")).status_code for _ in range(3)]

    assert answers == [200, 200, 429]
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM interviewkit_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert any("throttle_api_token-" in key for key in keys), keys
    # Another process reads the same count: a cache handler of its own, the same table.
    other_process = caches.create_connection("default")
    assert any(other_process.get(key.split(":", 2)[-1]) for key in keys)
