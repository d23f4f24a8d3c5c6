"""The background worker: runs the tasks queued in the database (django-tasks-db).

``foljsam worker`` runs it in its own process, as production does; ``foljsam demo``
runs it on a thread beside the development server, so the demo needs one command.
"""

from __future__ import annotations

import threading

from django.db import transaction
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def make_worker(*, interval: float = 1.0, batch: bool = False) -> Worker:
    return Worker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )


def run_pending() -> int:
    """Run every task that is ready now, in this thread, then return how many ran.

    The worker's own loop (``Worker.run``) first closes connections that are not
    in autocommit, as a long-running process should; inside a test's transaction
    that would close the test's own connection. This claims and runs the tasks
    as the loop does, without that."""
    worker = make_worker(interval=0, batch=True)
    ran = 0
    while True:
        with transaction.atomic():
            task_result = (
                DBTaskResult.objects.ready()
                .filter(backend_name=worker.backend_name)
                .get_locked()
            )
            if task_result is None:
                return ran
            task_result.claim(worker.worker_id)
        worker.run_task(task_result)
        ran += 1


def start_in_thread(*, interval: float = 1.0) -> threading.Thread:
    """A worker on a daemon thread: it stops with the process."""
    worker = make_worker(interval=interval)
    thread = threading.Thread(target=worker.run, name="foljsam-worker", daemon=True)
    thread.start()
    return thread
