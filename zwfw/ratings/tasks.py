"""Periodic 好差评 jobs (discovered by huey's Django integration; run by `zwfw worker`). Both are
idempotent: an invitation is one row per case, a default rating one per case and channel."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import HUEY

from zwfw.jobs.tasks import fresh_connection

from .services import ratings_default_due, ratings_invite_due


# Hourly: an applicant hears within the hour after conclusion.
@HUEY.periodic_task(crontab(minute="7"), name="zwfw.ratings.invite")
@fresh_connection
def ratings_invite_task() -> None:
    ratings_invite_due()


# Default ratings once a night (off unless a region's policy turns them on).
@HUEY.periodic_task(crontab(minute="30", hour="1"), name="zwfw.ratings.defaults")
@fresh_connection
def ratings_default_task() -> None:
    ratings_default_due()
