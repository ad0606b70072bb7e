"""`manage.py export_kit SLUG` prints a role's current kit as JSON; `--all` prints every kit."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from interviewkit.audit import events as audit
from interviewkit.kit_json import kit_to_dict
from interviewkit.models import KitVersion, Role


class Command(BaseCommand):
    help = "Print a role's current kit as JSON (the shape import_kits reads back)."

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="the role's slug")
        parser.add_argument("--all", action="store_true", help="print a list of every kit")

    def handle(self, *args, slug: str | None, all: bool, **options):
        if bool(slug) == bool(all):
            raise CommandError("give either a role's SLUG or --all")
        if all:
            kits = KitVersion.objects.current().select_related("role").order_by("role__title")
            data = [kit_to_dict(kit) for kit in kits]
            audit.record(None, "export.kit_json", detail={"kits": [d["slug"] for d in data]})
        else:
            role = Role.objects.filter(slug=slug).first()
            if role is None:
                raise CommandError(f"no role with slug {slug!r}")
            kit = role.current_kit()
            if kit is None:
                raise CommandError(f"the role {role.title!r} has no kit yet")
            data = kit_to_dict(kit)
            audit.record(None, "export.kit_json", kit, detail={"version": kit.number})
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
