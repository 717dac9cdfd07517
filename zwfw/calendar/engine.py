"""The working-day engine: pure, exact, fast arithmetic on an immutable `Calendar`.

行政许可法第八十二条: time limits of administrative licensing are counted in working days.
A working day is a weekday that is not a public holiday, or a weekend day the State Council
declares a make-up working day (调休上班).

Conventions (docs/adr/0010-working-day-index.md):
- `add_working_days(cal, start, n)` for n >= 1 is the n-th working day strictly after `start`:
  the day of acceptance is never counted, whether or not it is itself a working day; the
  limit ends at the close of that day. n = 0 means the same day (`start` itself): a limit of
  zero working days is due by the end of the day it starts (即办件 settled the same day).
- `working_days_between(cal, a, b)` counts the working days in (a, b]; negative when b < a.
  So `add_working_days(cal, a, n) == b` implies `working_days_between(cal, a, b) == n`.
- Every date involved must lie in a covered year; otherwise `CalendarNotCovered` names the
  year. The engine never falls back to Monday–Friday.

Index: for each day of the covered range, `cum[i]` is the number of working days on or before
day i; `work[k]` is the (k+1)-th working day. Adding is two list lookups; counting is one
subtraction. The bulk path does the same with numpy fancy indexing over arrays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np

from zwfw.core.errors import DomainError

_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


class CalendarNotCovered(DomainError):
    """A date falls in a year whose holiday arrangement has not been loaded."""

    status = 409
    default_code = "calendar_not_covered"

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(f"{year} 年工作日历尚未导入，无法计算工作日时限")


class Calendar:
    """An immutable working-day calendar covering the years first_year..last_year inclusive."""

    __slots__ = (
        "first_year", "last_year", "off_days", "makeup_days", "version",
        "_o0", "_span", "_cum", "_work", "_work_ord", "_cum_np", "_work_np",
    )

    def __init__(
        self,
        *,
        first_year: int,
        last_year: int,
        off_days: Iterable[dt.date] = (),
        makeup_days: Iterable[dt.date] = (),
        version: object = None,
    ) -> None:
        if first_year > last_year:
            raise ValueError("empty calendar range")
        off = frozenset(off_days)
        makeup = frozenset(makeup_days)
        if off & makeup:
            raise ValueError(f"days both off and make-up: {sorted(off & makeup)[:3]}")
        self.first_year = first_year
        self.last_year = last_year
        self.off_days = off
        self.makeup_days = makeup
        self.version = version
        o0 = dt.date(first_year, 1, 1).toordinal()
        span = dt.date(last_year, 12, 31).toordinal() - o0 + 1
        cum: list[int] = []
        work: list[dt.date] = []
        count = 0
        for i in range(span):
            day = dt.date.fromordinal(o0 + i)
            if day in makeup or (day.weekday() < 5 and day not in off):
                count += 1
                work.append(day)
            cum.append(count)
        self._o0 = o0
        self._span = span
        self._cum = cum
        self._work = work
        self._work_ord = [d.toordinal() for d in work]
        self._cum_np = np.asarray(cum, dtype=np.int64)
        self._work_np = np.asarray(self._work_ord, dtype=np.int64) - _EPOCH_ORDINAL

    def __repr__(self) -> str:
        return f"<Calendar {self.first_year}–{self.last_year} v{self.version}>"

    # -- coverage ---------------------------------------------------------------------------

    def covers(self, day: dt.date) -> bool:
        return self.first_year <= day.year <= self.last_year

    def _index(self, day: dt.date) -> int:
        i = day.toordinal() - self._o0
        if i < 0 or i >= self._span:
            raise CalendarNotCovered(day.year)
        return i

    def is_workday(self, day: dt.date) -> bool:
        i = self._index(day)
        return self._cum[i] != (self._cum[i - 1] if i else 0)

    def workdays_in(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """The working days in [first, last]."""
        i = self._index(first)
        lo = self._cum[i - 1] if i else 0
        return self._work[lo : self._cum[self._index(last)]]


# -- scalar arithmetic (pure Python lists; no numpy scalars on this path) ---------------------


def add_working_days(cal: Calendar, start: dt.date, n: int) -> dt.date:
    """The n-th working day strictly after `start` (n = 0: `start` itself)."""
    i = start.toordinal() - cal._o0
    if i < 0 or i >= cal._span:
        raise CalendarNotCovered(start.year)
    if n <= 0:
        if n == 0:
            return start
        raise ValueError("n must be >= 0")
    k = cal._cum[i] + n - 1
    if k >= len(cal._work):
        raise CalendarNotCovered(cal.last_year + 1)
    return cal._work[k]


def subtract_working_days(cal: Calendar, day: dt.date, n: int) -> dt.date:
    """The latest date d with working_days_between(d, day) == n, d a working day (n >= 1).

    Used for warnings: the day on which only n working days remain before `day`.
    """
    i = cal._index(day)
    k = cal._cum[i] - n - 1
    if n < 0:
        raise ValueError("n must be >= 0")
    if k < 0:
        raise CalendarNotCovered(cal.first_year - 1)
    return cal._work[k]


def working_days_between(cal: Calendar, a: dt.date, b: dt.date) -> int:
    """The number of working days in (a, b]; negative (−count of (b, a]) when b < a."""
    return cal._cum[cal._index(b)] - cal._cum[cal._index(a)]


def next_workday(cal: Calendar, day: dt.date) -> dt.date:
    """`day` itself if it is a working day, else the first working day after it."""
    return day if cal.is_workday(day) else add_working_days(cal, day, 1)


def add_natural_days(cal: Calendar, start: dt.date, n: int) -> dt.date:
    """A limit of n natural days (自然日) from `start` (start day not counted).

    民法典第二百零三条 / 民事诉讼法第八十五条: when the last day of a period falls on a
    statutory holiday, the period ends on the first day after the holiday. So the result is
    rolled forward to the next working day, and needs the calendar.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    return next_workday(cal, start + dt.timedelta(days=n))


def remaining_working_days(cal: Calendar, due: dt.date, today: dt.date) -> int:
    """Working days left of a running limit due at the end of `due`, seen on `today`.

    0 = due today; negative = overdue by that many working days.
    """
    return working_days_between(cal, today, due)


# -- bulk path (numpy; for supervision sweeps) -----------------------------------------------


def _days_since_epoch(values: np.ndarray) -> np.ndarray:
    arr = np.asarray(values)
    if arr.dtype.kind == "M":
        return arr.astype("datetime64[D]").astype(np.int64)
    return arr.astype(np.int64)


def _bulk_index(cal: Calendar, days: np.ndarray) -> np.ndarray:
    idx = days + (_EPOCH_ORDINAL - cal._o0)
    bad = (idx < 0) | (idx >= cal._span)
    if bad.any():
        first_bad = int(days[np.argmax(bad)])
        raise CalendarNotCovered(dt.date.fromordinal(first_bad + _EPOCH_ORDINAL).year)
    return idx


def add_working_days_bulk(cal: Calendar, starts: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Vectorised `add_working_days`: starts as datetime64[D] (or days since 1970-01-01),
    n as non-negative integers (broadcastable). Returns datetime64[D]."""
    s = _days_since_epoch(starts)
    n = np.asarray(n, dtype=np.int64)
    if (n < 0).any():
        raise ValueError("n must be >= 0")
    idx = _bulk_index(cal, s)
    k = cal._cum_np[idx] + n - 1
    if (k >= len(cal._work_ord)).any():
        raise CalendarNotCovered(cal.last_year + 1)
    out = cal._work_np[np.maximum(k, 0)]
    out = np.where(n == 0, s, out)
    return out.astype("datetime64[D]")


def working_days_between_bulk(cal: Calendar, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Vectorised `working_days_between` (also: remaining days = between(today, due))."""
    ia = _bulk_index(cal, _days_since_epoch(a))
    ib = _bulk_index(cal, _days_since_epoch(b))
    return cal._cum_np[ib] - cal._cum_np[ia]
