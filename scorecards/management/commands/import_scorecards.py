"""Import past scorecards from a CSV in the export_scorecards format."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from scorecards.exports.csv_io import CsvImportError, scorecards_csv_read
from scorecards.services.exports import scorecards_import


class Command(BaseCommand):
    help = (
        "Import scorecards from a CSV (the export_scorecards columns). Missing candidates and "
        "interviewers (who cannot log in) are created; scorecards are marked imported and "
        "submitted. A file with any bad row is refused whole."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.csv")

    def handle(self, *args, file: str, **options):
        try:
            with open(file, newline="", encoding="utf-8-sig") as handle:
                cards = scorecards_csv_read(handle)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file} is not UTF-8 text.") from None
        except CsvImportError as exc:
            for error in exc.errors:
                self.stderr.write(f"{file}: {error}")
            raise CommandError(
                f"Refused {file}: {len(exc.errors)} error{'s' if len(exc.errors) != 1 else ''}; "
                "nothing was imported."
            ) from None
        result = scorecards_import(scorecards=cards, by=None)
        self.stdout.write(
            f"Imported {result.scorecards} scorecard{'s' if result.scorecards != 1 else ''}, "
            f"created {result.candidates} candidate{'s' if result.candidates != 1 else ''} and "
            f"{result.interviewers} interviewer account{'s' if result.interviewers != 1 else ''}"
            + (f"; skipped {result.duplicates} already present" if result.duplicates else "")
            + "."
        )
