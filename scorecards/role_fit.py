"""Reads for the role's stored model (`RoleFit`): its ratings in, its figures out.

`role_ratings` feeds `scorecards.services.role_fits.role_fit_refresh` (the background worker's
fit); `stored_fit` is what packet pages, the calibration page and the commands read instead of
refitting: two queries, whatever the size of the role. The statistics are in the pure module
`scorecards.role_model`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from interviewkit.models import Role
from scorecards import role_model
from scorecards.calibration.stats import InterviewerSummary
from scorecards.models import InterviewerFit, Rating, RoleFit, Scorecard


def role_ratings(role: Role) -> role_model.Ratings:
    """The role's submitted ratings (not-assessed left out), one query."""
    rows = (
        Rating.objects.filter(
            scorecard__interview__candidate__role=role,
            scorecard__status=Scorecard.Status.SUBMITTED,
            value__isnull=False,
        )
        .order_by()
        .values_list(
            "scorecard__interview__candidate_id",
            "scorecard_id",
            "scorecard__interview__interviewer_id",
            "dimension__name",
            "value",
        )
    )
    return role_model.ratings_from_rows(list(rows))


@dataclass(frozen=True)
class StoredFit:
    fitted_at: datetime
    scorecards: int
    ratings: int
    components: role_model.Components | None
    leniency: role_model.LeniencyFit
    agreement: role_model.Agreement | None
    agreement_by_dimension: dict[str, role_model.Agreement]
    # Each interviewer's counts in the role at the fit, by id; None for a fit made before they
    # were stored (then read them from the ratings).
    summaries: dict[int, InterviewerSummary] | None = None
    # The components of the calibrated ratings; None for a fit made before they were stored.
    calibrated_components: role_model.Components | None = None


# What an InterviewerFit row keeps of a role_model.InterviewerLeniency, under the same names.
LENIENCY_FIGURES = (
    "ratings",
    "candidates",
    "raw",
    "se",
    "estimate",
    "low",
    "high",
    "posterior_variance",
)


def interviewer_fit_row(
    fit: RoleFit,
    leniency: role_model.InterviewerLeniency,
    summary: InterviewerSummary | None = None,
) -> InterviewerFit:
    """The row that stores one interviewer's leniency and counts in `fit` (unsaved)."""
    figures = {name: getattr(leniency, name) for name in LENIENCY_FIGURES}
    stored = summary.as_stored() if summary is not None else None
    if stored is not None and leniency.calibrated_levels:
        # The calibrated view's value of each level, kept with the counts (no column of its own).
        stored["calibrated_levels"] = [round(v, 6) for v in leniency.calibrated_levels]
    return InterviewerFit(fit=fit, interviewer_id=leniency.interviewer, summary=stored, **figures)


def _leniency_of(row: InterviewerFit) -> role_model.InterviewerLeniency:
    figures = {name: getattr(row, name) for name in LENIENCY_FIGURES}
    # The calibrated value of each level is kept with the counts in the summary; a fit stored
    # before those values takes off the estimate until the role is refitted.
    calibrated = tuple(row.summary.get("calibrated_levels", ())) if row.summary else ()
    return role_model.InterviewerLeniency(
        interviewer=row.interviewer_id, calibrated_levels=calibrated, **figures
    )


def stored_fit(role: Role, *, interviewers: Iterable[int] | None = None) -> StoredFit | None:
    """The role's last fit (None before the first), with the leniency of `interviewers` (every
    interviewer of the role when None). Two queries."""
    fit = RoleFit.objects.filter(role=role).first()
    if fit is None:
        return None
    rows = InterviewerFit.objects.filter(fit=fit)
    if interviewers is not None:
        rows = rows.filter(interviewer_id__in=list(interviewers))
    rows = list(rows)
    summaries = (
        {
            row.interviewer_id: InterviewerSummary.from_stored(row.interviewer_id, row.summary)
            for row in rows
        }
        if all(row.summary is not None for row in rows)
        else None
    )
    leniency = role_model.LeniencyFit(
        {row.interviewer_id: _leniency_of(row) for row in rows},
        fit.leniency_variance,
        fit.residual_variance,
    )
    return StoredFit(
        fitted_at=fit.fitted_at,
        scorecards=fit.scorecards,
        ratings=fit.ratings,
        components=(role_model.Components.from_json(fit.components) if fit.components else None),
        leniency=leniency,
        agreement=role_model.Agreement.from_json(fit.agreement) if fit.agreement else None,
        agreement_by_dimension={
            name: role_model.Agreement.from_json(data)
            for name, data in (fit.agreement_by_dimension or {}).items()
        },
        summaries=summaries,
        calibrated_components=(
            role_model.Components.from_json(fit.calibrated_components)
            if fit.calibrated_components
            else None
        ),
    )
