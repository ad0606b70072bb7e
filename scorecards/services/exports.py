"""Batch exports: a role's PDF packets or one-page summaries as one ZIP, built by a worker.

`export_job_start` records the job and splits it into chunks of a few candidates, one
`scorecards.tasks.export_chunk_task` each, so that every worker process takes a share. A chunk
(`export_chunk_run`) renders its PDFs into the job's staging folder in the default storage
(`exports/<job>/parts/`) and counts each candidate into `ExportJob.done` under the job's row
lock; the chunk that counts the last candidate zips the staged PDFs into `ExportJob.archive`
(`export_job_assemble`, once: under the same lock). A packet that fails to render is recorded
in `ExportJob.failures` and the batch carries on. CSV import lives in
`scorecards.exports.csv_io` and writes through `scorecards_import` below.
"""

from __future__ import annotations

import logging
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify

from interviewkit import personas
from interviewkit.access import is_hiring_team
from interviewkit.audit import events as audit
from interviewkit.models import Role
from scorecards.models import Candidate, ExportJob, Interview, Rating, Scorecard
from scorecards.services.candidates import candidate_add
from scorecards.services.role_fits import role_fit_schedule

logger = logging.getLogger(__name__)

DEFAULT_CHUNK_SIZE = 5
FINISHED = (ExportJob.Status.DONE, ExportJob.Status.FAILED)


class ExportError(ValueError):
    """A batch export that cannot start: the message is meant for the person who asked."""


def render_candidate_pdf(candidate: Candidate, *, kind: str, for_user=None) -> bytes:
    """One candidate's packet or summary as PDF bytes, as `for_user` may see it."""
    from scorecards.packets import pdf  # WeasyPrint is heavy: load it only where PDFs are made.

    if kind == ExportJob.Kind.SUMMARIES:
        return pdf.render_summary_pdf(candidate, for_user=for_user)
    return pdf.render_packet_pdf(candidate, for_user=for_user)


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
    from scorecards.tasks import export_chunk_task

    # Enqueued after the commit, so a worker on another machine finds the job row. Each chunk
    # is its own task: every free worker takes one, and the last one to finish zips the lot.
    try:
        for start, stop in job_chunks(len(ids)):
            export_chunk_task.enqueue(job.pk, start, stop)
    except Exception:
        # No queue, no export: say so on the job page rather than wait forever. Chunks that
        # were queued before the failure find the job failed and do nothing.
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED,
            failures=[{"candidate_id": None, "candidate": "", "error": "Could not queue."}],
            finished_at=timezone.now(),
        )
        raise
    job.refresh_from_db()
    return job


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


# --- CSV import ---------------------------------------------------------------------------

# A dump and restore may cut timestamps to milliseconds: closer than this is the same moment.
SAME_MOMENT = timedelta(milliseconds=1)


@dataclass
class ImportedRating:
    dimension_id: int
    dimension_name: str
    value: int | None
    evidence: str


@dataclass
class ImportedScorecard:
    """One scorecard read from a CSV file, validated against its role's kit version."""

    line: int
    source_id: str  # the file's scorecard_id: the key of every later import of the same file
    role: Role
    kit_id: int
    candidate_email: str
    candidate_name: str
    interviewer: str
    exercise_name: str
    exercise_id: int | None
    submitted_at: datetime  # aware
    recommendation: str
    ratings: list[ImportedRating] = field(default_factory=list)


class ImportRefused(ValueError):
    """Nothing was imported; `errors` says why, each naming its line."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ImportResult:
    scorecards: int = 0
    candidates: int = 0
    interviewers: int = 0
    duplicates: int = 0

    def summary(self) -> str:
        def count(n: int, word: str) -> str:
            return f"{n} {word}{'s' if n != 1 else ''}"

        return (
            f"Imported {count(self.scorecards, 'scorecard')}, created "
            f"{count(self.candidates, 'candidate')} and "
            f"{count(self.interviewers, 'interviewer account')}"
            + (f"; skipped {self.duplicates} already present" if self.duplicates else "")
            + "."
        )


@dataclass(frozen=True)
class _Stored:
    """What a stored scorecard says, in the terms of a CSV file."""

    role_id: int
    candidate_email: str
    interviewer: str
    exercise_name: str
    kit_id: int
    submitted_at: datetime | None
    recommendation: str
    ratings: dict[int, tuple[str, int | None, str]]  # dimension id: (name, value, evidence)


def _stored(scorecard: Scorecard, *, as_imported: bool = False) -> _Stored:
    """The scorecard as it stands, or with `as_imported` as it stood before its first
    amendment (the revision history keeps that version)."""
    interview = scorecard.interview
    recommendation, submitted_at = scorecard.recommendation, scorecard.submitted_at
    ratings = {
        r.dimension_id: (r.dimension.name, r.value, r.evidence) for r in scorecard.ratings.all()
    }
    revisions = sorted(scorecard.revisions.all(), key=lambda r: r.number)
    if as_imported and revisions:
        original = revisions[0].snapshot
        recommendation = original["recommendation"]
        submitted_at = parse_datetime(original["submitted_at"] or "")
        ratings = {
            r["dimension_id"]: (r["dimension"], r["value"], r["evidence"])
            for r in original["ratings"]
        }
    return _Stored(
        role_id=interview.candidate.role_id,
        candidate_email=interview.candidate.email,
        interviewer=interview.interviewer.get_username(),
        exercise_name=interview.title,
        kit_id=scorecard.kit_id,
        submitted_at=submitted_at,
        recommendation=recommendation,
        ratings=ratings,
    )


def _differences(card: ImportedScorecard, stored: _Stored) -> list[str]:
    """What the file says otherwise than the stored scorecard, named as the file's columns."""
    differs = [
        name
        for name, same in (
            ("role", card.role.pk == stored.role_id),
            ("candidate_email", card.candidate_email.lower() == stored.candidate_email.lower()),
            ("interviewer", card.interviewer.lower() == stored.interviewer.lower()),
            ("exercise", card.exercise_name == stored.exercise_name),
            ("kit_version", card.kit_id == stored.kit_id),
            (
                "submitted_at",
                stored.submitted_at is not None
                and abs(card.submitted_at - stored.submitted_at) < SAME_MOMENT,
            ),
            ("recommendation", card.recommendation == stored.recommendation),
        )
        if not same
    ]
    given = {r.dimension_id: r for r in card.ratings}
    for dimension_id, (name, value, evidence) in stored.ratings.items():
        rating = given.get(dimension_id)
        if rating is None:
            differs.append(f"no rating of {name!r}")
        elif rating.value != value:
            differs.append(
                f"rating of {name!r} ({rating.value or 'none'}, stored {value or 'none'})"
            )
        elif rating.evidence != evidence:
            differs.append(f"evidence of {name!r}")
    differs.extend(
        f"rating of {r.dimension_name!r} (not stored)"
        for dimension_id, r in given.items()
        if dimension_id not in stored.ratings
    )
    return differs


def _interviewer_accounts(
    scorecards: list[ImportedScorecard], *, create_users: bool
) -> tuple[dict[str, object], list[str]]:
    """The interviewers' accounts by lowercased user name (matched case-insensitively), and an
    error naming the line of each scorecard whose interviewer has no account (unless
    `create_users`) or matches several."""
    users = get_user_model()
    names = {card.interviewer.lower() for card in scorecards}
    found: dict[str, list] = {}
    for user in users.objects.annotate(lower=Lower("username")).filter(lower__in=names):
        found.setdefault(user.lower, []).append(user)
    errors = []
    for card in scorecards:
        matches = found.get(card.interviewer.lower(), [])
        if len(matches) > 1:
            errors.append(
                f"line {card.line}: interviewer {card.interviewer!r} matches several accounts "
                f"({', '.join(sorted(u.get_username() for u in matches))}): the import cannot "
                "tell which one interviewed"
            )
        elif not matches and not create_users:
            errors.append(
                f"line {card.line}: interviewer {card.interviewer!r} has no account "
                "(import with --create-users to create it)"
            )
    return {name: matches[0] for name, matches in found.items() if len(matches) == 1}, errors


def _same_scorecard(card: ImportedScorecard, scorecard: Scorecard) -> bool:
    """Whether the card is the stored scorecard: as it stands, or as it stood before its first
    amendment (the app's later correction stays)."""
    return not _differences(card, _stored(scorecard)) or not _differences(
        card, _stored(scorecard, as_imported=True)
    )


def _with_content(scorecards: QuerySet[Scorecard]) -> QuerySet[Scorecard]:
    return scorecards.select_related(
        "interview__candidate", "interview__interviewer"
    ).prefetch_related("ratings__dimension", "revisions")


def _present_already(card: ImportedScorecard, candidate: Candidate, user) -> bool:
    """Whether a scorecard stored under another key, or none, is the card itself: the original
    in this database (the file was exported here, so its id is the scorecard's), or a copy
    imported before imports kept the key (which takes the key now). Every column and rating
    must agree, the submission time to the millisecond."""
    if card.source_id.isdigit() and int(card.source_id) < 2**63:
        here = _with_content(
            Scorecard.objects.filter(
                pk=int(card.source_id),
                status=Scorecard.Status.SUBMITTED,
                interview__candidate=candidate,
            )
        ).first()
        if here is not None and _same_scorecard(card, here):
            return True
    legacy = Scorecard.objects.filter(
        imported=True,
        source_scorecard_id="",
        interview__candidate=candidate,
        interview__interviewer=user,
        interview__title=card.exercise_name,
        submitted_at__gt=card.submitted_at - SAME_MOMENT,
        submitted_at__lt=card.submitted_at + SAME_MOMENT,
    )
    for scorecard in _with_content(legacy):
        if _same_scorecard(card, scorecard):
            Scorecard.objects.filter(pk=scorecard.pk).update(source_scorecard_id=card.source_id)
            return True
    return False


def _already_imported(scorecards: list[ImportedScorecard]) -> tuple[set[str], list[str]]:
    """The source keys already imported with the same content, and an error naming the line of
    each already imported scorecard the file now gives otherwise: a submitted scorecard is
    never changed by an import. A scorecard amended in the app since is compared with the
    version it was imported as."""
    keys = [card.source_id for card in scorecards]
    stored = {
        scorecard.source_scorecard_id: scorecard
        for scorecard in _with_content(Scorecard.objects.filter(source_scorecard_id__in=keys))
    }
    present, errors = set(), []
    for card in scorecards:
        scorecard = stored.get(card.source_id)
        if scorecard is None:
            continue
        if _same_scorecard(card, scorecard):
            present.add(card.source_id)
        else:
            differs = _differences(card, _stored(scorecard))
            errors.append(
                f"line {card.line}: scorecard {card.source_id} was imported before and this "
                f"file changes its {'; '.join(differs)}. An import never changes a submitted "
                "scorecard: amend it in the app, or leave its rows out of the file"
            )
    return present, errors


@transaction.atomic
def scorecards_import(
    *, scorecards: list[ImportedScorecard], by, create_users: bool = False
) -> ImportResult:
    """Create the imported scorecards, submitted and marked imported, each keyed by the file's
    `scorecard_id`, with the candidates (`candidate_add`) and, when `create_users`, the
    interviewer accounts (which cannot log in) that do not exist yet. A scorecard imported
    before with the same content is skipped, so importing a file twice adds nothing.

    Raises ImportRefused, with nothing written, for an interviewer without an account (or
    with several), a scorecard imported before that the file now gives otherwise, and a
    candidate the candidate rules refuse; each error names its line."""
    result = ImportResult()
    accounts, errors = _interviewer_accounts(scorecards, create_users=create_users)
    present, changed = _already_imported(scorecards)
    errors.extend(changed)
    if errors:
        raise ImportRefused(errors)
    result.duplicates = len(present)
    interviewers_group = Group.objects.get_or_create(name=personas.INTERVIEWERS)[0]
    candidate_cache: dict[tuple[int, str], Candidate] = {}
    try:
        with transaction.atomic():
            for card in scorecards:
                if card.source_id in present:
                    continue
                user = accounts.get(card.interviewer.lower())
                if user is None:
                    user = accounts[card.interviewer.lower()] = _interviewer_create(
                        card.interviewer, interviewers_group
                    )
                    result.interviewers += 1
                key = (card.role.pk, card.candidate_email.lower())
                candidate = candidate_cache.get(key)
                if candidate is None:
                    candidate = Candidate.objects.filter(
                        role=card.role, email__iexact=card.candidate_email
                    ).first()
                    if candidate is None:
                        candidate = _candidate_create(card, by)
                        result.candidates += 1
                    candidate_cache[key] = candidate
                if _present_already(card, candidate, user):
                    result.duplicates += 1
                    continue
                _scorecard_create(card, candidate, user, by)
                result.scorecards += 1
    except IntegrityError:
        raise ImportRefused(
            [
                "another import of the same scorecards ran at the same time, so nothing was "
                "imported: run this one again, it will skip what the other one added"
            ]
        ) from None
    for role_id in sorted({card.role.pk for card in scorecards}):
        role_fit_schedule(role_id=role_id)
    return result


def _interviewer_create(username: str, group: Group):
    """An interviewer account that cannot log in, for someone who interviewed elsewhere."""
    user = get_user_model()(username=username)
    if "@" in username:
        user.email = username
    user.set_unusable_password()
    user.save()
    user.groups.add(group)
    return user


def _candidate_create(card: ImportedScorecard, by) -> Candidate:
    try:
        return candidate_add(
            role=card.role,
            name=card.candidate_name or card.candidate_email,
            email=card.candidate_email,
            by=by,
        )
    except ValidationError as exc:
        raise ImportRefused([f"line {card.line}: {message}" for message in exc.messages]) from None


def _scorecard_create(card: ImportedScorecard, candidate: Candidate, user, by) -> Scorecard:
    position = (candidate.interviews.aggregate(last=Max("position"))["last"] or 0) + 1
    interview = Interview.objects.create(
        candidate=candidate,
        exercise_id=card.exercise_id,
        title=card.exercise_name,
        interviewer=user,
        scheduled_at=card.submitted_at,
        position=position,
    )
    scorecard = Scorecard.objects.create(
        interview=interview,
        kit_id=card.kit_id,
        status=Scorecard.Status.SUBMITTED,
        recommendation=card.recommendation,
        submitted_at=card.submitted_at,
        imported=True,
        source_scorecard_id=card.source_id,
    )
    Rating.objects.bulk_create(
        Rating(scorecard=scorecard, dimension_id=r.dimension_id, value=r.value, evidence=r.evidence)
        for r in card.ratings
    )
    audit.record(
        by,
        "scorecard.import",
        scorecard,
        detail={"line": card.line, "ratings": len(card.ratings), "source_id": card.source_id},
    )
    return scorecard
