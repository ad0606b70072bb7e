"""`.ci/advisories_reachable.py`, which decides whether CI runs the dependency audit: where the
advisory service cannot be reached, or answers that it knows no such version, it says so and
exits 1 (CI then prints "NOT RUN" and goes on); it never passes for a service that cannot audit."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import requests

from tests.loopback import free_port

ROOT = Path(__file__).resolve().parents[1]


def test_an_unreachable_advisory_service_is_reported_not_passed(tmp_path):
    proxy = f"http://127.0.0.1:{free_port()}"
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


def test_a_service_that_knows_no_such_version_is_reported_not_passed(tmp_path, monkeypatch, capsys):
    """pip-audit takes a 404 for "skip this package", not for an error; a mirror that serves the
    packages but not their per-version JSON answers 404 for every one (seen in CI). The answer
    is made at the HTTP transport, below pip-audit's own code and its cache."""

    def not_found(adapter, request, *args, **kwargs):
        response = requests.Response()
        response.status_code = 404
        response.url = request.url
        response.request = request
        response.raw = None
        response._content = b'{"message": "Not Found"}'
        return response

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # no cached answer
    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", not_found)
    spec = importlib.util.spec_from_file_location(
        "advisories_reachable", ROOT / ".ci" / "advisories_reachable.py"
    )
    probe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(probe)

    assert probe.main() == 1
    printed = capsys.readouterr().out
    assert "advisory service does not answer" in printed
    assert "not found" in printed.lower()
