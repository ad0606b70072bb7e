"""`manage.py demo`: demo candidates in every state on the imported kits, built through the
scorecard services, a reproducible calibration history, and nothing duplicated on a rerun."""

from io import StringIO
from pathlib import Path
from statistics import mean

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from interviewkit.demo_users import DEMO_PASSWORD, DEMO_USERS
from interviewkit.models import AuditEvent, Role
from interviewkit.services import kit_import, read_paths
from scorecards.demo.data import LENIENCY, PAST_NAMES, STAFF_ROLE, demo_seed
from scorecards.models import Candidate, Interview, Rating, Scorecard
from tests import demo_cast

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def development_settings(settings):
    # The demo runs in development (DEBUG=1); pytest-django turns DEBUG off for tests.
    settings.DEBUG = True


@pytest.fixture
def demo():
    kit_import(documents=read_paths([SEEDS]))
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def staff_candidate(name: str) -> Candidate:
    return Candidate.objects.get(role__slug=STAFF_ROLE, name=name)


def statuses(candidate: Candidate) -> list[str]:
    return sorted(
        getattr(getattr(i, "scorecard", None), "status", "none")
        for i in candidate.interviews.select_related("scorecard")
    )


def test_it_prints_the_logins_and_what_it_made(demo):
    assert f"Demo logins (password for all: {DEMO_PASSWORD})" in demo
    for user in DEMO_USERS:
        assert f"  {user.username} " in demo
    assert f"{demo_cast.FULLY_SCORED} (Staff AI Platform Engineer)" in demo


def test_the_staff_candidates_are_in_every_state_of_a_loop(demo):
    assert statuses(staff_candidate(demo_cast.JUST_ADDED)) == []
    assert statuses(staff_candidate(demo_cast.LOOP_PLANNED)) == ["none"] * 4  # not started
    assert statuses(staff_candidate(demo_cast.DRAFTS)) == ["draft", "draft", "none", "none"]
    some_submitted = statuses(staff_candidate(demo_cast.SOME_SUBMITTED))
    assert some_submitted == ["draft", "none", "submitted", "submitted"]
    assert statuses(staff_candidate(demo_cast.FULLY_SCORED)) == ["submitted"] * 4


def test_one_candidate_has_a_red_flag_and_a_split_panel(demo):
    eli = staff_candidate(demo_cast.RED_FLAG_SPLIT)
    ratings = Rating.objects.filter(
        scorecard__interview__candidate=eli, dimension__name="Platform architecture"
    )
    assert sorted(r.value for r in ratings) == [1, 4]
    assert all(r.evidence for r in ratings)
    red = Scorecard.objects.for_candidate(eli).filter(observed__signal__kind="red")
    assert red.count() == 1
    assert red.get().observed.get(signal__kind="red").note


def test_the_demo_interviewer_has_a_scorecard_to_write(demo):
    waiting = Interview.objects.filter(
        interviewer__username=demo_cast.DESIGN,
        candidate__name=demo_cast.SOME_SUBMITTED,
        scorecard__isnull=True,
    )
    assert waiting.count() == 1


def test_submissions_went_through_the_services(demo):
    submitted = Scorecard.objects.submitted()
    assert AuditEvent.objects.filter(action="scorecard.submit").count() == submitted.count()
    for scorecard in submitted.select_related("interview"):
        delay = scorecard.submitted_at - scorecard.interview.scheduled_at
        assert 1 <= delay.total_seconds() / 3600 <= 4 * 24 + 1


def test_the_demo_hiring_manager_and_recruiter_run_every_role(demo):
    for role in Role.objects.all():
        managers = list(role.hiring_managers.values_list("username", flat=True))
        assert managers == [demo_cast.HIRING_MANAGER]
        recruiters = list(role.recruiters.values_list("username", flat=True))
        assert recruiters == [demo_cast.RECRUITER]


def leniency() -> dict[str, float]:
    """Each interviewer's mean rating minus the other raters' mean on the same candidate and
    dimension, over the calibration history."""
    by_key: dict[tuple[int, int], dict[str, int]] = {}
    for candidate_id, dimension_id, username, value in Rating.objects.filter(
        scorecard__interview__candidate__name__in=PAST_NAMES, value__isnull=False
    ).values_list(
        "scorecard__interview__candidate_id",
        "dimension_id",
        "scorecard__interview__interviewer__username",
        "value",
    ):
        by_key.setdefault((candidate_id, dimension_id), {})[username] = value
    offsets: dict[str, list[float]] = {}
    for values in by_key.values():
        for name, value in values.items():
            others = [v for n, v in values.items() if n != name]
            if others:
                offsets.setdefault(name, []).append(value - mean(others))
    return {name: mean(diffs) for name, diffs in offsets.items()}


def test_the_calibration_history_has_a_lenient_and_a_strict_rater(demo):
    past = Candidate.objects.filter(name__in=PAST_NAMES)
    assert past.count() == 16
    for candidate in past:
        assert statuses(candidate) in (["submitted"] * 3, ["submitted"] * 4)
    offsets = leniency()
    # Each rater within 0.4 points of the leniency the demo gives them (+1, -0.5, 0, 0).
    assert all(abs(offsets[name] - lean) < 0.4 for name, lean in LENIENCY.items()), offsets
    assert LENIENCY[demo_cast.RUNS_HOT] > 0 > LENIENCY[demo_cast.RUNS_COLD]


def test_a_second_run_duplicates_nothing(demo):
    counts = (Candidate.objects.count(), Interview.objects.count(), Rating.objects.count())
    out = StringIO()
    call_command("demo", stdout=out)
    assert (Candidate.objects.count(), Interview.objects.count(), Rating.objects.count()) == counts
    assert "Demo candidates created: 0" in out.getvalue()


def test_the_history_is_the_same_on_every_run(demo):
    def fingerprint():
        return sorted(
            Rating.objects.filter(scorecard__interview__candidate__name__in=PAST_NAMES).values_list(
                "scorecard__interview__candidate__name",
                "scorecard__interview__interviewer__username",
                "dimension__name",
                "value",
            )
        )

    before = fingerprint()
    Candidate.objects.filter(name__in=PAST_NAMES).delete()
    demo_seed()
    assert fingerprint() == before


def test_without_the_imported_kits_it_says_what_to_run(db):
    with pytest.raises(CommandError, match="import_kits seeds/"):
        call_command("demo", stdout=StringIO())


def test_with_debug_off_it_refuses_and_creates_nobody(settings):
    settings.DEBUG = False
    kit_import(documents=read_paths([SEEDS]))
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("demo", stdout=StringIO())
    assert not User.objects.exists()


def test_with_debug_off_force_creates_the_demo(settings):
    settings.DEBUG = False
    kit_import(documents=read_paths([SEEDS]))
    call_command("demo", "--force", stdout=StringIO())
    assert User.objects.filter(is_superuser=True).exists()
