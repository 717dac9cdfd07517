"""Periodic case jobs (discovered by huey's Django integration; run by `zwfw worker`)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import HUEY

from zwfw.jobs.tasks import fresh_connection

from .services.acceptance import cases_deem_due
from .services.archive import cases_seal_due


# 行政许可法第三十二条: deemed acceptance takes effect when the five working days run out; every
# five minutes keeps the acceptance date exact (it is the receipt date) and the lag short.
@HUEY.periodic_task(crontab(minute="*/5"), name="zwfw.cases.deem_accept")
@fresh_connection
def cases_deem_accept_task() -> None:
    cases_deem_due()


# ADR 0033: a final case is sealed as soon as its last notice is issued; this sweep seals those
# left behind (a notice delivered on a retry after a failure), so none stays open for long.
@HUEY.periodic_task(crontab(minute="*/15"), name="zwfw.cases.archive_seal")
@fresh_connection
def cases_archive_seal_task() -> None:
    cases_seal_due()
