from django.core.management.base import BaseCommand, CommandError

from interviewkit.demo_users import logins_text
from scorecards.demo.data import DemoDataError, demo_seed


class Command(BaseCommand):
    help = (
        "Create the demo users (one per persona) and demo candidates in every state on the "
        "imported kits (run import_kits seeds/ first). Safe to run again: nothing is duplicated."
    )

    def handle(self, *args, **options) -> None:
        try:
            summary = demo_seed()
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(logins_text())
