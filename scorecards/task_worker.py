"""The task worker with leases: django-tasks' database worker, made to recover the tasks of a
worker that died and to live through a database blip.

The database backend's own worker (`db_worker`) claims a task by marking it RUNNING with its
worker id, and nothing ever looks at that task again if the process is killed (SIGKILL, the
machine lost): the export shows "39/42 · Rendering PDFs…" for ever. And any database error
other than a lock ends the process. So each `LeasedWorker`:

- keeps a lease (`WorkerLease`): a heartbeat thread stamps it every `lease / 3` seconds;
- puts back in the queue (READY) every RUNNING task whose worker's lease is older than `lease`
  (or that never had one and started longer ago than that). Our tasks are idempotent (an
  export chunk counts each candidate once), so running one again is safe; a task is picked up
  again within `lease` plus one polling interval;
- on a database error in its loop, waits and carries on instead of exiting; a task it could not
  even mark finished is put back in the queue once the database answers again.

Supervision: run `python manage.py task_worker` under a process supervisor (systemd
`Restart=always`, one unit per CPU core) so that a crashed process is replaced; the leases make
sure its unfinished task is not lost meanwhile.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from interviewkit.process_start import freeze_loaded_objects
from scorecards.models import WorkerLease
from scorecards.packets import pdf

logger = logging.getLogger(__name__)


def ready_to_work() -> None:
    """What a worker does once before its first task: build the PDF stylesheet and fonts (the
    first packet does not wait for them) and freeze what it has loaded
    (`interviewkit.process_start`)."""
    pdf.warm_up()
    freeze_loaded_objects()


def lease_seconds() -> float:
    return float(getattr(settings, "TASK_LEASE_SECONDS", 30))


def tasks_recover_orphans(*, lease: float, now=None) -> int:
    """Put back in the queue every RUNNING task whose worker's lease ran out; the count."""
    now = now or timezone.now()
    expired = now - timedelta(seconds=lease)
    alive = set(
        WorkerLease.objects.filter(beat_at__gte=expired).values_list("worker_id", flat=True)
    )
    recovered = 0
    for pk, worker_ids, started_at in DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING
    ).values_list("pk", "worker_ids", "started_at"):
        owner = worker_ids[-1] if worker_ids else None
        if owner in alive:
            continue
        # No lease ever (an old-style worker): judge by the start time alone.
        never_leased = owner is None or not WorkerLease.objects.filter(worker_id=owner).exists()
        if never_leased and started_at is not None and started_at >= expired:
            continue
        recovered += DBTaskResult.objects.filter(pk=pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        )
        logger.warning("Task %s of dead worker %s put back in the queue", pk, owner)
    return recovered


class LeasedWorker(Worker):
    def __init__(self, *, lease: float, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lease = lease
        self.abandoned: set = set()  # tasks that could not be marked finished (database down)
        self._stop = threading.Event()

    def beat(self) -> None:
        """Stamp the lease, re-queue what dead workers (or this one, in a blip) left behind."""
        WorkerLease.objects.update_or_create(
            worker_id=self.worker_id, defaults={"beat_at": timezone.now()}
        )
        for pk in list(self.abandoned):
            DBTaskResult.objects.filter(pk=pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.READY, started_at=None
            )
            self.abandoned.discard(pk)
        tasks_recover_orphans(lease=self.lease)

    def _heartbeat(self) -> None:
        while not self._stop.is_set():
            try:
                self.beat()
            except DatabaseError:
                logger.warning("Worker %s: database unavailable for the heartbeat", self.worker_id)
            finally:
                connection.close()  # this thread's own connection: a fresh one each beat
            self._stop.wait(self.lease / 3)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        try:
            super().run_task(db_task_result)
        except DatabaseError:
            # The task ran (or failed) but its result could not be written: run it again.
            self.abandoned.add(db_task_result.pk)
            raise

    def run(self) -> None:
        heartbeat = threading.Thread(target=self._heartbeat, name="lease", daemon=True)
        heartbeat.start()
        pause = 0.5
        try:
            while self.running:
                try:
                    super().run()
                    return  # batch or max-tasks mode finished
                except DatabaseError:
                    logger.warning("Worker %s: database unavailable, waiting", self.worker_id)
                    close_old_connections()
                    time.sleep(pause)
                    pause = min(pause * 2, 5)
        finally:
            self._stop.set()
            with contextlib.suppress(DatabaseError):  # else the lease simply runs out
                WorkerLease.objects.filter(worker_id=self.worker_id).delete()
