"""The benchmark's own role: an 8-dimension kit shaped like the Staff kit, and its panels."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from interviewkit.models import Dimension, Exercise, KitVersion, Role, Signal
from scorecards.demo.load import generate_for_kit
from scorecards.models import Candidate, RoleFit
from scorecards.services.role_fits import role_fit_refresh

WEIGHTS = (20, 15, 10, 10, 15, 10, 10, 10)
ROLE_SLUG = "bench-staff-engineer"
# A second role of the same kit whose model is fitted, as a real role's is after its first
# scorecards: its packets carry the calibrated view (a table and its explanation).
FITTED_ROLE_SLUG = "bench-staff-engineer-fitted"
FITTED_HISTORY = 40  # candidates, each with a whole 4-scorecard panel, for the fit


def bench_kit(slug: str = ROLE_SLUG, title: str = "Bench Staff Engineer") -> KitVersion:
    role, _ = Role.objects.get_or_create(slug=slug, defaults={"title": title})
    kit = role.kits.order_by("-number").first()
    if kit is not None:
        return kit
    kit = KitVersion.objects.create(role=role, number=1, weight_basis="explicit")
    dimensions = [
        Dimension.objects.create(
            kit=kit,
            position=i,
            name=f"Dimension {i + 1}",
            weight=weight,
            description="What excellent looks like, in two sentences of ordinary length.",
            anchor_1="Cannot explain the basics.",
            anchor_2="Explains with help.",
            anchor_3="Explains and applies.",
            anchor_4="Teaches it to others.",
        )
        for i, weight in enumerate(WEIGHTS)
    ]
    for i, (name, fmt, minutes) in enumerate(
        [
            ("System design", Exercise.Format.SYSTEM_DESIGN, 90),
            ("Incident scenario", Exercise.Format.INCIDENT, 45),
            ("Hands-on review", Exercise.Format.HANDS_ON, 60),
            ("Leadership", Exercise.Format.BEHAVIORAL, 45),
        ]
    ):
        exercise = Exercise.objects.create(
            kit=kit, position=i, name=name, format=fmt, minutes=minutes, brief="The brief."
        )
        exercise.focus.set(dimensions[i * 2 : i * 2 + 2])
    for i, kind in enumerate(["strong", "weak", "red", "red"]):
        Signal.objects.create(kit=kit, position=i, kind=kind, text=f"A {kind} signal {i}")
    return kit


def fitted_kit() -> KitVersion:
    """The fitted role's kit; its history and fit are made once per bench database."""
    kit = bench_kit(FITTED_ROLE_SLUG, "Bench Staff Engineer, fitted")
    if not RoleFit.objects.filter(role=kit.role).exists():
        generate_for_kit(kit, candidates=FITTED_HISTORY, seed=11, panel_size=4, draft_share=0)
        with transaction.atomic():
            role_fit_refresh(role=kit.role)
    return kit


def hiring_manager(kit: KitVersion):
    User = get_user_model()
    user, created = User.objects.get_or_create(username="bench-hiring-manager")
    if created:
        user.set_password("bench-password")
        user.save()
    kit.role.hiring_managers.add(user)
    return user


def panel_candidate(kit: KitVersion, scorecards: int, *, seed: int = 7) -> Candidate:
    """A candidate whose whole panel (`scorecards` of them) has submitted."""
    offset = Candidate.objects.filter(role=kit.role).count()
    made = generate_for_kit(
        kit, candidates=1, seed=seed + offset, offset=offset, panel_size=scorecards, draft_share=0
    )
    return Candidate.objects.get(pk=made["candidate_ids"][0])
