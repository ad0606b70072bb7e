"""Erase the personal data of candidates added more than N days ago (the retention period)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from scorecards.services.privacy import candidate_erase, candidates_due_for_erasure


class Command(BaseCommand):
    help = (
        "Erase the personal data of candidates added more than --days days ago (default: "
        "CANDIDATE_RETENTION_DAYS). Their ratings stay as anonymous statistics."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Retention period in days (default {settings.CANDIDATE_RETENTION_DAYS}, "
            "from the CANDIDATE_RETENTION_DAYS environment variable).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be erased; change nothing."
        )

    def handle(self, *args, days: int | None, dry_run: bool, **options) -> None:
        days = settings.CANDIDATE_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError(f"--days must be at least 1 (got {days}).")
        due = list(candidates_due_for_erasure(days=days).order_by("created_at", "id"))
        for candidate in due:
            if dry_run:
                self.stdout.write(
                    f"would erase candidate #{candidate.pk} (added {candidate.created_at:%Y-%m-%d})"
                )
            else:
                candidate_erase(candidate=candidate, by=None, reason=f"retention: {days} days")
        verb = "would be erased" if dry_run else "erased"
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(due)} candidate{'s' if len(due) != 1 else ''} older than {days} days {verb}."
            )
        )
