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
def role_fit_task(role_id: int) -> dict:
    """Refit one role's model (leniency, variance components, agreement) and store it; queued
    after each submitted or amended scorecard of the role."""
    from interviewkit.models import Role
    from scorecards.services.role_fits import role_fit_refresh

    role = Role.objects.filter(pk=role_id).first()
    if role is None:  # the role was deleted since: nothing to fit
        return {"role": role_id, "fitted": False}
    fit = role_fit_refresh(role=role)
    return {"role": role_id, "fitted": True, "scorecards": fit.scorecards}
