"""Writes of the calendar context. Each service runs in one transaction with its audit event."""

from .calendar import (
    calendar_day_delete,
    calendar_day_set,
    calendar_day_validate,
    calendar_seed_from_package,
    calendar_year_import,
    office_hours_set,
    warning_policy_set,
)
from .clock import clock_extend, clock_pause, clock_resume, clock_start, clock_stop, clocks_recompute

__all__ = [
    "calendar_day_delete", "calendar_day_set", "calendar_day_validate", "calendar_seed_from_package", "calendar_year_import",
    "clock_extend", "clock_pause", "clock_resume", "clock_start", "clock_stop", "clocks_recompute",
    "office_hours_set", "warning_policy_set",
]
