"""The packet page, through the real view: its SQL query count and its server time.

Each candidate has a whole panel of submitted scorecards on the bench kit (8 dimensions). The
hiring manager of the bench role is logged in with Django's test Client and GETs
`scorecards:packet`: URL routing, session and authentication middleware, the access check,
`load_packet`, the trust section and template rendering are all in the timing; only the
network is not.

- `packet_queries_<k>`: the SQL queries one GET runs for a candidate with k scorecards
  (CaptureQueriesContext). The bar: the same count for 2, 6 and 20.
- `packet_ms_p50`: the median server time for 6 scorecards.
- `packet_ms`: the median for 2, 6, 20 and 50 scorecards (the scaling curve), and
  `packet_growth`: how the time grows from 6 to 50 scorecards against the linear bound
  (50/6 ≈ 8.3).
"""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.timing import p50, time_ms

QUERY_SIZES = (2, 6, 20)
CURVE_SIZES = (2, 6, 20, 50)
HEADLINE = 6


def panel_candidates(sizes: tuple[int, ...]) -> dict:
    """One candidate per panel size on the bench kit, made once per run."""
    from bench.data import bench_kit, panel_candidate

    kit = bench_kit()
    return kit, {size: panel_candidate(kit, size, seed=100 + size) for size in sizes}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def get_packet(client: Client, candidate) -> None:
    response = client.get(reverse("scorecards:packet", args=[candidate.pk]))
    if response.status_code != 200:
        raise RuntimeError(f"packet page answered {response.status_code} for {candidate.pk}")


def count_queries(client: Client, candidate) -> int:
    get_packet(client, candidate)  # warm: sessions, content types, caches
    with CaptureQueriesContext(connection) as captured:
        get_packet(client, candidate)
    return len(captured.captured_queries)


def run(*, quick: bool = False) -> dict:
    from bench.data import hiring_manager

    repeat = 3 if quick else 15
    sizes = tuple(sorted(set(QUERY_SIZES) | set(CURVE_SIZES)))
    kit, candidates = panel_candidates(sizes)
    client = client_for(hiring_manager(kit))
    try:
        queries = {size: count_queries(client, candidates[size]) for size in QUERY_SIZES}
        curve = {
            size: p50(time_ms(lambda c=candidates[size]: get_packet(client, c), repeat=repeat))
            for size in CURVE_SIZES
        }
    finally:
        candidates_cleanup(candidates)
    growth = round(curve[50] / curve[HEADLINE], 2) if curve[HEADLINE] else None
    return {
        **{f"packet_queries_{size}": queries[size] for size in QUERY_SIZES},
        "packet_queries_equal": len(set(queries.values())) == 1,
        "packet_ms_p50": curve[HEADLINE],
        "packet_ms": {str(size): curve[size] for size in CURVE_SIZES},
        "packet_growth_6_to_50": growth,
        "packet_growth_linear_bound": round(50 / HEADLINE, 2),
        "details": {
            "dimensions": kit.dimensions.count(),
            "repeat": repeat,
            "measured": "test Client GET of scorecards:packet as the role's hiring manager, "
            "median server time after one warm-up",
        },
    }


def candidates_cleanup(candidates: dict) -> None:
    """The run's own candidates go again, so that the bench database does not grow."""
    from scorecards.models import Candidate

    Candidate.objects.filter(pk__in=[c.pk for c in candidates.values()]).delete()
