import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Development: serve the app with a background task worker and the reminder job."

    def add_arguments(self, parser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options) -> None:
        worker = subprocess.Popen([sys.executable, "manage.py", "task_worker"])
        # The periodic job production runs from a timer (README): scorecard reminders.
        reminders = subprocess.Popen(
            [sys.executable, "manage.py", "send_reminders", "--every", "300"]
        )
        self.stdout.write(
            f"Task worker (pid {worker.pid}) and reminder job (pid {reminders.pid}) started. "
            f"Serving on http://{addrport}/"
        )
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            for process in (worker, reminders):
                process.terminate()
                process.wait(timeout=10)
