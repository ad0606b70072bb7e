"""Import past scorecards from a CSV in the export_scorecards format."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from scorecards.exports.csv_io import CsvImportError, scorecards_csv_read, scorecards_csv_text
from scorecards.services.imports import ImportRefused, scorecards_import


class Command(BaseCommand):
    help = (
        "Import scorecards from a CSV (the export_scorecards columns), marked imported and "
        "submitted. Each keeps the file's scorecard_id: importing the file again adds and "
        "changes nothing, and a file that changes an imported scorecard is refused. Missing "
        "candidates are created; interviewers are matched case-insensitively, and one without "
        "an account is refused unless --create-users. A file with any bad row is refused "
        "whole, each error naming its line."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.csv")
        parser.add_argument(
            "--create-users",
            action="store_true",
            help="create accounts (that cannot log in) for interviewers not known yet",
        )

    def handle(self, *args, file: str, create_users: bool, **options):
        try:
            with open(file, "rb") as handle:
                cards = scorecards_csv_read(scorecards_csv_text(handle.read()))
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
        except CsvImportError as exc:
            for error in exc.errors:
                self.stderr.write(f"{file}: {error}")
            raise CommandError(
                f"Refused {file}: {len(exc.errors)} error{'s' if len(exc.errors) != 1 else ''}; "
                "nothing was imported."
            ) from None
        try:
            result = scorecards_import(scorecards=cards, by=None, create_users=create_users)
        except ImportRefused as exc:
            for error in exc.errors:
                self.stderr.write(f"{file}: {error}")
            raise CommandError(f"Refused {file}: nothing was imported.") from None
        self.stdout.write(result.summary())
