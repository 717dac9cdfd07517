"""The engine against the naive day-by-day reference (tests/reference.py), on random inputs."""

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zwfw.calendar.engine import (
    CalendarNotCovered,
    add_natural_days,
    add_working_days,
    add_working_days_bulk,
    working_days_between,
    working_days_between_bulk,
)

from .reference import is_workday, naive_between, naive_due

dates = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 12, 31))
limits = st.integers(min_value=0, max_value=60)


def _naive_or_uncovered(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except LookupError as exc:
        return ("uncovered", exc.args[0])


def _engine_or_uncovered(fn, *args):
    try:
        return fn(*args)
    except CalendarNotCovered as exc:
        return ("uncovered", exc.year)


@settings(max_examples=1500, deadline=None)
@given(start=dates, n=limits)
def test_add_matches_naive(cal, start, n):
    assert _engine_or_uncovered(add_working_days, cal, start, n) == _naive_or_uncovered(naive_due, start, n)


@settings(max_examples=800, deadline=None)
@given(start=dates, n=limits)
def test_natural_matches_naive(cal, start, n):
    expected = _naive_or_uncovered(naive_due, start, n, natural=True)
    assert _engine_or_uncovered(add_natural_days, cal, start, n) == expected


@settings(max_examples=1000, deadline=None)
@given(a=dates, b=dates)
def test_between_matches_naive(cal, a, b):
    assert working_days_between(cal, a, b) == naive_between(a, b)


@settings(max_examples=500, deadline=None)
@given(start=dates, n=st.integers(min_value=1, max_value=60))
def test_add_and_between_are_inverse(cal, start, n):
    try:
        due = add_working_days(cal, start, n)
    except CalendarNotCovered:
        return
    assert working_days_between(cal, start, due) == n
    assert cal.is_workday(due)


@settings(max_examples=50, deadline=None)
@given(pairs=st.lists(st.tuples(dates.filter(lambda d: d <= dt.date(2026, 9, 30)), limits), min_size=1, max_size=200))
def test_bulk_matches_scalar(cal, pairs):
    starts = np.array([s.isoformat() for s, _ in pairs], dtype="datetime64[D]")
    ns = np.array([n for _, n in pairs])
    dues = add_working_days_bulk(cal, starts, ns)
    assert [d.item() for d in dues] == [add_working_days(cal, s, n) for s, n in pairs]
    assert working_days_between_bulk(cal, starts, dues).tolist() == [
        working_days_between(cal, s, d.item()) for (s, _), d in zip(pairs, dues, strict=True)
    ]


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_every_day_of_the_year_matches(cal, year):
    day = dt.date(year, 1, 1)
    while day.year == year:
        assert cal.is_workday(day) == is_workday(day), day
        day += dt.timedelta(days=1)
