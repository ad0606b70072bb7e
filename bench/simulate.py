"""A seeded simulation of the trust figures against a known truth (docs/scoring-methods.md).

Candidates with a known true standing, interviewers with a known leniency, panels of 3-6
scorecards each rating the dimensions of its exercise, ratings rounded and clipped to 1-4. Each
scenario is fitted with the project's own functions (`scorecards.role_model`, and
`bench.baseline` for the figures the app showed before, "today") and scored against the
truth. No database: `python -m bench --only simulate` or `make simulate`.

The truth a packet's interval aims at is the candidate's universe score: the mean overall score
over random panels of the role's interviewers with the same exercises, computed exactly (the
expected clipped, rounded rating is 1 + sum_k Phi((m - k - 0.5) / s), averaged over the role's
interviewers). Scenarios:

- random: every panel drawn at random from 30 interviewers;
- halo: the same with a strong scorecard effect (each scorecard's ratings move together);
- strong_pool: most candidates near the top of the scale, so ratings pile up at 4;
- teams: two teams of 15 interview their own candidates 90 % of the time, one with lenient
  members, one with severe ones (and neutral members in both);
- new_interviewers: six more interviewers with one to three scorecards each.

Besides the share of truly neutral interviewers flagged (the bar), each scenario reports the
share of the truly lenient or severe ones flagged in the right direction (`leaning_detected`),
so that a flag rule that holds the bar by flagging nobody shows as such.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from bench import baseline
from scorecards import role_model

DIMENSIONS = tuple(f"Dimension {k + 1}" for k in range(8))
WEIGHTS = (20, 15, 10, 10, 15, 10, 10, 10)
# Which dimensions each exercise's kit rates (dimension 1 and 5 in two exercises each).
EXERCISES = ((0, 1, 2), (0, 3, 4), (4, 5, 6), (7, 1, 3))
SEED = 20_261_202

BARS = {
    "coverage_low": 0.93,
    "coverage_high": 0.97,
    "neutral_flagged_max": 0.05,
}


@dataclass(frozen=True)
class Scenario:
    name: str
    halo: float = 0.25  # sd of the scorecard effect
    noise: float = 0.45  # sd of one rating's noise
    pool_mean: float = 0.0  # candidates' mean true standing above the scale's middle
    teams: bool = False
    new_interviewers: int = 0
    interviewer_sd: float = 0.4


SCENARIOS = (
    Scenario("random"),
    Scenario("halo", halo=0.6),
    Scenario("strong_pool", pool_mean=0.9),
    Scenario("teams", teams=True),
    Scenario("new_interviewers", new_interviewers=6),
)


@dataclass
class World:
    truth: np.ndarray  # universe score per candidate
    leniency: np.ndarray  # true leniency per interviewer
    neutral: np.ndarray  # bool per interviewer
    new: np.ndarray  # bool per interviewer
    table: role_model.Ratings
    panels: list[list[role_model.PanelCard]]


def _leniencies(scenario: Scenario, rng) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    count = 30
    neutral = np.zeros(count, dtype=bool)
    neutral[::3] = True  # a third of the interviewers rate exactly like the typical one
    if scenario.teams:
        team = np.arange(count) % 2
        lam = np.where(team == 0, 0.5, -0.5) + rng.normal(0, 0.1, count)
    else:
        lam = rng.normal(0, scenario.interviewer_sd, count)
        team = np.zeros(count, dtype=int)
    lam[neutral] = 0.0
    new = np.zeros(count, dtype=bool)
    if scenario.new_interviewers:
        extra = scenario.new_interviewers
        fresh = rng.normal(0, scenario.interviewer_sd, extra)
        fresh[::2] = 0.0
        lam = np.concatenate([lam, fresh])
        neutral = np.concatenate([neutral, fresh == 0.0])
        new = np.concatenate([new, np.ones(extra, dtype=bool)])
        team = np.concatenate([team, np.zeros(extra, dtype=int)])
    return lam, neutral, new, team


def _expected_rating(m: np.ndarray, s: float) -> np.ndarray:
    """E[clip(round(m + N(0, s^2)), 1, 4)]."""
    return 1 + sum(role_model.normal_cdf((m - (k + 0.5)) / s) for k in (1, 2, 3))


def make_world(scenario: Scenario, candidates: int, rng) -> World:
    lam, neutral, new, team = _leniencies(scenario, rng)
    people = lam.size
    dim_mean = 2.5 + rng.normal(0, 0.2, len(DIMENSIONS))
    tau = rng.normal(scenario.pool_mean, 0.5, candidates)
    tau_cd = rng.normal(0, 0.3, (candidates, len(DIMENSIONS)))
    level = dim_mean[None, :] + tau[:, None] + tau_cd  # before interviewer and noise
    spread = math.sqrt(scenario.halo**2 + scenario.noise**2)
    # Universe score per (candidate, dimension): averaged over the role's interviewers.
    expected = np.mean([_expected_rating(level + lam[j], spread) for j in range(people)], axis=0)
    regulars = np.flatnonzero(~new)
    newcomers = list(np.flatnonzero(new))
    rows, panels, truth = [], [], np.zeros(candidates)
    card_id = 0
    for c in range(candidates):
        size = int(rng.integers(3, 7))
        own_team = c % 2
        chosen: list[int] = []
        for _slot in range(size):
            if newcomers and rng.random() < 0.03:
                pick = (
                    newcomers.pop(0) if rng.random() < 0.5 else int(rng.choice(np.flatnonzero(new)))
                )
            elif scenario.teams:
                home = regulars[team[regulars] == own_team]
                away = regulars[team[regulars] != own_team]
                pool = home if rng.random() < 0.9 else away
                pick = int(rng.choice([p for p in pool if p not in chosen] or list(pool)))
            else:
                pick = int(rng.choice([p for p in regulars if p not in chosen]))
            chosen.append(pick)
        panel = []
        for s, person in enumerate(chosen):
            exercise = EXERCISES[(s + c) % len(EXERCISES)]
            delta = rng.normal(0, scenario.halo)
            ratings = {}
            for d in exercise:
                latent = level[c, d] + lam[person] + delta + rng.normal(0, scenario.noise)
                value = float(min(max(round(latent), 1), 4))
                ratings[DIMENSIONS[d]] = value
                rows.append((c, card_id, person, DIMENSIONS[d], value))
            panel.append(
                role_model.PanelCard(
                    person, ratings, {DIMENSIONS[d]: float(WEIGHTS[d]) for d in exercise}
                )
            )
            card_id += 1
        coefficients, _ = role_model._coefficients(panel)
        truth[c] = sum(
            b * expected[c, DIMENSIONS.index(name)]
            for row in coefficients
            for name, b in row.items()
        )
        panels.append(panel)
    return World(truth, lam, neutral, new, role_model.ratings_from_rows(rows), panels)


def _spearman(a: np.ndarray, b: np.ndarray) -> float:
    ra = np.argsort(np.argsort(a)).astype(float)
    rb = np.argsort(np.argsort(b)).astype(float)
    return float(np.corrcoef(ra, rb)[0, 1])


def _today(world: World) -> dict:
    """The figures the app computed before: bootstrap interval, t-interval leniency (n >= 10)
    and its calibrated view."""
    table = world.table
    old_table = baseline.RatingsTable(
        candidate=table.candidate,
        dimension=table.dimension,
        interviewer=table.interviewer,
        rating=table.rating,
        dimension_names=table.dimension_names,
    )
    lenient = baseline.leniency(old_table)
    covered, calibrated = [], []
    for c, panel in enumerate(world.panels):
        names = list(dict.fromkeys(n for card in panel for n in card.ratings))
        ratings = np.array([[card.ratings.get(n, np.nan) for n in names] for card in panel])
        weights = np.array([[card.weights.get(n, 0.0) for n in names] for card in panel])
        interval = baseline.bootstrap_overall(ratings, weights, samples=400)
        covered.append(interval.reported and interval.low <= world.truth[c] <= interval.high)
        view = baseline.calibrated_panel(
            ratings, weights, [card.interviewer for card in panel], lenient
        )
        calibrated.append(view.calibrated_overall)
    flagged = [
        person
        for person, row in lenient.items()
        if row.reported and ("runs hot" in row.reading or "runs cold" in row.reading)
    ]
    reported = [p for p, row in lenient.items() if row.reported]
    direction = {p: ("hot" if "runs hot" in lenient[p].reading else "cold") for p in flagged}
    return {
        "coverage": float(np.mean(covered)),
        "calibrated": np.array(calibrated),
        "neutral": [p for p in reported if world.neutral[p]],
        "neutral_flagged": [p for p in flagged if world.neutral[p]],
        "leaning": [p for p in reported if not world.neutral[p]],
        "detected": [p for p in flagged if _right_direction(direction[p], world.leniency[p])],
        "errors": np.array([lenient[p].mean - world.leniency[p] for p in reported]),
    }


def _right_direction(flag: str | None, leniency: float) -> bool:
    """A flag that says which way the interviewer truly leans."""
    return (flag == "hot" and leniency > 0) or (flag == "cold" and leniency < 0)


def run_scenario(scenario: Scenario, *, candidates: int, replications: int, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    covered_raw, covered_cal, width_raw, width_cal, reliabilities = [], [], [], [], []
    neutral_total = neutral_flagged = 0
    today_neutral_total = today_neutral_flagged = 0
    # Power: the truly lenient or severe interviewers flagged, and in the right direction.
    leaning_total = detected = today_leaning_total = today_detected = 0
    errors, today_errors, today_covered = [], [], []
    raw_sq, cal_sq, today_sq = [], [], []
    raw_rho, cal_rho, today_rho = [], [], []
    for _ in range(replications):
        world = make_world(scenario, candidates, rng)
        model = role_model.fit_role(world.table, resamples=0)
        raw_scores, cal_scores = [], []
        for c, panel in enumerate(world.panels):
            figures = role_model.panel_figures(
                panel, model.components, model.leniency, model.calibrated_components
            )
            raw, cal = figures.raw, figures.calibrated
            covered_raw.append(raw.low <= world.truth[c] <= raw.high)
            covered_cal.append(cal.low <= world.truth[c] <= cal.high)
            width_raw.append(raw.width)
            width_cal.append(cal.width)
            reliabilities.append(figures.reliability)
            raw_scores.append(raw.estimate)
            cal_scores.append(cal.estimate)
        for person, row in model.leniency.interviewers.items():
            if not row.reported:
                continue
            errors.append(row.estimate - world.leniency[person])
            if world.neutral[person]:
                neutral_total += 1
                neutral_flagged += row.flag is not None
            else:
                leaning_total += 1
                detected += _right_direction(row.flag, world.leniency[person])
        today = _today(world)
        today_covered.append(today["coverage"])
        today_neutral_total += len(today["neutral"])
        today_neutral_flagged += len(today["neutral_flagged"])
        today_leaning_total += len(today["leaning"])
        today_detected += len(today["detected"])
        today_errors.extend(today["errors"])
        raw_scores, cal_scores = np.array(raw_scores), np.array(cal_scores)
        raw_sq.extend((raw_scores - world.truth) ** 2)
        cal_sq.extend((cal_scores - world.truth) ** 2)
        today_sq.extend((today["calibrated"] - world.truth) ** 2)
        raw_rho.append(_spearman(raw_scores, world.truth))
        cal_rho.append(_spearman(cal_scores, world.truth))
        today_rho.append(_spearman(today["calibrated"], world.truth))
    errors, today_errors = np.array(errors), np.array(today_errors)
    return {
        "packets": len(covered_raw),
        "coverage_raw": round(float(np.mean(covered_raw)), 3),
        "coverage_calibrated": round(float(np.mean(covered_cal)), 3),
        "width_raw": round(float(np.mean(width_raw)), 3),
        "width_calibrated": round(float(np.mean(width_cal)), 3),
        "coverage_today": round(float(np.mean(today_covered)), 3),
        "reliability_mean": round(float(np.mean(reliabilities)), 3),
        "neutral_interviewers": neutral_total,
        "neutral_flagged": round(neutral_flagged / max(neutral_total, 1), 3),
        "neutral_flagged_today": round(today_neutral_flagged / max(today_neutral_total, 1), 3),
        "leaning_interviewers": leaning_total,
        "leaning_detected": round(detected / max(leaning_total, 1), 3),
        "leaning_detected_today": round(today_detected / max(today_leaning_total, 1), 3),
        "leniency_bias": round(float(errors.mean()), 3),
        "leniency_rmse": round(float(np.sqrt((errors**2).mean())), 3),
        "leniency_bias_today": round(float(today_errors.mean()), 3),
        "leniency_rmse_today": round(float(np.sqrt((today_errors**2).mean())), 3),
        "raw_rmse": round(float(np.sqrt(np.mean(raw_sq))), 3),
        "calibrated_rmse": round(float(np.sqrt(np.mean(cal_sq))), 3),
        "calibrated_rmse_today": round(float(np.sqrt(np.mean(today_sq))), 3),
        "raw_spearman": round(float(np.mean(raw_rho)), 3),
        "calibrated_spearman": round(float(np.mean(cal_rho)), 3),
        "calibrated_spearman_today": round(float(np.mean(today_rho)), 3),
    }


def study(*, candidates: int = 300, replications: int = 12, seed: int = SEED) -> dict:
    """Every scenario, and whether each bar (BARS) holds in it."""
    scenarios = {}
    for k, scenario in enumerate(SCENARIOS):
        figures = run_scenario(
            scenario, candidates=candidates, replications=replications, seed=seed + k
        )
        figures["bars"] = {
            "coverage_raw": BARS["coverage_low"]
            <= figures["coverage_raw"]
            <= BARS["coverage_high"],
            "coverage_calibrated": BARS["coverage_low"]
            <= figures["coverage_calibrated"]
            <= BARS["coverage_high"],
            "neutral_flagged": figures["neutral_flagged"] <= BARS["neutral_flagged_max"],
            "calibrated_error": figures["calibrated_rmse"] <= figures["calibrated_rmse_today"],
        }
        scenarios[scenario.name] = figures
    return {
        "seed": seed,
        "candidates": candidates,
        "replications": replications,
        "scenarios": scenarios,
        "all_bars_hold": all(all(s["bars"].values()) for s in scenarios.values()),
    }


def run(*, quick: bool = False) -> dict:
    """The `bench` entry: the full study, or a small one with --quick."""
    result = study(candidates=80, replications=2) if quick else study()
    return {"simulation": result, "simulation_bars_hold": result["all_bars_hold"]}


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(study(), indent=2))
    sys.exit(0)
