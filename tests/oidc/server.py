"""Starts tests/oidc/provider.js (the `oidc-provider` package) on a free loopback port."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.loopback import free_port

HERE = Path(__file__).resolve().parent
CLIENT_ID = "interviewkit"
CLIENT_SECRET = "test-secret"


@contextlib.contextmanager
def running_provider(*, redirect_uri: str, post_logout_redirect_uri: str) -> Iterator[str]:
    """Yields the issuer URL while the provider runs; stops it afterwards."""
    node = shutil.which("node")
    if node is None or not (HERE / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("The test OpenID provider is not installed: run `make test` (npm ci)")
    port = free_port()
    process = subprocess.Popen(
        [node, str(HERE / "provider.js")],
        cwd=HERE,
        env={
            "PATH": "/usr/bin:/bin",
            "PORT": str(port),
            "REDIRECT_URI": redirect_uri,
            "POST_LOGOUT_REDIRECT_URI": post_logout_redirect_uri,
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        lines = []
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
            lines.append(line)
            if line.startswith("ready "):
                yield line.split(" ", 1)[1].strip()
                return
        pytest.fail("The test OpenID provider did not start:\n" + "".join(lines))
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
        process.stdout.close()
