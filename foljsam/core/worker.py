"""The background worker: runs the tasks queued in the database (django-tasks-db).

``foljsam worker`` runs it in its own process, as production does; ``foljsam demo``
runs it on a thread beside the development server, so the demo needs one command.
"""

from __future__ import annotations

import threading

from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker


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


def run_pending() -> None:
    """Run every task that is ready now, then return (tests, the demo loader)."""
    make_worker(interval=0, batch=True).run()


def start_in_thread(*, interval: float = 1.0) -> threading.Thread:
    """A worker on a daemon thread: it stops with the process."""
    worker = make_worker(interval=interval)
    thread = threading.Thread(target=worker.run, name="foljsam-worker", daemon=True)
    thread.start()
    return thread
