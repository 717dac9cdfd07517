"""An independent, deliberately naive reference: day-by-day loops over the holiday-cn year files.

Written separately from the engine (no index, no shared code) so property tests compare two
different implementations. Reads the project's copy of the files (zwfw/calendar/data).
"""

import datetime as dt
import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
YEARS = (2024, 2025, 2026)


def load_days():
    off, on = set(), set()
    for year in YEARS:
        for entry in json.loads((DATA / f"{year}.json").read_text(encoding="utf-8"))["days"]:
            (off if entry["isOffDay"] else on).add(dt.date.fromisoformat(entry["date"]))
    return off, on


OFF, ON = load_days()
ONE = dt.timedelta(days=1)


def is_workday(day):
    if day.year not in YEARS:
        raise LookupError(day.year)
    if day in ON:
        return True
    if day in OFF:
        return False
    return day.isoweekday() <= 5


def in_pause(day, pauses):
    return any(start < day and (end is None or day <= end) for start, end in pauses)


def naive_due(start, limit, pauses=(), natural=False):
    """Walk forward from the day after `start`, counting the days that count, until `limit` are counted.

    None if an open pause is reached before the limit is used up.
    """
    day, counted = start, 0
    while counted < limit:
        day += ONE
        if in_pause(day, pauses):
            if any(end is None and s < day for s, end in pauses):
                return None
            continue
        if natural or is_workday(day):
            counted += 1
    if natural:
        while not is_workday(day):
            day += ONE
    return day


def naive_between(a, b):
    sign = 1
    if b < a:
        a, b, sign = b, a, -1
    count, day = 0, a
    while day < b:
        day += ONE
        if is_workday(day):
            count += 1
    return sign * count
