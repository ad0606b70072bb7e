"""Reading calibration data: submitted ratings only, one query each, an interviewer's scope."""

from __future__ import annotations

import pytest

from bench.calibration import bench_role_calibration
from scorecards.calibration import data as calibration_data
from tests.scorecards.calibration_fixtures import history
from tests.scorecards.packet_fixtures import draft_scorecard, submitted_scorecard

pytestmark = pytest.mark.django_db


def test_drafts_and_not_assessed_never_count(role, candidate, interviewer, other_interviewer):
    submitted_scorecard(candidate, interviewer, [3, None, 2, 4], evidence="Seen.")
    draft_scorecard(candidate, other_interviewer, values=(1, 1))
    table = calibration_data.ratings_for(role)
    assert sorted(table.rating.tolist()) == [2.0, 3.0, 4.0]
    assert set(table.interviewer.tolist()) == {interviewer.pk}
    assert calibration_data.scorecards_for(role).interviewer.tolist() == [interviewer.pk]


def test_each_reader_is_one_query(role, django_assert_num_queries):
    history(role, candidates=3)
    with django_assert_num_queries(1):
        assert len(calibration_data.ratings_for(role)) == 36
    with django_assert_num_queries(1):
        assert calibration_data.scorecards_for(role).hours.tolist() == [5.0] * 9


def test_an_interviewers_scope_is_the_candidates_they_submitted_for(role, candidate):
    users = history(role, candidates=2)["users"]
    # "hot" only has a draft for this candidate: its other ratings stay out of their scope.
    submitted_scorecard(candidate, users["steady"], [2, 2, 2, 2])
    draft_scorecard(candidate, users["hot"], values=(4,))
    scope = calibration_data.interviewer_scope(users["hot"])
    assert candidate.pk not in set(scope.ratings.candidate.tolist())
    assert set(scope.cards.interviewer.tolist()) == {users["hot"].pk}


def test_the_benchmark_builds_its_role_and_times_the_page():
    result = bench_role_calibration(60, repeat=1)
    assert result["scorecards"] >= 60
    assert 0 < result["interviewers"] <= 40  # the load pool has 40 interviewers
    assert result["compute_ms"] > 0 and result["page_ms"] > 0 and result["packet_trust_ms"] > 0
