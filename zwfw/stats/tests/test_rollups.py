"""Rollups against a hand-counted month, and incremental == rebuilt."""

from __future__ import annotations

import datetime as dt

import pytest

from zwfw.stats.models import METRICS, CaseDayRollup
from zwfw.stats.rollups import rollup_rebuild
from zwfw.stats.selectors import dashboard_where, figures_by, figures_total

from .conftest import at

MARCH = {"start": dt.date(2026, 3, 1), "end": dt.date(2026, 3, 31)}
EXPECTED = {"received": 5, "online": 5, "proxy_point": 0, "accepted": 3, "deemed": 0, "rejected": 1, "open": 1,
            "concluded": 2, "timed": 2, "on_time": 1, "ahead": 1, "late": 1, "days_used": 10, "days_promised": 10,
            "days_statutory": 40, "speed_base": 2, "one_visit": 2}


def table() -> dict:
    return {(r.day, r.region_code, r.department_id, r.center_id): tuple(getattr(r, m) for m in METRICS)
            for r in CaseDayRollup.objects.all()}


def test_march_hand_counted(march, supervisor):
    where = dashboard_where(supervisor, **MARCH)
    f = figures_total(where, now=at(12, 10))
    assert f.counts == EXPECTED
    assert f.in_progress == 1
    assert f.overdue_now == 1  # C: due at the close of 10 March
    assert f.on_time_rate == 0.5 and f.ahead_rate == 0.5
    assert f.speedup_statutory == 0.75 and f.speedup_promised == 0.0
    assert f.promised_speedup == 0.75  # (20 − 5) ÷ 20
    assert f.one_visit_share == 1.0 and f.online_share == 1.0
    assert f.cards_raised == 0


def test_overdue_now_follows_the_clock(march, supervisor):
    where = dashboard_where(supervisor, **MARCH)
    assert figures_total(where, now=at(10, 16)).overdue_now == 0  # C is due at the end of 10 March
    assert figures_total(where, now=at(11, 9)).overdue_now == 1


def test_rows_by_day(march, supervisor, approval_dept):
    rows = {r.day: r for r in CaseDayRollup.objects.all()}
    assert rows[dt.date(2026, 3, 3)].received == 3 and rows[dt.date(2026, 3, 3)].accepted == 3
    assert rows[dt.date(2026, 3, 3)].open == 1
    assert rows[dt.date(2026, 3, 6)].concluded == 1 and rows[dt.date(2026, 3, 6)].ahead == 1
    assert rows[dt.date(2026, 3, 12)].late == 1 and rows[dt.date(2026, 3, 12)].days_used == 7
    assert rows[dt.date(2026, 3, 4)].rejected == 1
    assert {r.department_id for r in rows.values()} == {approval_dept.pk}


def test_period_cuts_by_china_date(march, supervisor):
    early = dashboard_where(supervisor, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 6))
    f = figures_total(early, now=at(12))
    assert (f["received"], f["concluded"], f["late"]) == (5, 1, 0)


def test_by_department_ranked_with_score(march, supervisor, approval_dept):
    rows = figures_by(dashboard_where(supervisor, **MARCH), group="department", now=at(12))
    assert [r.label for r in rows] == ["区行政审批局"]
    # 40×0.5 + 30×min(0.75/0.30, 1) + 15×1 + 15×1
    assert rows[0].score == 80.0
    assert rows[0].figures.overdue_now == 1


def test_incremental_equals_rebuilt(march, now):
    incremental = table()
    assert incremental
    rollup_rebuild(now=now)
    assert table() == incremental


def test_rebuild_repairs_a_damaged_table(march, now):
    good = table()
    CaseDayRollup.objects.filter(day=dt.date(2026, 3, 3)).update(received=99)
    CaseDayRollup.objects.filter(day=dt.date(2026, 3, 12)).delete()
    rollup_rebuild(now=now)
    assert table() == good


@pytest.mark.parametrize("metric", [m for m in METRICS if not m.startswith("days_")])
def test_rollup_follows_each_move(march, metric):
    """Nothing counted twice: every counter equals the sum of its rows (no stray negative rows)."""
    assert all(v >= 0 for row in table().values() for v in row)
