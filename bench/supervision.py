"""`zwfw bench supervision [--open N] [--cases N] [--tiles-repeat R] [--no-seed]`: the sweep and the dashboard tiles.

On the configured database (run it once with SQLite, once with DATABASE_URL for PostgreSQL):
1. seeds (zwfw bench seed) until the demo county holds N open timed cases and `--cases` cases in
   all (skipped with --no-seed: measure what is there);
2. one full sweep (`supervision_sweep`) over the open clocks at a moment after the seeded ones'
   limits began to pass, then an incremental sweep an hour later (only clocks that crossed a
   threshold in that hour, through the clock indexes);
3. each dashboard tile for the county's supervisor over the last twelve months (figures_total,
   by department, by center, by kind of center, trend by month, overdue-now drill count),
   median of R runs.
Targets (issue 10): PostgreSQL full sweep ≤ 10 s, incremental ≤ 1 s; ≤ 300 ms per tile. Sizes
are printed with the figures; the last line is a JSON object of them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time

from django.db import connection

from .seed import DEMO_COUNTY, seed


def _timed(fn, repeat: int) -> tuple[float, object]:
    runs, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        runs.append((time.perf_counter() - t0) * 1000)
    return statistics.median(runs), out


def main(argv: list[str], stdout) -> None:
    parser = argparse.ArgumentParser(prog="zwfw bench supervision")
    parser.add_argument("--open", type=int, default=1_000_000, dest="open_cases")
    parser.add_argument("--cases", type=int, default=10_000_000, help="办件总数（含在办）")
    parser.add_argument("--tiles-repeat", type=int, default=5)
    parser.add_argument("--no-seed", action="store_true")
    parser.add_argument("--no-sweep", action="store_true",
                        help="不运行扫描（只测候选读取和指标块）：全量扫描的耗时主要在逐张生成监察牌")
    args = parser.parse_args(argv)

    from zwfw.calendar.models import ClockStatus, TimeLimitClock
    from zwfw.cases.models import Case
    from zwfw.core import clock
    from zwfw.supervision.models import Card
    from zwfw.supervision.services import supervision_sweep

    figures: dict = {"database": connection.vendor}
    if not args.no_seed:
        running = TimeLimitClock.objects.filter(status=ClockStatus.RUNNING).count()
        total = Case.objects.count()
        need_open = max(0, args.open_cases - running)
        need_history = max(0, args.cases - total - need_open)
        if need_open or need_history:
            figures["seed"] = seed(cases=need_history, open_cases=need_open, stdout=stdout)
    figures["cases"] = Case.objects.count()
    figures["open_clocks"] = TimeLimitClock.objects.filter(status=ClockStatus.RUNNING).count()
    stdout.write(f"办件 {figures['cases']:,}，计时中的时限 {figures['open_clocks']:,}（{connection.vendor}）")

    now = clock.now()
    # The sweep's index walk alone: every red and yellow candidate read (what a sweep costs before
    # it raises any card; raising is a per-card insert, audit and notification).
    from django.db.models import Q

    from zwfw.supervision.models import Level
    from zwfw.supervision.services import _candidates

    t0 = time.perf_counter()
    red = sum(1 for _c in _candidates(Q(due_at__lte=now), Level.RED, "due_at").iterator(chunk_size=2000))
    yellow = sum(1 for _c in _candidates(Q(warn_at__lte=now, due_at__gt=now), Level.YELLOW, "warn_at")
                 .iterator(chunk_size=2000))
    figures["sweep_candidates_read_s"] = round(time.perf_counter() - t0, 3)
    figures["sweep_candidates"] = {"red": red, "yellow": yellow}
    stdout.write(f"扫描候选读取：{figures['sweep_candidates_read_s']} s（红 {red:,}，黄 {yellow:,}）")
    if args.no_sweep:
        _tiles(figures, now, args, stdout)
        return
    cards_before = Card.objects.count()
    t0 = time.perf_counter()
    full = supervision_sweep(now=now)
    figures["sweep_full_s"] = round(time.perf_counter() - t0, 3)
    figures["sweep_full_candidates"], figures["sweep_full_raised"] = full.candidates, full.raised
    stdout.write(f"全量扫描：{figures['sweep_full_s']} s，候选 {full.candidates:,}，生成监察牌 {full.raised:,}"
                 f"（此前已有 {cards_before:,}）")
    t0 = time.perf_counter()
    incremental = supervision_sweep(now=now + dt.timedelta(hours=1))
    figures["sweep_incremental_s"] = round(time.perf_counter() - t0, 3)
    figures["sweep_incremental_candidates"] = incremental.candidates
    figures["sweep_incremental_raised"] = incremental.raised
    stdout.write(f"增量扫描（一小时后）：{figures['sweep_incremental_s']} s，候选 {incremental.candidates:,}，"
                 f"生成 {incremental.raised:,}")

    _tiles(figures, now, args, stdout)


def _tiles(figures: dict, now, args, stdout) -> None:
    from zwfw.accounts.models import Role, User
    from zwfw.core import clock
    from zwfw.stats.selectors import dashboard_where, drill_cases, figures_by, figures_total, trend_by_month

    supervisor = User.objects.filter(role_grants__role=Role.SUPERVISOR, region_id=DEMO_COUNTY).first()
    today = clock.today(now)
    where = dashboard_where(supervisor, start=today - dt.timedelta(days=365), end=today)
    tiles = {
        "total": lambda: figures_total(where, now=now),
        "by_department": lambda: figures_by(where, group="department", now=now),
        "by_center": lambda: figures_by(where, group="center", now=now),
        "by_kind": lambda: figures_by(where, group="kind", now=now),
        "trend_by_month": lambda: trend_by_month(where),
        "overdue_now_drill_count": lambda: drill_cases(supervisor, where, metric="overdue_now", now=now).count(),
    }
    figures["tiles_ms"] = {}
    for name, fn in tiles.items():
        ms, out = _timed(fn, args.tiles_repeat)
        figures["tiles_ms"][name] = round(ms, 1)
        stdout.write(f"指标块 {name}：{ms:.1f} ms")
    total = figures_total(where, now=now)
    figures["tile_figures"] = {"received": total["received"], "concluded": total["concluded"],
                               "in_progress": total.in_progress, "overdue_now": total.overdue_now}
    from zwfw.stats.models import CaseDayRollup

    figures["rollup_rows"] = CaseDayRollup.objects.count()
    stdout.write(json.dumps(figures, ensure_ascii=False))
