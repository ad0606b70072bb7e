"""Scale on PostgreSQL: 20,000 candidates, 120,000 scorecards, about a million ratings.

The data (`bench/scale_data.py`) is made once and reused by later runs. On that data:

- `candidate_list_ms_p50`: the candidate list of the biggest role (`scorecards:candidate-list`,
  5,000 candidates) filtered by status "ready for review", its middle page of 25, through the
  real view (Django test Client, logged in as the hiring manager of every seeded role).
- `role_calibration_ms`: the calibration page of the biggest seeded role (about 30,000
  scorecards) through the real view; `role_calibration_compute_ms` its reads and statistics
  alone (`calibration_views.role_page_context`).
- `packet_ms_at_scale`: one packet page among the 20,000 candidates.
- `role_calibration_10k_page_ms`: `bench.calibration.bench_role_calibration` (a role of its own
  with 10,000 scorecards), its whole page; its other figures are in the details.
- `page_queries`: how many queries each of the three pages runs on the biggest role and on
  `bench.calibration`'s smaller role (2,000 candidates, 10,000 scorecards), the same pages
  through the same views; `page_queries_constant` says whether each page's two counts are equal
  (the count must not grow with the data).
- `explain`: EXPLAIN (ANALYZE, BUFFERS) of every SELECT those requests run, with the indexes
  each plan uses and any sequential scan of a big table (`seq_scans_on_big_tables` counts
  them in the candidate list and packet requests: it should be 0; the role-wide calibration
  reads are reported apart).

PostgreSQL only: the figures are about the database a deployment runs on.
"""

from __future__ import annotations

import importlib.util
import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from bench import scale_data
from bench.timing import p50, time_ms

QUICK_CANDIDATES = 2000
PAGE_SIZE = 25
BIG_TABLES = (
    "scorecards_candidate",
    "scorecards_interview",
    "scorecards_scorecard",
    "scorecards_rating",
    "scorecards_observedsignal",
    "scorecards_decision",
)
# The candidate list's filter: the candidates whose panel has submitted and who wait for a
# decision, the page a hiring manager works from.
LIST_STATUS = "ready-for-review"


def scale_manager(kits):
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(username="bench-scale-manager")
    if created:
        user.set_unusable_password()
        user.save()
    for kit in kits:
        kit.role.hiring_managers.add(user)
    return user


def candidate_list_url(role) -> str | None:
    try:
        return reverse("scorecards:candidate-list", args=[role.slug])
    except NoReverseMatch:
        return None


def seq_scans(plan: str) -> list[str]:
    return sorted(
        {table for table in re.findall(r"Seq Scan on (\w+)", plan) if table in BIG_TABLES}
    )


def explain(captured: list[dict], *, label: str) -> list[dict]:
    plans = []
    with connection.cursor() as cursor:
        for query in captured:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            plans.append(
                {
                    "request": label,
                    "sql": sql if len(sql) < 600 else sql[:600] + " …",
                    "execution_ms": float(
                        (re.search(r"Execution Time: ([\d.]+)", plan) or [0, 0])[1]
                    ),
                    "indexes": sorted(set(re.findall(r"Index (?:Only )?Scan using (\w+)", plan))),
                    "seq_scans_on_big_tables": seq_scans(plan),
                    "plan": plan.splitlines(),
                }
            )
    return plans


def calibration_10k(*, quick: bool) -> dict:
    """`bench.calibration.bench_role_calibration`: its own role of 10,000 scorecards."""
    if importlib.util.find_spec("bench.calibration") is None:
        return {"not_run": "module missing"}
    from bench.calibration import bench_role_calibration

    return bench_role_calibration(n_scorecards=1000 if quick else 10000)


def capture(fn) -> list[dict]:
    fn()  # warm
    with CaptureQueriesContext(connection) as captured:
        fn()
    return captured.captured_queries


def pages(client, role, candidate, list_params: dict) -> tuple:
    """The three pages of the benchmark, each a function that fetches it once through `client`:
    the role's candidate list (`list_params`), its calibration page, `candidate`'s packet."""
    list_url = candidate_list_url(role)

    def candidate_list():
        if list_url is None:
            raise RuntimeError("the candidate list (scorecards:candidate-list) is not routed")
        response = client.get(list_url, list_params)
        if response.status_code != 200:
            raise RuntimeError(f"candidate list answered {response.status_code}")
        if response.context is not None and "page" in response.context:
            assert response.context["page"].number == int(list_params.get("page", 1))

    def calibration_page():
        response = client.get(reverse("scorecards:calibration-role", args=[role.slug]))
        if response.status_code != 200:
            raise RuntimeError(f"calibration page answered {response.status_code}")

    def packet_page():
        response = client.get(reverse("scorecards:packet", args=[candidate.pk]))
        if response.status_code != 200:
            raise RuntimeError(f"packet page answered {response.status_code}")

    return candidate_list, calibration_page, packet_page


PAGE_NAMES = ("candidate_list", "role_calibration", "packet")


def query_counts(client, role, candidate, list_params: dict) -> dict[str, int]:
    return {
        name: len(capture(fn))
        for name, fn in zip(PAGE_NAMES, pages(client, role, candidate, list_params), strict=True)
    }


def queries_at_two_sizes(client, manager, big: dict) -> dict:
    """Each page's query count on the biggest role (`big`) and on bench.calibration's role."""
    from bench.calibration import calibration_kit
    from scorecards.models import Candidate

    small_role = calibration_kit().role
    small_role.hiring_managers.add(manager)
    small_candidate = (
        Candidate.objects.filter(role=small_role, interviews__scorecard__isnull=False)
        .order_by("pk")
        .first()
    )
    small = query_counts(client, small_role, small_candidate, {"status": LIST_STATUS, "page": 2})
    return {
        "page_queries": {
            name: {"big_role": big[name], "small_role": small[name]} for name in PAGE_NAMES
        },
        "page_queries_constant": all(big[name] == small[name] for name in PAGE_NAMES),
    }


def run(*, quick: bool = False, candidates: int = 20000) -> dict:
    from bench.environment import is_postgres

    if not is_postgres():
        return {
            "skipped": "scale is measured on PostgreSQL only (set BENCH_DATABASE_URL to a "
            "postgres:// URL): its plans and indexes are what a deployment runs on"
        }
    from interviewkit.models import Role
    from scorecards.models import Candidate, Rating, Scorecard

    wanted = min(candidates, QUICK_CANDIDATES) if quick else candidates
    made = scale_data.ensure_load(wanted)
    sizes = scale_data.counts()
    kits = scale_data.seeded_kits()
    manager = scale_manager(kits)
    client = Client()
    client.force_login(manager)
    # 31 samples: this shared machine has slow spells of a few seconds (docs/performance.md).
    repeat = 3 if quick else 31

    role_sizes = {
        kit.role_id: Scorecard.objects.filter(interview__candidate__role=kit.role).count()
        for kit in kits
    }
    big_role = Role.objects.get(pk=max(role_sizes, key=role_sizes.get))

    role_candidates = scale_data.load_candidates().filter(role=big_role).count()
    matching = (
        Candidate.objects.filter(role=big_role).with_status().filter(status=LIST_STATUS).count()
    )
    middle_page = max(1, -(-matching // PAGE_SIZE) // 2)
    params = {"status": LIST_STATUS, "page": middle_page}
    some_candidate = (
        scale_data.load_candidates().filter(role=big_role).order_by("pk")[role_candidates // 2]
    )
    candidate_list, calibration_page, packet_page = pages(client, big_role, some_candidate, params)
    list_url = candidate_list_url(big_role)

    from scorecards.calibration import views as calibration_views

    captured = {
        "candidate_list": capture(candidate_list),
        "packet": capture(packet_page),
        "role_calibration": capture(calibration_page),
    }
    plans = (
        explain(captured["candidate_list"], label="candidate list")
        + explain(captured["packet"], label="packet page")
        + explain(captured["role_calibration"], label="role calibration page")
    )
    list_ms = time_ms(candidate_list, repeat=repeat)
    calibration_ms = time_ms(calibration_page, repeat=max(3, repeat // 3))
    compute_ms = time_ms(
        lambda: calibration_views.role_page_context(big_role), repeat=max(3, repeat // 3)
    )
    packet_ms = time_ms(packet_page, repeat=repeat)
    # A page about one candidate or one page of candidates must not scan a big table; the
    # calibration page reads a quarter of the ratings table, where a sequential scan is the
    # right plan (see docs/performance.md).
    narrow = [p for p in plans if p["request"] != "role calibration page"]
    seq = sorted({t for p in narrow for t in p["seq_scans_on_big_tables"]})
    ten_thousand = calibration_10k(quick=quick)
    counted = queries_at_two_sizes(
        client, manager, {name: len(captured[name]) for name in PAGE_NAMES}
    )
    wide = sorted({t for p in plans if p not in narrow for t in p["seq_scans_on_big_tables"]})
    return {
        "candidates": sizes["candidates"],
        "scorecards": sizes["scorecards"],
        "ratings": sizes["ratings"],
        "candidate_list_ms_p50": p50(list_ms),
        "role_calibration_ms": p50(calibration_ms),
        "role_calibration_compute_ms": p50(compute_ms),
        "packet_ms_at_scale": p50(packet_ms),
        "role_calibration_10k_page_ms": ten_thousand.get("page_ms"),
        "seq_scans_on_big_tables": len([p for p in narrow if p["seq_scans_on_big_tables"]]),
        **counted,
        "details": {
            **made,
            "role": big_role.slug,
            "role_candidates": role_candidates,
            "role_scorecards": role_sizes[big_role.pk],
            "role_ratings": Rating.objects.filter(
                scorecard__interview__candidate__role=big_role
            ).count(),
            "candidate_list": f"{list_url}?status={LIST_STATUS}&page={middle_page}",
            "page": middle_page,
            "matching_candidates": matching,
            "repeat": repeat,
            "tables_seq_scanned_by_list_and_packet": seq,
            "tables_seq_scanned_by_role_calibration": wide,
            "role_calibration_10k": ten_thousand,
            "packet_trust_note": "the packet page's trust section reads the role's stored fit "
            "(RoleFit and its rows for the panel's interviewers, scorecards.role_fit); the "
            "background worker refits the role after each submitted or amended scorecard",
        },
        "explain": plans,
    }
