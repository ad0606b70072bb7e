"""Batch exports: a role's PDF packets or one-page summaries as one ZIP, built by a worker.

`export_job_start` records the job and splits it into chunks of a few candidates, one
`scorecards.tasks.export_chunk_task` each, so that every worker process takes a share. A chunk
(`export_chunk_run`) renders its PDFs into the job's staging folder in the default storage
(`exports/<job>/parts/`) and counts each candidate into `ExportJob.done` under the job's row
lock; the chunk that counts the last candidate zips the staged PDFs into `ExportJob.archive`
(`export_job_assemble`, once: under the same lock). A packet that fails to render is recorded
in `ExportJob.failures` and the batch carries on. The ratings CSV is read and written by
`scorecards.exports.csv_io`; its import writes through `scorecards.services.imports`.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import slugify

from interviewkit.access import is_hiring_team
from interviewkit.audit import events as audit
from interviewkit.models import Role
from interviewkit.timezones import zone_for_user
from scorecards.models import Candidate, ExportJob, PacketPdf
from scorecards.services.packet_pdfs import packet_pdf

logger = logging.getLogger(__name__)

DEFAULT_CHUNK_SIZE = 5
FINISHED = (ExportJob.Status.DONE, ExportJob.Status.FAILED)


class ExportError(ValueError):
    """A batch export that cannot start: the message is meant for the person who asked."""


def render_candidate_pdf(candidate: Candidate, *, kind: str, for_user=None) -> bytes:
    """One candidate's packet or summary as PDF bytes, as `for_user` may see it, in their time
    zone (a worker has no request to take it from); a kept PDF of the same content is read."""
    pdf_kind = PacketPdf.Kind.SUMMARY if kind == ExportJob.Kind.SUMMARIES else PacketPdf.Kind.PACKET
    zone = zone_for_user(for_user) if for_user is not None else None
    with timezone.override(zone) if zone else contextlib.nullcontext():
        return packet_pdf(candidate, kind=pdf_kind, for_user=for_user)


def pdf_filename(candidate: Candidate, *, kind: str) -> str:
    """Unique in a batch (the id), readable in a file manager (the name)."""
    suffix = "summary" if kind == ExportJob.Kind.SUMMARIES else "packet"
    return f"{slugify(candidate.name) or 'candidate'}-{candidate.pk}-{suffix}.pdf"


@dataclass
class RenderedPdf:
    candidate: Candidate
    filename: str
    content: bytes | None
    error: str | None


def pdfs_render(
    candidates: Iterable[Candidate], *, kind: str, for_user=None
) -> Iterator[RenderedPdf]:
    """Render each candidate in turn; a failure is yielded as an error, never raised."""
    for candidate in candidates:
        filename = pdf_filename(candidate, kind=kind)
        try:
            content = render_candidate_pdf(candidate, kind=kind, for_user=for_user)
        except DatabaseError:
            raise  # not this packet's fault: the chunk waits for the database and runs again
        except Exception as exc:  # noqa: BLE001 - one bad packet must not sink the batch
            logger.exception("Export of candidate %s failed", candidate.pk)
            yield RenderedPdf(candidate, filename, None, f"{type(exc).__name__}: {exc}")
        else:
            yield RenderedPdf(candidate, filename, content, None)


def chunk_size() -> int:
    """Candidates per worker task: small enough that several workers share a batch evenly,
    large enough that the queue is not flooded (settings.EXPORT_CHUNK_SIZE, default 5)."""
    return max(1, int(getattr(settings, "EXPORT_CHUNK_SIZE", DEFAULT_CHUNK_SIZE)))


def job_chunks(total: int, *, size: int | None = None) -> list[tuple[int, int]]:
    """The [start, stop) slices of a job's candidate list, one task each."""
    size = size or chunk_size()
    return [(start, min(start + size, total)) for start in range(0, total, size)]


def export_job_start(*, role: Role, kind: str, candidate_ids: list[int], by) -> ExportJob:
    """Record a batch export of `candidate_ids` (all of the role's candidates when empty) and
    enqueue its chunk tasks. `by=None` is the operator on the command line (complete packets).
    Raises ExportError for a request that cannot be served."""
    if kind not in ExportJob.Kind.values:
        raise ExportError(f"Unknown export kind {kind!r}.")
    if by is not None and not is_hiring_team(by, role):
        raise ExportError("Only the role's hiring team can export its candidates.")
    role_ids = list(role.candidates.order_by("name", "id").values_list("id", flat=True))
    if candidate_ids:
        foreign = set(candidate_ids) - set(role_ids)
        if foreign:
            raise ExportError("Some of the chosen candidates are not candidates of this role.")
        ids = [pk for pk in role_ids if pk in set(candidate_ids)]
    else:
        ids = role_ids
    if not ids:
        raise ExportError("This role has no candidates to export yet.")
    with transaction.atomic():
        job = ExportJob.objects.create(
            role=role,
            requested_by=by,
            by_operator=by is None,
            kind=kind,
            candidate_ids=ids,
            total=len(ids),
        )
        audit.record(
            by, "export.zip", job, detail={"event": "start", "kind": kind, "candidates": len(ids)}
        )
        # Enqueued once the job row is committed, so a worker on another machine finds it.
        transaction.on_commit(lambda: _enqueue_chunks(job.pk, len(ids)))
    job.refresh_from_db()
    return job


def _enqueue_chunks(job_id: int, total: int) -> None:
    """One task per chunk: every free worker takes one, and the last one to finish zips the lot.
    Without a queue, the job is marked failed (the page says so rather than wait forever) and the
    error raised; chunks queued before the failure find the job failed and do nothing."""
    from scorecards.tasks import export_chunk_task

    try:
        for start, stop in job_chunks(total):
            export_chunk_task.enqueue(job_id, start, stop)
    except Exception:
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportJob.Status.FAILED,
            failures=[{"candidate_id": None, "candidate": "", "error": "Could not queue."}],
            finished_at=timezone.now(),
        )
        raise


def staging_dir(job: ExportJob) -> str:
    """Where the job's chunks leave their PDFs (in the default storage) until the ZIP is made."""
    return f"exports/{job.pk}/parts"


def _job_refused(job: ExportJob) -> bool:
    """Fail the job if its requester may no longer see the whole role; True when refused."""
    requester = job.requested_by
    if job.by_operator or (requester is not None and is_hiring_team(requester, job.role)):
        return False
    # The blind rule: the archive is built as the requester may see it, and only the
    # hiring team may see a whole role. Someone removed from the team gets nothing.
    with transaction.atomic():
        locked = ExportJob.objects.select_for_update().get(pk=job.pk)
        if locked.status not in FINISHED:
            locked.status = ExportJob.Status.FAILED
            locked.failures = [
                {"candidate_id": None, "candidate": "", "error": "Not on the hiring team."}
            ]
            locked.finished_at = timezone.now()
            locked.save(update_fields=["status", "failures", "finished_at"])
    return True


def _count_one(job_id: int, candidate_id: int, failure: dict | None) -> None:
    """Count one candidate as done (and its failure, if any) under the job's row lock, once:
    a chunk run again after its worker died finds its first candidates counted already."""
    with transaction.atomic():
        locked = ExportJob.objects.select_for_update().only(
            "status", "done", "total", "failures", "counted"
        )
        job = locked.get(pk=job_id)
        if job.status in FINISHED or candidate_id in job.counted:
            return  # failed meanwhile, or counted by an earlier run of this chunk
        job.counted = [*job.counted, candidate_id]
        job.done = len(job.counted)
        fields = ["counted", "done"]
        if failure is not None:
            job.failures = [*job.failures, failure]
            fields.append("failures")
        job.save(update_fields=fields)


def export_job_fail(*, job_id: int, error: str) -> ExportJob:
    """Mark the job FAILED with `error`, in a transaction of its own: called after whatever
    failed was rolled back, so that the page says so instead of "Rendering" for ever."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().get(pk=job_id)
        if job.status not in FINISHED:
            job.status = ExportJob.Status.FAILED
            job.failures = [*job.failures, {"candidate_id": None, "candidate": "", "error": error}]
            job.finished_at = timezone.now()
            job.save(update_fields=["status", "failures", "finished_at"])
    return job


def staged_name(index: int, filename: str) -> str:
    # The position prefix keeps the ZIP in the job's order.
    return f"{index:06d}-{filename}"


def _stage(folder: str, name: str, content: bytes) -> None:
    """Write one PDF into the staging folder, replacing a copy an earlier run left half-made:
    written under a temporary name first, so the archive never takes a half-written file."""
    path = f"{folder}/{name}"
    partial = default_storage.save(f"{folder}/.partial-{name}", ContentFile(content))
    try:
        Path(default_storage.path(partial)).replace(default_storage.path(path))
    except NotImplementedError:  # a storage without local paths: copy, then drop the temporary
        default_storage.delete(path)
        with default_storage.open(partial, "rb") as part:
            default_storage.save(path, part)
        default_storage.delete(partial)


def export_chunk_run(*, job_id: int, start: int, stop: int) -> ExportJob:
    """Render the job's candidates `start`..`stop` into its staging area, counting each after
    its PDF is staged. Run again (a worker died mid-chunk), it renders what is not counted yet.
    Whichever chunk finds every candidate counted builds the ZIP (once, under the job's lock).
    A staging folder that cannot be written fails the job, visibly."""
    job = ExportJob.objects.select_related("role", "requested_by").get(pk=job_id)
    if job.status in FINISHED:
        return job  # a failed or finished job: nothing left to do
    if _job_refused(job):
        job.refresh_from_db()
        return job
    ExportJob.objects.filter(pk=job.pk, status=ExportJob.Status.QUEUED).update(
        status=ExportJob.Status.RUNNING
    )
    ids = job.candidate_ids[start:stop]
    counted = set(job.counted)
    by_id = Candidate.objects.filter(role=job.role, pk__in=ids).in_bulk()
    folder = staging_dir(job)
    requester = None if job.by_operator else job.requested_by
    for index, pk in enumerate(ids, start=start):
        if pk in counted:
            continue
        candidate = by_id.get(pk)
        if candidate is None:
            gone = "The candidate no longer exists."
            _count_one(job.pk, pk, {"candidate_id": pk, "candidate": "", "error": gone})
            continue
        rendered = next(pdfs_render([candidate], kind=job.kind, for_user=requester))
        failure = None
        if rendered.error is None:
            try:
                _stage(folder, staged_name(index, rendered.filename), rendered.content)
            except OSError as exc:
                logger.exception("Export job %s: cannot write its staging folder", job.pk)
                return export_job_fail(
                    job_id=job.pk, error=f"Cannot write the staging folder: {exc.strerror or exc}"
                )
        else:
            failure = {"candidate_id": pk, "candidate": candidate.name, "error": rendered.error}
        _count_one(job.pk, pk, failure)
    job.refresh_from_db()
    if job.status not in FINISHED and job.done >= job.total:
        return export_job_assemble(job_id=job.pk)
    return job


def export_job_assemble(*, job_id: int) -> ExportJob:
    """Zip the staged PDFs (and FAILURES.txt) into `ExportJob.archive`, exactly once: the job
    row stays locked while the archive is written, and a finished job is left as it is. A PDF
    missing from the staging folder is rendered again, so the job is done only with every PDF
    that did not fail; an archive that cannot be written fails the job (saved after the
    rollback, in its own transaction)."""
    try:
        with transaction.atomic():
            job = ExportJob.objects.select_for_update().select_related("role").get(pk=job_id)
            if job.status in FINISHED or job.archive:
                return job
            folder = staging_dir(job)
            failed = {f["candidate_id"] for f in job.failures}
            _restage_missing(job, folder, failed)
            try:
                _, staged = default_storage.listdir(folder)
            except FileNotFoundError:
                staged = []
            staged = sorted(n for n in staged if not n.startswith("."))
            failures = sorted(job.failures, key=_failure_order(job))
            with tempfile.TemporaryFile() as tmp:
                with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                    for name in staged:
                        with default_storage.open(f"{folder}/{name}", "rb") as part:
                            archive.writestr(name.split("-", 1)[1], part.read())
                    if failures:
                        archive.writestr("FAILURES.txt", failures_text(failures))
                tmp.seek(0)
                name = f"{job.role.slug}-{job.kind}-{job.pk}.zip"
                job.archive.save(name, File(tmp, name=name), save=False)
            job.failures = failures
            job.status = ExportJob.Status.DONE if staged else ExportJob.Status.FAILED
            job.finished_at = timezone.now()
            job.save(update_fields=["failures", "status", "archive", "finished_at"])
    except OSError as exc:
        logger.exception("Export job %s failed", job_id)
        return export_job_fail(job_id=job_id, error=f"Cannot write the archive: {exc}")
    for name in staged:
        default_storage.delete(f"{folder}/{name}")
    _remove_empty_folders(folder)
    return job


def _restage_missing(job: ExportJob, folder: str, failed: set) -> None:
    """Render again each counted, not failed candidate whose staged PDF is missing (a worker
    died between writing and counting, or the file was lost)."""
    try:
        _, present = default_storage.listdir(folder)
    except FileNotFoundError:
        present = []
    present = set(present)
    candidates = Candidate.objects.in_bulk(job.candidate_ids)
    requester = None if job.by_operator else job.requested_by
    for index, pk in enumerate(job.candidate_ids):
        candidate = candidates.get(pk)
        if pk in failed or candidate is None:
            continue
        name = staged_name(index, pdf_filename(candidate, kind=job.kind))
        if name in present:
            continue
        rendered = next(pdfs_render([candidate], kind=job.kind, for_user=requester))
        if rendered.error is None:
            _stage(folder, name, rendered.content)
        else:
            failure = {"candidate_id": pk, "candidate": candidate.name, "error": rendered.error}
            job.failures = [*job.failures, failure]


def _remove_empty_folders(folder: str) -> None:
    """Leave no empty `exports/<job>/parts` behind on a local disk (other storages have none)."""
    try:
        path = Path(default_storage.path(folder))
    except NotImplementedError:
        return
    for directory in (path, path.parent):
        try:
            directory.rmdir()
        except OSError:
            return  # not empty, or gone already


def _failure_order(job: ExportJob):
    position = {pk: i for i, pk in enumerate(job.candidate_ids)}
    return lambda failure: position.get(failure["candidate_id"], -1)


def export_job_run(*, job_id: int) -> ExportJob:
    """Build the whole job in this process, chunk after chunk (what the workers do between
    them); a job already finished is returned as it is, never built twice."""
    job = ExportJob.objects.get(pk=job_id)
    for start, stop in job_chunks(job.total):
        job = export_chunk_run(job_id=job_id, start=start, stop=stop)
        if job.status in FINISHED:
            break
    return job


def failures_text(failures: list[dict]) -> str:
    lines = ["These candidates could not be exported:", ""]
    for failure in failures:
        who = failure["candidate"] or f"candidate #{failure['candidate_id']}"
        lines.append(f"- {who}: {failure['error']}")
    return "\n".join(lines) + "\n"
