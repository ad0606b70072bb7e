"""`manage.py import_kits PATH [PATH ...]`: role documents (files or folders) into kits."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from interviewkit.services import kit_import, read_paths


class Command(BaseCommand):
    help = (
        "Import role documents (Markdown briefs, posting analyses, WordPress JSON blueprints, "
        "exported kit JSON) from files or folders. Documents of one role merge into one kit."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders of documents")

    def handle(self, *args, paths: list[str], **options):
        unreadable: list[str] = []
        results = kit_import(documents=read_paths(paths, errors=unreadable))
        for line in unreadable:
            self.stderr.write(line)
        for result in results:
            if result.ok:
                self.stdout.write(str(result))
            else:
                self.stderr.write(str(result))
        failed = len(unreadable) + sum(not r.ok for r in results)
        if failed:
            raise CommandError(f"{failed} of {len(results) + len(unreadable)} documents failed")
