"""Batch export: one ZIP of 200 PDF packets (6 scorecards each), built by 1 and then 2 task
worker processes (`manage.py task_worker`, production settings) on the bench database.

The time runs from the request (`export_job_start`, which enqueues the job's chunk tasks) to
the ZIP written and the job marked done. The workers are started and warmed up (a small job
whose chunks each worker takes one of: WeasyPrint, fonts and the print CSS loaded) before the
clock starts, as they would be in production. `batch_speedup` = t(1 worker) / t(2 workers).
PostgreSQL only: SQLite lets one writer at a time, which is not what a deployment scales on.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from django.test import override_settings

from bench.environment import is_postgres
from bench.production import collectstatic, production_env, stop

CANDIDATES = 200
QUICK_CANDIDATES = 20
PANEL = 6
BATCH_NUMBERS = 500_000
WORKER_INTERVAL = "0.1"  # seconds an idle worker waits before it looks at the queue again


def start_workers(count: int, env: dict[str, str]) -> list[subprocess.Popen]:
    from bench.environment import PROJECT_DIR

    return [
        subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "task_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                WORKER_INTERVAL,
                "--worker-id",
                f"bench-{i}",
            ],
            cwd=PROJECT_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for i in range(count)
    ]


def rss_mib(process: subprocess.Popen) -> float | None:
    """The process's resident set size in MiB (Linux), None once it has exited."""
    try:
        status = Path(f"/proc/{process.pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def wait_for_job(
    job_id: int, *, workers: list[subprocess.Popen], timeout: float = 1800, samples=None
):
    """Wait for the export; with `samples`, append (done, largest worker RSS) as it runs."""
    from scorecards.models import ExportJob

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = ExportJob.objects.only("status", "done").get(pk=job_id)
        if samples is not None:
            sizes = [size for size in map(rss_mib, workers) if size is not None]
            if sizes:
                samples.append((job.done, max(sizes)))
        if job.status in (ExportJob.Status.DONE, ExportJob.Status.FAILED):
            return ExportJob.objects.get(pk=job_id)
        if all(w.poll() is not None for w in workers):
            raise RuntimeError("Every worker exited before the export was done.")
        time.sleep(0.05)
    raise RuntimeError(f"Export job {job_id} not done after {timeout} s.")


def memory(samples: list[tuple[int, float]], total: int) -> dict:
    half = next((rss for done, rss in samples if done >= total / 2), None)
    return {
        "rss_after_warm_up_mib": samples[0][1] if samples else None,
        "rss_half_way_mib": half,
        "rss_end_mib": samples[-1][1] if samples else None,
    }


def timed_export(
    *, role, manager, ids: list[int], workers: int, env, media_root: Path, cached: bool = False
) -> dict:
    from scorecards.models import PacketPdf
    from scorecards.services.exports import export_job_start

    load_before = round(os.getloadavg()[0], 2)
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    processes = start_workers(workers, env)
    try:
        # Warm-up: one candidate per chunk, twice as many chunks as workers.
        with override_settings(EXPORT_CHUNK_SIZE=1):
            warm = export_job_start(
                role=role, kind="packets", candidate_ids=ids[: 2 * workers], by=manager
            )
        wait_for_job(warm.pk, workers=processes)
        if not cached:
            PacketPdf.objects.filter(candidate_id__in=ids).delete()
        kept_before = PacketPdf.objects.filter(candidate_id__in=ids).count()

        samples: list[tuple[int, float]] = []
        started = time.perf_counter()
        job = export_job_start(role=role, kind="packets", candidate_ids=ids, by=manager)
        job = wait_for_job(job.pk, workers=processes, samples=samples)
        seconds = time.perf_counter() - started
    finally:
        stop(processes)
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    with zipfile.ZipFile(media_root / job.archive.name) as archive:
        pdfs = [name for name in archive.namelist() if name.endswith(".pdf")]
    if job.status != job.Status.DONE or job.failures or len(pdfs) != len(ids):
        raise RuntimeError(
            f"The export with {workers} worker(s) did not produce {len(ids)} PDFs: "
            f"{job.status}, {len(pdfs)} PDFs, failures {job.failures[:3]}"
        )
    from django_tasks_db.models import DBTaskResult

    chunks_by_worker: dict[str, int] = {}
    for worker_ids in DBTaskResult.objects.filter(
        task_path="scorecards.tasks.export_chunk_task", args_kwargs__args__0=job.pk
    ).values_list("worker_ids", flat=True):
        for worker in worker_ids:
            chunks_by_worker[worker] = chunks_by_worker.get(worker, 0) + 1
    worker_cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (
        cpu_before.ru_utime + cpu_before.ru_stime
    )
    return {
        "seconds": round(seconds, 2),
        "pdfs": len(pdfs),
        # The machine's 1-minute load before the workers started (other processes' work too),
        # and the CPU time the workers used in all (start-up and warm-up included).
        "load_average_before": load_before,
        "workers_cpu_s": round(worker_cpu, 1),
        "chunks_by_worker": chunks_by_worker,
        "kept_pdfs_before": kept_before,
        **memory(samples, len(ids)),
    }


def run(*, quick: bool = False) -> dict:
    if not is_postgres():
        return {
            "skipped": "batch export is measured on PostgreSQL only (set BENCH_DATABASE_URL to "
            "a postgres:// URL): SQLite lets one writer at a time"
        }
    from bench.data import bench_kit, hiring_manager  # models: after django.setup()
    from scorecards.demo.load import generate_for_kit
    from scorecards.models import Candidate, ExportJob
    from scorecards.services.exports import chunk_size

    count = QUICK_CANDIDATES if quick else CANDIDATES
    kit = bench_kit()
    manager = hiring_manager(kit)
    # Numbered apart from the packet benchmark's candidates of the same role (emails are unique).
    offset = BATCH_NUMBERS + Candidate.objects.filter(role=kit.role).count()
    ids = generate_for_kit(
        kit, candidates=count, seed=31, offset=offset, panel_size=PANEL, draft_share=0
    )["candidate_ids"]
    timings: dict[int, dict] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
            media_root = Path(tmp) / "media"
            env = production_env(static_root=Path(tmp) / "static", media_root=media_root)
            collectstatic(env)
            for run_name, workers, cached in (
                ("1", 1, False),
                ("2", 2, False),
                ("cached", 1, True),
            ):
                timings[run_name] = timed_export(
                    role=kit.role,
                    manager=manager,
                    ids=ids,
                    workers=workers,
                    env=env,
                    media_root=media_root,
                    cached=cached,
                )
    finally:
        ExportJob.objects.filter(role=kit.role, requested_by=manager).delete()
        Candidate.objects.filter(pk__in=ids).delete()
    one, two = timings["1"]["seconds"], timings["2"]["seconds"]
    half, end = timings["1"]["rss_half_way_mib"], timings["1"]["rss_end_mib"]
    return {
        "batch_1_worker_s": one,
        "batch_2_workers_s": two,
        "batch_speedup": round(one / two, 2),
        "batch_cached_s": timings["cached"]["seconds"],
        # The bar's figure: the full-size batch only (None in a quick run).
        "batch_200_cached_s": timings["cached"]["seconds"] if count == CANDIDATES else None,
        "worker_rss_end_mib": end,
        "worker_rss_growth": round(end / half, 3) if half and end else None,
        "details": {
            "candidates": count,
            "scorecards_per_candidate": PANEL,
            "chunk_size": chunk_size(),
            "packets_per_s_1_worker": round(count / one, 1),
            "packets_per_s_2_workers": round(count / two, 1),
            "runs": {
                "1_worker": timings["1"],
                "2_workers": timings["2"],
                "1_worker_cached": timings["cached"],
            },
            "measured": "enqueue to ZIP written, warm task_worker processes, production settings",
        },
    }
