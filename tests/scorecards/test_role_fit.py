"""The role's stored model: fitted by the worker after a submit or amendment, read by packets
and commands (docs/scoring-methods.md)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from scorecards import role_model
from scorecards.models import InterviewerFit, RoleFit
from scorecards.role_fit import role_ratings, stored_fit
from scorecards.services.role_fits import role_fit_refresh
from scorecards.tasks import role_fit_task
from tests.scorecards.calibration_fixtures import history
from tests.scorecards.packet_fixtures import submitted_scorecard
from tests.scorecards.scorecard_fixtures import interview_for, submitted

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("packet", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_refresh_stores_every_interviewers_leniency_and_the_components(role):
    made = history(role)
    fit = role_fit_refresh(role=role)
    assert fit.scorecards == 36 and fit.ratings == 144
    assert fit.components is not None and fit.agreement["units"] == 48
    rows = {row.interviewer.username: row for row in InterviewerFit.objects.filter(fit=fit)}
    assert set(rows) == {"hot", "steady", "even"}
    assert rows["hot"].raw == pytest.approx(2 / 3)
    stored = stored_fit(role, interviewers=[made["users"]["hot"].pk])
    assert set(stored.leniency.interviewers) == {made["users"]["hot"].pk}
    assert stored.fitted_at == fit.fitted_at
    # The calibrated value of each level is kept in the summary, as fitted.
    fresh = role_model.fit_leniency(role_ratings(role)).interviewers[made["users"]["hot"].pk]
    kept = stored.leniency.interviewers[made["users"]["hot"].pk]
    assert len(kept.calibrated_levels) == 4
    assert kept.calibration == pytest.approx(fresh.calibration, abs=1e-6)
    assert kept.calibration[3] < 4.0  # a hot interviewer's 4 is worth less than a 4
    # The components of the calibrated ratings are kept beside the raw ones, as fitted.
    model = role_model.fit_role(role_ratings(role), resamples=0)
    assert stored.calibrated_components == model.calibrated_components
    assert fit.calibrated_components["scorecard"] < fit.components["scorecard"]
    role_fit_refresh(role=role)  # a refit replaces the rows, it does not add to them
    assert RoleFit.objects.count() == 1 and InterviewerFit.objects.count() == 3


def test_submitting_a_scorecard_queues_the_roles_refit_after_commit(
    candidate, interviewer, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        submitted(interview_for(candidate, interviewer))
    assert callbacks  # the refit, and the hiring manager's "packet complete" email
    queued = DBTaskResult.objects.get(task_path="scorecards.tasks.role_fit_task")
    assert queued.task_path == "scorecards.tasks.role_fit_task"
    assert queued.args_kwargs["args"] == [candidate.role_id]
    requested_at = queued.args_kwargs["kwargs"]["requested_at"]
    result = role_fit_task.call(candidate.role_id, requested_at=requested_at)  # the worker's run
    assert result == {"role": candidate.role_id, "fitted": True, "scorecards": 1}
    assert RoleFit.objects.get(role=candidate.role).scorecards == 1


def test_a_burst_of_submits_is_fitted_once_and_a_later_submit_again(
    candidate, interviewer, other_interviewer, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    def queued_requests():
        rows = DBTaskResult.objects.filter(task_path="scorecards.tasks.role_fit_task")
        return [row.args_kwargs["kwargs"]["requested_at"] for row in rows.order_by("enqueued_at")]

    with django_capture_on_commit_callbacks(execute=True):
        submitted(interview_for(candidate, interviewer))
    with django_capture_on_commit_callbacks(execute=True):
        submitted(interview_for(candidate, other_interviewer))
    first, second = queued_requests()

    # The worker takes the second request first: its refit holds both scorecards, so the
    # first request, made before that refit began, has nothing left to do.
    assert role_fit_task.call(candidate.role_id, requested_at=second)["scorecards"] == 2
    assert role_fit_task.call(candidate.role_id, requested_at=first)["already_current"]

    with django_capture_on_commit_callbacks(execute=True):
        submitted(interview_for(candidate, interviewer))
    third = queued_requests()[-1]
    assert role_fit_task.call(candidate.role_id, requested_at=third)["scorecards"] == 3


def test_the_task_for_a_deleted_role_does_nothing():
    assert role_fit_task.call(987654) == {"role": 987654, "fitted": False}


def test_packet_json_has_the_interval_reliability_and_calibrated_view(role, candidate):
    made = history(role)
    for name, values in (("hot", [3, 3, 3, 3]), ("steady", [2, 2, 2, 2])):
        submitted_scorecard(candidate, made["users"][name], values)
    data = json.loads(run(candidate.email, "--format", "json"))
    low, high = data["interval"]
    assert 1 <= low < data["overall"] < high <= 4 and data["reason"] is None
    assert "random panel of this role" in data["estimand"]
    assert 0 < data["reliability"] < 1
    calibrated = data["calibrated"]
    assert calibrated["overall"] < data["overall"]  # "hot" is the more lenient of the two
    c_low, c_high = calibrated["interval"]
    assert c_low < calibrated["overall"] < c_high
    assert data["fitted_at"]


def test_packet_json_gives_null_with_a_reason_when_the_model_cannot_say(role, candidate):
    user = history(role, candidates=0, usernames=("solo",))["users"]["solo"]
    submitted_scorecard(candidate, user, [3, 2, 3, 2])
    data = json.loads(run(candidate.email, "--format", "json"))
    assert data["interval"] is None and data["reason"].startswith("too few scorecards to say")
    assert data["calibrated"]["interval"] is None and data["reliability"] is None


def test_packet_all_prints_every_packet_of_the_role_as_one_list(role):
    made = history(role, candidates=4)
    data = json.loads(run("--role", role.slug, "--all", "--format", "json"))
    assert [p["candidate"]["email"] for p in data] == [c.email for c in made["candidates"]]
    assert all(p["interval"] is not None for p in data)


def test_packet_all_needs_a_role_and_json(role):
    with pytest.raises(CommandError, match="--all needs --role SLUG"):
        run("--all")
    with pytest.raises(CommandError, match="JSON only"):
        run("--role", role.slug, "--all", "--format", "pdf")
    with pytest.raises(CommandError, match="No role with slug 'nope'"):
        run("--role", "nope", "--all")
    with pytest.raises(CommandError, match="EMAIL, or --role SLUG --all"):
        run()
