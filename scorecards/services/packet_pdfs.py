"""Each packet's PDF made once per state and kept: downloads, the API and batch exports of an
unchanged packet read a file instead of running WeasyPrint again.

A PDF is kept as a `PacketPdf` row under the content key of its HTML (`pdf.document_key`): the
document is rendered to HTML for the reader (cheap: a few milliseconds), and the PDF is made
only when no PDF of exactly that HTML is kept. So nothing needs invalidating by hand, and
nothing stale can be served: a submitted or amended scorecard, a decision, a refit of the role's
figures, a renamed candidate or interviewer, the reader's time zone or rights all change the
HTML. Each reader's access is checked before anything is read.

The worker makes them ahead of the downloads (`packet_pdfs_prepare`, queued after each refit of
the role, whose figures show in every packet, and after a decision): the packets of the role's
candidates who have a submitted scorecard and are undecided or decided in the last
`PREPARE_DECIDED_DAYS` days, newest first, for each of the role's hiring managers and
recruiters (each in their own time zone). Others are made on their first download.

A candidate keeps at most `KEEP_PER_KIND` PDFs of each kind (the readers' variants, the least
recently used dropped); erasing a candidate deletes theirs, and a row's file goes with it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from interviewkit.models import Role
from interviewkit.timezones import zone_for_user
from scorecards.models import Candidate, Decision, PacketPdf, RoleFit, Scorecard

logger = logging.getLogger(__name__)

KEEP_PER_KIND = 4
PREPARE_DECIDED_DAYS = 30
PREPARE_BATCH = 10  # candidates per worker task: the queue's other tasks run in between


def packet_pdf(candidate: Candidate, *, kind: str = PacketPdf.Kind.PACKET, for_user=None) -> bytes:
    """The candidate's packet ("packet") or one-page summary ("summary") as PDF bytes, as
    `for_user` may see it (None: complete, for commands). A kept PDF of the same content is
    read; otherwise the PDF is made now and kept. Raises PermissionDenied for a reader who may
    not see the panel (blind review), whatever is kept."""
    content, _ = _packet_pdf(candidate, kind=kind, for_user=for_user)
    return content


def _packet_pdf(candidate: Candidate, *, kind: str, for_user) -> tuple[bytes, bool]:
    """The PDF bytes, and whether they were made now (False: read from a kept file)."""
    from scorecards.packets import pdf  # WeasyPrint is heavy: load it only where PDFs are made.

    pdf.check_reader(candidate, for_user)
    html = pdf.document_html(candidate, kind=kind, viewer=for_user)
    key = pdf.document_key(html)
    kept = _kept(candidate, kind=kind, key=key)
    if kept is not None:
        return kept, False
    content = pdf.html_to_pdf(pdf.with_made_at(html))
    _keep(candidate, kind=kind, key=key, content=content)
    return content, True


def _kept(candidate: Candidate, *, kind: str, key: str) -> bytes | None:
    row = PacketPdf.objects.filter(candidate=candidate, kind=kind, content_key=key).first()
    if row is None:
        return None
    try:
        with row.file.open("rb") as handle:
            content = handle.read()
    except OSError:  # the file went missing (a storage clean-up): make it again
        logger.warning("Kept PDF %s of candidate %s is unreadable", row.pk, candidate.pk)
        row.delete()
        return None
    PacketPdf.objects.filter(pk=row.pk).update(used_at=timezone.now())
    return content


def _keep(candidate: Candidate, *, kind: str, key: str, content: bytes) -> None:
    row = PacketPdf(candidate=candidate, kind=kind, content_key=key)
    row.file.save(f"{candidate.pk}/{kind}-{key[:16]}.pdf", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # another process kept the same PDF meanwhile: theirs stays
        row.file.delete(save=False)
        return
    stale = PacketPdf.objects.filter(candidate=candidate, kind=kind).order_by("-used_at", "-pk")
    for old in stale[KEEP_PER_KIND:]:
        old.delete()


def kept_file_delete(row: PacketPdf) -> None:
    """Delete a kept PDF's file once the deletion of its row commits (a rolled-back deletion
    keeps both)."""
    name, storage = row.file.name, row.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def packet_pdfs_schedule(
    *, role_id: int, candidate_id: int | None = None, fitted_at=None, before: int | None = None
) -> None:
    """Queue `packet_pdfs_prepare` for the worker once the current transaction commits."""
    from scorecards.tasks import packet_pdfs_task

    stamp = fitted_at.isoformat() if fitted_at is not None else None
    transaction.on_commit(
        lambda: packet_pdfs_task.enqueue(
            role_id, candidate_id=candidate_id, fitted_at=stamp, before=before
        )
    )


def candidate_folder(candidate: Candidate) -> str:
    """Where the candidate's kept PDFs are stored (`packet-pdfs/<id>/`)."""
    return f"{PacketPdf.file.field.upload_to}{candidate.pk}"


def packet_pdfs_forget(candidate: Candidate) -> int:
    """Delete every kept PDF of the candidate, and every file in their folder: also one whose
    row was never saved (a worker killed between writing the file and its row). The count of
    kept PDFs."""
    count, _ = PacketPdf.objects.filter(candidate=candidate).delete()
    folder = candidate_folder(candidate)
    names = default_storage.listdir(folder)[1] if default_storage.exists(folder) else []
    transaction.on_commit(lambda: [default_storage.delete(f"{folder}/{name}") for name in names])
    return count


def prepare_readers(role: Role) -> list:
    """Who the worker makes PDFs for: the role's active hiring managers and recruiters."""
    people = {user.pk: user for user in role.hiring_managers.filter(is_active=True)}
    people.update({user.pk: user for user in role.recruiters.filter(is_active=True)})
    return [people[pk] for pk in sorted(people)]


def prepare_candidates(role: Role, *, now: datetime | None = None):
    """The role's candidates whose packets are read now: not erased, a submitted scorecard, and
    no decision or one made in the last PREPARE_DECIDED_DAYS days. Newest first."""
    since = (now or timezone.now()) - timedelta(days=PREPARE_DECIDED_DAYS)
    decisions = Decision.objects.filter(candidate=OuterRef("pk"))
    submitted = Scorecard.objects.submitted().filter(interview__candidate=OuterRef("pk"))
    return (
        role.candidates.filter(erased_at__isnull=True)
        .filter(Exists(submitted))
        .filter(~Exists(decisions) | Exists(decisions.filter(decided_at__gte=since)))
        .order_by("-pk")
    )


@dataclass(frozen=True)
class Prepared:
    made: int  # PDFs made (the rest were kept already)
    rest_before: int | None  # the next run's cursor: candidates below this id are left to do


def packet_pdfs_prepare(
    *,
    role_id: int,
    candidate_id: int | None = None,
    fitted_at: datetime | None = None,
    before: int | None = None,
) -> Prepared:
    """Make the packet PDFs of one candidate (`candidate_id`) or of the role's candidates in
    play (see `prepare_candidates`) for each reader, in the reader's time zone.

    A role-wide run takes `PREPARE_BATCH` candidates, newest first from `before` (an id), and
    says where the next run starts, so that a large role does not hold a worker for minutes:
    the task queues its own continuation, and other tasks run in between. A run for the fit of
    `fitted_at` stops when a newer fit exists: that fit's own run makes the PDFs showing it."""
    role = Role.objects.filter(pk=role_id).first()
    if role is None or (fitted_at is not None and _superseded(role_id, fitted_at)):
        return Prepared(0, None)
    readers = prepare_readers(role)
    candidates = prepare_candidates(role)
    if candidate_id is not None:
        candidates = candidates.filter(pk=candidate_id)
    if before is not None:
        candidates = candidates.filter(pk__lt=before)
    batch = list(candidates[: PREPARE_BATCH + 1])
    made = sum(
        _prepare_one(candidate, reader) for candidate in batch[:PREPARE_BATCH] for reader in readers
    )
    rest = batch[PREPARE_BATCH - 1].pk if len(batch) > PREPARE_BATCH else None
    return Prepared(made, rest)


def _superseded(role_id: int, fitted_at: datetime) -> bool:
    return RoleFit.objects.filter(role_id=role_id, fitted_at__gt=fitted_at).exists()


def _prepare_one(candidate: Candidate, reader) -> int:
    with timezone.override(zone_for_user(reader)):
        try:
            _, made = _packet_pdf(candidate, kind=PacketPdf.Kind.PACKET, for_user=reader)
        except PermissionDenied:  # a manager who interviews and has not submitted yet
            return 0
    return int(made)
