"""Helpers for tests that run background work in-process, as the worker would."""

from __future__ import annotations

import datetime as dt


def queue_flush() -> None:
    """Empty this test process's queue (each xdist worker has its own; see config/settings/test.py)."""
    from huey.contrib.djhuey import HUEY

    HUEY.flush()


def queue_run() -> int:
    """Take every task waiting in the queue (SQLite file or Redis) and execute it here, exactly as
    the consumer does. Returns how many ran."""
    from huey.contrib.djhuey import HUEY

    from . import tasks  # noqa: F401 — registers the tasks with the queue

    count = 0
    while (task := HUEY.dequeue()) is not None:
        HUEY.execute(task)
        count += 1
    return count


def outbox_drain(*, now: dt.datetime | None = None) -> int:
    """Deliver every due outbox message (the periodic sweep). Inside a test's transaction
    on-commit hooks never fire, so this is how a test lets the side effects happen."""
    from .services import outbox_deliver_due

    return outbox_deliver_due(now=now, limit=100_000)
