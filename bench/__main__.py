"""`python -m bench` (`make bench`): every benchmark in one process, a table, bench/results.json.

    python -m bench                          # everything, full sizes
    python -m bench --quick                  # a fast smoke run with small sizes
    python -m bench --only packet,pdf        # any of: packet pdf scale api batch load simulate
    python -m bench --scale-candidates 20000 # how many load candidates the scale figures use
    python -m bench --only scale --merge     # measure again, keep the file's other figures

The database is the bench one (`bench/environment.py`: BENCH_DATABASE_URL, else PostgreSQL
`interviewkit_bench` on 127.0.0.1:5432 when it answers, else a SQLite file). The batch export
and load benchmarks live in `bench/batch.py` and `bench/load.py`; a missing one is reported as
not run. See docs/performance.md for what each figure measures.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

from bench.environment import BENCH_DIR, choose_database_url, machine, setup_django

BENCHMARKS = ("packet", "pdf", "scale", "api", "batch", "load", "simulate")
RESULTS = BENCH_DIR / "results.json"

# The performance bars (docs/performance.md), checked on every run: metric → (comparison, bound).
BARS = {
    "packet_queries_equal": ("==", True),
    "pdf_overhead_ratio": ("<=", 1.10),
    "batch_speedup": (">=", 1.8),
    # The same 200 packets again, each unchanged since and its PDF kept (bench/batch.py).
    "batch_200_cached_s": ("<", 10),
    # A worker's memory at the end of 200 packets over its memory half-way: no growth per packet.
    "worker_rss_growth": ("<=", 1.1),
    "pdf_vs_chromium_ratio": ("<=", 2.5),
    # A download of an unchanged packet (a kept PDF) against Chromium's fresh render.
    "pdf_cached_vs_chromium_ratio": ("<=", 1.0),
    "lost_writes": ("==", 0),
    "errors": ("==", 0),
    # Pages at 20,000 candidates (bench/scale.py), and their query counts at two data sizes.
    "packet_ms_at_scale": ("<", 100),
    "candidate_list_ms_p50": ("<", 50),
    "role_calibration_ms": ("<", 300),
    "page_queries_constant": ("==", True),
    # Capacity (bench/load.py): interviewers who pause 2-10 s, one gunicorn worker on one core.
    "capacity_errors": ("==", 0),
    "capacity_lost_writes": ("==", 0),
    # Every bar of the simulation study (bench/simulate.py) in every scenario.
    "simulation_bars_hold": ("==", True),
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--only",
        default=",".join(BENCHMARKS),
        help=f"comma-separated, some of: {', '.join(BENCHMARKS)} (default: all)",
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, a smoke run")
    parser.add_argument("--scale-candidates", type=int, default=20000, metavar="N")
    parser.add_argument(
        "--output", type=Path, default=RESULTS, help=f"where to write (default {RESULTS})"
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="keep the output file's other benchmarks (each keeps the date it was measured)",
    )
    args = parser.parse_args(argv)
    args.only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(args.only) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; choose from {BENCHMARKS}")
    if args.scale_candidates < 1:
        parser.error("--scale-candidates must be at least 1")
    return args


def run_one(name: str, args: argparse.Namespace) -> dict:
    module_name = f"bench.{name}"
    if importlib.util.find_spec(module_name) is None:
        return {"not_run": "module missing"}
    module = importlib.import_module(module_name)
    if name in ("scale", "api"):
        return module.run(quick=args.quick, candidates=args.scale_candidates)
    return module.run(quick=args.quick)


def check_bars(results: dict) -> dict:
    """Each bar that a run measured: its value, the bound and whether it holds."""
    checked = {}
    for section in results.values():
        for metric, (op, bound) in BARS.items():
            if metric not in section:
                continue
            value = section[metric]
            if value is None:
                continue  # not measured in this run
            holds = {
                "==": value == bound,
                "<": value < bound,
                "<=": value <= bound,
                ">=": value >= bound,
            }[op]
            checked[metric] = {"value": value, "bar": f"{op} {bound}", "holds": bool(holds)}
    return checked


def fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {fmt(v)}" for k, v in value.items())
    return str(value)


def print_table(results: dict, bars: dict) -> None:
    rows = []
    for name, section in results.items():
        for metric, value in section.items():
            if metric in ("details", "explain", "measured_at"):
                continue
            mark = ""
            if metric in bars:
                mark = f"  [{'ok' if bars[metric]['holds'] else 'MISSED'} {bars[metric]['bar']}]"
            rows.append((name, metric, fmt(value) + mark))
    width_a = max((len(r[0]) for r in rows), default=5)
    width_b = max((len(r[1]) for r in rows), default=6)
    print(f"\n{'bench':<{width_a}}  {'metric':<{width_b}}  value")
    print(f"{'-' * width_a}  {'-' * width_b}  {'-' * 40}")
    for name, metric, value in rows:
        print(f"{name:<{width_a}}  {metric:<{width_b}}  {value}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    url = choose_database_url()
    print(f"bench database: {url.split('@')[-1]}", flush=True)
    setup_django(url)
    from django.conf import settings

    # The figures are about a production-like process: no per-query debug log.
    settings.DEBUG = False
    started = datetime.now(UTC)
    results: dict[str, dict] = {}
    seconds: dict[str, float] = {}
    failed = False
    for name in args.only:
        print(f"running {name}{' (quick)' if args.quick else ''} …", flush=True)
        began = time.perf_counter()
        try:
            results[name] = run_one(name, args)
        except Exception as error:  # noqa: BLE001 - one failing benchmark must not hide the rest
            traceback.print_exc()
            results[name] = {"failed": f"{type(error).__name__}: {error}"}
            failed = True
        seconds[name] = round(time.perf_counter() - began, 1)
    for section in results.values():
        section.setdefault("measured_at", started.isoformat(timespec="seconds"))
    if args.merge and args.output.exists():
        earlier = json.loads(args.output.read_text(encoding="utf-8"))
        results = {**earlier.get("results", {}), **results}
        seconds = {**earlier.get("seconds", {}), **seconds}
    bars = check_bars(results)
    report = {
        "date": started.isoformat(timespec="seconds"),
        "machine": machine(),
        "quick": args.quick,
        "scale_candidates": args.scale_candidates,
        "bars": bars,
        "results": results,
        "seconds": seconds,
    }
    args.output.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    print_table(results, bars)
    print(f"\nwrote {args.output}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
