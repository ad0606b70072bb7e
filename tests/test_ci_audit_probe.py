"""`.ci/advisories_reachable.py`, which decides whether CI runs the dependency audit: where the
advisory service cannot be reached it says so and exits 1 (CI then prints "NOT RUN" and goes
on); it never passes for an unreachable service."""

import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_advisory_service_is_reported_not_passed(tmp_path):
    proxy = f"http://127.0.0.1:{closed_port()}"
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),  # no cached answer to fall back on
        "HTTPS_PROXY": proxy,
        "HTTP_PROXY": proxy,
    }
    done = subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "advisories_reachable.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "advisory service does not answer" in done.stdout
