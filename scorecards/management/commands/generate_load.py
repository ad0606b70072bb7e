"""Bulk data for scale benchmarks: `generate_load --candidates 20000` spread over the roles."""

import time

from django.core.management.base import BaseCommand, CommandError

from interviewkit.models import KitVersion
from scorecards.demo.load import generate_across_kits


class Command(BaseCommand):
    help = (
        "Add N load-test candidates with full loops of submitted scorecards, spread over the "
        "roles' current kits (run import_kits first). Seeded; run again to add more."
    )

    def add_arguments(self, parser):
        parser.add_argument("--candidates", type=int, required=True)
        parser.add_argument("--role", help="Only this role's kit (slug).")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, candidates, role, seed, batch_size, **options):
        if candidates < 1:
            raise CommandError("--candidates must be at least 1.")
        kits = list(KitVersion.objects.current().select_related("role").order_by("role__slug"))
        if role:
            kits = [kit for kit in kits if kit.role.slug == role]
        if not kits:
            raise CommandError("No kits to load against: run `manage.py import_kits seeds/` first.")
        started = time.perf_counter()
        totals = generate_across_kits(
            kits,
            candidates=candidates,
            seed=seed,
            batch_size=batch_size,
            on_kit=lambda kit, wanted: self.stdout.write(f"{kit.role.title}: {wanted} candidates"),
            progress=lambda c: self.stdout.write(
                f"  {c['candidates']} candidates, {c['scorecards']} scorecards, "
                f"{c['ratings']} ratings"
            ),
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Made {totals['candidates']} candidates, {totals['scorecards']} scorecards and "
                f"{totals['ratings']} ratings in {time.perf_counter() - started:.0f} s."
            )
        )
