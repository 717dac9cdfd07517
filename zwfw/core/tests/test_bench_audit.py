"""`zwfw bench audit` runs end to end with tiny parameters (figures are not asserted)."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection

from zwfw.core.audit import audit_verify
from zwfw.core.models import AuditEvent


@pytest.mark.django_db(transaction=True)
def test_bench_audit_prints_figures_and_a_json_last_line():
    # The SQLite test database lives in shared-cache memory, where concurrent writers get
    # "table is locked" instead of waiting (busy_timeout does not apply); there one writer at a
    # time proves the code path, and the real figures come from a file database (ADR 0019).
    writers = "1,2" if connection.vendor == "postgresql" else "1,1"
    out = io.StringIO()
    call_command("bench", "audit", "--", "--writes", "4", "--repeats", "1", "--writers", writers, stdout=out)
    lines = out.getvalue().strip().splitlines()
    figures = json.loads(lines[-1])
    counts = sorted(set(writers.split(",")))
    expected = {"database", "writes_per_run", "repeats", "synchronous_commit", "writers_are", "sealed", "seal_per_s"}
    for n in counts:
        expected |= {f"new_{n}_per_s", f"legacy_{n}_per_s", f"ratio_{n}", f"new_{n}_client_cpu_us", f"legacy_{n}_client_cpu_us"}
    assert set(figures) == expected
    assert figures["database"] == connection.vendor
    # 2 designs x 2 runs x 4 writes, all sealed into one intact chain.
    assert figures["sealed"] == 16
    assert AuditEvent.objects.filter(chain_seq__isnull=True).count() == 0
    assert AuditEvent.objects.count() == 16
    assert audit_verify() == []
    assert sum(line.startswith("new    design,") for line in lines) == 2


@pytest.mark.django_db(transaction=True)
def test_bench_audit_compares_the_orm_insert_and_reports_client_cpu():
    out = io.StringIO()
    call_command("bench", "audit", "--", "--writes", "3", "--repeats", "1", "--writers", "1", "--no-legacy", "--orm",
                 stdout=out)
    figures = json.loads(out.getvalue().strip().splitlines()[-1])
    assert {"new_1_per_s", "orm_1_per_s", "new_1_client_cpu_us", "orm_1_client_cpu_us"} <= set(figures)
    assert "legacy_1_per_s" not in figures
    assert figures["sealed"] == 6
    assert figures["new_1_client_cpu_us"] >= 0  # os.times() ticks are 10 ms: tiny runs may show 0
    assert audit_verify() == []
