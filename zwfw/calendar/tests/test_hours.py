import datetime as dt

import pytest

from zwfw.calendar.hours import DEFAULT_OFFICE_SCHEDULE, OfficeSchedule, add_office_hours, deadline_at
from zwfw.core.clock import SHANGHAI


def at(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        ("2025-12-31 16:00", 1, "2025-12-31 17:00"),
        ("2025-12-31 16:00", 2, "2026-01-04 09:30"),  # 1.5 h today; holidays; resumes on the Sunday make-up day
        ("2025-12-31 16:00", 8.5, "2026-01-04 17:30"),  # 1.5 h + one whole 7-hour day
        ("2025-12-31 16:00", 9, "2026-01-05 09:30"),
        ("2026-01-05 11:00", 2, "2026-01-05 14:30"),  # lunch 12:00–13:30 does not count
        ("2026-01-05 07:00", 3, "2026-01-05 12:00"),  # before opening: counts from 09:00
        ("2026-01-05 12:30", 0, "2026-01-05 13:30"),
        ("2026-01-05 18:00", 1, "2026-01-06 10:00"),  # after closing: next working day
        ("2026-01-03 10:00", 1, "2026-01-04 10:00"),  # on a holiday: from the make-up day
        ("2026-01-05 09:00", 35, "2026-01-09 17:30"),  # five whole days
    ],
)
def test_add_office_hours(cal, start, hours, expected):
    assert add_office_hours(cal, at(start), hours) == at(expected)


def test_deadline_is_close_of_office_on_the_last_day(cal):
    assert deadline_at(cal, dt.date(2025, 9, 26), 20) == at("2025-10-30 17:30")
    late = OfficeSchedule.parse([["08:30", "12:00"], ["14:30", "18:00"]])
    assert deadline_at(cal, dt.date(2025, 9, 26), 20, late) == at("2025-10-30 18:00")
    assert add_office_hours(cal, at("2026-01-05 12:30"), 1, late) == at("2026-01-05 15:30")


def test_schedule_rejects_overlapping_sessions():
    with pytest.raises(ValueError):
        OfficeSchedule.parse([["09:00", "12:00"], ["11:00", "17:00"]])
    assert DEFAULT_OFFICE_SCHEDULE.minutes_per_day == 420
