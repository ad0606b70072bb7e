"""bench.instructions: the counted process renders, callgrind's count is read, and a machine
without valgrind gets the reason instead of a figure. (The count of a packet itself takes
about 2.5 minutes under valgrind: `make bench` measures it.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench import instructions

PROJECT = Path(__file__).resolve().parents[2]
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>t</title></head>
<body><h1>Packet</h1><table><tbody><tr><td>Dimension 1</td><td>3</td></tr></tbody></table>
</body></html>"""


def test_the_counted_process_renders_the_document_as_a_worker_would(tmp_path):
    page = tmp_path / "packet.html"
    page.write_text(PAGE, encoding="utf-8")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "interviewkit.settings"}
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp_path / 'unused.sqlite3'}")
    completed = subprocess.run(
        [sys.executable, "-m", "bench.instructions", str(page), "2"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr


def test_a_missing_page_fails_the_counted_process(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "bench.instructions", str(tmp_path / "none.html"), "1"],
        cwd=PROJECT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "interviewkit.settings"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode != 0
    assert "none.html" in completed.stderr


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_callgrinds_own_report_is_read():
    completed = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", "true"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0
    count = instructions.collected(completed.stderr)
    # `true` runs the dynamic loader and exits: tens of thousands of instructions, not millions.
    assert 10_000 < count < 10_000_000


def test_a_report_without_a_count_is_an_error_not_a_zero():
    with pytest.raises(RuntimeError, match="no count"):
        instructions.collected("==1== Callgrind, a call-graph generating cache profiler\n")


def test_without_valgrind_the_figure_is_skipped_with_the_reason(monkeypatch):
    monkeypatch.setattr(instructions, "VALGRIND", "valgrind-not-on-this-machine")
    assert instructions.per_render(PAGE) == {"skipped": "valgrind is not installed"}
