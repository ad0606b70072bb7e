"""Interviewer calibration and panel reliability pages.

- `calibration`: the roles a hiring manager manages (admins: all), interviewers pooled over
  them, and each role's agreement; 403 for people who manage no role.
- `calibration-role`: one role's interviewers and its agreement per dimension
  (`access.role_for_manager`: 404 for outsiders, 403 for the rest of the team).
- `calibration-me`: an interviewer's own row, overall and per role; nobody else's.
- `calibration-methods`: the methods in plain words, for everyone logged in.

The statistics are `scorecards.calibration.stats` (pure numpy) on arrays read by
`scorecards.calibration.data` in one query each.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from interviewkit import personas
from interviewkit.models import Role
from scorecards import access
from scorecards.calibration import data as calibration_data
from scorecards.calibration import stats as calibration
from scorecards.calibration.stats import InterviewerSummary, Reliability

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
class InterviewerRow:
    name: str
    summary: InterviewerSummary
    bar: Bar | None

    @property
    def leniency(self):
        return self.summary.leniency

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
        return signed(self.leniency.mean) if self.leniency.reported else ""

    @property
    def interval_text(self) -> str:
        if not self.leniency.reported:
            return ""
        return f"{signed(self.leniency.low)} to {signed(self.leniency.high)}"

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


def interviewer_rows(scope: calibration_data.Scope, *, only: int | None = None) -> list:
    """Rows for the table, hottest first; interviewers without a reported leniency last."""
    summaries = calibration.interviewer_summaries(scope.ratings, scope.cards)
    if only is not None:
        summaries = [s for s in summaries if s.interviewer == only]
    names = calibration_data.interviewer_names(s.interviewer for s in summaries)
    rows = []
    for summary in summaries:
        lenient = summary.leniency
        bar = (
            Bar(dot=_x(lenient.mean), low=_x(lenient.low), high=_x(lenient.high))
            if lenient.reported
            else None
        )
        rows.append(InterviewerRow(names.get(summary.interviewer, "(removed user)"), summary, bar))
    rows.sort(
        key=lambda r: (
            not r.leniency.reported,
            -(r.leniency.mean or 0),
            r.name.lower(),
        )
    )
    return rows


@dataclass(frozen=True)
class LeniencyText:
    """A leniency with its figures written out for a template."""

    leniency: calibration.Leniency

    def __getattr__(self, name):
        return getattr(self.leniency, name)

    @property
    def text(self) -> str:
        return signed(self.leniency.mean) if self.leniency.reported else ""

    @property
    def range(self) -> str:
        if not self.leniency.reported:
            return ""
        return f"{signed(self.leniency.low)} to {signed(self.leniency.high)}"


@dataclass(frozen=True)
class RoleReliability:
    role: Role
    overall: Reliability


def _base_context() -> dict:
    return {
        "min_overlap": calibration.MIN_OVERLAP,
        "min_units": calibration.MIN_ALPHA_UNITS,
        "min_scorecards": calibration.MIN_SCORECARDS,
        "bootstrap_samples": calibration.BOOTSTRAP_SAMPLES,
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
        "rows": interviewer_rows(scope),
        "reliabilities": reliabilities,
        "scorecards": int(scope.cards.interviewer.size),
    }
    return render(request, "scorecards/calibration/overview.html", context)


@login_required
@require_GET
def calibration_role(request: HttpRequest, slug: str) -> HttpResponse:
    # Queries: see test_the_role_page_takes_the_same_queries_for_any_number_of_scorecards.
    role = access.role_for_manager(request.user, slug)
    return render(request, "scorecards/calibration/role.html", role_page_context(role))


def role_page_context(role: Role) -> dict:
    """Everything the role page shows (three queries: ratings, scorecards, names)."""
    scope = calibration_data.role_scope(role)
    by_dimension = calibration.reliability_by_dimension(scope.ratings)
    return _base_context() | {
        "role": role,
        "rows": interviewer_rows(scope),
        "overall": calibration.reliability(scope.ratings),
        "dimensions": sorted(by_dimension.items(), key=lambda item: item[0].lower()),
        "scorecards": int(scope.cards.interviewer.size),
    }


@login_required
@require_GET
def calibration_me(request: HttpRequest) -> HttpResponse:
    # Queries: see test_my_calibration_takes_a_fixed_number_of_queries.
    scope = calibration_data.interviewer_scope(request.user)
    rows = interviewer_rows(scope, only=request.user.pk)
    per_role = []
    role_ids = np.unique(scope.ratings.role[scope.ratings.interviewer == request.user.pk])
    roles = {r.pk: r for r in Role.objects.filter(pk__in=[int(i) for i in role_ids])}
    for role_id in role_ids:
        in_role = scope.ratings.role == role_id
        lenient = calibration.leniency(scope.ratings.where(in_role)).get(request.user.pk)
        if lenient is not None and int(role_id) in roles:
            per_role.append((roles[int(role_id)], LeniencyText(lenient)))
    per_role.sort(key=lambda item: item[0].title)
    context = _base_context() | {"rows": rows, "per_role": per_role}
    return render(request, "scorecards/calibration/me.html", context)


@login_required
@require_GET
def calibration_methods(request: HttpRequest) -> HttpResponse:
    return render(request, "scorecards/calibration/methods.html", _base_context())
