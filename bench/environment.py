"""Where the benchmarks run: their own database, never the development one.

`BENCH_DATABASE_URL` chooses it. By default it is a PostgreSQL database `interviewkit_bench` on
127.0.0.1:5432 when that server answers (the batch and scale figures are about PostgreSQL), and
otherwise a SQLite file beside this module, with the PostgreSQL-only figures skipped.
"""

from __future__ import annotations

import os
import platform
import socket
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/interviewkit_bench"


def postgres_answers(host: str = "127.0.0.1", port: int = 5432) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def choose_database_url() -> str:
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        return url
    if postgres_answers():
        return DEFAULT_PG
    return f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"


def ensure_postgres_database(url: str) -> None:
    """Create the bench database on the server if it is not there yet."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interviewkit.settings")
    if url.startswith("postgres"):
        ensure_postgres_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def is_postgres() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def machine() -> dict:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gib = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    from django.db import connection

    database = connection.vendor
    if database == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database += " " + cursor.fetchone()[0]
    else:
        import sqlite3

        database += " " + sqlite3.sqlite_version
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": memory_gib,
        "python": sys.version.split()[0],
        "os": platform.platform(),
        "database": database,
        "commit": _git_commit(),
        "python_loop_s": python_loop_s(),
    }


def python_loop_s(additions: int = 20_000_000, tries: int = 3) -> float:
    """The machine's speed for plain Python, in seconds: the fastest of `tries` loops of
    `additions` additions in a function (0.52 s on the machine of 2026-12-07). Times of two
    runs compare only as far as this figure does."""
    best = float("inf")
    for _ in range(tries):
        started = time.perf_counter()
        total = 0
        for i in range(additions):
            total += i
        best = min(best, time.perf_counter() - started)
    return round(best, 3)


def _git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
