"""Small timing helpers: medians and percentiles in milliseconds."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def time_ms(fn: Callable[[], object], *, repeat: int, warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def p50(samples: list[float]) -> float:
    return round(statistics.median(samples), 2)


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return round(ordered[index], 2)


def in_turns(
    first: Callable[[], object], second: Callable[[], object], *, rounds: int
) -> tuple[list[float], list[float]]:
    """Each job's times in milliseconds, the two timed one after the other for `rounds`
    rounds, which of them goes first alternating: a job right after the other kind of job ran up
    to 15 % slower than one after its own kind on the bench machine, which a fixed order hands
    to one of them."""
    times: tuple[list[float], list[float]] = ([], [])
    for i in range(rounds):
        for k in (0, 1) if i % 2 == 0 else (1, 0):
            started = time.perf_counter()
            (first, second)[k]()
            times[k].append((time.perf_counter() - started) * 1000)
    return times
