"""Write one PDF per candidate of a role into a directory, with a progress bar."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interviewkit.audit import events as audit
from interviewkit.models import Role
from scorecards.models import ExportJob
from scorecards.services.exports import pdfs_render

BAR_WIDTH = 30


def progress_bar(done: int, total: int, width: int = BAR_WIDTH) -> str:
    filled = width * done // total if total else width
    return f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total}"


class Command(BaseCommand):
    help = "Export a role's PDF packets (or one-page summaries with --summary) into a directory."

    def add_arguments(self, parser):
        parser.add_argument("--role", required=True, metavar="SLUG", help="the role's slug")
        parser.add_argument("--out", required=True, metavar="DIR", help="directory for the PDFs")
        parser.add_argument(
            "--summary", action="store_true", help="one-page summaries instead of full packets"
        )

    def handle(self, *args, role: str, out: str, summary: bool, **options):
        try:
            the_role = Role.objects.get(slug=role)
        except Role.DoesNotExist:
            raise CommandError(f"No role with slug {role!r}.") from None
        kind = ExportJob.Kind.SUMMARIES if summary else ExportJob.Kind.PACKETS
        directory = Path(out)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(f"Cannot create {directory}: {exc.strerror}") from None
        candidates = list(the_role.candidates.order_by("name", "id"))
        total = len(candidates)
        if not total:
            raise CommandError(f"{the_role.title} has no candidates.")
        failures: list[str] = []
        written = 0
        self.stderr.write(progress_bar(0, total), ending="")
        # The command line is the operator's: no user, so the packets are complete.
        for done, rendered in enumerate(pdfs_render(candidates, kind=kind), start=1):
            if rendered.error is None:
                (directory / rendered.filename).write_bytes(rendered.content)
                written += 1
            else:
                failures.append(f"{rendered.candidate.name}: {rendered.error}")
            self.stderr.write(progress_bar(done, total), ending="")
        self.stderr.write("")
        audit.record(
            None,
            "export.pdf",
            the_role,
            detail={
                "command": "export_packets",
                "kind": kind,
                "written": written,
                "failed": len(failures),
            },
        )
        self.stdout.write(f"Wrote {written} PDF{'s' if written != 1 else ''} to {directory}")
        if failures:
            for failure in failures:
                self.stderr.write(f"failed: {failure}")
            raise CommandError(f"{len(failures)} of {total} candidates could not be exported.")
