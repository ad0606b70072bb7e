"""The simulation study (bench/simulate.py; docs/scoring-methods.md, "The simulation study"),
small and fast: it runs, is seeded, and the joint model does what it is for on the team
scenario."""

from __future__ import annotations

from bench import simulate


def test_a_small_study_is_reproducible_and_reports_every_figure():
    first = simulate.run_scenario(simulate.SCENARIOS[0], candidates=60, replications=1, seed=3)
    again = simulate.run_scenario(simulate.SCENARIOS[0], candidates=60, replications=1, seed=3)
    assert first == again
    for key in ("coverage_raw", "coverage_calibrated", "width_raw", "neutral_flagged",
                "leniency_bias", "leniency_rmse", "raw_rmse", "calibrated_rmse",
                "calibrated_rmse_today", "raw_spearman", "calibrated_spearman"):  # fmt: skip
        assert key in first
    assert 0.8 <= first["coverage_raw"] <= 1.0


def test_on_team_panels_the_joint_fit_flags_fewer_neutral_interviewers_than_before():
    teams = next(s for s in simulate.SCENARIOS if s.name == "teams")
    figures = simulate.run_scenario(teams, candidates=150, replications=1, seed=4)
    assert figures["neutral_flagged"] < figures["neutral_flagged_today"]
    assert figures["calibrated_rmse"] < figures["calibrated_rmse_today"]
    assert figures["coverage_raw"] > figures["coverage_today"]
