"""Print one candidate's hiring packet as JSON, HTML or PDF, for scripting."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interviewkit.audit import events as audit
from interviewkit.models import Role
from scorecards.models import Candidate, RoleFit
from scorecards.packets.load import load_packet
from scorecards.packets.serialize import packet_json
from scorecards.packets.trust import packet_trust, trust_json
from scorecards.services.packet_pdfs import packet_pdf
from scorecards.services.role_fits import role_fit_refresh


def packet_with_trust(candidate: Candidate) -> dict:
    """The packet as JSON with its interval, reliability and calibrated view (the keys are
    described in docs/scoring-methods.md)."""
    packet = load_packet(candidate)
    return {**packet_json(packet), **trust_json(packet_trust(candidate, packet=packet))}


def ensure_fitted(role: Role) -> None:
    """A command may be run before the worker ever fitted the role: fit it now, once."""
    if not RoleFit.objects.filter(role=role).exists():
        role_fit_refresh(role=role)


class Command(BaseCommand):
    help = (
        "Write a candidate's packet (only submitted scorecards count) as JSON, a standalone "
        "HTML page or a PDF, to stdout or to -o FILE."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "email", metavar="EMAIL", nargs="?", help="the candidate's email address"
        )
        parser.add_argument(
            "--all",
            action="store_true",
            help="every candidate of --role, as one JSON list (with --format json)",
        )
        parser.add_argument(
            "--format", choices=["json", "html", "pdf"], default="json", help="default: json"
        )
        parser.add_argument("-o", "--output", metavar="FILE", help="write here, not to stdout")
        parser.add_argument(
            "--role", metavar="SLUG", help="the role, when the email applied to several"
        )

    def handle(
        self,
        *args,
        email: str | None,
        format: str,
        output: str | None,
        role: str | None,
        all: bool,
        **o,
    ):
        if all:
            data = self.role_packets(role, format, email)
            self.write(data, output, format)
            return
        if not email:
            raise CommandError("Give a candidate's EMAIL, or --role SLUG --all.")
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
        ensure_fitted(candidate.role)

        if format == "json":
            data = (json.dumps(packet_with_trust(candidate), indent=2) + "\n").encode()
        else:
            from scorecards.packets import (
                pdf,  # WeasyPrint is heavy: load it only where PDFs are made.
            )

            if format == "html":
                data = pdf.standalone_html(candidate).encode()
            else:
                data = packet_pdf(candidate)
                audit.record(None, "export.pdf", candidate, detail={"kind": "packet", "via": "cli"})

        self.write(data, output, format)

    def role_packets(self, role: str | None, format: str, email: str | None) -> bytes:
        if email:
            raise CommandError("--all prints every candidate of the role: leave out EMAIL.")
        if not role:
            raise CommandError("--all needs --role SLUG.")
        if format != "json":
            raise CommandError("--all prints JSON only: use --format json.")
        found = Role.objects.filter(slug=role).first()
        if found is None:
            raise CommandError(f"No role with slug {role!r}.")
        ensure_fitted(found)
        candidates = Candidate.objects.filter(role=found).select_related("role").order_by("pk")
        packets = [packet_with_trust(candidate) for candidate in candidates]
        return (json.dumps(packets, indent=2) + "\n").encode()

    def write(self, data: bytes, output: str | None, format: str) -> None:
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
