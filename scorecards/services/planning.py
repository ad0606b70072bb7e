"""Checks of a loop being planned, shown as warnings before anything is saved: the same
interviewer twice in one loop, and an interviewer already booked at an overlapping time
(another candidate's interview, or another interview of this loop).

They warn and never refuse: a recruiter may have good reasons (a pair interview, a booking
about to move), so the page asks them to confirm instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q

from scorecards.models import Interview

# An interview without an exercise (or a duration) is taken to last an hour.
DEFAULT_MINUTES = 60


@dataclass(frozen=True)
class PlannedSlot:
    """One interview of the plan: its title, interviewer, start and length."""

    title: str
    interviewer: object
    starts_at: datetime | None
    minutes: int = DEFAULT_MINUTES

    @property
    def ends_at(self) -> datetime | None:
        return None if self.starts_at is None else self.starts_at + timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class Clash:
    interviewer: object
    title: str
    # What it clashes with, in words, and when that is (None: the same loop, at any time).
    other: str
    other_starts_at: datetime | None = None
    other_ends_at: datetime | None = None

    @property
    def twice_in_loop(self) -> bool:
        return self.other_starts_at is None


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _overlap(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def loop_clashes(slots: Sequence[PlannedSlot], *, ignore: Iterable[int] = ()) -> list[Clash]:
    """The warnings for `slots` (one query): each interviewer planned twice in the loop once,
    and every booking elsewhere that overlaps a timed slot. `ignore`: interviews being
    replaced by this plan (an interview being moved is no clash with itself)."""
    clashes: list[Clash] = []
    seen: dict[int, PlannedSlot] = {}
    for slot in slots:
        first = seen.setdefault(slot.interviewer.pk, slot)
        if first is not slot:
            clashes.append(Clash(slot.interviewer, slot.title, f"also {first.title} in this loop"))
    timed = [s for s in slots if s.starts_at is not None]
    for i, slot in enumerate(timed):
        for other in timed[i + 1 :]:
            if other.interviewer.pk == slot.interviewer.pk and _overlap(
                slot.starts_at, slot.ends_at, other.starts_at, other.ends_at
            ):
                clashes.append(
                    Clash(
                        slot.interviewer,
                        slot.title,
                        f"{other.title} in this loop",
                        other.starts_at,
                        other.ends_at,
                    )
                )
    if not timed:
        return clashes
    # Other bookings that may overlap: the longest interview is a day at most.
    window = Q()
    for slot in timed:
        window |= Q(
            interviewer=slot.interviewer,
            scheduled_at__lt=slot.ends_at,
            scheduled_at__gt=slot.starts_at - timedelta(days=1),
        )
    booked = (
        Interview.objects.filter(window)
        .exclude(pk__in=list(ignore))
        .select_related("candidate", "exercise")
        .order_by("scheduled_at", "id")
    )
    for interview in booked:
        for slot in timed:
            if interview.interviewer_id == slot.interviewer.pk and _overlap(
                slot.starts_at, slot.ends_at, interview.scheduled_at, interview.ends_at
            ):
                clashes.append(
                    Clash(
                        slot.interviewer,
                        slot.title,
                        f"{interview.title} with {interview.candidate.name}",
                        interview.scheduled_at,
                        interview.ends_at,
                    )
                )
    return clashes


def clash_text(clash: Clash) -> str:
    """One warning in words (the template adds the times in the reader's zone)."""
    return f"{_name(clash.interviewer)} ({clash.title}) is {clash.other}"


def interview_clashes(interview: Interview) -> list[Clash]:
    """The warnings for one saved interview: its interviewer's other interview in the same
    loop, and their bookings that overlap it (two queries)."""
    minutes = interview.exercise.minutes if interview.exercise_id else DEFAULT_MINUTES
    slot = PlannedSlot(interview.title, interview.interviewer, interview.scheduled_at, minutes)
    clashes = []
    twice = (
        Interview.objects.filter(candidate=interview.candidate, interviewer=interview.interviewer)
        .exclude(pk=interview.pk)
        .order_by("position", "id")
        .first()
    )
    if twice is not None:
        clashes.append(Clash(slot.interviewer, slot.title, f"also {twice.title} in this loop"))
    if slot.starts_at is not None:
        clashes += loop_clashes([slot], ignore=[interview.pk])
    return clashes
