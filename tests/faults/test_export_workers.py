"""Process-level scenarios for the batch export workers: real `task_worker` processes, killed
with SIGKILL or cut off from the database through a TCP proxy. No pytest database: each test
builds its own (a SQLite file, or the PostgreSQL database below through the proxy) with
`manage.py` in subprocesses, the way an operator runs them."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path

import dj_database_url
import psycopg
import pytest

from tests.faults.tcp_proxy import CuttableProxy

ROOT = Path(__file__).resolve().parents[2]
# The PostgreSQL database of the outage test (reached through the proxy on PROXY_PORT).
PG_URL = os.environ.get("FAULTS_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PROXY_PORT = int(os.environ.get("FAULTS_PROXY_PORT", "8116"))

SETUP = """
from tests.factories import CandidateFactory, RoleFactory, make_kit
role = RoleFactory(title="Fault role {tag}", slug="fault-role-{tag}")
make_kit(role=role)
for i in range({n}):
    CandidateFactory(role=role, name=f"Candidate {{i}}", email=f"c{{i}}-{tag}@example.com")
"""


def env_for(database_url: str, media: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media),
        EXPORT_CHUNK_SIZE="3",
        TASK_LEASE_SECONDS="2",
        DB_CONN_MAX_AGE="60",
    )
    return env


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def worker(env: dict, name: str, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "task_worker",
            "--no-startup-delay",
            "--interval",
            "0.2",
            "--worker-id",
            name,
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def wait_for(predicate, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out after {timeout}s waiting for {what}")


def job_state(env: dict, job_id: str) -> dict:
    return json.loads(manage(env, "export_job", job_id, "--format", "json"))


def assert_complete(state: dict, total: int) -> None:
    assert state["state"] == "done", state
    assert state["done"] == state["total"] == total, state
    assert state["failures"] == [], state
    with zipfile.ZipFile(state["zip"]) as archive:
        pdfs = [n for n in archive.namelist() if n.endswith(".pdf")]
    assert len(pdfs) == total, pdfs


def stop(*processes: subprocess.Popen) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_a_worker_killed_mid_chunk_is_recovered_by_another(tmp_path):
    db = tmp_path / "db.sqlite3"
    env = env_for(f"sqlite:///{db}", tmp_path / "media")
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "shell", "-c", SETUP.format(tag="kill", n=6))
    job_id = manage(env, "export_packets", "--role", "fault-role-kill", "--background").strip()
    assert job_state(env, job_id)["state"] == "queued"

    def progress() -> tuple[int, str]:
        with sqlite3.connect(db, timeout=10) as conn:
            return conn.execute(
                "SELECT done, status FROM scorecards_exportjob WHERE id = ?", (job_id,)
            ).fetchone()

    first = worker(env, "first", tmp_path / "first.log")
    second = None
    try:
        # Killed after its first PDF of the first chunk of three: mid-chunk.
        wait_for(lambda: progress()[0] >= 1, timeout=60, what="the first PDF")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        done, status = progress()
        assert status == "running" and done < 6
        second = worker(env, "second", tmp_path / "second.log")
        wait_for(lambda: progress()[1] == "done", timeout=60, what="the job to finish")
    finally:
        stop(*(p for p in (first, second) if p is not None))
    assert_complete(job_state(env, job_id), 6)


def test_workers_live_through_a_database_cut(tmp_path):
    settings = dj_database_url.parse(PG_URL)
    proxied = PG_URL.replace(f":{settings['PORT'] or 5432}/", f":{PROXY_PORT}/")
    direct = env_for(PG_URL, tmp_path / "media")
    env = env_for(proxied, tmp_path / "media")
    manage(direct, "migrate", "--verbosity", "0")
    tag = uuid.uuid4().hex[:8]
    manage(direct, "shell", "-c", SETUP.format(tag=tag, n=6))
    proxy = CuttableProxy(PROXY_PORT, (settings["HOST"], int(settings["PORT"] or 5432))).start()
    conninfo = dict(
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        dbname=settings["NAME"],
        password=settings["PASSWORD"] or None,
    )

    def progress() -> tuple[int, str]:
        with psycopg.connect(**conninfo) as conn:
            return conn.execute(
                "SELECT done, status FROM scorecards_exportjob WHERE id = %s", (int(job_id),)
            ).fetchone()

    workers = [worker(env, f"w{i}-{tag}", tmp_path / f"w{i}.log") for i in range(2)]
    try:
        job_id = manage(direct, "export_packets", "--role", f"fault-role-{tag}", "--background")
        job_id = job_id.strip()
        wait_for(lambda: progress()[0] >= 1, timeout=60, what="the first PDF")
        proxy.cut()
        time.sleep(5)
        assert all(w.poll() is None for w in workers), "a worker died during the cut"
        proxy.restore()
        wait_for(lambda: progress()[1] == "done", timeout=90, what="the job to finish")
        assert all(w.poll() is None for w in workers), "a worker died after the cut"
    finally:
        stop(*workers)
        proxy.stop()
    assert_complete(job_state(direct, job_id), 6)


KEPT_SETUP = """
from interviewkit import personas
from scorecards.tasks import packet_pdfs_task
from tests.factories import CandidateFactory, RoleFactory, UserFactory, make_kit
from tests.scorecards.packet_fixtures import submitted_scorecard
role = RoleFactory(title="Kept role", slug="kept-role")
make_kit(role=role)
manager = UserFactory(username="kept-manager", persona=personas.HIRING_MANAGERS)
role.hiring_managers.add(manager)
rater = UserFactory(username="kept-rater", persona=personas.INTERVIEWERS)
for i in range({n}):
    person = CandidateFactory(role=role, name=f"Kept {{i}}", email=f"kept{{i}}@example.com")
    submitted_scorecard(person, rater, (3, 2, 4))
packet_pdfs_task.enqueue(role.pk)
"""


def test_a_worker_killed_while_making_kept_pdfs_leaves_nothing_half_made(tmp_path):
    """The packet PDFs the worker keeps ahead of downloads: killed after its first one, another
    worker makes the rest; every kept row has its whole file, and erasing a candidate empties
    their folder, a file the killed worker wrote without its row included."""
    db = tmp_path / "db.sqlite3"
    media = tmp_path / "media"
    env = env_for(f"sqlite:///{db}", media)
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "shell", "-c", KEPT_SETUP.format(n=6))

    def kept() -> int:
        with sqlite3.connect(db, timeout=10) as conn:
            return conn.execute("SELECT COUNT(*) FROM scorecards_packetpdf").fetchone()[0]

    first = worker(env, "kept-first", tmp_path / "first.log")
    second = None
    try:
        wait_for(lambda: kept() >= 1, timeout=90, what="the first kept PDF")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        assert kept() < 6
        second = worker(env, "kept-second", tmp_path / "second.log")
        wait_for(lambda: kept() == 6, timeout=120, what="every candidate's kept PDF")
    finally:
        stop(*(p for p in (first, second) if p is not None))
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT candidate_id, file FROM scorecards_packetpdf ORDER BY candidate_id"
        ).fetchall()
    assert len({candidate for candidate, _ in rows}) == 6
    for _, name in rows:
        assert (media / name).read_bytes().startswith(b"%PDF"), name
        assert (media / name).read_bytes().rstrip().endswith(b"%%EOF"), name
    candidate = rows[0][0]
    (media / "packet-pdfs" / str(candidate) / "packet-orphan.pdf").write_bytes(b"%PDF-1.7")
    manage(
        env,
        "shell",
        "-c",
        "from scorecards.models import Candidate; "
        "from scorecards.services.privacy import candidate_erase; "
        f"candidate_erase(candidate=Candidate.objects.get(pk={candidate}), by=None)",
    )
    assert list((media / "packet-pdfs" / str(candidate)).iterdir()) == []
