"""`manage.py calibration`: leniency and agreement for scripting."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.scorecards.calibration_fixtures import history

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("calibration", *args, stdout=out)
    return out.getvalue()


def test_json_gives_each_interviewers_joint_leniency_with_interval_flag_and_alpha(role):
    history(role)
    report = json.loads(run("--role", role.slug, "--format", "json"))
    by_user = {row["username"]: row for row in report["interviewers"]}
    hot = by_user["hot"]["leniency"]
    # By hand: "hot" gives one point more than the two others on every rating, so against the
    # role's typical interviewer (the mean of the three) it is +2/3 and the others -1/3.
    assert hot["unshrunk"] == pytest.approx(2 / 3, abs=1e-3) and hot["n"] == 48
    assert hot["leniency"] == pytest.approx(2 / 3, abs=0.02)
    low, high = hot["interval"]
    assert 0 < low < hot["leniency"] < high
    assert by_user["hot"]["flag"] == "hot" and hot["flag"] == "hot"
    assert by_user["steady"]["leniency"]["unshrunk"] == pytest.approx(-1 / 3, abs=1e-3)
    # With three interviewers the role's zero is itself uncertain (is "hot" lenient, or are
    # the other two severe?), and the interval counts it: only the one apart is flagged.
    low, high = by_user["steady"]["leniency"]["interval"]
    assert low < by_user["steady"]["leniency"]["leniency"] < 0 < high
    assert by_user["steady"]["flag"] is None
    assert by_user["hot"]["scorecards"] == 12
    assert set(report["dimensions"]) == {f"Dimension {i}" for i in range(1, 5)}
    dimension = report["dimensions"]["Dimension 1"]
    assert dimension["candidates"] == 12 and dimension["ratings"] == 36
    assert isinstance(dimension["alpha"], float)
    assert report["alpha"]["units"] == 48
    assert report["alpha"]["label"] == "unlabelled"  # 48 units: too few for a label
    assert report["fitted_at"]


def test_json_with_two_candidates_gives_wide_intervals_and_no_flag(role):
    history(role, candidates=2)
    report = json.loads(run("--role", role.slug, "--format", "json"))
    for row in report["interviewers"]:
        low, high = row["leniency"]["interval"]
        assert low < 0 < high and row["flag"] is None
        assert row["leniency"]["reading"].startswith("in line")
    assert report["alpha"]["alpha"] is None


def test_text_is_a_table_for_people(role):
    history(role)
    text = run("--role", role.slug)
    assert "Hot Rater" in text and "+0.6" in text
    assert "Agreement (alpha, ordinal)" in text


def test_an_unknown_role_is_a_clear_error(role):
    with pytest.raises(CommandError, match="No role 'nope'"):
        run("--role", "nope")


def test_without_a_role_it_covers_every_role(role):
    history(role, candidates=3)
    report = json.loads(run("--format", "json"))
    assert report["role"] is None and report["scorecards"] == 9
