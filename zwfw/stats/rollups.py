"""Keeping the rollups: incrementally on every case move, and rebuilt from the cases on demand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction

from zwfw.calendar.engine import Calendar
from zwfw.calendar.selectors import calendar_for
from zwfw.core.audit import audit_record

from .facts import CASE_ROW_FIELDS, Key, case_facts, facts_delta, row_from_values, row_of
from .models import METRICS, CaseDayRollup

TABLE = CaseDayRollup._meta.db_table
KEY_COLUMNS = ("day", "region_code", "department_id", "center_id")


def calendars():
    """A lookup region code → working-day calendar, built once per code for one pass."""
    seen: dict[str, Calendar | None] = {}

    def lookup(code: str) -> Calendar | None:
        if code not in seen:
            seen[code] = calendar_for(code)
        return seen[code]

    return lookup


def rollup_add(delta: dict[Key, dict[str, int]]) -> None:
    """Add `delta` to the rows of its keys, creating the missing rows: one INSERT … ON CONFLICT
    DO UPDATE per key (PostgreSQL and SQLite ≥ 3.24 share the syntax), so concurrent moves of
    cases of one key add up instead of overwriting each other."""
    if not delta:
        return
    with connection.cursor() as cursor:
        for key, counts in sorted(delta.items()):
            names = sorted(counts)
            cols = ", ".join(KEY_COLUMNS + tuple(names))
            marks = ", ".join(["%s"] * (len(KEY_COLUMNS) + len(names)))
            sets = ", ".join(f"{n} = {TABLE}.{n} + excluded.{n}" for n in names)
            defaults = [m for m in METRICS if m not in counts]
            # Columns left out take the database default of 0 on insert (set explicitly: Django
            # keeps defaults in Python, not in the table).
            if defaults:
                cols += ", " + ", ".join(defaults)
                marks += ", " + ", ".join(["0"] * len(defaults))
            # Only column names of METRICS and the fixed key are spliced in; values are parameters.
            sql = (f"INSERT INTO {TABLE} ({cols}) VALUES ({marks}) "  # noqa: S608
                   f"ON CONFLICT (day, region_code, department_id, center_id) DO UPDATE SET {sets}")
            cursor.execute(sql, [*key, *(counts[n] for n in names)])


def rollup_case_moved(case):
    """The case observer (zwfw.cases.observers): the facts before the move, then after it, and
    the difference added to the rollups in the move's transaction."""
    lookup = calendars()
    before = case_facts(row_of(case), lookup)

    def done(moved) -> None:
        rollup_add(facts_delta(before, case_facts(row_of(moved), lookup)))

    return done


def facts_sum(rows: Iterable[tuple], lookup) -> dict[Key, dict[str, int]]:
    total: dict[Key, dict[str, int]] = {}
    for values in rows:
        for key, counts in case_facts(row_from_values(values), lookup).items():
            bucket = total.setdefault(key, {})
            for name, n in counts.items():
                bucket[name] = bucket.get(name, 0) + n
    return total


def rollup_rows(total: dict[Key, dict[str, int]]) -> list[CaseDayRollup]:
    return [CaseDayRollup(day=k[0], region_code=k[1], department_id=k[2], center_id=k[3], **counts)
            for k, counts in total.items() if any(counts.values())]


def rollup_rebuild(*, actor=None, now: dt.datetime, region_prefix: str = "", batch: int = 20_000) -> int:
    """Recompute the rollups of the cases of a region subtree (all with "") from the cases
    themselves, replacing the rows, in one transaction. Returns the number of rows written."""
    from zwfw.cases.models import Case

    lookup = calendars()
    cases = Case.objects.exclude(status__in=("draft", "pre_review"))
    if region_prefix:
        cases = cases.filter(region__code__startswith=region_prefix)
    with transaction.atomic():
        total = facts_sum(cases.order_by().values_list(*CASE_ROW_FIELDS).iterator(chunk_size=batch), lookup)
        old = CaseDayRollup.objects.all()
        if region_prefix:
            old = old.filter(region_code__startswith=region_prefix)
        old.delete()
        rows = rollup_rows(total)
        CaseDayRollup.objects.bulk_create(rows, batch_size=5000)
        audit_record(actor=actor, action="stats.rollup.rebuild", target=None, now=now,
                     changes={"region_prefix": region_prefix or "*", "rows": len(rows)})
    return len(rows)
