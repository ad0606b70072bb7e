"""Demo candidates for `make run`, in every state, filled through the scorecard services.

On the imported Staff AI Platform Engineer kit:
- a candidate just added (no loop yet) and one whose loop is planned but not started;
- one with drafts in progress, one with some scorecards submitted and Ines's still to write,
  one fully scored (four submitted scorecards), and one with a red flag and a split panel
  (a 4 and a 1 on Platform architecture);
- a calibration history: 16 past candidates, each scored by three or four of Ines, Omar, Jonas
  and Mei, where Omar rates about one point above the others and Mei about half a point below
  (seeded, so every run builds the same history), submitted a few hours to days after the
  interview.
The other imported roles get one candidate each with a loop planned.

Idempotent: a candidate is identified by role and email, and one that exists already is left
as it is, so running it again adds nothing. Hana is made hiring manager and Rita recruiter of
every role.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from interviewkit.demo_users import ensure_demo_users
from interviewkit.models import Dimension, Exercise, KitVersion, Role, Signal
from interviewkit.scale import LEVELS
from interviewkit.services import kit_confirm
from scorecards.models import Candidate, Interview, Recommendation, Scorecard
from scorecards.services.candidates import candidate_add, interview_add
from scorecards.services.role_fits import role_fit_refresh
from scorecards.services.scorecards import (
    RatingInput,
    ScorecardData,
    scorecard_autosave,
    scorecard_start,
    scorecard_submit,
)

STAFF_ROLE = "staff-ai-platform-engineer"
EMAIL_DOMAIN = "demo.example.com"
SEED = 2026
# Per-interviewer leniency in the calibration history (points on the 1–4 scale).
LENIENCY = {"ines": 0.0, "omar": 1.0, "jonas": 0.0, "mei": -0.5}
# Who runs which exercise of the Staff loop (by the exercise's position in the kit).
STAFF_PANEL = ["ines", "omar", "jonas", "mei"]

PAST_NAMES = [
    "Aiko Sato", "Bruno Costa", "Carla Mendes", "Deepak Rao", "Elena Petrova", "Farid Nasser",
    "Greta Lindqvist", "Hugo Martin", "Ifeoma Eze", "Jakub Nowak", "Kira Volkova",
    "Luis Ortega", "Maya Cohen", "Nils Andersen", "Olga Ivanova", "Pedro Silva",
]  # fmt: skip

# One candidate with a planned loop for each other imported role.
OTHER_ROLE_CANDIDATES = ["Sam Taylor", "Noor Rahman", "Rui Tanaka", "Zoe Adeyemi", "Ivo Horvat"]

EVIDENCE = {
    1: "Could not give a working answer even with hints; missed the basics of this area.",
    2: "Got to an answer only with heavy prompting; the reasoning stayed generic.",
    3: "Sound, reasoned answers; covered the main risks without prompting.",
    4: "Went beyond the question with a concrete, well-argued example from their own work.",
}


class DemoDataError(RuntimeError):
    """The demo cannot be built (for instance, the kits were not imported first)."""


@dataclass
class DemoSummary:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [f"Demo candidates created: {len(self.created)}"]
        lines += [f"  + {name}" for name in self.created]
        if self.skipped:
            lines.append(f"Already there, left as they were: {len(self.skipped)}")
        return lines


def _email(name: str) -> str:
    return f"{name.lower().replace(' ', '.')}@{EMAIL_DOMAIN}"


def _add_candidate(role: Role, name: str, *, by: User) -> Candidate:
    return candidate_add(role=role, name=name, email=_email(name), by=by)


def _plan(
    candidate: Candidate, panel: list[tuple[Exercise, User]], *, start: datetime
) -> list[Interview]:
    """The candidate's loop: one interview per (exercise, interviewer), an hour and a half apart,
    planned by the recruiter who added the candidate."""
    return [
        interview_add(
            candidate=candidate,
            exercise=exercise,
            interviewer=interviewer,
            scheduled_at=start + timedelta(minutes=90 * position),
            by=candidate.created_by,
        )
        for position, (exercise, interviewer) in enumerate(panel)
    ]


def _data(
    kit: KitVersion,
    values: dict[str, int | None],
    *,
    recommendation: str = "",
    takeaways: str = "",
    evidence: dict[str, str] | None = None,
    signals: dict[str, str] | None = None,
) -> ScorecardData:
    """Scorecard content from dimension names (values 1–4 or None) and signal texts' starts."""
    by_name = {d.name: d for d in kit.dimensions.all()}
    evidence = evidence or {}
    ratings = {
        by_name[name].pk: RatingInput(
            value=value, evidence=evidence.get(name, EVIDENCE[value] if value else "")
        )
        for name, value in values.items()
    }
    observed = {}
    for start, note in (signals or {}).items():
        signal = kit.signals.get(text__startswith=start)
        observed[signal.pk] = note
    return ScorecardData(
        ratings=ratings, observed=observed, recommendation=recommendation, takeaways=takeaways
    )


def _submit(interview: Interview, data: ScorecardData, *, after: timedelta) -> Scorecard:
    """Fill and submit through the services, then date the submission `after` the interview
    (the services stamp "now"; the demo tells a story that happened over days)."""
    scorecard = scorecard_start(interview=interview, by=interview.interviewer)
    scorecard_submit(scorecard=scorecard, data=data, by=interview.interviewer)
    submitted_at = interview.scheduled_at + after
    Scorecard.objects.filter(pk=scorecard.pk).update(
        submitted_at=submitted_at, created_at=interview.scheduled_at, updated_at=submitted_at
    )
    return scorecard


def _draft(interview: Interview, data: ScorecardData) -> Scorecard:
    scorecard = scorecard_start(interview=interview, by=interview.interviewer)
    return scorecard_autosave(
        scorecard=scorecard, data=data, revision=scorecard.revision, by=interview.interviewer
    )


def _staff_panel(kit: KitVersion, users: dict[str, User]) -> list[tuple[Exercise, User]]:
    exercises = list(kit.exercises.order_by("position", "id"))
    return [(exercise, users[name]) for exercise, name in zip(exercises, STAFF_PANEL, strict=False)]


# --- the current candidates of the Staff role ---------------------------------------------


def _fully_scored(candidate, kit, users, now):
    loop = _plan(candidate, _staff_panel(kit, users), start=now - timedelta(days=3, hours=4))
    design, incident, hands_on, behavioral = loop
    _submit(
        design,
        _data(
            kit,
            {"Platform architecture": 4, "CI/CD + IaC": 3},
            recommendation=Recommendation.STRONG_YES,
            takeaways="Best system design session this quarter; would lead our control plane.",
        ),
        after=timedelta(hours=3),
    )
    _submit(
        incident,
        _data(
            kit,
            {"Serving & performance": 3, "Observability & SRE": 4, "DX & adoption": 3},
            recommendation=Recommendation.YES,
            takeaways="Calm incident lead; defined SLOs before touching dashboards.",
            evidence={"Observability & SRE": "Set an error budget first, then cut alert noise."},
            signals={"Speaks fluently about SLOs": "Used error budgets to decide the rollback."},
        ),
        after=timedelta(hours=20),
    )
    _submit(
        hands_on,
        _data(
            kit,
            {"Platform architecture": 3, "Kubernetes & cloud": 3, "Security & compliance": 3},
            recommendation=Recommendation.YES,
            takeaways="Careful reviewer; caught the over-broad IAM role.",
        ),
        after=timedelta(days=1, hours=2),
    )
    _submit(
        behavioral,
        _data(
            kit,
            {"Leadership behaviors": 3},
            recommendation=Recommendation.YES,
            takeaways="Mentors through questions; has moved two teams onto a paved road.",
        ),
        after=timedelta(hours=5),
    )


def _red_flag_split(candidate, kit, users, now):
    loop = _plan(candidate, _staff_panel(kit, users), start=now - timedelta(days=2, hours=6))
    design, incident, hands_on, behavioral = loop
    _submit(
        design,
        _data(
            kit,
            {"Platform architecture": 4, "CI/CD + IaC": 3},
            recommendation=Recommendation.YES,
            takeaways="Strong on the whiteboard: tenancy, quotas, failure domains.",
            evidence={
                "Platform architecture": "Split control and data plane, sized the blast radius "
                "per tenant and planned the migration in three steps."
            },
        ),
        after=timedelta(hours=2),
    )
    _submit(
        incident,
        _data(
            kit,
            {"Serving & performance": 2, "Observability & SRE": 2, "DX & adoption": None},
            recommendation=Recommendation.STRONG_NO,
            takeaways="Blamed the on-call team throughout; no postmortem habits.",
            signals={
                "Poor collaboration behavior": "Said the outage was 'the SREs' fault' three "
                "times and refused to discuss what the platform could change.",
                "Avoids ownership of incidents": "No example of a postmortem they ran.",
            },
        ),
        after=timedelta(hours=6),
    )
    _submit(
        hands_on,
        _data(
            kit,
            {"Platform architecture": 1, "Kubernetes & cloud": 2, "Security & compliance": 2},
            recommendation=Recommendation.NO,
            takeaways="The design talk did not survive contact with real manifests.",
            evidence={
                "Platform architecture": "Could not explain how the proposed operator would "
                "handle a failed upgrade; no rollback, no tenancy boundaries in the code."
            },
        ),
        after=timedelta(days=1, hours=1),
    )
    _submit(
        behavioral,
        _data(
            kit,
            {"Leadership behaviors": 2},
            recommendation=Recommendation.NO,
            takeaways="Influence stories were all top-down.",
        ),
        after=timedelta(hours=4),
    )


def _some_submitted(candidate, kit, users, now):
    loop = _plan(candidate, _staff_panel(kit, users), start=now - timedelta(days=1, hours=5))
    design, incident, hands_on, behavioral = loop
    # Ines's System design interview awaits her feedback: the demo's end-to-end journey.
    _draft(
        hands_on,
        _data(
            kit,
            {"Kubernetes & cloud": 3},
            takeaways="Review went well so far; still writing up the security part.",
        ),
    )
    _submit(
        incident,
        _data(
            kit,
            {"Serving & performance": 4, "Observability & SRE": 3, "DX & adoption": 3},
            recommendation=Recommendation.YES,
            takeaways="Rolled back first, debugged second. Good instincts.",
            evidence={"Serving & performance": "Proposed canary plus shadow traffic unprompted."},
        ),
        after=timedelta(hours=3),
    )
    _submit(
        behavioral,
        _data(
            kit,
            {"Leadership behaviors": 3},
            recommendation=Recommendation.YES,
            takeaways="Clear about trade-offs with product; coaches juniors.",
        ),
        after=timedelta(hours=8),
    )


def _drafts(candidate, kit, users, now):
    loop = _plan(candidate, _staff_panel(kit, users), start=now - timedelta(hours=7))
    design, incident, hands_on, behavioral = loop
    _draft(
        design,
        _data(
            kit,
            {"Platform architecture": 3},
            takeaways="Good structure. To do: write up the CI/CD part.",
            evidence={"Platform architecture": "Started from tenants and quotas, not from tools."},
        ),
    )
    _draft(
        incident,
        _data(kit, {"Observability & SRE": 4}, evidence={"Observability & SRE": ""}),
    )


def _loop_planned(candidate, kit, users, now):
    _plan(candidate, _staff_panel(kit, users), start=now + timedelta(days=2, hours=1))


# --- the calibration history ----------------------------------------------------------------


def _recommendation_for(mean: float) -> str:
    if mean >= 3.5:
        return Recommendation.STRONG_YES
    if mean >= 2.5:
        return Recommendation.YES
    if mean >= 1.75:
        return Recommendation.NO
    return Recommendation.STRONG_NO


def _past_candidate(candidate, kit, users, now, rng: random.Random, index: int):
    dimensions: list[Dimension] = list(kit.dimensions.all())
    exercises = list(kit.exercises.order_by("position", "id").prefetch_related("focus"))
    ability = rng.uniform(1.6, 3.2)
    names = rng.sample(STAFF_PANEL, k=rng.choice([3, 4]))
    start = now - timedelta(days=14 + 6 * index, hours=rng.randint(0, 6))
    panel = list(zip(exercises, (users[n] for n in names), strict=False))
    loop = _plan(candidate, panel, start=start)
    red_flags = list(kit.signals.filter(kind=Signal.Kind.RED))
    for interview, name in zip(loop, names, strict=True):
        focus = list(interview.exercise.focus.all())
        extra = rng.sample([d for d in dimensions if d not in focus], k=2)
        values: dict[str, int | None] = {}
        for dimension in focus + extra:
            raw = ability + LENIENCY[name] + rng.gauss(0, 0.45)
            values[dimension.name] = min(max(LEVELS), max(min(LEVELS), round(raw)))
        mean = sum(v for v in values.values() if v) / len(values)
        signals = {}
        if red_flags and rng.random() < 0.06:
            flag = rng.choice(red_flags)
            signals[flag.text[:30]] = "Came up twice; see the take-aways."
        data = _data(
            kit,
            values,
            recommendation=_recommendation_for(mean),
            takeaways=f"Overall {mean:.1f} across what this interview covered.",
            signals=signals,
        )
        _submit(interview, data, after=timedelta(hours=rng.uniform(2, 96)))


# --- putting it together ------------------------------------------------------------------


STAFF_CANDIDATES = [
    ("Dana Okoro", _fully_scored),
    ("Eli Markovic", _red_flag_split),
    ("Chen Wei", _some_submitted),
    ("Bea Novak", _drafts),
    ("Alex Rivera", _loop_planned),
    ("Fay Lindgren", None),  # just added: no loop yet
]


def demo_seed(*, now: datetime | None = None) -> DemoSummary:
    """Build (or complete) the demo data. Raises `DemoDataError` without the Staff role's kit."""
    now = (now or timezone.now()).replace(microsecond=0)
    users = ensure_demo_users()
    try:
        staff = Role.objects.get(slug=STAFF_ROLE)
    except Role.DoesNotExist:
        raise DemoDataError(
            "The Staff AI Platform Engineer role is missing: run `manage.py import_kits seeds/` "
            "first."
        ) from None
    for role in Role.objects.all():
        role.hiring_managers.add(users["hana"])
        role.recruiters.add(users["rita"])
        role.interviewers.add(*(users[name] for name in STAFF_PANEL))
        kit = role.current_kit()
        if kit is not None and kit.is_draft:
            # The demo's hiring manager has reviewed the imported seed kits.
            kit_confirm(kit=kit, by=users["hana"])
    kit = staff.current_kit()
    if kit is None or kit.exercises.count() < len(STAFF_PANEL):
        raise DemoDataError("The Staff AI Platform Engineer kit needs its four exercises.")
    summary = DemoSummary()

    def build(role: Role, name: str, fill) -> None:
        if Candidate.objects.filter(role=role, email=_email(name)).exists():
            summary.skipped.append(name)
            return
        with transaction.atomic():
            candidate = _add_candidate(role, name, by=users["rita"])
            if fill is not None:
                fill(candidate)
        summary.created.append(f"{name} ({role.title})")

    for name, fill in STAFF_CANDIDATES:
        build(staff, name, fill and (lambda c, f=fill: f(c, kit, users, now)))

    rng = random.Random(SEED)
    for index, name in enumerate(PAST_NAMES):
        # Draw the same numbers whether or not the candidate exists, so a partial rerun matches.
        seed = rng.randrange(2**32)
        build(
            staff,
            name,
            lambda c, s=seed, i=index: _past_candidate(c, kit, users, now, random.Random(s), i),
        )

    others = Role.objects.exclude(pk=staff.pk).order_by("title")
    for role, name in zip(others, OTHER_ROLE_CANDIDATES, strict=False):
        other_kit = role.current_kit()
        if other_kit is None:
            continue
        exercises = list(other_kit.exercises.order_by("position", "id")[:2])
        if not exercises:
            continue
        panel = list(zip(exercises, [users["ines"], users["omar"]], strict=False))
        build(
            role,
            name,
            lambda c, p=panel: _plan(c, p, start=now + timedelta(days=1, hours=2)),
        )
    # The demo is read at once: fit every role's model now rather than wait for the worker.
    for role in Role.objects.all():
        role_fit_refresh(role=role)
    return summary
