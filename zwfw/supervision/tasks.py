"""Periodic supervision job (discovered by huey's Django integration; run by `zwfw worker`)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import HUEY

from zwfw.jobs.tasks import fresh_connection

from .services import supervision_sweep


# Every five minutes: a red card shortly after the close of office on the due day; the sweep is
# idempotent (one card per clock and level, by a unique constraint), so overlapping runs are harmless.
@HUEY.periodic_task(crontab(minute="*/5"), name="zwfw.supervision.sweep")
@fresh_connection
def supervision_sweep_task() -> None:
    supervision_sweep()
