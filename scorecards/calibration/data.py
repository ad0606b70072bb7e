"""Database reads for calibration: submitted ratings and scorecards as numpy arrays.

Each reader is one `values_list` query, however many scorecards there are; the arrays go to
the pure functions of `scorecards.calibration.stats`. Drafts and "not assessed" never count.
Leniency is the role model's, as the background worker stored it (`fitted_leniencies`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from interviewkit.models import Role
from scorecards import role_model
from scorecards.calibration import stats as calibration
from scorecards.calibration.stats import RatingsTable, ScorecardTable
from scorecards.models import InterviewerFit, Rating, Scorecard
from scorecards.role_fit import LENIENCY_FIGURES

SUBMITTED = Scorecard.Status.SUBMITTED


def _scope(roles: Role | Iterable[Role] | QuerySet | None, prefix: str) -> Q:
    """Filter on the candidate's role: one role, several, or None for every role."""
    if roles is None:
        return Q()
    if isinstance(roles, Role):
        return Q(**{f"{prefix}candidate__role": roles})
    return Q(**{f"{prefix}candidate__role__in": roles})


def ratings_for(
    roles: Role | Iterable[Role] | QuerySet | None = None, *, extra: Q | None = None
) -> RatingsTable:
    """Submitted ratings (one query): candidate, dimension name, interviewer, rating, role."""
    rows = (
        Rating.objects.filter(
            _scope(roles, "scorecard__interview__"),
            extra or Q(),
            scorecard__status=SUBMITTED,
            value__isnull=False,
        )
        .order_by()
        .values_list(
            "scorecard__interview__candidate_id",
            "dimension__name",
            "scorecard__interview__interviewer_id",
            "value",
            "scorecard__interview__candidate__role_id",
        )
    )
    return calibration.ratings_table(list(rows), with_role=True)


def scorecards_for(
    roles: Role | Iterable[Role] | QuerySet | None = None, *, extra: Q | None = None
) -> ScorecardTable:
    """Submitted scorecards (one query): interviewer, hours from interview to submission,
    recommendation."""
    rows = (
        Scorecard.objects.filter(_scope(roles, "interview__"), extra or Q(), status=SUBMITTED)
        .order_by()
        .values_list(
            "interview__interviewer_id",
            "interview__scheduled_at",
            "submitted_at",
            "recommendation",
        )
    )
    return calibration.scorecard_table(
        [
            (
                interviewer,
                (submitted - scheduled).total_seconds() / 3600
                if scheduled is not None and submitted is not None
                else None,
                recommendation,
            )
            for interviewer, scheduled, submitted, recommendation in rows
        ]
    )


def fitted_leniencies(
    roles: Role | Iterable[Role] | QuerySet | None, *, interviewer: int | None = None
) -> dict[int, dict[int, role_model.InterviewerLeniency]]:
    """{interviewer id: {role id: their stored leniency}} for every role of `roles` (None: every
    role) that has been fitted; only `interviewer`'s when given. One query."""
    rows = InterviewerFit.objects.all()
    if isinstance(roles, Role):
        rows = rows.filter(fit__role=roles)
    elif roles is not None:
        rows = rows.filter(fit__role__in=roles)
    if interviewer is not None:
        rows = rows.filter(interviewer_id=interviewer)
    fitted: dict[int, dict[int, role_model.InterviewerLeniency]] = {}
    for role_id, *figures in rows.order_by().values_list(
        "fit__role_id", "interviewer_id", *LENIENCY_FIGURES
    ):
        fitted.setdefault(figures[0], {})[role_id] = role_model.InterviewerLeniency(*figures)
    return fitted


def interviewer_names(ids: Iterable[int]) -> dict[int, str]:
    """Full name or username per user id (one query)."""
    User = get_user_model()
    return {
        pk: (f"{first} {last}".strip() or username)
        for pk, first, last, username in User.objects.filter(pk__in=list(ids)).values_list(
            "pk", "first_name", "last_name", "username"
        )
    }


@dataclass(frozen=True)
class Scope:
    ratings: RatingsTable
    cards: ScorecardTable


def role_scope(roles: Role | Iterable[Role] | QuerySet | None) -> Scope:
    """Two queries: the role's (or roles') submitted ratings and scorecards."""
    return Scope(ratings_for(roles), scorecards_for(roles))


def interviewer_scope(user) -> Scope:
    """An interviewer's own view (two queries): every submitted rating of the candidates they
    submitted a scorecard for (the others' ratings are needed for the deviations, and only
    their own row is ever shown), and their own submitted scorecards."""
    their_candidates = Scorecard.objects.filter(
        status=SUBMITTED, interview__interviewer=user
    ).values("interview__candidate")
    return Scope(
        ratings_for(extra=Q(scorecard__interview__candidate__in=their_candidates)),
        scorecards_for(extra=Q(interview__interviewer=user)),
    )
