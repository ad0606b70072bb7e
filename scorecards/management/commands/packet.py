"""Print one candidate's hiring packet as JSON, HTML or PDF, for scripting."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interviewkit.audit import events as audit
from scorecards.models import Candidate
from scorecards.packets.load import load_packet
from scorecards.packets.serialize import packet_json


class Command(BaseCommand):
    help = (
        "Write a candidate's packet (only submitted scorecards count) as JSON, a standalone "
        "HTML page or a PDF, to stdout or to -o FILE."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", metavar="EMAIL", help="the candidate's email address")
        parser.add_argument(
            "--format", choices=["json", "html", "pdf"], default="json", help="default: json"
        )
        parser.add_argument("-o", "--output", metavar="FILE", help="write here, not to stdout")
        parser.add_argument(
            "--role", metavar="SLUG", help="the role, when the email applied to several"
        )

    def handle(self, *args, email: str, format: str, output: str | None, role: str | None, **o):
        candidates = Candidate.objects.filter(email__iexact=email.strip()).select_related("role")
        if role:
            candidates = candidates.filter(role__slug=role)
        found = list(candidates[:20])
        if not found:
            raise CommandError(
                f"No candidate with email {email!r}" + (f" in {role}." if role else ".")
            )
        if len(found) > 1:
            slugs = ", ".join(c.role.slug for c in found)
            raise CommandError(f"{email} applied to several roles ({slugs}): add --role SLUG.")
        candidate = found[0]

        if format == "json":
            data = (json.dumps(packet_json(load_packet(candidate)), indent=2) + "\n").encode()
        else:
            from scorecards.packets import (
                pdf,  # WeasyPrint is heavy: load it only where PDFs are made.
            )

            if format == "html":
                data = pdf.standalone_html(candidate).encode()
            else:
                data = pdf.render_packet_pdf(candidate)
                audit.record(None, "export.pdf", candidate, detail={"kind": "packet", "via": "cli"})

        if output:
            try:
                Path(output).write_bytes(data)
            except OSError as exc:
                raise CommandError(f"Cannot write {output}: {exc.strerror}") from None
            self.stderr.write(f"Wrote {output} ({len(data)} bytes).")
        elif format == "pdf":
            self.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            self.stdout.write(data.decode(), ending="")
