"""Periodic catalog jobs (discovered by huey's Django integration; run by `zwfw worker`)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import HUEY

from zwfw.jobs.tasks import fresh_connection

from .services.effective import catalog_versions_take_effect


# A version published with a later effective date becomes current on that day. Hourly rather
# than once after midnight: the service is idempotent, and a worker that was down at midnight
# catches up within the hour.
@HUEY.periodic_task(crontab(minute="5"), name="zwfw.catalog.take_effect")
@fresh_connection
def catalog_take_effect_task() -> None:
    catalog_versions_take_effect()
