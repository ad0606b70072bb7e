"""Realistic bulk data for scale benchmarks: candidates, full loops, submitted scorecards.

Each scorecard is built the way an interviewer fills one in (a rating or "not assessed" per
dimension, evidence where the rules demand it, a recommendation that follows the ratings), is
checked against the same rules the submit service applies, and is then bulk-inserted.
Interviewers differ in leniency, candidates in ability, so calibration and reliability have
something real to find. Seeded: the same arguments give the same data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from interviewkit.models import KitVersion, Signal
from interviewkit.scale import LEVELS, evidence_missing, needs_evidence
from scorecards.models import (
    Candidate,
    Interview,
    ObservedSignal,
    Rating,
    Recommendation,
    Scorecard,
)
from scorecards.services.candidate_status import candidate_status_refresh

LOAD_EMAIL_DOMAIN = "load.example.com"
INTERVIEWERS_PER_ROLE = 40
SCORECARDS_PER_CANDIDATE = 6
NOT_ASSESSED_SHARE = 0.1
RED_FLAG_SHARE = 0.03
DRAFT_SHARE = 0.02


class InvalidGeneratedScorecard(ValueError):
    pass


@dataclass
class PlannedScorecard:
    ratings: dict[int, int | None]  # dimension id → 1..4 or None (not assessed)
    evidence: dict[int, str]
    red_flags: dict[int, str]  # signal id → note
    recommendation: str
    submitted: bool
    notes: list[str] = field(default_factory=list)


def check_scorecard(card: PlannedScorecard) -> None:
    """The submit rules: a rating 1–4 or not assessed, evidence for 1 and 4 and for red flags."""
    for dimension_id, value in card.ratings.items():
        if value is not None and value not in LEVELS:
            raise InvalidGeneratedScorecard(f"rating {value} out of range")
        if evidence_missing(value, card.evidence.get(dimension_id, "")):
            raise InvalidGeneratedScorecard("a rating of 1 or 4 needs evidence")
    for note in card.red_flags.values():
        if not note.strip():
            raise InvalidGeneratedScorecard("a red flag needs a note")
    if card.submitted and card.recommendation not in Recommendation.values:
        raise InvalidGeneratedScorecard("a submitted scorecard needs a recommendation")


def plan_scorecard(
    rng: random.Random,
    *,
    dimension_ids: list[int],
    red_signal_ids: list[int],
    ability: float,
    leniency: float,
    draft_share: float = DRAFT_SHARE,
) -> PlannedScorecard:
    ratings: dict[int, int | None] = {}
    evidence: dict[int, str] = {}
    for dimension_id in dimension_ids:
        if rng.random() < NOT_ASSESSED_SHARE:
            ratings[dimension_id] = None
            continue
        value = min(4, max(1, round(ability + leniency + rng.gauss(0, 0.6))))
        ratings[dimension_id] = value
        if needs_evidence(value) or rng.random() < 0.5:
            evidence[dimension_id] = f"Observed during the exercise: level {value} behaviour."
    red_flags = {}
    if red_signal_ids and rng.random() < RED_FLAG_SHARE:
        red_flags[rng.choice(red_signal_ids)] = "Raised in the interview; see take-aways."
    rated = [v for v in ratings.values() if v is not None]
    mean = sum(rated) / len(rated) if rated else 2.5
    recommendation = (
        Recommendation.STRONG_YES
        if mean >= 3.5
        else Recommendation.YES
        if mean >= 2.5
        else Recommendation.NO
        if mean >= 1.6
        else Recommendation.STRONG_NO
    )
    card = PlannedScorecard(
        ratings=ratings,
        evidence=evidence,
        red_flags=red_flags,
        recommendation=recommendation,
        submitted=rng.random() >= draft_share,
    )
    check_scorecard(card)
    return card


def load_interviewers(role_slug: str, count: int = INTERVIEWERS_PER_ROLE) -> list:
    """Accounts that cannot log in, one pool per role, made once."""
    User = get_user_model()
    names = [f"load-{role_slug[:20]}-{i:03d}" for i in range(count)]
    existing = {u.username: u for u in User.objects.filter(username__in=names)}
    missing = [User(username=name, first_name="Load", last_name=name) for name in names]
    missing = [u for u in missing if u.username not in existing]
    for user in missing:
        user.set_unusable_password()
    User.objects.bulk_create(missing)
    return list(User.objects.filter(username__in=names).order_by("username"))


def generate_for_kit(
    kit: KitVersion,
    *,
    candidates: int,
    seed: int,
    offset: int = 0,
    panel_size: int = SCORECARDS_PER_CANDIDATE,
    draft_share: float = DRAFT_SHARE,
    batch_size: int = 2000,
    progress=None,
) -> dict:
    """Add `candidates` candidates with full loops to the kit's role.

    Returns the counts made and the new candidates' ids.
    """
    rng = random.Random(f"{seed}-{kit.pk}")
    dimension_ids = list(kit.dimensions.values_list("id", flat=True))
    red_signal_ids = list(kit.signals.filter(kind=Signal.Kind.RED).values_list("id", flat=True))
    exercises = list(kit.exercises.all()) or [None]
    interviewers = load_interviewers(kit.role.slug, max(INTERVIEWERS_PER_ROLE, panel_size))
    leniency = {u.pk: rng.gauss(0, 0.35) for u in interviewers}
    now = timezone.now()
    counts = {"candidates": 0, "scorecards": 0, "ratings": 0}
    candidate_ids: list[int] = []

    for start in range(0, candidates, batch_size):
        size = min(batch_size, candidates - start)
        with transaction.atomic():
            made = Candidate.objects.bulk_create(
                Candidate(
                    role=kit.role,
                    name=f"Load Candidate {offset + start + i:06d}",
                    email=f"c{offset + start + i:06d}.{kit.role.slug[:30]}@{LOAD_EMAIL_DOMAIN}",
                )
                for i in range(size)
            )
            interviews, plans = [], []
            for candidate in made:
                ability = rng.uniform(1.6, 3.6)
                panel = rng.sample(interviewers, panel_size)
                when = now - timedelta(days=rng.randint(2, 700))
                for position, interviewer in enumerate(panel):
                    exercise = exercises[position % len(exercises)]
                    interviews.append(
                        Interview(
                            candidate=candidate,
                            exercise=exercise,
                            title=exercise.name if exercise else f"Interview {position + 1}",
                            interviewer=interviewer,
                            scheduled_at=when + timedelta(hours=position),
                            position=position,
                        )
                    )
                    plans.append(
                        plan_scorecard(
                            rng,
                            dimension_ids=dimension_ids,
                            red_signal_ids=red_signal_ids,
                            ability=ability,
                            leniency=leniency[interviewer.pk],
                            draft_share=draft_share,
                        )
                    )
            interviews = Interview.objects.bulk_create(interviews)
            scorecards = Scorecard.objects.bulk_create(
                Scorecard(
                    interview=interview,
                    kit=kit,
                    status=Scorecard.Status.SUBMITTED if plan.submitted else Scorecard.Status.DRAFT,
                    recommendation=plan.recommendation if plan.submitted else "",
                    takeaways="Generated for load testing.",
                    submitted_at=(
                        interview.scheduled_at + timedelta(hours=rng.randint(1, 72))
                        if plan.submitted
                        else None
                    ),
                )
                for interview, plan in zip(interviews, plans, strict=True)
            )
            ratings = [
                Rating(
                    scorecard=scorecard,
                    dimension_id=dimension_id,
                    value=value,
                    evidence=plan.evidence.get(dimension_id, ""),
                )
                for scorecard, plan in zip(scorecards, plans, strict=True)
                for dimension_id, value in plan.ratings.items()
            ]
            Rating.objects.bulk_create(ratings, batch_size=5000)
            ObservedSignal.objects.bulk_create(
                ObservedSignal(scorecard=scorecard, signal_id=signal_id, note=note)
                for scorecard, plan in zip(scorecards, plans, strict=True)
                for signal_id, note in plan.red_flags.items()
            )
            candidate_status_refresh(candidate_ids=[candidate.pk for candidate in made])
        candidate_ids.extend(candidate.pk for candidate in made)
        counts["candidates"] += len(made)
        counts["scorecards"] += len(scorecards)
        counts["ratings"] += len(ratings)
        if progress:
            progress(counts)
    return {**counts, "candidate_ids": candidate_ids}


def generate_across_kits(
    kits: list[KitVersion],
    *,
    candidates: int,
    seed: int,
    batch_size: int = 2000,
    on_kit=None,
    progress=None,
) -> dict:
    """Spread `candidates` evenly over the kits' roles, numbered after the load candidates each
    role already has. `on_kit(kit, wanted)` is called before a kit's share, `progress(counts)`
    after each batch. Returns the totals made."""
    totals = {"candidates": 0, "scorecards": 0, "ratings": 0}
    share, extra = divmod(candidates, len(kits))
    for index, kit in enumerate(kits):
        wanted = share + (1 if index < extra else 0)
        if not wanted:
            continue
        offset = Candidate.objects.filter(
            role=kit.role, email__endswith=f"@{LOAD_EMAIL_DOMAIN}"
        ).count()
        if on_kit:
            on_kit(kit, wanted)
        made = generate_for_kit(
            kit,
            candidates=wanted,
            seed=seed,
            offset=offset,
            batch_size=batch_size,
            progress=progress,
        )
        for key in totals:
            totals[key] += made[key]
    return totals
