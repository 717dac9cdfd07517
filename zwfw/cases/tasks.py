"""Periodic case jobs (discovered by huey's Django integration; run by `zwfw worker`)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import HUEY

from zwfw.jobs.tasks import fresh_connection

from .services.acceptance import cases_deem_due


# 行政许可法第三十二条: deemed acceptance takes effect when the five working days run out; every
# five minutes keeps the acceptance date exact (it is the receipt date) and the lag short.
@HUEY.periodic_task(crontab(minute="*/5"), name="zwfw.cases.deem_accept")
@fresh_connection
def cases_deem_accept_task() -> None:
    cases_deem_due()
