import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Development: serve the app and run one background task worker beside it."

    def add_arguments(self, parser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options) -> None:
        worker = subprocess.Popen([sys.executable, "manage.py", "task_worker"])
        self.stdout.write(f"Task worker started (pid {worker.pid}). Serving on http://{addrport}/")
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)
