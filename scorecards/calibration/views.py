"""Interviewer calibration and panel reliability pages.

- `calibration`: the roles a hiring manager manages (admins: all), interviewers pooled over
  them, and each role's agreement; 403 for people who manage no role.
- `calibration-role`: one role's interviewers and its agreement per dimension
  (`access.role_for_calibration`: 404 for outsiders, 403 for the rest of the team).
- `calibration-me`: an interviewer's own row, overall and per role; nobody else's.
- `calibration-methods`: the methods in plain words, for everyone logged in.

The summaries and agreement are `scorecards.calibration.stats` (pure numpy) on arrays read by
`scorecards.calibration.data` in one query each. Every page's leniency is the role model's as
the worker stored it (`scorecards.role_model.fit_leniency`); the overview and "My calibration"
combine an interviewer's roles with `stats.pooled_leniency`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from interviewkit import personas
from interviewkit.models import Role
from scorecards import access, role_model
from scorecards.calibration import data as calibration_data
from scorecards.calibration import stats as calibration
from scorecards.calibration.stats import InterviewerSummary, Reliability, pooled_leniency
from scorecards.role_fit import StoredFit, stored_fit

# The leniency bar runs from -SCALE to +SCALE rating points, in an SVG WIDTH wide.
BAR_SCALE = 1.0
BAR_WIDTH = 160


@dataclass(frozen=True)
class Bar:
    """SVG coordinates of a leniency and its interval on a -1 … +1 axis."""

    dot: float
    low: float
    high: float
    middle: float = BAR_WIDTH / 2
    width: int = BAR_WIDTH


def signed(value: float) -> str:
    """+0.42 / −0.30 / 0.00: a leniency in rating points with its sign."""
    text = f"{abs(value):.2f}"
    if text == "0.00":
        return text
    return ("+" if value > 0 else "\u2212") + text


def _x(value: float) -> float:
    clipped = max(-BAR_SCALE, min(BAR_SCALE, value))
    return round((clipped + BAR_SCALE) / (2 * BAR_SCALE) * (BAR_WIDTH - 12) + 6, 1)


@dataclass(frozen=True)
class JointLeniency:
    """The role model's leniency (`role_model.InterviewerLeniency`) under the names the
    interviewer tables read (mean, n, reading), with its figures written out."""

    fitted: role_model.InterviewerLeniency

    @property
    def reported(self) -> bool:
        return self.fitted.reported

    @property
    def mean(self) -> float | None:
        return self.fitted.estimate

    @property
    def low(self) -> float | None:
        return self.fitted.low

    @property
    def high(self) -> float | None:
        return self.fitted.high

    @property
    def n(self) -> int:
        return self.fitted.ratings

    @property
    def candidates(self) -> int:
        return self.fitted.candidates

    @property
    def flag(self) -> str | None:
        return self.fitted.flag

    @property
    def reading(self) -> str:
        return self.fitted.reading

    @property
    def text(self) -> str:
        return signed(self.mean) if self.reported else ""

    @property
    def range(self) -> str:
        return f"{signed(self.low)} to {signed(self.high)}" if self.reported else ""


@dataclass(frozen=True)
class InterviewerRow:
    name: str
    summary: InterviewerSummary
    bar: Bar | None
    leniency: JointLeniency

    @property
    def delay(self) -> str:
        """Median time from the interview to the submitted scorecard, in plain units."""
        hours = self.summary.median_hours
        if hours is None:
            return "unknown"
        if hours < 1:
            return "under 1 hour"
        if hours < 48:
            return f"{hours:.0f} hours"
        return f"{hours / 24:.1f} days"

    @property
    def leniency_text(self) -> str:
        return self.leniency.text

    @property
    def interval_text(self) -> str:
        return self.leniency.range

    @property
    def rating_cells(self) -> list[tuple[int, int, int]]:
        """(level, count, percent of their ratings)."""
        total = self.summary.ratings or 1
        return [
            (level, count, round(100 * count / total))
            for level, count in zip(calibration.LEVELS, self.summary.rating_counts, strict=True)
        ]

    @property
    def recommendation_cells(self) -> list[tuple[str, int]]:
        return list(
            zip(calibration.RECOMMENDATIONS, self.summary.recommendation_counts, strict=True)
        )


def scope_summaries(scope: calibration_data.Scope) -> list[calibration.InterviewerSummary]:
    """Each interviewer's counts, from the scope's ratings and scorecards."""
    return calibration.interviewer_summaries(scope.ratings, scope.cards)


def interviewer_rows(
    summaries: list[calibration.InterviewerSummary],
    fitted: Mapping[int, Mapping[int, role_model.InterviewerLeniency]],
    *,
    only: int | None = None,
) -> list[InterviewerRow]:
    """Rows for the table, hottest first; interviewers without a reported leniency last.
    `summaries`: each interviewer's counts (`scope_summaries`, or a role's stored fit's).
    `fitted`: each interviewer's stored leniency per role (`data.fitted_leniencies`),
    combined over the roles of the counts."""
    if only is not None:
        summaries = [s for s in summaries if s.interviewer == only]
    names = calibration_data.interviewer_names(s.interviewer for s in summaries)
    rows = []
    for summary in summaries:
        per_role = fitted.get(summary.interviewer, {})
        lenient = JointLeniency(pooled_leniency(summary.interviewer, list(per_role.values())))
        bar = (
            Bar(dot=_x(lenient.mean), low=_x(lenient.low), high=_x(lenient.high))
            if lenient.reported
            else None
        )
        rows.append(
            InterviewerRow(names.get(summary.interviewer, "(removed user)"), summary, bar, lenient)
        )
    rows.sort(
        key=lambda r: (
            not r.leniency.reported,
            -(r.leniency.mean or 0),
            r.name.lower(),
        )
    )
    return rows


@dataclass(frozen=True)
class RoleReliability:
    role: Role
    overall: Reliability


def _base_context() -> dict:
    return {
        "min_units": calibration.MIN_ALPHA_UNITS,
        "min_label_units": role_model.MIN_ALPHA_LABEL_UNITS,
        "confidence_percent": round(calibration.CONFIDENCE * 100),
        "levels": calibration.LEVELS,
    }


@login_required
@require_GET
def calibration_overview(request: HttpRequest) -> HttpResponse:
    # Queries: see test_the_overview_takes_a_fixed_number_of_queries.
    if personas.is_admin(request.user):
        roles = list(Role.objects.order_by("title"))
    else:
        roles = list(Role.objects.filter(hiring_managers=request.user).order_by("title"))
    if not roles:
        raise PermissionDenied("Calibration is for the hiring managers of a role.")
    scope = calibration_data.role_scope(roles)
    reliabilities = []
    for role in roles:
        in_role = scope.ratings.role == role.pk
        reliabilities.append(
            RoleReliability(
                role=role,
                overall=calibration.reliability(scope.ratings.where(in_role)),
            )
        )
    context = _base_context() | {
        "roles": roles,
        "compared_with": COMPARED_WITH_EACH_ROLE,
        "rows": interviewer_rows(scope_summaries(scope), calibration_data.fitted_leniencies(roles)),
        "reliabilities": reliabilities,
        "scorecards": int(scope.cards.interviewer.size),
    }
    return render(request, "scorecards/calibration/overview.html", context)


@login_required
@require_GET
def calibration_role(request: HttpRequest, slug: str) -> HttpResponse:
    # Queries: see test_the_role_page_takes_the_same_queries_for_any_number_of_scorecards.
    role = access.role_for_calibration(request.user, slug)
    return render(request, "scorecards/calibration/role.html", role_page_context(role))


@dataclass(frozen=True)
class DimensionFigures:
    """A dimension's agreement beside its variance components (squared rating points)."""

    name: str
    agreement: role_model.Agreement | None
    true_variance: float | None  # how much candidates truly differ on it
    scorecard_variance: float | None  # what one scorecard shares across its ratings
    rating_noise: float | None
    single_rating: float | None  # share of one rating's variance that is the candidate's


def dimension_figures(fit: StoredFit) -> list[DimensionFigures]:
    names = sorted(
        set(fit.agreement_by_dimension) | (set(fit.components.rating) if fit.components else set()),
        key=str.lower,
    )
    rows = []
    for name in names:
        c = fit.components
        rows.append(
            DimensionFigures(
                name=name,
                agreement=fit.agreement_by_dimension.get(name),
                true_variance=c.true_variance(name) if c else None,
                scorecard_variance=c.scorecard if c else None,
                rating_noise=c.rating_noise(name) if c else None,
                single_rating=c.single_rating_reliability(name) if c else None,
            )
        )
    return rows


COMPARED_WITH = (
    "the role's typical interviewer: all of the role's interviewers are fitted together on the "
    "same candidates and dimensions, so sitting next to a lenient or a severe colleague does "
    "not move anyone's figure"
)
COMPARED_WITH_EACH_ROLE = (
    "each role's typical interviewer, as on the role's page (an interviewer of several roles: "
    "their figures of each role combined, the more precise ones counting more)"
)


def role_page_context(role: Role) -> dict:
    """Everything the role page shows: the role's stored fit with each interviewer's counts
    (two queries) and their names (one). Before the role's first fit, or for a fit stored
    without the counts, the counts come from the ratings and scorecards (two queries more)."""
    fit = stored_fit(role)
    if fit is not None and fit.summaries is not None:
        counted = sorted(fit.summaries.values(), key=lambda summary: summary.interviewer)
        scorecards = fit.scorecards
    else:
        scope = calibration_data.role_scope(role)
        counted = scope_summaries(scope)
        scorecards = int(scope.cards.interviewer.size)
    return _base_context() | {
        "role": role,
        "fit": fit,
        "compared_with": COMPARED_WITH,
        "rows": interviewer_rows(
            counted,
            {person: {role.pk: row} for person, row in fit.leniency.interviewers.items()}
            if fit
            else {},
        ),
        "overall": fit.agreement if fit else None,
        "dimensions": dimension_figures(fit) if fit else [],
        "scorecards": scorecards,
        "min_label_units": role_model.MIN_ALPHA_LABEL_UNITS,
    }


@login_required
@require_GET
def calibration_me(request: HttpRequest) -> HttpResponse:
    # Queries: see test_my_calibration_takes_a_fixed_number_of_queries.
    scope = calibration_data.interviewer_scope(request.user)
    fitted = calibration_data.fitted_leniencies(None, interviewer=request.user.pk)
    rows = interviewer_rows(scope_summaries(scope), fitted, only=request.user.pk)
    mine = fitted.get(request.user.pk, {})
    per_role = []
    role_ids = np.unique(scope.ratings.role[scope.ratings.interviewer == request.user.pk])
    roles = {r.pk: r for r in Role.objects.filter(pk__in=[int(i) for i in role_ids])}
    for role_id in map(int, role_ids):
        if role_id in roles:
            fitted_here = mine.get(role_id, role_model.InterviewerLeniency(request.user.pk, 0, 0))
            per_role.append((roles[role_id], JointLeniency(fitted_here)))
    per_role.sort(key=lambda item: item[0].title)
    context = _base_context() | {
        "rows": rows,
        "per_role": per_role,
        "compared_with": COMPARED_WITH_EACH_ROLE,
    }
    return render(request, "scorecards/calibration/me.html", context)


@login_required
@require_GET
def calibration_methods(request: HttpRequest) -> HttpResponse:
    return render(request, "scorecards/calibration/methods.html", _base_context())
