"""`zwfw bench seed --cases N [--open M] [--years Y] [--region CODE] [--seed S]`: generated history at scale.

Writes N generated cases of the region's real published items received over the last Y years
(most concluded, some open, on-time and late mixes by department, pauses, extensions) and M more
received in the last `--open-days` days (7) and all still open on running clocks (a sweep's workload), in
bulk (PostgreSQL COPY, SQLite executemany), with their rollups merged — the same generator as
`zwfw demo` (zwfw/stats/generate.py). Loads the demo county first when the region has no items.
Prints the rates; the last line is a JSON object of the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time

from django.db import connection

DEMO_COUNTY = "511602000000"


def seed(*, cases: int, open_cases: int = 0, years: float = 3.0, region: str = DEMO_COUNTY, seed_value: int = 1,
         open_days: int = 7, stdout=None) -> dict:
    from zwfw.catalog.models import ServiceItem
    from zwfw.core import clock
    from zwfw.stats.generate import Plan, history_generate

    write = stdout.write if stdout is not None else print
    now = clock.now()
    if not ServiceItem.objects.filter(region__code__startswith=region[:6]).exists():
        from zwfw.demo.load import demo_load

        t0 = time.perf_counter()
        demo_load(now=now)
        write(f"演示县已加载（{time.perf_counter() - t0:.1f} s）")
    figures = {"database": connection.vendor, "region": region}
    for name, n, start, open_only in (
            ("history", cases, (now - dt.timedelta(days=int(365 * years))).date(), False),
            ("open", open_cases, (now - dt.timedelta(days=open_days)).date(), True)):
        if n <= 0:
            continue
        t0 = time.perf_counter()
        result = history_generate(Plan(region_code=region, start=start, now=now, cases=n, seed=seed_value + n,
                                       label=f"基准生成办件（{name}）", cards=False, open_only=open_only,
                                       skip_fk_triggers=True))
        elapsed = time.perf_counter() - t0
        figures[name] = {"cases": result.cases, "open": result.open, "clocks": result.clocks,
                         "rollup_rows": result.rollup_rows, "seconds": round(elapsed, 2),
                         "cases_per_second": round(result.cases / elapsed)}
        write(f"{name}: {result.cases} 件（在办计时 {result.open}），{elapsed:.1f} s，{result.cases / elapsed:,.0f} 件/s")
    return figures


def main(argv: list[str], stdout) -> None:
    parser = argparse.ArgumentParser(prog="zwfw bench seed")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--open", type=int, default=0, dest="open_cases")
    parser.add_argument("--years", type=float, default=3.0)
    parser.add_argument("--region", default=DEMO_COUNTY)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--open-days", type=int, default=7, help="在办办件的收件期间（最近若干自然日）")
    args = parser.parse_args(argv)
    figures = seed(cases=args.cases, open_cases=args.open_cases, years=args.years, region=args.region,
                   seed_value=args.seed, open_days=args.open_days, stdout=stdout)
    stdout.write(json.dumps(figures, ensure_ascii=False))
