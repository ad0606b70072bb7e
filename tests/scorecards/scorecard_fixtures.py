"""Helpers for the scorecard tests: an interview on the persona kit, and the data or POST body
that fills its scorecard completely."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from interviewkit.models import Signal
from scorecards.models import Candidate, Interview, Recommendation, Scorecard
from scorecards.services.scorecards import (
    RatingInput,
    ScorecardData,
    scorecard_start,
    scorecard_submit,
)
from tests.factories import InterviewFactory


def interview_for(
    candidate: Candidate,
    interviewer,
    *,
    exercise_name: str = "System design",
    hours_from_now: float = -2,
) -> Interview:
    """An interview of the candidate's loop on one exercise of the current kit (by default two
    hours ago, so it awaits feedback)."""
    exercise = candidate.role.current_kit().exercises.get(name=exercise_name)
    return InterviewFactory(
        candidate=candidate,
        interviewer=interviewer,
        exercise=exercise,
        title=exercise.name,
        scheduled_at=timezone.now() + timedelta(hours=hours_from_now),
    )


def complete_data(scorecard: Scorecard, *, value: int = 3, red_flag: bool = False) -> ScorecardData:
    """Every focus dimension of the interview rated `value`, with evidence, and a recommendation."""
    focus = scorecard.interview.exercise.focus.all()
    data = ScorecardData(
        ratings={d.pk: RatingInput(value=value, evidence=f"Saw {d.name}.") for d in focus},
        recommendation=Recommendation.YES,
        takeaways="Solid.",
    )
    if red_flag:
        red = scorecard.kit.signals.get(kind=Signal.Kind.RED)
        data.observed[red.pk] = "Blamed the on-call team for the outage."
    return data


def submitted(interview: Interview, *, value: int = 3) -> Scorecard:
    scorecard = scorecard_start(interview=interview, by=interview.interviewer)
    return scorecard_submit(
        scorecard=scorecard, data=complete_data(scorecard, value=value), by=interview.interviewer
    )


def form_post(scorecard_or_interview, *, revision: int, **overrides) -> dict[str, str]:
    """A complete POST body for the interview's scorecard form: focus dimensions rated 3."""
    interview = getattr(scorecard_or_interview, "interview", scorecard_or_interview)
    body = {"revision": str(revision), "recommendation": "yes", "takeaways": "Solid."}
    for d in interview.exercise.focus.all():
        body[f"rating_{d.pk}"] = "3"
        body[f"evidence_{d.pk}"] = f"Saw {d.name}."
    body.update({key: str(value) for key, value in overrides.items()})
    return {key: value for key, value in body.items() if value != "None"}
