import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _settings(env: dict) -> subprocess.CompletedProcess:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'])"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "interviewkit.settings", "PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
    )


def test_it_runs_on_sqlite_with_nothing_set():
    result = _settings({})
    assert result.stdout.strip() == "django.db.backends.sqlite3", result.stderr


def test_database_url_selects_postgresql():
    result = _settings({"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test"})
    assert result.stdout.strip() == "django.db.backends.postgresql", result.stderr


def test_production_without_secret_key_refuses_to_start_with_a_clear_message():
    result = _settings({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_bad_boolean_fails_loudly():
    result = _settings({"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr
