"""Send the automatic scorecard reminders that are due. Idempotent: run it every few minutes
(cron, a systemd timer; `manage.py runserver_with_worker` runs it with --every in development)."""

import time

from django.core.management.base import BaseCommand

from scorecards.services.notifications import reminders_send_due


class Command(BaseCommand):
    help = "Send the scorecard reminders that are due (safe to run as often as you like)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running, sending what is due every SECONDS (development; use a timer "
            "in production).",
        )

    def handle(self, *args, every: int, **options) -> None:
        while True:
            sent = reminders_send_due()
            self.stdout.write(f"{sent} reminder{'s' if sent != 1 else ''} sent.")
            if every <= 0:
                return
            time.sleep(every)
