"""Builders for calibration tests: a role's panel history where one interviewer runs hot."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from interviewkit import personas
from scorecards.models import Interview, Rating, Scorecard
from tests.factories import CandidateFactory, UserFactory

NOW = timezone.now()


def history(
    role,
    *,
    candidates: int = 12,
    hot_offset: int = 1,
    usernames: tuple[str, ...] = ("hot", "steady", "even"),
    delay_hours: float = 5,
) -> dict:
    """`candidates` candidates of `role`, each rated by the same three interviewers on every
    dimension: "steady" and "even" give the same rating (1–3, cycling by candidate and
    dimension), "hot" gives `hot_offset` more. Bulk-created: 4 queries per candidate."""
    kit = role.current_kit()
    dimensions = list(kit.dimensions.order_by("position"))
    users = [
        UserFactory(username=name, first_name=name.title(), last_name="Rater",
                    persona=personas.INTERVIEWERS)
        for name in usernames
    ]  # fmt: skip
    made = []
    for c in range(candidates):
        candidate = CandidateFactory(role=role, name=f"History {c:02d}")
        interviews = Interview.objects.bulk_create(
            Interview(
                candidate=candidate,
                interviewer=user,
                title=f"Interview {i + 1}",
                position=i,
                scheduled_at=NOW - timedelta(days=30 - c),
            )
            for i, user in enumerate(users)
        )
        cards = Scorecard.objects.bulk_create(
            Scorecard(
                interview=interview,
                kit=kit,
                status=Scorecard.Status.SUBMITTED,
                recommendation="yes",
                submitted_at=interview.scheduled_at + timedelta(hours=delay_hours),
            )
            for interview in interviews
        )
        ratings = []
        for card, user in zip(cards, users, strict=True):
            for d, dimension in enumerate(dimensions):
                base = 1 + (c + d) % 3
                value = base + hot_offset if user.username == usernames[0] else base
                ratings.append(Rating(scorecard=card, dimension=dimension, value=value))
        Rating.objects.bulk_create(ratings)
        made.append(candidate)
    return {"users": {u.username: u for u in users}, "candidates": made}
