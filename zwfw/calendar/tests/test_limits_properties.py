"""Due dates of running limits with pauses and extensions, against the naive reference."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from zwfw.calendar.engine import CalendarNotCovered
from zwfw.calendar.limits import LimitUnit, Span, due_date

from .reference import naive_due

ONE = dt.timedelta(days=1)


@st.composite
def clocks(draw):
    start = draw(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 8, 31)))
    limit = draw(st.integers(min_value=0, max_value=60))
    extension = draw(st.integers(min_value=0, max_value=10))
    pauses, cursor = [], start
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        begin = cursor + draw(st.integers(min_value=0, max_value=40)) * ONE
        end = begin + draw(st.integers(min_value=0, max_value=25)) * ONE
        pauses.append((begin, end))
        cursor = end
    if pauses and draw(st.booleans()):
        pauses[-1] = (pauses[-1][0], None)  # still paused
    return start, limit, extension, pauses


def _engine(cal, start, limit, extension, pauses, unit):
    try:
        return due_date(
            cal, start=start, limit=limit, unit=unit, extension_days=extension,
            pauses=[Span(a, b) for a, b in pauses],
        )
    except CalendarNotCovered as exc:
        return ("uncovered", exc.year)


def _naive(start, total, pauses, natural):
    try:
        return naive_due(start, total, pauses, natural=natural)
    except LookupError as exc:
        return ("uncovered", exc.args[0])



@settings(max_examples=1500, deadline=None)
@given(clock=clocks())
def test_working_day_due_with_pauses_and_extensions(cal, clock):
    start, limit, extension, pauses = clock
    expected = _naive(start, limit + extension, pauses, natural=False)
    assert _engine(cal, start, limit, extension, pauses, LimitUnit.WORKING_DAYS) == expected


@settings(max_examples=800, deadline=None)
@given(clock=clocks())
def test_natural_day_due_with_pauses_and_extensions(cal, clock):
    start, limit, extension, pauses = clock
    expected = _naive(start, limit + extension, pauses, natural=True)
    assert _engine(cal, start, limit, extension, pauses, LimitUnit.NATURAL_DAYS) == expected


def test_pause_examples(cal):
    d = dt.date.fromisoformat
    # 20 working days from 2025-09-01 end on 2025-09-28, a Sunday make-up day.
    assert due_date(cal, start=d("2025-09-01"), limit=20, unit="working_days") == d("2025-09-28")
    # A 补正 wait from 9-10 to 9-15 excludes 9-11, 9-12, 9-15 (three working days).
    paused = [Span(d("2025-09-10"), d("2025-09-15"))]
    assert due_date(cal, start=d("2025-09-01"), limit=20, unit="working_days", pauses=paused) == d("2025-10-09")
    # … and the 10-day extension of 行政许可法第四十二条 on top.
    assert due_date(
        cal, start=d("2025-09-01"), limit=20, unit="working_days", pauses=paused, extension_days=10
    ) == d("2025-10-22")
    # Still paused: no due date; a pause begun on the due day itself moves nothing.
    assert due_date(cal, start=d("2025-09-01"), limit=20, unit="working_days", pauses=[Span(d("2025-09-10"), None)]) is None
    assert due_date(
        cal, start=d("2025-09-01"), limit=20, unit="working_days", pauses=[Span(d("2025-09-28"), None)]
    ) == d("2025-09-28")
