"""Background tasks (django-tasks). The worker runs them: `python manage.py db_worker`.

Task arguments are JSON, so a task takes ids and reloads what it needs from the database;
any number of workers on any number of machines can share the queue (and the media storage,
where a batch export's chunks leave their PDFs).
"""

from __future__ import annotations

from django_tasks import task


def _summary(job) -> dict:
    return {"job": job.pk, "status": job.status, "done": job.done, "failures": len(job.failures)}


@task()
def export_chunk_task(job_id: int, start: int, stop: int) -> dict:
    """Render candidates `start`..`stop` of one batch export; the last chunk to finish builds
    the ZIP (see `scorecards.services.exports.export_chunk_run`)."""
    from scorecards.services.exports import export_chunk_run

    return _summary(export_chunk_run(job_id=job_id, start=start, stop=stop))


@task()
def webhook_deliver_task(delivery_id: int) -> dict:
    """One attempt at a webhook delivery; a failed one queues its own retry after a back-off
    (see `scorecards.webhooks.sending.webhook_delivery_attempt`)."""
    from scorecards.webhooks.sending import webhook_delivery_attempt

    delivery = webhook_delivery_attempt(delivery_id=delivery_id)
    return {"delivery": delivery.pk, "status": delivery.status, "attempts": delivery.attempts}
