"""Worked examples from the State Council notices for 2025 (国办发明电〔2024〕12号) and 2026
(国办发明电〔2025〕7号), and the examples of the issue."""

import datetime as dt

import numpy as np
import pytest

from zwfw.calendar.engine import (
    CalendarNotCovered,
    add_natural_days,
    add_working_days,
    add_working_days_bulk,
    remaining_working_days,
    subtract_working_days,
    working_days_between,
    working_days_between_bulk,
)

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        ("2025-09-26", 20, "2025-10-30"),  # issue example; 9-28 (Sun) and 10-11 (Sat) are make-up days
        ("2025-12-31", 1, "2026-01-04"),  # across the year; 2026-01-04 is a Sunday make-up day
        ("2026-09-18", 10, "2026-10-09"),  # 9-20 (Sun) make-up; 9-25 中秋; 10-01..07 国庆
        ("2025-01-24", 1, "2025-01-26"),  # 2025 春节: 1-26 (Sun) make-up
        ("2025-01-26", 1, "2025-01-27"),
        ("2025-01-27", 1, "2025-02-05"),  # 1-28..2-04 off
        ("2025-02-07", 1, "2025-02-08"),  # 2-08 (Sat) make-up
        ("2025-04-25", 1, "2025-04-27"),  # 劳动节 make-up 4-27 (Sun)
        ("2025-04-30", 1, "2025-05-06"),  # 5-01..05 off
        ("2025-05-30", 1, "2025-06-03"),  # 端午 5-31..6-02
        ("2025-12-31", 0, "2025-12-31"),  # n = 0: the same day
        ("2026-02-13", 1, "2026-02-14"),  # 2026 春节: 2-14 (Sat) make-up
        ("2026-02-14", 1, "2026-02-24"),  # 2-15..23 off
        ("2026-02-27", 1, "2026-02-28"),  # 2-28 (Sat) make-up
        ("2026-04-03", 1, "2026-04-07"),  # 清明 4-04..06
        ("2026-05-08", 1, "2026-05-09"),  # 5-09 (Sat) make-up
        ("2026-10-09", 1, "2026-10-10"),  # 10-10 (Sat) make-up
        ("2026-01-03", 1, "2026-01-04"),  # acceptance on a holiday is not counted either
        ("2025-09-26", 42, "2025-12-01"),
    ],
)
def test_add_working_days_examples(cal, start, n, due):
    assert add_working_days(cal, D(start), n) == D(due)
    if n:
        assert working_days_between(cal, D(start), D(due)) == n


def test_between_examples(cal):
    assert working_days_between(cal, D("2025-09-26"), D("2025-10-30")) == 20
    assert working_days_between(cal, D("2025-10-30"), D("2025-09-26")) == -20
    assert working_days_between(cal, D("2025-09-30"), D("2025-10-08")) == 0
    assert working_days_between(cal, D("2025-09-30"), D("2025-10-09")) == 1
    assert working_days_between(cal, D("2026-01-01"), D("2026-01-01")) == 0
    # 2026 has 248 working days: 365 − 104 weekend days − 19 off weekdays + 6 make-up days
    assert working_days_between(cal, D("2025-12-31"), D("2026-12-31")) == 248


def test_is_workday_examples(cal):
    assert cal.is_workday(D("2026-01-04")) is True  # Sunday make-up
    assert cal.is_workday(D("2026-01-02")) is False  # Friday holiday
    assert cal.is_workday(D("2026-01-05")) is True
    assert cal.is_workday(D("2026-01-10")) is False  # plain Saturday


def test_subtract_and_remaining(cal):
    assert subtract_working_days(cal, D("2025-10-30"), 20) == D("2025-09-26")
    assert subtract_working_days(cal, D("2026-01-04"), 1) == D("2025-12-31")
    assert remaining_working_days(cal, D("2025-10-30"), D("2025-10-30")) == 0
    assert remaining_working_days(cal, D("2025-10-30"), D("2025-10-27")) == 3
    assert remaining_working_days(cal, D("2025-10-30"), D("2025-11-03")) == -2


def test_natural_days_roll_forward_over_holidays(cal):
    assert add_natural_days(cal, D("2025-09-21"), 10) == D("2025-10-09")  # 10-01 falls in 国庆
    assert add_natural_days(cal, D("2025-09-18"), 10) == D("2025-09-28")  # Sunday make-up day counts
    assert add_natural_days(cal, D("2026-03-02"), 5) == D("2026-03-09")  # Saturday 03-07 → Monday


@pytest.mark.parametrize(
    ("start", "n"), [("2026-12-30", 5), ("2027-01-04", 0), ("2023-12-29", 1), ("2026-12-31", 1)]
)
def test_uncovered_years_raise_naming_the_year(cal, start, n):
    with pytest.raises(CalendarNotCovered) as info:
        add_working_days(cal, D(start), n)
    year = D(start).year if D(start).year != 2026 else 2027
    assert info.value.year == year
    assert info.value.code == "calendar_not_covered"
    assert info.value.message == f"{year} 年工作日历尚未导入，无法计算工作日时限"


def test_uncovered_between_and_negative_limit(cal):
    with pytest.raises(CalendarNotCovered) as info:
        working_days_between(cal, D("2026-12-01"), D("2027-01-05"))
    assert info.value.year == 2027
    with pytest.raises(ValueError):
        add_working_days(cal, D("2026-01-05"), -1)


def test_bulk_matches_examples(cal):
    starts = np.array(["2025-09-26", "2025-12-31", "2026-09-18", "2025-12-31"], dtype="datetime64[D]")
    dues = add_working_days_bulk(cal, starts, np.array([20, 1, 10, 0]))
    assert [str(d) for d in dues] == ["2025-10-30", "2026-01-04", "2026-10-09", "2025-12-31"]
    assert working_days_between_bulk(cal, starts, dues).tolist() == [20, 1, 10, 0]


def test_bulk_uncovered_raises(cal):
    with pytest.raises(CalendarNotCovered) as info:
        add_working_days_bulk(cal, np.array(["2026-12-30"], dtype="datetime64[D]"), np.array([5]))
    assert info.value.year == 2027
    with pytest.raises(CalendarNotCovered) as info:
        add_working_days_bulk(cal, np.array(["2026-01-05", "2023-06-01"], dtype="datetime64[D]"), np.array([1, 1]))
    assert info.value.year == 2023
