"""Job runs: a long job started by a change, delivered through the outbox, with visible progress.

The causing service calls `job_run_enqueue` in its transaction; the handler registered for the
run's kind calls `job_run_begin` (None: already done, a redelivery), `job_run_advance` after each
batch and `job_run_finish` at the end.
"""

from __future__ import annotations

import datetime as dt

from zwfw.core import clock

from ..models import JobRun, JobRunStatus
from .outbox import outbox_put
from .state import JOB_RUN_STATES


def job_run_enqueue(*, kind: str, label: str, params: dict, actor=None, now: dt.datetime | None = None) -> JobRun:
    """Create a run and its outbox message (inside the caller's transaction)."""
    now = now or clock.now()
    run = JobRun.objects.create(kind=kind, label=label, params=params, created_at=now,
                                created_by=actor if getattr(actor, "pk", None) else None)
    outbox_put(kind=kind, payload={"run_id": run.pk, **params}, dedupe_key=f"job-run:{run.pk}", now=now)
    return run


def job_run_begin(*, run_id: int, total: int, now: dt.datetime | None = None) -> JobRun | None:
    """Mark a run started with `total` items; None when it already finished (a redelivery)."""
    now = now or clock.now()
    updated = JOB_RUN_STATES.move_where(JobRun.objects.filter(pk=run_id), action="begin", to=JobRunStatus.RUNNING,
                                        total=total, done=0, changed=0, error="", started_at=now)
    return JobRun.objects.get(pk=run_id) if updated else None


def job_run_advance(*, run_id: int, done: int, changed: int) -> None:
    JobRun.objects.filter(pk=run_id, status=JobRunStatus.RUNNING).update(done=done, changed=changed)


def job_run_finish(*, run_id: int, now: dt.datetime | None = None) -> None:
    JOB_RUN_STATES.move_where(JobRun.objects.filter(pk=run_id), action="finish", to=JobRunStatus.DONE,
                              finished_at=now or clock.now())


def job_run_fail(*, run_id: int, error: str) -> None:
    """Record the failure; the outbox retries the run (with back-off) and may still finish it."""
    JOB_RUN_STATES.move_where(JobRun.objects.filter(pk=run_id), action="fail", to=JobRunStatus.FAILED,
                              error=error[:2000])
