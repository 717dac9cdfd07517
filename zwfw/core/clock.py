"""The single source of the current time. Pure functions take `now` as an argument instead."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

SHANGHAI = ZoneInfo("Asia/Shanghai")


def now() -> dt.datetime:
    return timezone.now()


def today(at: dt.datetime | None = None) -> dt.date:
    """The calendar date in China for `at` (default: now)."""
    return (at or now()).astimezone(SHANGHAI).date()
