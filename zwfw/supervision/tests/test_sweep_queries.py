"""The sweep finds clocks by their stored moments, never by scanning cases: every query on
cases_case is a look-up by primary key of a candidate's owner, and the clock queries filter on
(status, due_at) / (status, warn_at)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.db.models import F, Q
from django.test.utils import CaptureQueriesContext

from zwfw.calendar.models import ClockStatus
from zwfw.supervision.models import Level
from zwfw.supervision.services import _candidates, rule_defaults_ensure, supervision_sweep

from .conftest import accepted_case, at


def test_sweep_reads_clocks_by_index_and_cases_by_key_only(citizen, item, clerk, hall):
    for _ in range(3):
        accepted_case(citizen, item, clerk)
    rule_defaults_ensure(now=at(2))
    with CaptureQueriesContext(connection) as ctx:
        assert supervision_sweep(now=at(11)).raised == 3
    sqls = [q["sql"] for q in ctx.captured_queries]
    case_reads = [s for s in sqls if re.search(r'FROM "cases_case"', s)]
    assert case_reads and all(re.search(r'WHERE "cases_case"\."id" = ', s) for s in case_reads), case_reads


@pytest.mark.parametrize("level,moment", [(Level.RED, "due_at"), (Level.YELLOW, "warn_at")])
def test_candidate_query_walks_the_status_moment_index(db, level, moment):
    # (The sweep iterates with a server-side cursor on PostgreSQL, which query capture does not see.)
    now = at(11)
    query = _candidates(Q(**{f"{moment}__lte": now}), level, moment)
    sql = str(query.query)
    assert '"calendar_timelimitclock"."status" = ' in sql and f'"calendar_timelimitclock"."{moment}" <=' in sql
    assert f'ORDER BY "calendar_timelimitclock"."{moment}" ASC' in sql
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            plan = "\n".join(row[0] for row in cursor.execute(
                "EXPLAIN " + query.query.sql_with_params()[0], query.query.sql_with_params()[1]).fetchall())
        assert f"clock_status_{'due' if moment == 'due_at' else 'warn'}_idx" in plan, plan


def test_late_stop_query_walks_the_status_stopped_index(db):
    # Clocks stopped since the last sweep after their due moment: (status, stopped_at), a range.
    query = _candidates(Q(stopped_at__gte=at(10), stopped_at__lte=at(11), stopped_at__gt=F("due_at")), Level.RED,
                        "stopped_at", status=ClockStatus.STOPPED)
    sql = str(query.query)
    assert '"calendar_timelimitclock"."stopped_at" >=' in sql
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            plan = "\n".join(row[0] for row in cursor.execute(
                "EXPLAIN " + query.query.sql_with_params()[0], query.query.sql_with_params()[1]).fetchall())
        assert "clock_status_stopped_idx" in plan, plan
