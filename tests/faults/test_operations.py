"""Operations under faults: a 500 with DEBUG=0 reaches stderr, the database gives up instead
of hanging, and a backup restores every timestamp to the microsecond."""

import os
import secrets
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("FAULTS_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def run(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            "DJANGO_SETTINGS_MODULE": "interviewkit.settings",
            "PATH": "/usr/bin:/bin",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "testserver",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_500_is_logged_to_stderr_in_production(tmp_path):
    code = (
        "import django; django.setup()\n"
        "from django.utils.log import log_response\n"
        "from django.test import RequestFactory\n"
        "from django.http import HttpResponseServerError\n"
        "try:\n"
        "    raise RuntimeError('the database fell over')\n"
        "except RuntimeError as exc:\n"
        "    log_response('Internal Server Error: %s', '/boom/', "
        "response=HttpResponseServerError(), request=RequestFactory().get('/boom/'), "
        "exception=exc)\n"
        "print(500)\n"
    )
    result = run(code, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.stdout.strip() == "500", result.stderr
    assert "ERROR django.request" in result.stderr
    assert "the database fell over" in result.stderr


def test_database_connect_and_statement_timeouts_are_set(tmp_path):
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default']['OPTIONS']))"
    )
    pg = run(code, DATABASE_URL="postgres://u@db.example.com:5432/x")
    assert '"connect_timeout": 5' in pg.stdout and "statement_timeout=15000" in pg.stdout
    sqlite = run(code, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert '"timeout": 20' in sqlite.stdout


def test_a_pg_dump_restore_round_trips_timestamps(tmp_path):
    """The documented procedure (README, "Backup and restore"): pg_dump, then psql into an
    empty database; every timestamp comes back to the microsecond."""
    settings = dj_database_url.parse(PG_URL)
    base = ["-h", settings["HOST"], "-p", str(settings["PORT"] or 5432), "-U", settings["USER"]]
    source = f"wt_faults_backup_{uuid.uuid4().hex[:6]}"
    target = f"{source}_restored"
    psql = ["psql", *base, "-v", "ON_ERROR_STOP=1", "-q"]
    subprocess.run([*psql, "-d", settings["NAME"], "-c", f"CREATE DATABASE {source}"], check=True)
    subprocess.run([*psql, "-d", settings["NAME"], "-c", f"CREATE DATABASE {target}"], check=True)
    try:
        stamp = "2026-03-01 09:15:42.123456+00"
        subprocess.run(
            [
                *psql,
                "-d",
                source,
                "-c",
                "CREATE TABLE t (id int primary key, at timestamptz);"
                f"INSERT INTO t VALUES (1, '{stamp}');",
            ],
            check=True,
        )
        dump = tmp_path / "backup.sql"
        subprocess.run(["pg_dump", *base, "-d", source, "-f", str(dump)], check=True)
        subprocess.run([*psql, "-d", target, "-f", str(dump)], check=True, capture_output=True)
        out = subprocess.run(
            [
                *psql,
                "-d",
                target,
                "-At",
                "-c",
                "SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') FROM t",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        assert out == "2026-03-01 09:15:42.123456"
    finally:
        for name in (source, target):
            subprocess.run([*psql, "-d", settings["NAME"], "-c", f"DROP DATABASE IF EXISTS {name}"])
