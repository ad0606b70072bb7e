"""The benchmark's own role: an 8-dimension kit shaped like the Staff kit, and its panels."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from interviewkit.models import Dimension, Exercise, KitVersion, Role, Signal
from scorecards.demo.load import generate_for_kit
from scorecards.models import Candidate

WEIGHTS = (20, 15, 10, 10, 15, 10, 10, 10)
ROLE_SLUG = "bench-staff-engineer"


def bench_kit() -> KitVersion:
    role, _ = Role.objects.get_or_create(slug=ROLE_SLUG, defaults={"title": "Bench Staff Engineer"})
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
