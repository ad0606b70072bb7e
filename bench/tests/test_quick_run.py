"""`python -m bench --quick --only packet,pdf` runs end to end on SQLite (a smoke test, not timed).

It runs in a subprocess with its own SQLite file in a temporary folder, so that it neither
touches the test database nor the bench one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bench")
    output = tmp / "results.json"
    env = {
        **os.environ,
        "BENCH_DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "interviewkit.settings",
    }
    env.pop("DATABASE_URL", None)
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--quick",
            "--only",
            "packet,pdf",
            "--output",
            str(output),
        ],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return json.loads(output.read_text()), completed.stdout


def test_the_quick_bench_reports_every_packet_and_pdf_metric(quick_run):
    report, _ = quick_run
    packet, pdf = report["results"]["packet"], report["results"]["pdf"]
    assert set(packet["packet_ms"]) == {"2", "6", "20", "50"}
    assert all(ms > 0 for ms in packet["packet_ms"].values())
    assert packet["packet_ms_p50"] == packet["packet_ms"]["6"]
    assert set(pdf["pdf_ms"]) == {"2", "6", "20", "50"}
    assert pdf["pdf_ms_p50"] > 0 and pdf["pdf_overhead_ratio"] > 0
    # A fitted role's packet, with its calibrated view, against Chromium too.
    assert pdf["pdf_vs_chromium_ratio_fitted"] > 0 and pdf["chromium_pdf_fitted_ms"] > 0
    # The instruction count takes minutes under valgrind: a quick run says it left it out.
    assert pdf["pdf_instructions_per_render"] is None
    assert pdf["details"]["instructions"] == {"skipped": "not in a quick run"}
    assert pdf["details"]["against_chromium_fitted"]["calibrated_view"] is True
    # More scorecards, more pages.
    assert pdf["pdf_pages"]["50"] > pdf["pdf_pages"]["2"] >= 1
    assert report["machine"]["database"].startswith("sqlite")
    assert report["quick"] is True


def test_the_packet_page_takes_as_many_queries_for_2_6_and_20_scorecards(quick_run):
    report, _ = quick_run
    packet = report["results"]["packet"]
    counts = {packet["packet_queries_2"], packet["packet_queries_6"], packet["packet_queries_20"]}
    assert len(counts) == 1 and counts.pop() > 0
    assert packet["packet_queries_equal"] is True
    assert report["bars"]["packet_queries_equal"]["holds"] is True


def test_the_quick_bench_prints_a_table_and_leaves_out_what_was_not_asked_for(quick_run):
    report, stdout = quick_run
    assert "packet_ms_p50" in stdout and "pdf_overhead_ratio" in stdout
    assert set(report["results"]) == {"packet", "pdf"}
