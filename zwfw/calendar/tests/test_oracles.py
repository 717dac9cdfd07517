"""Cross-checks against two independent libraries: chinesecalendar and holidays."""

import datetime as dt

import chinese_calendar
import holidays
import pytest

from zwfw.calendar.engine import add_working_days

from .reference import is_workday


def _days(year):
    day = dt.date(year, 1, 1)
    while day.year == year:
        yield day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_year_files_agree_with_chinesecalendar(year):
    assert [d for d in _days(year) if is_workday(d) != chinese_calendar.is_workday(d)] == []


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_year_files_agree_with_holidays_package(year):
    """holidays.China knows the public holidays and the weekend make-up working days."""
    china = holidays.China(years=year)
    assert [d for d in _days(year) if is_workday(d) != china.is_working_day(d)] == []


def test_engine_agrees_with_find_workday_convention(cal):
    """find_workday(n - 1, start + 1) is the n-th working day strictly after start (n >= 1)."""
    start = dt.date(2025, 9, 26)
    for n in range(1, 61):
        assert add_working_days(cal, start, n) == chinese_calendar.find_workday(n - 1, start + dt.timedelta(days=1))
