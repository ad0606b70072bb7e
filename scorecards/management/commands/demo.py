from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from interviewkit.demo_users import logins_text
from scorecards.demo.data import DemoDataError, demo_seed

REFUSED_IN_PRODUCTION = (
    "DEBUG is off (production settings): the demo creates a superuser and other users with "
    "passwords printed here and known to anyone who reads the code. Nothing was created. "
    "Run it with --force only on a machine nobody else can reach."
)


class Command(BaseCommand):
    help = (
        "Create the demo users (one per persona) and demo candidates in every state on the "
        "imported kits (run import_kits seeds/ first). Safe to run again: nothing is duplicated. "
        "Refuses to run with DEBUG=0 unless given --force."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="create the demo users even with DEBUG=0 (their passwords are public)",
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(REFUSED_IN_PRODUCTION)
        try:
            summary = demo_seed()
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(logins_text())
