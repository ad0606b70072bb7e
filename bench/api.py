"""The REST API at the scale data (issue 17): list and detail latency with a personal API token.

On the data of `bench/scale.py` (`bench/scale_data.py`: 20,000 candidates, 120,000 scorecards,
about a million ratings; made once and reused), through the real views with the Django test
Client and `Authorization: Bearer ikt_…` (a read token of the hiring manager of every seeded
role), so each request pays the token lookup, its audit row and the rate-limit check too:

- `api_candidate_list_ms_p50`: `GET /api/v1/candidates/?role=<biggest role>&page=<middle>`, a
  page of 50 of that role's 5,000 candidates;
- `api_candidate_list_status_ms_p50`: the same with `status=ready-for-review` (the status is
  computed per candidate, like the candidate list page's filter);
- `api_candidate_detail_ms_p50`: `GET /api/v1/candidates/<id>/`;
- `api_packet_ms_p50`: `GET /api/v1/candidates/<id>/packet/` (score, range, per-dimension
  figures).
Each request's query count is in the details. PostgreSQL only, like the scale figures.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from bench import scale_data
from bench.scale import LIST_STATUS, QUICK_CANDIDATES, scale_manager
from bench.timing import p50, time_ms

API_PAGE_SIZE = 50


def run(*, quick: bool = False, candidates: int = 20000) -> dict:
    from bench.environment import is_postgres

    if not is_postgres():
        return {
            "skipped": "the API figures are measured at the scale data, on PostgreSQL only "
            "(set BENCH_DATABASE_URL to a postgres:// URL)"
        }
    from interviewkit.models import Role
    from scorecards.api.tokens import api_token_create, api_token_revoke
    from scorecards.models import Candidate

    made = scale_data.ensure_load(min(candidates, QUICK_CANDIDATES) if quick else candidates)
    sizes = scale_data.counts()
    kits = scale_data.seeded_kits()
    manager = scale_manager(kits)
    load = scale_data.load_candidates()
    big_role = Role.objects.get(
        pk=max(((k.role_id, load.filter(role=k.role).count()) for k in kits), key=lambda r: r[1])[0]
    )
    role_candidates = load.filter(role=big_role).count()
    matching = (
        Candidate.objects.filter(role=big_role).with_status().filter(status=LIST_STATUS).count()
    )
    some_candidate = load.filter(role=big_role).order_by("pk")[role_candidates // 2]
    repeat = 3 if quick else 11

    now = timezone.now()
    token, raw = api_token_create(
        user=manager,
        name=f"bench {now.isoformat(timespec='seconds')}",
        scope="read",
        expires_at=now + timedelta(days=1),
    )
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    def getter(url: str, params: dict | None = None):
        def get():
            response = client.get(url, params or {})
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}: {response.content!r}")
            return response

        return get

    list_url = reverse("api:candidate-list")
    requests = {
        "api_candidate_list_ms_p50": getter(
            list_url,
            {"role": big_role.slug, "page": max(1, -(-role_candidates // API_PAGE_SIZE) // 2)},
        ),
        "api_candidate_list_status_ms_p50": getter(
            list_url,
            {
                "role": big_role.slug,
                "status": LIST_STATUS,
                "page": max(1, -(-matching // API_PAGE_SIZE) // 2),
            },
        ),
        "api_candidate_detail_ms_p50": getter(
            reverse("api:candidate-detail", args=[some_candidate.pk])
        ),
        "api_packet_ms_p50": getter(reverse("api:packet", args=[some_candidate.pk])),
    }
    figures: dict[str, float] = {}
    queries: dict[str, int] = {}
    # The rate limit would stop the timing loop: it is checked, with a bound the run stays under.
    with override_settings(API_RATE_LIMIT="100000/minute"):
        try:
            for metric, get in requests.items():
                get()  # warm
                with CaptureQueriesContext(connection) as captured:
                    body = get().json()
                queries[metric.removesuffix("_ms_p50")] = len(captured.captured_queries)
                if metric.startswith("api_candidate_list"):
                    assert len(body["results"]) == API_PAGE_SIZE, body.get("count")
                figures[metric] = p50(time_ms(get, repeat=repeat))
        finally:
            api_token_revoke(token=token, by=manager)
    return {
        "candidates": sizes["candidates"],
        "scorecards": sizes["scorecards"],
        **figures,
        "details": {
            **made,
            "role": big_role.slug,
            "role_candidates": role_candidates,
            "matching_candidates": matching,
            "candidate": some_candidate.pk,
            "page_size": API_PAGE_SIZE,
            "queries": queries,
            "repeat": repeat,
        },
    }
