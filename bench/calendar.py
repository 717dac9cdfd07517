"""`zwfw bench calendar [PAIRS] [--db]`: the working-day engine against chinese_calendar.find_workday.

On the same random (start, limit) pairs — starts 2024-01-01..2026-09-30, limits 0..60 working
days — it runs the engine's scalar function, its bulk (numpy) path and the library's
find_workday adjusted to the statutory convention (n-th working day strictly after the start:
find_workday(n - 1, start + 1 day); n = 0 is the start itself), checks all three agree on every
pair and prints calls per second (median of several repeats) and their ratios. The calendar is
built from the chinesecalendar package (same data as the library); `--db` uses the national
calendar from the database instead. The last line is a JSON object of the figures.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import time

import numpy as np
from chinese_calendar import find_workday

from zwfw.calendar.engine import add_working_days, add_working_days_bulk
from zwfw.calendar.package import package_calendar

ONE = dt.timedelta(days=1)


def _library(start: dt.date, n: int) -> dt.date:
    return find_workday(n - 1, start + ONE) if n else start


def _median_rate(fn, count: int, repeats: int) -> tuple[float, object]:
    rates, result = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        rates.append(count / (time.perf_counter() - t0))
    return statistics.median(rates), result


def main(argv: list[str], stdout) -> dict:
    pairs_count = int(next((a for a in argv if a.isdigit()), 100_000))
    if "--db" in argv:
        from zwfw.calendar.selectors import calendar_for

        cal = calendar_for(None)
    else:
        cal = package_calendar()
    rng = random.Random(20251001)
    first, last = dt.date(2024, 1, 1).toordinal(), dt.date(2026, 9, 30).toordinal()
    starts = [dt.date.fromordinal(rng.randint(first, last)) for _ in range(pairs_count)]
    limits = [rng.randint(0, 60) for _ in range(pairs_count)]
    pairs = list(zip(starts, limits, strict=True))
    starts_np = np.array([d.isoformat() for d in starts], dtype="datetime64[D]")
    limits_np = np.array(limits, dtype=np.int64)

    scalar_rate, scalar = _median_rate(lambda: [add_working_days(cal, s, n) for s, n in pairs], pairs_count, 5)
    bulk_rate, bulk = _median_rate(lambda: add_working_days_bulk(cal, starts_np, limits_np), pairs_count, 7)
    # One pass only: find_workday walks day by day and rescans its tables on every date it checks
    # (about 2 ms a call here), so 100,000 pairs take minutes.
    library_rate, library = _median_rate(lambda: [_library(s, n) for s, n in pairs], pairs_count, 1)

    bulk_dates = bulk.astype(object).tolist()
    disagreements = sum(1 for a, b, c in zip(scalar, bulk_dates, library, strict=True) if not a == b == c)
    figures = {
        "pairs": pairs_count,
        "scalar_per_s": round(scalar_rate),
        "bulk_per_s": round(bulk_rate),
        "library_per_s": round(library_rate),
        "scalar_vs_library": round(scalar_rate / library_rate, 1),
        "bulk_vs_scalar": round(bulk_rate / scalar_rate, 1),
        "agree": disagreements == 0,
        "disagreements": disagreements,
        "calendar": f"{cal.first_year}-{cal.last_year}",
    }
    stdout.write(f"pairs: {pairs_count} (starts 2024-01-01..2026-09-30, limits 0..60), calendar {figures['calendar']}\n")
    stdout.write(f"engine scalar     : {figures['scalar_per_s']:>12,} calls/s (median of 5)\n")
    stdout.write(f"engine bulk       : {figures['bulk_per_s']:>12,} calls/s (median of 7)\n")
    stdout.write(f"chinese_calendar  : {figures['library_per_s']:>12,} calls/s (one pass)\n")
    stdout.write(f"scalar / library  : {figures['scalar_vs_library']}x;  bulk / scalar: {figures['bulk_vs_scalar']}x\n")
    stdout.write(f"agree on every pair: {figures['agree']} ({disagreements} disagreements)\n")
    stdout.write(json.dumps(figures) + "\n")
    return figures
