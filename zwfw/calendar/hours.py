"""Office hours and hour-counted limits (即办件), pure functions over a `Calendar`.

A limit counted in working days ends at the close of office on its last day. A limit counted in
hours (e.g. a 即办件 promised within 2 hours) runs only while the hall is open: during the
sessions of a working day, paused over lunch, nights, weekends and holidays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zwfw.core.clock import SHANGHAI

from .engine import Calendar, add_working_days, next_workday


@dataclass(frozen=True)
class OfficeSchedule:
    """The opening sessions of a working day, e.g. ((09:00, 12:00), (13:30, 17:30))."""

    sessions: tuple[tuple[dt.time, dt.time], ...]

    def __post_init__(self) -> None:
        if not self.sessions:
            raise ValueError("at least one session")
        prev = dt.time(0, 0)
        for opens, closes in self.sessions:
            if not (prev <= opens < closes):
                raise ValueError("sessions must be ordered and non-overlapping")
            prev = closes

    @classmethod
    def parse(cls, ranges: list[list[str]] | list[tuple[str, str]]) -> OfficeSchedule:
        return cls(tuple((dt.time.fromisoformat(a), dt.time.fromisoformat(b)) for a, b in ranges))

    def as_ranges(self) -> list[list[str]]:
        return [[a.strftime("%H:%M"), b.strftime("%H:%M")] for a, b in self.sessions]

    @property
    def closes(self) -> dt.time:
        return self.sessions[-1][1]

    @property
    def minutes_per_day(self) -> int:
        return sum(_minutes(b) - _minutes(a) for a, b in self.sessions)


# The usual hours of a county hall (e.g. 朔城区、句容 work plans: 上午 9:00–12:00, 下午 13:30–17:30).
# Used when a service center has not recorded its own hours.
DEFAULT_OFFICE_SCHEDULE = OfficeSchedule.parse([["09:00", "12:00"], ["13:30", "17:30"]])


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _at(day: dt.date, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=SHANGHAI)


def end_of_office_day(day: dt.date, schedule: OfficeSchedule | None = None) -> dt.datetime:
    """The aware moment a limit ending on `day` expires: the close of office."""
    return dt.datetime.combine(day, (schedule or DEFAULT_OFFICE_SCHEDULE).closes, tzinfo=SHANGHAI)


def deadline_at(
    cal: Calendar, start: dt.date, n: int, schedule: OfficeSchedule | None = None
) -> dt.datetime:
    """The deadline of an n-working-day limit accepted on `start`, as an aware datetime."""
    return end_of_office_day(add_working_days(cal, start, n), schedule)


def _office_minute(cal: Calendar, moment: dt.datetime, schedule: OfficeSchedule) -> tuple[dt.date, int]:
    """Normalise `moment` to (working day, minute of day inside a session) at or after it."""
    local = moment.astimezone(SHANGHAI)
    day = local.date()
    minute = local.hour * 60 + local.minute + (1 if local.second or local.microsecond else 0)
    if cal.is_workday(day):
        for opens, closes in schedule.sessions:
            if minute < _minutes(closes):
                return day, max(minute, _minutes(opens))
    day = add_working_days(cal, day, 1) if cal.is_workday(day) else next_workday(cal, day)
    return day, _minutes(schedule.sessions[0][0])


def add_office_hours(
    cal: Calendar, start: dt.datetime, hours: float, schedule: OfficeSchedule | None = None
) -> dt.datetime:
    """The moment `hours` of office time after `start` (counted only while the hall is open).

    A limit that is used up exactly at a session's close ends at that close.
    """
    if hours < 0:
        raise ValueError("hours must be >= 0")
    schedule = schedule or DEFAULT_OFFICE_SCHEDULE
    remaining = round(hours * 60)
    day, minute = _office_minute(cal, start, schedule)
    if remaining == 0:
        return _at(day, minute)
    while True:
        for opens, closes in schedule.sessions:
            lo, hi = _minutes(opens), _minutes(closes)
            if minute >= hi:
                continue
            minute = max(minute, lo)
            if remaining <= hi - minute:
                return _at(day, minute + remaining)
            remaining -= hi - minute
            minute = hi
        # Whole days are skipped through the index, not walked.
        whole, remaining = divmod(remaining, schedule.minutes_per_day)
        if remaining == 0:
            whole, remaining = whole - 1, schedule.minutes_per_day
        day = add_working_days(cal, day, whole + 1)
        minute = 0
