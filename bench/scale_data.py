"""The scale benchmark's data: N load candidates over the seeded roles, made once and reused.

The roles come from `seeds/` (`import_kits`); the benchmark's own roles (`bench-…`) are left
out so that their figures keep their own sizes. Every scorecard is built and checked by
`scorecards.demo.load.generate_for_kit` (the submit rules) and bulk-inserted. A database that
already holds N load candidates is used as it is; one that holds fewer is topped up.
"""

from __future__ import annotations

import random
import time

from bench.environment import PROJECT_DIR

BENCH_ROLE_PREFIX = "bench-"
DECIDED_SHARE = 0.6


def seeded_kits() -> list:
    from interviewkit.models import KitVersion

    def current():
        return list(
            KitVersion.objects.current()
            .select_related("role")
            .exclude(role__slug__startswith=BENCH_ROLE_PREFIX)
            .order_by("role__slug")
        )

    kits = current()
    if not kits:
        from django.core.management import call_command

        call_command("import_kits", str(PROJECT_DIR / "seeds"), verbosity=0)
        kits = current()
    return kits


def load_candidates():
    from scorecards.demo.load import LOAD_EMAIL_DOMAIN
    from scorecards.models import Candidate

    return Candidate.objects.filter(email__endswith=f"@{LOAD_EMAIL_DOMAIN}").exclude(
        role__slug__startswith=BENCH_ROLE_PREFIX
    )


def counts() -> dict:
    from scorecards.models import Rating, Scorecard

    candidates = load_candidates()
    scorecards = Scorecard.objects.filter(interview__candidate__in=candidates)
    return {
        "candidates": candidates.count(),
        "scorecards": scorecards.count(),
        "ratings": Rating.objects.filter(scorecard__in=scorecards).count(),
    }


def ensure_load(candidates: int, *, progress=print) -> dict:
    """Top the load data up to `candidates`; returns what it made and how long it took."""
    from scorecards.demo.load import generate_across_kits

    have = load_candidates().count()
    missing = candidates - have
    if missing <= 0:
        return {
            "generated": 0,
            "generate_s": 0.0,
            "decisions_made": ensure_decisions(),
            "roles_fitted": ensure_fits(),
        }
    kits = seeded_kits()
    started = time.perf_counter()
    generate_across_kits(
        kits,
        candidates=missing,
        seed=1,
        on_kit=lambda kit, wanted: progress(f"  scale data: {kit.role.slug}: +{wanted} candidates"),
    )
    decisions = ensure_decisions()
    analyze()
    return {
        "generated": missing,
        "generate_s": round(time.perf_counter() - started, 1),
        "decisions_made": decisions,
        "roles_fitted": ensure_fits(),
    }


def ensure_fits() -> list[str]:
    """The stored model of each seeded role that has none, or one stored before the fit kept
    each interviewer's counts (`role_fit_refresh`, the background worker's job after a submit,
    which bulk-inserted data never triggered): the packet and calibration pages read it, as
    they do in a deployment. Returns the roles it fitted."""
    from scorecards.models import InterviewerFit, RoleFit
    from scorecards.services.role_fits import role_fit_refresh

    fitted = []
    for kit in seeded_kits():
        current = RoleFit.objects.filter(role=kit.role).exists() and not (
            InterviewerFit.objects.filter(fit__role=kit.role, summary__isnull=True).exists()
        )
        if not current:
            role_fit_refresh(role=kit.role)
            fitted.append(kit.role.slug)
    return fitted


def ensure_decisions(*, share: float = DECIDED_SHARE) -> int:
    """Decisions for `share` of the load candidates that have none (seeded, bulk-inserted):
    hire, no hire or hold, sometimes revised, so that the list's status filter has something to
    choose among. Returns how many it made."""
    from scorecards.models import Decision
    from scorecards.services.candidate_status import candidate_status_refresh

    if Decision.objects.filter(candidate__in=load_candidates()).exists():
        return 0  # made by an earlier run
    undecided = list(
        load_candidates().filter(decisions__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    rng = random.Random(3)
    outcomes = [o for o, _ in Decision.Outcome.choices]
    rows = []
    for pk in undecided:
        if rng.random() >= share:
            continue
        for _ in range(2 if rng.random() < 0.1 else 1):  # one in ten is revised once
            rows.append(
                Decision(
                    candidate_id=pk,
                    outcome=rng.choices(outcomes, weights=(3, 5, 2))[0],
                    rationale="Decided in the debrief (generated for load testing).",
                )
            )
    Decision.objects.bulk_create(rows, batch_size=5000)
    candidate_status_refresh(candidate_ids={row.candidate_id for row in rows})
    analyze()
    return len(rows)


def analyze() -> None:
    """Fresh planner statistics after a bulk insert."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
