"""Print interviewer leniency and panel agreement for a role (or every role), for scripting."""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from interviewkit.models import Role
from scorecards import role_model
from scorecards.calibration import data as calibration_data
from scorecards.calibration import stats as calibration
from scorecards.role_fit import stored_fit
from scorecards.services.role_fits import role_fit_refresh


def calibration_report(role: Role | None) -> dict:
    """Leniency per interviewer from the roles' stored models (n, interval, or null when there
    is nothing to compare) and Krippendorff's alpha overall and per dimension."""
    scope = calibration_data.role_scope(role)
    summaries = calibration.interviewer_summaries(scope.ratings, scope.cards)
    people = get_user_model().objects.filter(pk__in=[s.interviewer for s in summaries])
    users, names = {}, {}
    for pk, username, first, last in people.values_list(
        "pk", "username", "first_name", "last_name"
    ):
        users[pk] = username
        names[pk] = f"{first} {last}".strip() or username
    # The roles' joint models, as the pages read them (fitted now where the worker never did).
    for unfitted in Role.objects.filter(fit__isnull=True, **({"pk": role.pk} if role else {})):
        role_fit_refresh(role=unfitted)
    fit = stored_fit(role) if role is not None else None
    fitted = calibration_data.fitted_leniencies(role)
    interviewers = []
    for summary in sorted(summaries, key=lambda s: users.get(s.interviewer, "")):
        row = summary.as_json()
        # One role: its fitted figures; every role: each role's combined (as on the overview).
        joint = calibration.pooled_leniency(
            summary.interviewer, list(fitted.get(summary.interviewer, {}).values())
        )
        row["leniency"] = joint.as_json()
        row["flag"] = joint.flag
        row["username"] = users.get(summary.interviewer, "")
        row["name"] = names.get(summary.interviewer, "")
        interviewers.append(row)
    if fit is not None:
        return {
            "role": role.slug,
            "scorecards": int(scope.cards.interviewer.size),
            "fitted_at": fit.fitted_at.isoformat(),
            "methods": {
                "leniency": "two-way additive model of the role's ratings (candidate x dimension "
                "+ interviewer), all interviewers fitted together; compared with the role's "
                "typical interviewer on the same candidates; standard errors clustered by "
                "candidate; empirical-Bayes shrinkage toward 0; flag only when the 95% interval "
                "excludes 0",
                "alpha": "Krippendorff's alpha, ordinal; units candidate x dimension; 95% "
                f"interval from {role_model.ALPHA_RESAMPLES} candidate resamples; a label from "
                f"{role_model.MIN_ALPHA_LABEL_UNITS} units",
                "components": "variance components (squared rating points) from within-"
                "candidate pairs of ratings",
                "calibrated_components": "the same, of the ratings as the calibrated view "
                "reads them (the calibrated range's noise)",
            },
            "interviewers": interviewers,
            "alpha": fit.agreement.as_json() if fit.agreement else None,
            "dimensions": {
                name: agreement.as_json()
                for name, agreement in sorted(fit.agreement_by_dimension.items())
            },
            "components": fit.components.as_json() if fit.components else None,
            "calibrated_components": (
                fit.calibrated_components.as_json() if fit.calibrated_components else None
            ),
        }
    return {
        "role": role.slug if role else None,
        "scorecards": int(scope.cards.interviewer.size),
        "methods": {
            "leniency": "each role's joint model (as with --role); an interviewer of several "
            "roles gets the precision-weighted mean of their fitted leniency in each role",
            "alpha": "Krippendorff's alpha, ordinal; units candidate x dimension; reported from "
            f"{calibration.MIN_ALPHA_UNITS} units rated by two or more interviewers",
        },
        "interviewers": interviewers,
        "alpha": calibration.reliability(scope.ratings).as_json(),
        "dimensions": {
            name: rel.as_json()
            for name, rel in calibration.reliability_by_dimension(scope.ratings).items()
        },
    }


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:+.2f}"


def as_text(report: dict) -> str:
    lines = [f"Role: {report['role'] or 'all roles'} ({report['scorecards']} scorecards)", ""]
    lines.append(f"{'Interviewer':<28} {'Cards':>5} {'n':>5} {'Leniency':>9}  95% interval")
    for row in report["interviewers"]:
        lenient = row["leniency"]
        interval = (
            f"{_fmt(lenient['interval'][0])} to {_fmt(lenient['interval'][1])}"
            if lenient["interval"]
            else calibration.NOT_ENOUGH_DATA
        )
        lines.append(
            f"{(row['name'] or row['username'])[:28]:<28} {row['scorecards']:>5} "
            f"{lenient['n']:>5} {_fmt(lenient['leniency']):>9}  {interval}"
        )
    lines.append("")
    lines.append(f"{'Agreement (alpha, ordinal)':<28} {'alpha':>6} {'cands':>6} {'ratings':>8}")
    for name, rel in [("All dimensions", report["alpha"]), *report["dimensions"].items()]:
        alpha = "-" if rel["alpha"] is None else f"{rel['alpha']:.3f}"
        lines.append(f"{name[:28]:<28} {alpha:>6} {rel['candidates']:>6} {rel['ratings']:>8}")
        if rel["alpha"] is None:
            lines.append(f"  {rel['reading']}")
    return "\n".join(lines) + "\n"


class Command(BaseCommand):
    help = (
        "Print each interviewer's leniency (with n and a 95% interval, or 'not enough data') "
        "and the panel's agreement (Krippendorff's alpha) overall and per dimension."
    )

    def add_arguments(self, parser):
        parser.add_argument("--role", metavar="SLUG", help="one role; default: every role")
        parser.add_argument(
            "--format", choices=["json", "text"], default="text", help="default: text"
        )

    def handle(self, *args, role: str | None, format: str, **options):
        chosen = None
        if role:
            chosen = Role.objects.filter(slug=role).first()
            if chosen is None:
                known = ", ".join(Role.objects.values_list("slug", flat=True)[:20])
                raise CommandError(f"No role {role!r}. Roles: {known or 'none yet'}.")
        report = calibration_report(chosen)
        if format == "json":
            self.stdout.write(json.dumps(report, indent=2))
        else:
            self.stdout.write(as_text(report), ending="")
