"""Fitting a role's model and keeping it: `role_fit_refresh` (the worker's job) and
`role_fit_schedule` (what a submit or an amendment calls).

A burst of submits queues a burst of refits; each refit reads every submitted rating of the
role, so one that starts after a request was made already holds that request's data, and the
requests it answered are skipped (`role_fit_is_current`). Both times come from the database's
clock, so app servers and workers on machines whose clocks differ agree on them."""

from __future__ import annotations

from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from interviewkit.models import Role
from scorecards import role_model
from scorecards.calibration import stats as calibration
from scorecards.calibration.data import scorecards_for
from scorecards.models import InterviewerFit, RoleFit, Scorecard
from scorecards.role_fit import interviewer_fit_row, role_ratings
from scorecards.tasks import role_fit_task


@transaction.atomic
def role_fit_refresh(*, role: Role) -> RoleFit:
    """Fit the role's model on its submitted ratings now and replace the stored figures; the
    fit's `fitted_at` is when it began reading them."""
    started = database_now()
    table = role_ratings(role)
    model = role_model.fit_role(table)
    fit, _ = RoleFit.objects.select_for_update().get_or_create(
        role=role, defaults={"fitted_at": started}
    )
    fit.fitted_at = started
    fit.scorecards = Scorecard.objects.submitted().filter(interview__candidate__role=role).count()
    fit.ratings = len(table)
    fit.components = model.components.as_json() if model.components else None
    fit.calibrated_components = (
        model.calibrated_components.as_json() if model.calibrated_components else None
    )
    fit.leniency_variance = model.leniency.between_variance
    fit.residual_variance = model.leniency.residual_variance
    fit.agreement = model.agreement.as_json()
    fit.agreement_by_dimension = {
        name: value.as_json() for name, value in model.agreement_by_dimension.items()
    }
    fit.save()
    summaries = {
        summary.interviewer: summary
        for summary in calibration.interviewer_summaries(table, scorecards_for(role))
    }
    lenient = model.leniency.interviewers
    InterviewerFit.objects.filter(fit=fit).delete()
    InterviewerFit.objects.bulk_create(
        interviewer_fit_row(
            fit,
            lenient.get(person) or role_model.InterviewerLeniency(person, 0, 0),
            summaries.get(person),
        )
        for person in sorted(set(lenient) | set(summaries))
    )
    return fit


def role_fit_schedule(*, role_id: int) -> None:
    """Queue a refit of the role for the background worker once the current transaction
    commits (a rolled-back submit queues nothing)."""
    transaction.on_commit(
        lambda: role_fit_task.enqueue(role_id, requested_at=database_now().isoformat())
    )


def role_fit_is_current(*, role_id: int, requested_at: datetime) -> bool:
    """Whether a refit of the role began reading after `requested_at`, so holds what the
    request was made for."""
    return RoleFit.objects.filter(role_id=role_id, fitted_at__gte=requested_at).exists()


def database_now() -> datetime:
    """The database server's current time on PostgreSQL (the clock that app servers and
    workers share); on the embedded SQLite, which one machine runs, that machine's."""
    if connection.vendor != "postgresql":
        return timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("SELECT clock_timestamp()")
        return cursor.fetchone()[0]
