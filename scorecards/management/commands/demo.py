from django.core.management.base import BaseCommand

from interviewkit.demo_users import ensure_demo_users, logins_text


class Command(BaseCommand):
    help = "Create the demo users (one per persona) and demo data. Safe to run again."

    def handle(self, *args, **options) -> None:
        ensure_demo_users()
        self.stdout.write(logins_text())
