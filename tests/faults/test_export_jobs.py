"""Batch export jobs under faults, in one process: chunks run twice, lost PDFs, unwritable
folders, a lease that ran out (the process-level scenarios are in test_export_workers.py)."""

import json
from datetime import timedelta

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from scorecards.models import ExportJob, WorkerLease
from scorecards.services import exports
from scorecards.services.exports import export_job_start
from scorecards.task_worker import tasks_recover_orphans
from tests.factories import CandidateFactory
from tests.scorecards.export_fixtures import fake_pdf, zip_names

pytestmark = pytest.mark.usefixtures("media_root", "fake_renderer")


@pytest.fixture(autouse=True)
def small_chunks(settings):
    settings.EXPORT_CHUNK_SIZE = 2


@pytest.fixture
def three_candidates(role):
    return [CandidateFactory(role=role, name=name) for name in ("Ada", "Brook", "Cyd")]


def queued(role, recruiter) -> ExportJob:
    return export_job_start(role=role, kind="packets", candidate_ids=[], by=recruiter)


def test_a_chunk_run_again_counts_each_candidate_once(recruiter, role, three_candidates):
    job = queued(role, recruiter)
    exports.export_chunk_run(job_id=job.pk, start=0, stop=2)
    job = exports.export_chunk_run(job_id=job.pk, start=0, stop=2)  # its worker "died"
    assert (job.done, job.status) == (2, ExportJob.Status.RUNNING)
    job = exports.export_chunk_run(job_id=job.pk, start=2, stop=3)
    assert (job.done, job.total, job.status) == (3, 3, ExportJob.Status.DONE)


def test_the_last_count_by_a_dead_worker_still_gets_the_zip_built(
    recruiter, role, three_candidates
):
    """The worker counted the job's last candidate and died before zipping: the re-run does."""
    job = queued(role, recruiter)
    exports.export_chunk_run(job_id=job.pk, start=0, stop=2)
    real = exports.export_job_assemble
    exports.export_job_assemble = lambda **kw: ExportJob.objects.get(pk=kw["job_id"])
    try:
        exports.export_chunk_run(job_id=job.pk, start=2, stop=3)
    finally:
        exports.export_job_assemble = real
    assert ExportJob.objects.get(pk=job.pk).status == ExportJob.Status.RUNNING
    job = exports.export_chunk_run(job_id=job.pk, start=2, stop=3)
    assert job.status == ExportJob.Status.DONE and len(zip_names(job.archive.read())) == 3


def test_done_only_with_every_pdf_that_did_not_fail(recruiter, role, three_candidates):
    job = queued(role, recruiter)
    exports.export_chunk_run(job_id=job.pk, start=0, stop=2)
    folder = exports.staging_dir(job)
    _, staged = default_storage.listdir(folder)
    default_storage.delete(f"{folder}/{sorted(staged)[0]}")  # a staged PDF lost
    job = exports.export_chunk_run(job_id=job.pk, start=2, stop=3)
    assert job.status == ExportJob.Status.DONE
    assert len(zip_names(job.archive.read())) == 3


def test_failures_are_listed_in_the_zip_and_on_the_job(
    recruiter, role, three_candidates, monkeypatch, client
):
    def brook_fails(candidate, **kwargs):
        if candidate.name == "Brook":
            raise RuntimeError("font missing")
        return fake_pdf(candidate, **kwargs)

    monkeypatch.setattr(exports, "render_candidate_pdf", brook_fails)
    job = exports.export_job_run(job_id=queued(role, recruiter).pk)
    assert job.status == ExportJob.Status.DONE
    names = zip_names(job.archive.read())
    assert "FAILURES.txt" in names and len(names) == 3
    client.force_login(recruiter)
    page = client.get(f"/exports/{job.pk}/").content.decode()
    assert "font missing" in page


def test_an_unwritable_staging_folder_fails_the_job_visibly(
    recruiter, role, three_candidates, monkeypatch
):
    def refuse(self, name, content):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(FileSystemStorage, "_save", refuse)
    job = exports.export_job_run(job_id=queued(role, recruiter).pk)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert "Cannot write the staging folder" in job.failures[-1]["error"]


def test_an_unwritable_zip_folder_fails_the_job_visibly(
    recruiter, role, three_candidates, monkeypatch
):
    real = FileSystemStorage._save

    def refuse_zips(self, name, content):
        if name.endswith(".zip"):
            raise PermissionError(13, "Permission denied")
        return real(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", refuse_zips)
    job = exports.export_job_run(job_id=queued(role, recruiter).pk)
    job = ExportJob.objects.get(pk=job.pk)  # what another process reads
    assert job.status == ExportJob.Status.FAILED
    assert "Cannot write the archive" in job.failures[-1]["error"]


def make_task(*, worker_id: str, started_ago: float) -> DBTaskResult:
    return DBTaskResult.objects.create(
        task_path="scorecards.tasks.export_chunk_task",
        args_kwargs={"args": [1, 0, 1], "kwargs": {}},
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(seconds=started_ago),
        worker_ids=[worker_id],
        backend_name="default",
        queue_name="default",
        priority=0,
        run_after=timezone.now(),
    )


def test_a_task_of_a_dead_worker_is_queued_again_after_the_lease(db):
    now = timezone.now()
    WorkerLease.objects.create(worker_id="alive", beat_at=now)
    WorkerLease.objects.create(worker_id="dead", beat_at=now - timedelta(seconds=60))
    alive = make_task(worker_id="alive", started_ago=120)
    dead = make_task(worker_id="dead", started_ago=120)
    recent = make_task(worker_id="unknown", started_ago=1)
    assert tasks_recover_orphans(lease=30) == 1
    statuses = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert statuses[dead.pk] == TaskResultStatus.READY
    assert statuses[alive.pk] == statuses[recent.pk] == TaskResultStatus.RUNNING


def test_the_operator_commands_queue_and_report_a_job(role, three_candidates, capsys):
    call_command("export_packets", "--role", role.slug, "--background")
    job_id = capsys.readouterr().out.strip()
    job = ExportJob.objects.get(pk=int(job_id))
    assert job.by_operator and job.requested_by is None
    exports.export_job_run(job_id=job.pk)
    call_command("export_job", job_id, "--format", "json")
    state = json.loads(capsys.readouterr().out)
    assert (state["state"], state["done"], state["total"], state["failures"]) == (
        "done",
        3,
        3,
        [],
    )
    assert state["zip"].endswith(".zip")
