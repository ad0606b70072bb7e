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


def test_json_gives_each_interviewers_leniency_with_n_and_interval_and_alpha_per_dimension(role):
    history(role)
    report = json.loads(run("--role", role.slug, "--format", "json"))
    by_user = {row["username"]: row for row in report["interviewers"]}
    hot = by_user["hot"]["leniency"]
    assert hot["leniency"] == 1.0 and hot["n"] == 48 and hot["interval"] == [1.0, 1.0]
    assert by_user["steady"]["leniency"]["leniency"] == -0.5
    assert by_user["hot"]["scorecards"] == 12
    assert set(report["dimensions"]) == {f"Dimension {i}" for i in range(1, 5)}
    dimension = report["dimensions"]["Dimension 1"]
    assert dimension["candidates"] == 12 and dimension["ratings"] == 36
    assert isinstance(dimension["alpha"], float)
    assert report["alpha"]["units"] == 48


def test_json_says_not_enough_data_with_null_numbers(role):
    history(role, candidates=2)
    report = json.loads(run("--role", role.slug, "--format", "json"))
    for row in report["interviewers"]:
        assert row["leniency"]["leniency"] is None and row["leniency"]["interval"] is None
        assert row["leniency"]["reading"].startswith("not enough data")
    assert report["alpha"]["alpha"] is None


def test_text_is_a_table_for_people(role):
    history(role)
    text = run("--role", role.slug)
    assert "Hot Rater" in text and "+1.00" in text and "+1.00 to +1.00" in text
    assert "Agreement (alpha, ordinal)" in text


def test_an_unknown_role_is_a_clear_error(role):
    with pytest.raises(CommandError, match="No role 'nope'"):
        run("--role", "nope")


def test_without_a_role_it_covers_every_role(role):
    history(role, candidates=3)
    report = json.loads(run("--format", "json"))
    assert report["role"] is None and report["scorecards"] == 9
