"""Builders for packet tests: a candidate with a loop of submitted (and draft) scorecards."""

from __future__ import annotations

from django.utils import timezone

from interviewkit import personas
from interviewkit.models import Signal
from scorecards.models import Scorecard
from tests.factories import (
    InterviewFactory,
    ObservedSignalFactory,
    RatingFactory,
    ScorecardFactory,
    UserFactory,
)


def submitted_scorecard(
    candidate,
    interviewer,
    values,
    *,
    kit=None,
    recommendation="yes",
    evidence="",
    red_flag_note=None,
    takeaways="Solid.",
    title=None,
) -> Scorecard:
    """A submitted scorecard rating the kit's dimensions in order with `values` (None = not
    assessed); with `red_flag_note`, the kit's red-flag signal observed with that note."""
    kit = kit or candidate.role.current_kit()
    exercise = kit.exercises.order_by("position").first()
    interview = InterviewFactory(
        candidate=candidate,
        interviewer=interviewer,
        exercise=exercise,
        title=title or (exercise.name if exercise else "Interview"),
    )
    scorecard = ScorecardFactory(
        interview=interview,
        kit=kit,
        status=Scorecard.Status.SUBMITTED,
        submitted_at=timezone.now(),
        recommendation=recommendation,
        takeaways=takeaways,
    )
    for dimension, value in zip(kit.dimensions.order_by("position"), values, strict=False):
        RatingFactory(scorecard=scorecard, dimension=dimension, value=value, evidence=evidence)
    if red_flag_note is not None:
        signal = kit.signals.filter(kind=Signal.Kind.RED).first()
        ObservedSignalFactory(scorecard=scorecard, signal=signal, note=red_flag_note)
    return scorecard


def draft_scorecard(candidate, interviewer, values=(3,)) -> Scorecard:
    kit = candidate.role.current_kit()
    interview = InterviewFactory(candidate=candidate, interviewer=interviewer, title="Hands-on")
    scorecard = ScorecardFactory(interview=interview, kit=kit)
    for dimension, value in zip(kit.dimensions.order_by("position"), values, strict=False):
        RatingFactory(scorecard=scorecard, dimension=dimension, value=value)
    return scorecard


def panel(candidate, count: int) -> list[Scorecard]:
    """`count` submitted scorecards by fresh interviewers, one red flag in each."""
    cards = []
    for i in range(count):
        who = UserFactory(
            username=f"panel{i}", first_name=f"Panel{i}", persona=personas.INTERVIEWERS
        )
        cards.append(
            submitted_scorecard(
                candidate,
                who,
                [1 + (i + j) % 4 for j in range(4)],
                red_flag_note=f"Flag {i}",
                evidence=f"Evidence {i}",
            )
        )
    return cards
