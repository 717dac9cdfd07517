"""The cost of one submission (issue 8: ≥ 200 submissions/s on PostgreSQL): the one-request
application with a file, submit=true and an Idempotency-Key runs a bounded number of SQL
statements. This pins the bound: adding queries back to the hot path fails here."""

from __future__ import annotations

import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zwfw.cases.models import Case, CaseStatus
from zwfw.core import clock

from .test_api import apply, client_for

pytestmark = pytest.mark.django_db

# 41 before the one-table form was checked on submission; reading the version's form fields is one more
# (42). Then 36: the idempotency claim is one INSERT … ON CONFLICT (no savepoint pair), and a case
# submitted in the transaction that created it reuses its in-force version and material rows
# (37 on both databases). The supervision rollup of the receipt (one INSERT … ON CONFLICT in the
# move, ADR 0036) is one more: 38.
MAX_STATEMENTS = 38


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    from .conftest import NOW

    monkeypatch.setattr(clock, "now", lambda: NOW)


def test_one_submission_runs_a_bounded_number_of_statements(citizen, item, hall):
    client = client_for(citizen)
    apply(client, item, key="warm-up-0001")  # caches (calendar, office hours, policy) filled once per process
    with CaptureQueriesContext(connection) as queries:
        res = apply(client, item, key="submit-cost-0001", note="第二份")
    assert res.status_code == 201, res.json()
    if os.environ.get("ZWFW_DUMP_QUERIES"):
        with open(os.environ["ZWFW_DUMP_QUERIES"], "w") as out:
            out.write("\n".join(q["sql"] for q in queries.captured_queries))
    assert Case.objects.get(pk=res.json()["id"]).status == CaseStatus.RECEIVED
    assert len(queries) <= MAX_STATEMENTS, len(queries)


@pytest.mark.skipif(not os.environ.get("ZWFW_TIME_SUBMISSIONS"), reason="a measurement: ZWFW_TIME_SUBMISSIONS=N")
def test_time_per_submission(citizen, item, hall):
    """In-process CPU and wall time of one submission (the figure quoted in docs/perf)."""
    import time

    client = client_for(citizen)
    apply(client, item, key="warm-up-0001")
    n = int(os.environ["ZWFW_TIME_SUBMISSIONS"])
    profile = None
    if os.environ.get("ZWFW_PROFILE"):  # a cProfile dump of the timed submissions, to see where time goes
        import cProfile

        profile = cProfile.Profile(time.process_time)  # CPU, not waits on the database
        profile.enable()
    cpu, wall = time.process_time(), time.perf_counter()
    for i in range(n):
        assert apply(client, item, key=f"timed-{i:06d}").status_code == 201
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if profile is not None:
        profile.disable()
        profile.dump_stats(os.environ["ZWFW_PROFILE"])
    print(f"\nper submission ({connection.vendor}, n={n}): cpu {1000 * cpu / n:.2f} ms, wall {1000 * wall / n:.2f} ms")


@pytest.mark.django_db(transaction=True)
def test_a_case_is_read_again_under_lock_in_any_other_transaction(catalog_flushable, citizen, item, hall):
    from django.db import transaction

    from zwfw.cases.services._common import locked
    from zwfw.cases.services.drafting import case_draft_create

    with transaction.atomic():
        case = case_draft_create(actor=citizen, item=item)
        assert locked(case) is case  # created by this transaction: nothing to read again
    with transaction.atomic():
        again = locked(case)
        assert again is not case and again.pk == case.pk
        assert locked(again) is not again  # a read is not a mark: only the creating transaction skips
