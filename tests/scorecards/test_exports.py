"""Batch exports: the chunk tasks build one ZIP, count progress and survive a failing packet."""

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings

from interviewkit.models import AuditEvent
from scorecards.models import ExportJob
from scorecards.services import exports
from scorecards.services.exports import ExportError, export_job_run, export_job_start
from tests.factories import CandidateFactory, InterviewFactory
from tests.scorecards.export_fixtures import IMMEDIATE_TASKS, start_export, zip_names

pytestmark = pytest.mark.usefixtures("media_root")


@pytest.fixture
def three_candidates(role):
    return [
        CandidateFactory(role=role, name=name, email=f"{name.lower()}@example.com")
        for name in ("Ada", "Brook", "Cyd")
    ]


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_the_task_zips_one_pdf_per_candidate(recruiter, role, three_candidates, fake_renderer):
    job = start_export(role=role, kind="packets", candidate_ids=[], by=recruiter)

    assert job.status == ExportJob.Status.DONE
    assert (job.done, job.total) == (3, 3)
    assert job.failures == []
    names = zip_names(job.archive.read())
    assert names == sorted(f"{c.name.lower()}-{c.pk}-packet.pdf" for c in three_candidates)


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_summaries_are_named_as_summaries(recruiter, role, three_candidates, monkeypatch):
    kinds = []

    def render(candidate, *, kind, for_user=None):
        kinds.append(kind)
        return b"%PDF"

    monkeypatch.setattr(exports, "render_candidate_pdf", render)
    job = start_export(
        role=role, kind="summaries", candidate_ids=[three_candidates[0].pk], by=recruiter
    )

    assert kinds == ["summaries"]
    assert zip_names(job.archive.read()) == [f"ada-{three_candidates[0].pk}-summary.pdf"]


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_a_failing_packet_is_reported_and_the_rest_are_zipped(
    recruiter, role, three_candidates, monkeypatch
):
    def render(candidate, *, kind, for_user=None):
        if candidate.name == "Brook":
            raise RuntimeError("the chart would not draw")
        return b"%PDF"

    monkeypatch.setattr(exports, "render_candidate_pdf", render)
    job = start_export(role=role, kind="packets", candidate_ids=[], by=recruiter)

    assert job.status == ExportJob.Status.DONE
    assert job.done == 3
    brook = three_candidates[1]
    assert job.failures == [
        {
            "candidate_id": brook.pk,
            "candidate": "Brook",
            "error": "RuntimeError: the chart would not draw",
        }
    ]
    names = zip_names(job.archive.read())
    assert "FAILURES.txt" in names
    assert not any(name.startswith("brook") for name in names)
    assert len([n for n in names if n.endswith(".pdf")]) == 2


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_a_batch_where_every_packet_fails_is_failed(recruiter, role, three_candidates, monkeypatch):
    def render(candidate, *, kind, for_user=None):
        raise ValueError("broken")

    monkeypatch.setattr(exports, "render_candidate_pdf", render)
    job = start_export(role=role, kind="packets", candidate_ids=[], by=recruiter)

    assert job.status == ExportJob.Status.FAILED
    assert len(job.failures) == 3


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_progress_is_saved_after_each_candidate(recruiter, role, three_candidates, monkeypatch):
    seen = []

    def render(candidate, *, kind, for_user=None):
        job = ExportJob.objects.get()
        seen.append((job.status, job.done, job.total))
        return b"%PDF"

    monkeypatch.setattr(exports, "render_candidate_pdf", render)
    start_export(role=role, kind="packets", candidate_ids=[], by=recruiter)

    assert seen == [("running", 0, 3), ("running", 1, 3), ("running", 2, 3)]


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_the_pdfs_are_rendered_as_the_requester_sees_them(
    hiring_manager, role, three_candidates, monkeypatch
):
    users = []

    def render(candidate, *, kind, for_user=None):
        users.append(for_user)
        return b"%PDF"

    monkeypatch.setattr(exports, "render_candidate_pdf", render)
    start_export(role=role, kind="packets", candidate_ids=[], by=hiring_manager)

    assert users == [hiring_manager] * 3


# The real db_worker closes its database connection between tasks (close_old_connections);
# inside a test transaction that would drop PostgreSQL's connection, so these tests commit.
@pytest.mark.django_db(transaction=True)
def test_the_job_is_queued_for_the_database_worker_which_builds_it(
    recruiter, role, three_candidates, fake_renderer
):
    from django_tasks_db.models import DBTaskResult

    job = export_job_start(role=role, kind="packets", candidate_ids=[], by=recruiter)

    assert job.status == ExportJob.Status.QUEUED
    queued = DBTaskResult.objects.get()  # three candidates fit in one chunk of five
    assert queued.task_path == "scorecards.tasks.export_chunk_task"
    assert queued.args_kwargs == {"args": [job.pk, 0, 3], "kwargs": {}}

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    assert len(zip_names(job.archive.read())) == 3


def test_a_requester_removed_from_the_team_gets_no_archive(
    recruiter, role, three_candidates, fake_renderer
):
    job = export_job_start(role=role, kind="packets", candidate_ids=[], by=recruiter)
    role.recruiters.remove(recruiter)

    job = export_job_run(job_id=job.pk)

    assert job.status == ExportJob.Status.FAILED
    assert not job.archive


def test_a_finished_job_is_not_built_twice(recruiter, role, three_candidates, fake_renderer):
    job = export_job_start(role=role, kind="packets", candidate_ids=[], by=recruiter)
    first = export_job_run(job_id=job.pk).archive.name

    assert export_job_run(job_id=job.pk).archive.name == first


def test_candidates_of_another_role_cannot_be_exported(recruiter, role):
    stranger = CandidateFactory()

    with pytest.raises(ExportError, match="not candidates of this role"):
        export_job_start(role=role, kind="packets", candidate_ids=[stranger.pk], by=recruiter)
    assert not ExportJob.objects.exists()


def test_an_interviewer_cannot_start_an_export(interviewer, role, candidate):
    InterviewFactory(candidate=candidate, interviewer=interviewer)

    with pytest.raises(ExportError, match="hiring team"):
        export_job_start(role=role, kind="packets", candidate_ids=[], by=interviewer)


def test_a_role_without_candidates_has_nothing_to_export(recruiter, role):
    with pytest.raises(ExportError, match="no candidates"):
        export_job_start(role=role, kind="packets", candidate_ids=[], by=recruiter)


def test_starting_an_export_is_audited(recruiter, role, three_candidates, fake_renderer):
    job = export_job_start(role=role, kind="summaries", candidate_ids=[], by=recruiter)

    event = AuditEvent.objects.get(action="export.zip")
    assert (event.actor, event.role, event.object_id) == (recruiter, role, str(job.pk))
    assert event.detail == {"event": "start", "kind": "summaries", "candidates": 3}


def test_a_job_that_cannot_be_queued_is_marked_failed(
    recruiter, role, three_candidates, monkeypatch
):
    from django_tasks_db.backend import DatabaseBackend

    def refuse(*args):
        raise ConnectionError("queue is down")

    monkeypatch.setattr(DatabaseBackend, "enqueue", refuse)

    with pytest.raises(ConnectionError):
        start_export(role=role, kind="packets", candidate_ids=[], by=recruiter)

    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.FAILED
    assert job.finished_at is not None


# --- chunks: several workers share one batch ---------------------------------------------


def test_a_batch_is_queued_as_one_task_per_chunk(
    recruiter, role, three_candidates, fake_renderer, settings
):
    from django_tasks_db.models import DBTaskResult

    settings.EXPORT_CHUNK_SIZE = 2
    job = start_export(role=role, kind="packets", candidate_ids=[], by=recruiter)

    queued = DBTaskResult.objects.order_by("enqueued_at", "id")
    assert [q.args_kwargs["args"] for q in queued] == [[job.pk, 0, 2], [job.pk, 2, 3]]
    assert {q.task_path for q in queued} == {"scorecards.tasks.export_chunk_task"}


def test_only_the_chunk_that_finishes_the_batch_builds_the_zip(
    recruiter, role, three_candidates, fake_renderer, settings
):
    settings.EXPORT_CHUNK_SIZE = 2
    job = export_job_start(role=role, kind="packets", candidate_ids=[], by=recruiter)

    # The second chunk finishes first: progress counts, but no archive yet.
    job = exports.export_chunk_run(job_id=job.pk, start=2, stop=3)
    assert (job.status, job.done, bool(job.archive)) == (ExportJob.Status.RUNNING, 1, False)

    job = exports.export_chunk_run(job_id=job.pk, start=0, stop=2)

    assert (job.status, job.done) == (ExportJob.Status.DONE, 3)
    ada, brook, cyd = three_candidates
    with zipfile.ZipFile(io.BytesIO(job.archive.read())) as archive:
        # In the job's order, whichever chunk came first, and without the staging prefix.
        assert archive.namelist() == [
            f"ada-{ada.pk}-packet.pdf",
            f"brook-{brook.pk}-packet.pdf",
            f"cyd-{cyd.pk}-packet.pdf",
        ]
        assert archive.read(f"cyd-{cyd.pk}-packet.pdf") == b"%PDF-fake packets Cyd"
    # The staged parts, and their folders, are cleaned up once zipped.
    assert not default_storage.exists(exports.staging_dir(job))
    assert not default_storage.exists(f"exports/{job.pk}")
    assert default_storage.exists(job.archive.name)


def test_a_finished_batch_is_assembled_once_even_if_asked_again(
    recruiter, role, three_candidates, fake_renderer, settings
):
    settings.EXPORT_CHUNK_SIZE = 2
    job = export_job_start(role=role, kind="packets", candidate_ids=[], by=recruiter)
    exports.export_chunk_run(job_id=job.pk, start=0, stop=2)
    first = exports.export_chunk_run(job_id=job.pk, start=2, stop=3).archive.name

    again = exports.export_job_assemble(job_id=job.pk)
    rerun = exports.export_chunk_run(job_id=job.pk, start=2, stop=3)

    assert again.archive.name == rerun.archive.name == first
    assert rerun.done == 3  # a late duplicate of a chunk counts nothing more


def test_failures_from_different_chunks_are_listed_in_the_jobs_order(
    recruiter, role, three_candidates, monkeypatch, settings
):
    def render(candidate, *, kind, for_user=None):
        if candidate.name in ("Ada", "Cyd"):
            raise RuntimeError(f"{candidate.name} broke")
        return b"%PDF"

    monkeypatch.setattr(exports, "render_candidate_pdf", render)
    settings.EXPORT_CHUNK_SIZE = 1
    job = export_job_start(role=role, kind="packets", candidate_ids=[], by=recruiter)
    for start in (2, 1, 0):
        job = exports.export_chunk_run(job_id=job.pk, start=start, stop=start + 1)

    assert job.status == ExportJob.Status.DONE
    assert [f["candidate"] for f in job.failures] == ["Ada", "Cyd"]
    assert zip_names(job.archive.read()) == [
        "FAILURES.txt",
        f"brook-{three_candidates[1].pk}-packet.pdf",
    ]


# The real db_worker closes its database connection between tasks (close_old_connections);
# inside a test transaction that would drop PostgreSQL's connection, so these tests commit.
@pytest.mark.django_db(transaction=True)
def test_two_database_workers_share_a_chunked_batch(
    recruiter, role, three_candidates, fake_renderer, settings
):
    from django_tasks_db.models import DBTaskResult

    settings.EXPORT_CHUNK_SIZE = 1
    job = export_job_start(role=role, kind="packets", candidate_ids=[], by=recruiter)

    # One worker takes one chunk and stops; a second worker drains the rest.
    call_command("db_worker", "--max-tasks", "1", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.done) == (ExportJob.Status.RUNNING, 1)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    job.refresh_from_db()
    assert (job.status, job.done) == (ExportJob.Status.DONE, 3)
    assert len(zip_names(job.archive.read())) == 3
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_chunks_of_a_job_that_failed_meanwhile_count_nothing_and_build_nothing(
    recruiter, role, three_candidates, fake_renderer, settings
):
    settings.EXPORT_CHUNK_SIZE = 1
    job = export_job_start(role=role, kind="packets", candidate_ids=[], by=recruiter)
    exports.export_chunk_run(job_id=job.pk, start=0, stop=1)
    role.recruiters.remove(recruiter)

    exports.export_chunk_run(job_id=job.pk, start=1, stop=2)
    job = exports.export_chunk_run(job_id=job.pk, start=2, stop=3)

    assert (job.status, job.done, bool(job.archive)) == (ExportJob.Status.FAILED, 1, False)
    assert job.failures == [
        {"candidate_id": None, "candidate": "", "error": "Not on the hiring team."}
    ]
