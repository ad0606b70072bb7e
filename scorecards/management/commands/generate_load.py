"""Bulk data for scale benchmarks: `generate_load --candidates 20000` spread over the roles."""

import time

from django.core.management.base import BaseCommand, CommandError

from interviewkit.models import KitVersion
from scorecards.load_data import LOAD_EMAIL_DOMAIN, generate_for_kit
from scorecards.models import Candidate


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
        totals = {"candidates": 0, "scorecards": 0, "ratings": 0}
        share, extra = divmod(candidates, len(kits))
        for index, kit in enumerate(kits):
            wanted = share + (1 if index < extra else 0)
            if not wanted:
                continue
            offset = Candidate.objects.filter(
                role=kit.role, email__endswith=f"@{LOAD_EMAIL_DOMAIN}"
            ).count()
            self.stdout.write(f"{kit.role.title}: {wanted} candidates")
            counts = generate_for_kit(
                kit,
                candidates=wanted,
                seed=seed,
                offset=offset,
                batch_size=batch_size,
                progress=lambda c: self.stdout.write(
                    f"\r  {c['candidates']} candidates, {c['scorecards']} scorecards, "
                    f"{c['ratings']} ratings",
                    ending="",
                ),
            )
            self.stdout.write("")
            for key in totals:
                totals[key] += counts[key]
        self.stdout.write(
            self.style.SUCCESS(
                f"Made {totals['candidates']} candidates, {totals['scorecards']} scorecards and "
                f"{totals['ratings']} ratings in {time.perf_counter() - started:.0f} s."
            )
        )
