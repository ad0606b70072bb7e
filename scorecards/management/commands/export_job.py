"""`python manage.py export_job ID [--format json]`: where a batch export stands."""

from __future__ import annotations

import json

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from scorecards.models import ExportJob


def job_state(job: ExportJob) -> dict:
    """The job as an operator (or a check from outside) reads it."""
    try:
        archive = default_storage.path(job.archive.name) if job.archive else None
    except NotImplementedError:
        archive = job.archive.name
    return {
        "id": job.pk,
        "state": job.status,
        "done": job.done,
        "total": job.total,
        "failures": job.failures,
        "zip": archive,
    }


class Command(BaseCommand):
    help = "Show a batch export's state: queued, running, done or failed, with its progress."

    def add_arguments(self, parser) -> None:
        parser.add_argument("job_id", type=int)
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args, job_id: int, format: str, **options) -> None:
        job = ExportJob.objects.filter(pk=job_id).first()
        if job is None:
            raise CommandError(f"No export job {job_id}.")
        state = job_state(job)
        if format == "json":
            self.stdout.write(json.dumps(state))
            return
        self.stdout.write(f"Job {job.pk}: {job.status}, {job.done}/{job.total}")
        for failure in job.failures:
            who = failure["candidate"] or f"candidate #{failure['candidate_id']}"
            self.stdout.write(f"failed: {who}: {failure['error']}")
        if state["zip"]:
            self.stdout.write(f"ZIP: {state['zip']}")
