"""Write a role's submitted ratings as CSV to stdout, one row per rating."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from interviewkit.audit import events as audit
from interviewkit.models import Role
from scorecards.exports.csv_io import ratings_csv_write


class Command(BaseCommand):
    help = "Write a role's submitted ratings as CSV to stdout (one row per rating)."

    def add_arguments(self, parser):
        parser.add_argument("--role", required=True, metavar="SLUG", help="the role's slug")

    def handle(self, *args, role: str, **options):
        try:
            the_role = Role.objects.get(slug=role)
        except Role.DoesNotExist:
            raise CommandError(f"No role with slug {role!r}.") from None
        rows = ratings_csv_write(the_role, self.stdout)
        audit.record(
            None, "export.csv", the_role, detail={"command": "export_scorecards", "rows": rows}
        )
