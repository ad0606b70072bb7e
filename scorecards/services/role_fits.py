"""Fitting a role's model and keeping it: `role_fit_refresh` (the worker's job) and
`role_fit_schedule` (what a submit or an amendment calls)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from interviewkit.models import Role
from scorecards import role_model
from scorecards.models import InterviewerFit, RoleFit, Scorecard
from scorecards.role_fit import interviewer_fit_row, role_ratings
from scorecards.tasks import role_fit_task


@transaction.atomic
def role_fit_refresh(*, role: Role) -> RoleFit:
    """Fit the role's model on its submitted ratings now and replace the stored figures."""
    table = role_ratings(role)
    model = role_model.fit_role(table)
    fit, _ = RoleFit.objects.select_for_update().get_or_create(
        role=role, defaults={"fitted_at": timezone.now()}
    )
    fit.fitted_at = timezone.now()
    fit.scorecards = Scorecard.objects.submitted().filter(interview__candidate__role=role).count()
    fit.ratings = len(table)
    fit.components = model.components.as_json() if model.components else None
    fit.leniency_variance = model.leniency.between_variance
    fit.residual_variance = model.leniency.residual_variance
    fit.agreement = model.agreement.as_json()
    fit.agreement_by_dimension = {
        name: value.as_json() for name, value in model.agreement_by_dimension.items()
    }
    fit.save()
    InterviewerFit.objects.filter(fit=fit).delete()
    InterviewerFit.objects.bulk_create(
        interviewer_fit_row(fit, leniency) for leniency in model.leniency.interviewers.values()
    )
    return fit


def role_fit_schedule(*, role_id: int) -> None:
    """Queue a refit of the role for the background worker once the current transaction
    commits (a rolled-back submit queues nothing)."""
    transaction.on_commit(lambda: role_fit_task.enqueue(role_id))
