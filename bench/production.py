"""Run the app the way production does (DEBUG off, whitenoise, gunicorn, task workers) on
loopback, against the bench database, for the batch and load benchmarks.

Production insists on HTTPS (secure cookies, the SSL redirect, HSTS, trusting the proxy's
X-Forwarded-Proto); on plain-HTTP loopback those switches are turned off, for these processes
only, through the environment variables `interviewkit/settings.py` reads.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench.environment import PROJECT_DIR

PLAIN_HTTP_ON_LOOPBACK = {
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_HSTS_SECONDS": "0",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "0",
    "SECURE_HSTS_PRELOAD": "0",
    "TRUST_X_FORWARDED_PROTO": "0",
}


def database_url() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return os.environ["DATABASE_URL"]


def production_env(*, static_root: Path, media_root: Path, **extra: str) -> dict[str, str]:
    """The environment of a production-like process serving the bench database."""
    env = dict(os.environ)
    env.update(PLAIN_HTTP_ON_LOOPBACK)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.production_settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url(),
            "BENCH_STATIC_ROOT": str(static_root),
            "MEDIA_ROOT": str(media_root),
            "PYTHONPATH": str(PROJECT_DIR),
        }
    )
    env.update(extra)
    return env


def manage(args: list[str], *, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )


def collectstatic(env: dict[str, str]) -> None:
    """Whitenoise's manifest storage needs the collected, hashed files when DEBUG is off."""
    manage(["collectstatic", "--noinput", "--verbosity", "0"], env=env)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, *, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The server exited with code {process.returncode} on start-up.")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"Nothing answered on 127.0.0.1:{port} within {timeout} s.")


def stop(processes: list[subprocess.Popen], *, timeout: float = 15) -> None:
    """Ask each process to finish (SIGTERM: a worker ends its current task), then insist."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
