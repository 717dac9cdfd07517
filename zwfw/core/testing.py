"""Helpers for tests that must tamper with the audit trail on purpose (bypassing its triggers)."""

from contextlib import contextmanager

from django.db import connection


@contextmanager
def audit_triggers_disabled():
    """Drop the append-only triggers for the block (test databases only), then restore them."""
    import importlib

    vendor = connection.vendor
    down, up = [], []
    for name in ("0002_audit_append_only_triggers", "0003_audit_chain_head_no_delete"):
        mod = importlib.import_module(f"zwfw.core.migrations.{name}")
        down += {"sqlite": mod.SQLITE_DOWN, "postgresql": mod.POSTGRES_DOWN}[vendor]
        up += {"sqlite": mod.SQLITE_UP, "postgresql": mod.POSTGRES_UP}[vendor]
    with connection.cursor() as cursor:
        for sql in down:
            cursor.execute(sql)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for sql in up:
                cursor.execute(sql)
