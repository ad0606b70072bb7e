"""`manage.py import_kits PATH [PATH ...]`: role documents (files or folders) into kits."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from interviewkit.kit_json import Repairs
from interviewkit.services import kit_import, read_paths


class Command(BaseCommand):
    help = (
        "Import role documents from files or folders: job descriptions, competency tables, "
        "rubrics and interview plans in Markdown, plain text, HTML, Word (.docx) or PDF; "
        "WordPress JSON blueprints; exported kit JSON. Documents of one role merge into one kit."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders of documents")
        parser.add_argument(
            "--rescale-weights",
            action="store_true",
            help="scale an exported kit's weights to 100 when they sum to something else "
            "(each change is printed and kept in the kit's note)",
        )
        parser.add_argument(
            "--rename-duplicates",
            action="store_true",
            help="rename a dimension whose name repeats another's without case ('design' after "
            "'Design' becomes 'design (2)'), printing each rename",
        )

    def handle(self, *args, paths: list[str], **options):
        unreadable: list[str] = []
        repairs = Repairs(
            rescale_weights=options["rescale_weights"],
            rename_duplicates=options["rename_duplicates"],
        )
        results = kit_import(documents=read_paths(paths, errors=unreadable), repairs=repairs)
        for line in unreadable:
            self.stderr.write(line)
        for result in results:
            if result.ok:
                self.stdout.write(str(result))
                for change in result.changes:
                    self.stdout.write(f"  changed: {change}")
            else:
                self.stderr.write(str(result))
        failed = len(unreadable) + sum(not r.ok for r in results)
        if failed:
            raise CommandError(f"{failed} of {len(results) + len(unreadable)} documents failed")
