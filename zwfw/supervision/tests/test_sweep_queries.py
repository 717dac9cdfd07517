"""The sweep finds clocks by their stored moments, never by scanning cases: every query on
cases_case is a look-up by primary key of a candidate's owner, and the clock queries filter on
(status, due_at) / (status, warn_at)."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from zwfw.supervision.services import rule_defaults_ensure, supervision_sweep

from .conftest import accepted_case, at


def test_sweep_reads_clocks_by_index_and_cases_by_key_only(citizen, item, clerk, hall):
    for _ in range(3):
        accepted_case(citizen, item, clerk)
    rule_defaults_ensure(now=at(2))
    with CaptureQueriesContext(connection) as ctx:
        assert supervision_sweep(now=at(11)).raised == 3
    sqls = [q["sql"] for q in ctx.captured_queries]
    clock_reads = [s for s in sqls if s.startswith("SELECT") and 'FROM "calendar_timelimitclock"' in s]
    assert any('"status" = ' in s and '"due_at" <= ' in s for s in clock_reads)
    assert any('"status" = ' in s and '"warn_at" <= ' in s for s in clock_reads)
    case_reads = [s for s in sqls if re.search(r'FROM "cases_case"', s)]
    assert case_reads and all(re.search(r'WHERE "cases_case"\."id" = ', s) for s in case_reads), case_reads
