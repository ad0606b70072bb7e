"""Background tasks (django-tasks). The worker runs them: `python manage.py task_worker` (the
database backend's worker plus leases, see `scorecards.task_worker`).

Task arguments are JSON, so a task takes ids and reloads what it needs from the database;
any number of workers on any number of machines can share the queue (and the media storage,
where a batch export's chunks leave their PDFs).
"""

from __future__ import annotations

import logging
import time

from django.db import DatabaseError, close_old_connections
from django_tasks import task

logger = logging.getLogger(__name__)

# How long a chunk waits for the database to come back before it gives up (and fails).
DATABASE_PATIENCE_SECONDS = 120


def _summary(job) -> dict:
    return {"job": job.pk, "status": job.status, "done": job.done, "failures": len(job.failures)}


@task()
def export_chunk_task(job_id: int, start: int, stop: int) -> dict:
    """Render candidates `start`..`stop` of one batch export; the chunk that finds every
    candidate counted builds the ZIP (see `scorecards.services.exports.export_chunk_run`).
    Chunks are idempotent, so a database blip simply runs the chunk again once it is back."""
    from scorecards.services.exports import export_chunk_run

    deadline = time.monotonic() + DATABASE_PATIENCE_SECONDS
    pause = 0.5
    while True:
        try:
            return _summary(export_chunk_run(job_id=job_id, start=start, stop=stop))
        except DatabaseError:
            if time.monotonic() > deadline:
                raise
            logger.warning("Export job %s: database unavailable, retrying the chunk", job_id)
            close_old_connections()
            time.sleep(pause)
            pause = min(pause * 2, 5)


@task()
def role_fit_task(role_id: int, requested_at: str | None = None) -> dict:
    """Refit one role's model (leniency, variance components, agreement) and store it; queued
    after each submitted or amended scorecard of the role, at `requested_at` (ISO 8601). A
    refit that began after that already holds the request's data: then nothing is done."""
    from datetime import datetime

    from interviewkit.models import Role
    from scorecards.services.packet_pdfs import packet_pdfs_schedule
    from scorecards.services.role_fits import role_fit_is_current, role_fit_refresh

    role = Role.objects.filter(pk=role_id).first()
    if role is None:  # the role was deleted since: nothing to fit
        return {"role": role_id, "fitted": False}
    if requested_at and role_fit_is_current(
        role_id=role_id, requested_at=datetime.fromisoformat(requested_at)
    ):
        return {"role": role_id, "fitted": False, "already_current": True}
    fit = role_fit_refresh(role=role)
    # The refit's figures show in every packet of the role: their PDFs are made again.
    packet_pdfs_schedule(role_id=role_id, fitted_at=fit.fitted_at)
    return {"role": role_id, "fitted": True, "scorecards": fit.scorecards}


@task(priority=-10)
def packet_pdfs_task(
    role_id: int,
    candidate_id: int | None = None,
    fitted_at: str | None = None,
    before: int | None = None,
) -> dict:
    """Make and keep the packet PDFs of one candidate, or of a batch of the role's candidates in
    play after the refit of `fitted_at` (ISO 8601), then queue the next batch; so that their
    downloads read a file (see `scorecards.services.packet_pdfs`). Behind exports and refits in
    the queue (priority -10)."""
    from datetime import datetime

    from scorecards.services.packet_pdfs import packet_pdfs_prepare, packet_pdfs_schedule

    when = datetime.fromisoformat(fitted_at) if fitted_at else None
    done = packet_pdfs_prepare(
        role_id=role_id, candidate_id=candidate_id, fitted_at=when, before=before
    )
    if done.rest_before is not None:
        packet_pdfs_schedule(role_id=role_id, fitted_at=when, before=done.rest_before)
    return {"role": role_id, "candidate": candidate_id, "made": done.made, "next": done.rest_before}


@task()
def webhook_deliver_task(delivery_id: int) -> dict:
    """One attempt at a webhook delivery; a failed one queues its own retry after a back-off
    (see `scorecards.webhooks.sending.webhook_delivery_attempt`)."""
    from scorecards.webhooks.sending import webhook_delivery_attempt

    delivery = webhook_delivery_attempt(delivery_id=delivery_id)
    return {"delivery": delivery.pk, "status": delivery.status, "attempts": delivery.attempts}
