import signal
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def _stop(signum, frame) -> None:
    """A stop by signal (a closed terminal, `kill`) ends the command as Ctrl-C does, through
    its `finally`, so the worker and the reminder job stop with it instead of running on."""
    raise SystemExit(128 + signum)


class Command(BaseCommand):
    help = "Development: serve the app with a background task worker and the reminder job."

    def add_arguments(self, parser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options) -> None:
        for signum in STOP_SIGNALS:
            signal.signal(signum, _stop)
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
            for process in (worker, reminders):
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
