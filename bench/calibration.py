"""Calibration page of a role with 10,000 submitted scorecards: how long its figures take.

The role gets seeded bulk data (`scorecards.demo.load.generate_for_kit`: 40 interviewers with
their own leniency, panels of 6, every scorecard built by the submit rules and bulk-inserted),
made once and reused on later runs. Two timings, median of `repeat` runs after a warm-up:
- `compute_ms`: the page's reads and statistics (`calibration_views.role_page_context`: the
  ratings and scorecards as arrays, leniency with intervals, Krippendorff's alpha overall and
  per dimension);
- `page_ms`: the whole view, access check and template rendering included;
- `packet_trust_ms`: one packet's trust section on that role
  (`scorecards.packets.trust.packet_trust` given the loaded packet: the role's leniencies, the
  bootstrap range, anchoring notes).
"""

from __future__ import annotations

from django.test import RequestFactory
from django.urls import reverse

from bench.timing import p50, time_ms

ROLE_SLUG = "bench-calibration"
PANEL = 6


def calibration_kit():
    """The benchmark's own 8-dimension role (a copy of the bench kit's shape)."""
    from bench.data import WEIGHTS
    from interviewkit.models import Dimension, KitVersion, Role

    role, _ = Role.objects.get_or_create(slug=ROLE_SLUG, defaults={"title": "Bench Calibration"})
    kit = role.kits.order_by("-number").first()
    if kit is None:
        kit = KitVersion.objects.create(role=role, number=1, weight_basis="explicit")
        Dimension.objects.bulk_create(
            Dimension(kit=kit, position=i, name=f"Dimension {i + 1}", weight=weight)
            for i, weight in enumerate(WEIGHTS)
        )
    return kit


def ensure_scorecards(kit, n_scorecards: int) -> int:
    """Top the role up to `n_scorecards` submitted scorecards; returns how many it has."""
    from scorecards.demo.load import generate_for_kit
    from scorecards.models import Candidate, Scorecard

    have = Scorecard.objects.submitted().filter(interview__candidate__role=kit.role).count()
    while have < n_scorecards:
        offset = Candidate.objects.filter(role=kit.role).count()
        missing = n_scorecards - have
        generate_for_kit(
            kit,
            candidates=max(1, -(-missing // PANEL)),
            seed=11,
            offset=offset,
            panel_size=PANEL,
            draft_share=0,
        )
        have = Scorecard.objects.submitted().filter(interview__candidate__role=kit.role).count()
    return have


def bench_role_calibration(n_scorecards: int = 10000, *, repeat: int = 3) -> dict:
    from django.contrib.auth import get_user_model

    from scorecards.calibration import views as calibration_views

    kit = calibration_kit()
    scorecards = ensure_scorecards(kit, n_scorecards)
    role = kit.role
    manager, _ = get_user_model().objects.get_or_create(username="bench-calibration-manager")
    role.hiring_managers.add(manager)

    compute = time_ms(lambda: calibration_views.role_page_context(role), repeat=repeat)

    def page():
        request = RequestFactory().get(reverse("scorecards:calibration-role", args=[role.slug]))
        request.user = manager
        response = calibration_views.calibration_role(request, role.slug)
        assert response.status_code == 200, response.status_code
        return response

    rendered = time_ms(page, repeat=repeat)

    from scorecards.models import Candidate
    from scorecards.packets.load import load_packet
    from scorecards.packets.trust import packet_trust

    candidate = Candidate.objects.filter(role=role).order_by("pk").first()
    packet = load_packet(candidate)
    trust = time_ms(lambda: packet_trust(candidate, packet=packet), repeat=repeat)
    context = calibration_views.role_page_context(role)
    return {
        "name": "role_calibration",
        "scorecards": scorecards,
        "ratings": int(context["overall"].ratings),
        "interviewers": len(context["rows"]),
        "compute_ms": p50(compute),
        "page_ms": p50(rendered),
        "packet_trust_ms": p50(trust),
        "repeat": repeat,
        "alpha": None if context["overall"].alpha is None else round(context["overall"].alpha, 3),
    }
