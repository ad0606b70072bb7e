"""`python manage.py task_worker`: the background task worker to run in production (and what
`runserver_with_worker` starts). The database backend's `db_worker` with leases: see
`scorecards.task_worker` for what it adds and how to supervise it."""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from scorecards.task_worker import LeasedWorker, lease_seconds, ready_to_work


class Command(DbWorkerCommand):
    help = (
        "Run background tasks; a task whose worker died is queued again after the lease "
        "(TASK_LEASE_SECONDS), and a database blip is waited out."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--lease",
            type=float,
            default=None,
            help="seconds without a heartbeat after which a worker counts as dead",
        )

    def handle(self, *, verbosity: int, lease: float | None, **options) -> None:
        self.configure_logging(verbosity)
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        worker = LeasedWorker(
            lease=lease or lease_seconds(),
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        ready_to_work()
        worker.run()
