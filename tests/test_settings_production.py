"""Production settings: safe by default, and `check --deploy` clean with real values."""

import json
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "example.com",
}

NAMES = [
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SECURE_PROXY_SSL_HEADER",
    "X_FRAME_OPTIONS",
    "AXES_FAILURE_LIMIT",
    "CANDIDATE_RETENTION_DAYS",
]


def _run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "interviewkit.settings", "PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
    )


def _values(env: dict) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {NAMES!r}}}))"
    )
    result = _run(["-c", code], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_passes_with_production_values():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_with_development_values():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], {})
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_production_turns_on_https_and_secure_cookies_by_default():
    values = _values(PRODUCTION)
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_development_keeps_plain_http_working():
    values = _values({})
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_cookies_and_framing_are_locked_down_everywhere():
    values = _values({})
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["X_FRAME_OPTIONS"] == "DENY"


def test_hsts_and_retention_come_from_the_environment():
    values = _values(
        {**PRODUCTION, "SECURE_HSTS_SECONDS": "3600", "CANDIDATE_RETENTION_DAYS": "30"}
    )
    assert values["SECURE_HSTS_SECONDS"] == 3600
    assert values["CANDIDATE_RETENTION_DAYS"] == 30


def test_a_bad_retention_value_fails_loudly():
    result = _run(["manage.py", "check"], {"CANDIDATE_RETENTION_DAYS": "a year"})
    assert result.returncode != 0
    assert "CANDIDATE_RETENTION_DAYS='a year' is not an integer" in result.stderr


def test_production_without_secret_key_refuses_to_start_even_for_check():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _run(["manage.py", "check", "--deploy"], env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_real_500_reaches_stderr_with_its_traceback_in_production(tmp_path):
    """With DEBUG=0 an unhandled error in a request (here: a database without its tables) is
    logged by `django.request` to stderr, traceback and all; the client gets the 500 page."""
    code = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.test import Client\n"
        # No collectstatic here: plain static URLs, so that the 500 page itself renders.
        "settings.STORAGES = {**settings.STORAGES, 'staticfiles': "
        "{'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n"
        "client = Client(raise_request_exception=False)\n"
        "response = client.post('/login/', {'username': 'u', 'password': 'p'}, secure=True)\n"
        "print(response.status_code)\n"
    )
    env = {
        **PRODUCTION,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    result = _run(["-c", code], env)
    assert result.stdout.strip().splitlines()[-1] == "500", result.stderr
    assert "ERROR django.request" in result.stderr
    assert "Internal Server Error: /login/" in result.stderr
    assert "Traceback (most recent call last)" in result.stderr
    assert "no such table" in result.stderr
