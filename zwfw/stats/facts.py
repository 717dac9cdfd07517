"""What one case adds to the rollups: a pure function of the case's columns (and its calendar).

The incremental path (a case's move) and the rebuild (all cases) both call `case_facts`, so a
rebuilt table equals the incrementally kept one by construction — and a test checks it does.
Days are China dates (Asia/Shanghai). Definitions (docs/adr/0036):
- received / online / proxy_point / open — on the day of receipt (收件, 行政许可法第三十二条);
  online = PC or mobile (GB/T 39046 A.5 codes 2, 3); open = not yet concluded, refused or withdrawn.
- accepted / deemed — on the day of acceptance (视为受理 is back-dated to receipt by law).
- rejected — on the day of the refusal.
- concluded, one_visit (the item needs at most one visit: 最多跑一次), and for 承诺件 with a
  promised date: timed, on_time (concluded on or before it), ahead (before it), late (after it).
- days_used / days_promised / days_statutory / speed_base — for concluded cases whose promised
  and statutory limits are both in working days: working days from acceptance to conclusion
  (the acceptance day not counted, 行政许可法第八十二条) against the two limits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from zwfw.calendar.engine import Calendar, CalendarNotCovered, working_days_between
from zwfw.calendar.limits import LimitUnit
from zwfw.core.clock import SHANGHAI

ONLINE = frozenset({"pc", "mobile"})
OPEN = frozenset({"received", "supplement", "accepted"})
UNRECEIVED = frozenset({"draft", "pre_review"})


class CaseRow(NamedTuple):
    """The columns a case's facts depend on (`CASE_ROW_FIELDS` reads them in bulk)."""

    status: str
    channel: str
    case_kind: str
    received_at: dt.datetime | None
    accepted_at: dt.datetime | None
    deemed_accepted: bool
    rejected_at: dt.datetime | None
    concluded_at: dt.datetime | None
    promised_by: dt.date | None
    region_code: str
    department_id: int
    center_id: int
    promised_limit: int | None
    promised_unit: str
    statutory_limit: int | None
    statutory_unit: str
    max_visits: int | None


# The ORM paths of CaseRow's fields, in order, for values_list over cases.
CASE_ROW_FIELDS = ("status", "channel", "case_kind", "received_at", "accepted_at", "deemed_accepted", "rejected_at",
                   "concluded_at", "promised_by", "region_id", "department_id", "service_center_id",
                   "version__promised_limit", "version__promised_limit_unit", "version__statutory_limit",
                   "version__statutory_limit_unit", "version__max_visits")


def row_from_values(values: tuple) -> CaseRow:
    values = list(values)
    values[11] = values[11] or 0
    return CaseRow(*values)


def row_of(case) -> CaseRow:
    version = case.version
    return CaseRow(case.status, case.channel, case.case_kind, case.received_at, case.accepted_at,
                   case.deemed_accepted, case.rejected_at, case.concluded_at, case.promised_by, case.region_id,
                   case.department_id, case.service_center_id or 0, version.promised_limit,
                   version.promised_limit_unit, version.statutory_limit, version.statutory_limit_unit,
                   version.max_visits)


def china_date(at: dt.datetime) -> dt.date:
    return at.astimezone(SHANGHAI).date()


Key = tuple  # (day, region_code, department_id, center_id)


def case_facts(row: CaseRow, calendar: Callable[[str], Calendar | None]) -> dict[Key, dict[str, int]]:
    """The counters `row` adds, by rollup key. `calendar(region_code)` gives the working-day
    calendar (None if it cannot be had); a date it does not cover leaves the days facts out."""
    out: dict[Key, dict[str, int]] = {}
    if row.status in UNRECEIVED or row.received_at is None:
        return out

    def add(at: dt.datetime, **counts: int) -> None:
        key = (china_date(at), row.region_code, row.department_id, row.center_id)
        bucket = out.setdefault(key, {})
        for name, n in counts.items():
            if n:
                bucket[name] = bucket.get(name, 0) + n

    add(row.received_at, received=1, online=int(row.channel in ONLINE), proxy_point=int(row.channel == "proxy_point"),
        open=int(row.status in OPEN))
    if row.accepted_at is not None and row.status in ("accepted", "concluded"):
        add(row.accepted_at, accepted=1, deemed=int(row.deemed_accepted))
    if row.rejected_at is not None and row.status == "rejected":
        add(row.rejected_at, rejected=1)
    if row.concluded_at is not None and row.status == "concluded":
        done = china_date(row.concluded_at)
        facts = {"concluded": 1, "one_visit": int(row.max_visits is not None and row.max_visits <= 1)}
        if row.promised_by is not None:
            facts.update(timed=1, on_time=int(done <= row.promised_by), ahead=int(done < row.promised_by),
                         late=int(done > row.promised_by))
        if (row.accepted_at is not None and row.promised_limit is not None and row.statutory_limit is not None
                and row.promised_unit == LimitUnit.WORKING_DAYS and row.statutory_unit == LimitUnit.WORKING_DAYS):
            cal = calendar(row.region_code)
            try:
                used = working_days_between(cal, china_date(row.accepted_at), done) if cal is not None else None
            except CalendarNotCovered:
                used = None
            if used is not None:
                facts.update(speed_base=1, days_used=max(used, 0), days_promised=row.promised_limit,
                             days_statutory=row.statutory_limit)
        add(row.concluded_at, **facts)
    return {k: v for k, v in out.items() if v}


def facts_delta(before: dict[Key, dict[str, int]], after: dict[Key, dict[str, int]]) -> dict[Key, dict[str, int]]:
    """after − before, without the zero counters."""
    delta: dict[Key, dict[str, int]] = {}
    for key in before.keys() | after.keys():
        a, b = after.get(key, {}), before.get(key, {})
        d = {m: a.get(m, 0) - b.get(m, 0) for m in a.keys() | b.keys()}
        d = {m: n for m, n in d.items() if n}
        if d:
            delta[key] = d
    return delta
