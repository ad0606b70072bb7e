"""The candidate's stored status (`Candidate.loop_state`, `feedback_due_at`) against the rules,
after every write the app makes through its services: seeded random sequences of loop changes,
scorecards, decisions and erasures, an import, and the bulk load."""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from scorecards.demo.load import generate_for_kit
from scorecards.exports.csv_io import ratings_csv_lines, scorecards_csv_read
from scorecards.models import Candidate, Interview, LoopState
from scorecards.services.candidates import (
    LoopChangeRefused,
    PlannedInterview,
    candidate_add,
    interview_add,
    interview_remove,
    interview_update,
)
from scorecards.services.decisions import decision_record
from scorecards.services.imports import scorecards_import
from scorecards.services.privacy import candidate_erase
from scorecards.services.scorecards import scorecard_autosave, scorecard_start, scorecard_submit
from tests.factories import UserFactory
from tests.scorecards.export_fixtures import submitted_scorecard
from tests.scorecards.recruiting_fixtures import (
    assert_stored_status_follows_the_rules,
    exercises_of,
    status_by_the_rules,
)
from tests.scorecards.scorecard_fixtures import complete_data

pytestmark = pytest.mark.django_db

WHEN = datetime(2026, 3, 2, 14, 30, tzinfo=UTC)


def some_time(rng: random.Random, now):
    return rng.choice(
        [None, now - timedelta(hours=30), now - timedelta(hours=2), now + timedelta(hours=30)]
    )


class RandomLoops:
    """Random writes through the services, each one of the app's ways to change a loop."""

    def __init__(self, rng, *, role, kit, recruiter, hiring_manager, interviewers, now):
        self.rng, self.role, self.kit, self.now = rng, role, kit, now
        self.recruiter, self.hiring_manager, self.interviewers = (
            recruiter,
            hiring_manager,
            interviewers,
        )
        self.exercises = exercises_of(kit)
        self.added = 0

    def candidates(self) -> list[Candidate]:
        return list(Candidate.objects.filter(role=self.role).order_by("pk"))

    def interviews(self) -> list[Interview]:
        return list(
            Interview.objects.filter(candidate__role=self.role)
            .select_related("candidate", "exercise")
            .order_by("pk")
        )

    def add_candidate(self) -> str:
        self.added += 1
        loop = [
            PlannedInterview(
                exercise, self.rng.choice(self.interviewers), some_time(self.rng, self.now)
            )
            for exercise in self.rng.sample(self.exercises, self.rng.randint(0, 2))
        ]
        candidate_add(
            role=self.role,
            name=f"Random {self.added}",
            email=f"random-{self.added}@example.com",
            by=self.recruiter,
            loop=loop,
        )
        return f"add a candidate with {len(loop)} interviews"

    def add_interview(self) -> str:
        candidate = self.rng.choice(self.candidates())
        interview_add(
            candidate=candidate,
            exercise=self.rng.choice(self.exercises),
            interviewer=self.rng.choice(self.interviewers),
            scheduled_at=some_time(self.rng, self.now),
            by=self.recruiter,
        )
        return f"add an interview to {candidate.pk}"

    def remove_interview(self) -> str:
        interview = self.rng.choice(self.interviews())
        try:
            interview_remove(interview=interview, by=self.recruiter)
        except LoopChangeRefused:
            return f"removing {interview.pk} refused (scorecard begun)"
        return f"remove {interview.pk}"

    def move_interview(self) -> str:
        interview = self.rng.choice(self.interviews())
        interview_update(
            interview=interview,
            interviewer=interview.interviewer,
            scheduled_at=some_time(self.rng, self.now),
            by=self.recruiter,
        )
        return f"move {interview.pk} to {interview.scheduled_at}"

    def start_scorecard(self) -> str:
        interview = self.rng.choice(self.interviews())
        scorecard = scorecard_start(interview=interview, by=interview.interviewer)
        if not scorecard.is_submitted:
            scorecard_autosave(
                scorecard=scorecard,
                data=complete_data(scorecard),
                revision=scorecard.revision,
                by=interview.interviewer,
            )
        return f"start the scorecard of {interview.pk}"

    def submit_scorecard(self) -> str:
        interview = self.rng.choice(self.interviews())
        scorecard = scorecard_start(interview=interview, by=interview.interviewer)
        if scorecard.is_submitted:
            return f"{interview.pk} already submitted"
        scorecard_submit(
            scorecard=scorecard, data=complete_data(scorecard), by=interview.interviewer
        )
        return f"submit the scorecard of {interview.pk}"

    def decide(self) -> str:
        candidate = self.rng.choice(self.candidates())
        decision_record(
            candidate=candidate,
            outcome=self.rng.choice(["hire", "no-hire", "hold"]),
            rationale="Debrief.",
            by=self.hiring_manager,
            without_scorecards=True,
        )
        return f"decide on {candidate.pk}"

    def erase(self) -> str:
        candidate = self.rng.choice(self.candidates())
        candidate_erase(candidate=candidate, by=self.recruiter)
        return f"erase {candidate.pk}"

    def step(self) -> str:
        operations = [
            (self.add_candidate, 3),
            (self.add_interview, 3),
            (self.remove_interview, 2),
            (self.move_interview, 3),
            (self.start_scorecard, 2),
            (self.submit_scorecard, 4),
            (self.decide, 1),
            (self.erase, 1),
        ]
        if not Candidate.objects.filter(role=self.role).exists():
            return self.add_candidate()
        if not Interview.objects.filter(candidate__role=self.role).exists():
            operations = [(self.add_candidate, 1), (self.add_interview, 1)]
        functions, weights = zip(*operations, strict=True)
        return self.rng.choices(functions, weights=weights)[0]()


@pytest.mark.parametrize("seed", [1, 2, 3, 20261203])
def test_the_stored_status_follows_every_write_of_the_services(
    seed, role, kit, recruiter, hiring_manager, interviewer, other_interviewer, media_root
):
    rng = random.Random(seed)
    now = timezone.now()
    third = UserFactory(username="third-interviewer")
    loops = RandomLoops(
        rng,
        role=role,
        kit=kit,
        recruiter=recruiter,
        hiring_manager=hiring_manager,
        interviewers=[interviewer, other_interviewer, third],
        now=now,
    )
    seen = set()
    for number in range(60):
        done = loops.step()
        seen.add(done.split(" ")[0])
        try:
            assert_stored_status_follows_the_rules(role, around=now)
        except AssertionError as failure:
            raise AssertionError(f"after step {number}: {done}") from failure
    statuses = {status_by_the_rules(c, now) for c in Candidate.objects.filter(role=role)}
    assert len(statuses) >= 3, f"the random writes reached only {statuses}"


def test_a_loaded_batch_is_stored_with_its_status(role, kit):
    """The bulk loader (`generate_load`, the benchmarks' data) writes rows by the thousand
    without the services: it stores the status of what it made."""
    made = generate_for_kit(kit, candidates=30, seed=5, draft_share=0.1)
    assert len(made["candidate_ids"]) == 30
    states = set(Candidate.objects.filter(role=role).values_list("loop_state", flat=True))
    assert states == {LoopState.OPEN, LoopState.COMPLETE}
    assert_stored_status_follows_the_rules(role, around=timezone.now())


def test_an_import_stores_the_status_of_the_candidates_it_adds_to(
    role, kit, candidate, interviewer, other_interviewer, recruiter
):
    """The CSV import adds submitted scorecards (and candidates) without the scorecard
    services: a new candidate whose scorecards are all imported is ready for review, and one
    with an interview still to come stays in its loop."""
    submitted_scorecard(candidate, interviewer, {"Dimension 1": 4, "Dimension 2": 3}, when=WHEN)
    text = "".join(ratings_csv_lines(role))
    Candidate.objects.filter(role=role).delete()
    waiting = candidate_add(
        role=role,
        name=candidate.name,
        email=candidate.email,
        by=recruiter,
        loop=[
            PlannedInterview(exercises_of(kit)[1], other_interviewer, WHEN + timedelta(days=900))
        ],
    )
    assert Candidate.objects.get(pk=waiting.pk).loop_state == LoopState.OPEN
    scorecards_import(scorecards=scorecards_csv_read(io.StringIO(text)), by=None)
    assert Candidate.objects.get(pk=waiting.pk).loop_state == LoopState.OPEN
    assert_stored_status_follows_the_rules(role, around=timezone.now())

    Candidate.objects.filter(role=role).delete()
    scorecards_import(scorecards=scorecards_csv_read(io.StringIO(text)), by=None)
    assert Candidate.objects.get(role=role).loop_state == LoopState.COMPLETE
    assert_stored_status_follows_the_rules(role, around=timezone.now())
