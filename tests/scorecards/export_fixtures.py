"""Helpers for the export and CSV tests: submitted scorecards built the way the app keeps them."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from django.core.files.base import ContentFile
from django.test import TestCase
from django.utils import timezone

from interviewkit import personas
from scorecards.models import Candidate, ExportJob, Recommendation, Scorecard
from scorecards.services.exports import export_job_start
from tests.factories import InterviewFactory, RatingFactory, ScorecardFactory, UserFactory

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def start_export(**kwargs) -> ExportJob:
    """`export_job_start` as a request runs it: its chunks are queued once the job row is
    committed. The test's transaction never commits, so the commit callbacks run here."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        job = export_job_start(**kwargs)
    job.refresh_from_db()
    return job


def finished_export_job(candidate: Candidate, *, by, archive: bytes) -> ExportJob:
    """A finished packets export of the candidate, requested by `by`, with its archive saved
    (under MEDIA_ROOT: give the test a temporary one)."""
    job = ExportJob.objects.create(
        role=candidate.role,
        requested_by=by,
        candidate_ids=[candidate.pk],
        status=ExportJob.Status.DONE,
        done=1,
        total=1,
        finished_at=timezone.now(),
    )
    job.archive.save("packets.zip", ContentFile(archive), save=True)
    return job


def submitted_scorecard(
    candidate: Candidate,
    interviewer,
    values: dict[str, int | None],
    *,
    recommendation: str = Recommendation.YES,
    exercise_name: str = "System design",
    when: datetime | None = None,
    evidence: str = "Walked through the trade-offs.",
) -> Scorecard:
    """A submitted scorecard rating the named dimensions of the candidate's current kit."""
    kit = candidate.role.current_kit()
    exercise = kit.exercises.filter(name=exercise_name).first()
    interview = InterviewFactory(
        candidate=candidate, interviewer=interviewer, exercise=exercise, title=exercise_name
    )
    scorecard = ScorecardFactory(
        interview=interview,
        kit=kit,
        status=Scorecard.Status.SUBMITTED,
        recommendation=recommendation,
        submitted_at=when or timezone.now().replace(microsecond=0),
    )
    by_name = {d.name: d for d in kit.dimensions.all()}
    for name, value in values.items():
        RatingFactory(scorecard=scorecard, dimension=by_name[name], value=value, evidence=evidence)
    return scorecard


def interviewer_named(username: str):
    return UserFactory(username=username, persona=personas.INTERVIEWERS)


def zip_names(content: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return sorted(archive.namelist())


def fake_pdf(candidate, *, kind, for_user=None) -> bytes:
    """Stands in for the WeasyPrint renderer where only the batch mechanics are tested."""
    return f"%PDF-fake {kind} {candidate.name}".encode()
