"""Helpers for tests that must tamper with the audit trail on purpose (bypassing its triggers),
and the one door through which the test harness may empty a test database's audit tables."""

import importlib
from contextlib import contextmanager

from django.db import connection
from django.db.backends.base.operations import BaseDatabaseOperations

TRIGGERS = "zwfw.core.migrations.0005_audit_seal_once_and_no_truncate_triggers"


@contextmanager
def audit_triggers_disabled():
    """Drop the append-only triggers for the block (test databases only), then restore them."""
    mod = importlib.import_module(TRIGGERS)
    vendor = connection.vendor
    down = {"sqlite": mod.SQLITE_DOWN, "postgresql": mod.POSTGRES_DOWN}[vendor]
    up = {"sqlite": mod.SQLITE_UP, "postgresql": mod.POSTGRES_UP}[vendor]
    with connection.cursor() as cursor:
        for sql in down:
            cursor.execute(sql)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for sql in up:
                cursor.execute(sql)


def allow_audit_flush_in_tests() -> None:
    """Let Django's flush (run between transactional tests) empty the audit tables.

    The triggers refuse DELETE and TRUNCATE. Only a flush issued by the test harness asks for an
    exception: on PostgreSQL `SET LOCAL zwfw.audit_flush = 'allow'` in the flush's own
    transaction (the trigger honours it only in databases named test_*), on SQLite by
    answering 1 from zwfw_audit_flush_allowed() for the duration of the flush. Called once from
    the root conftest.py; production code never calls it.
    """
    if getattr(BaseDatabaseOperations.execute_sql_flush, "zwfw_audit", False):
        return
    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        conn = self.connection
        if conn.vendor == "postgresql":
            return original(self, ["SET LOCAL zwfw.audit_flush = 'allow'", *sql_list])
        if conn.vendor == "sqlite":
            conn.ensure_connection()
            conn.connection.create_function("zwfw_audit_flush_allowed", 0, lambda: 1)
            try:
                return original(self, sql_list)
            finally:
                conn.connection.create_function("zwfw_audit_flush_allowed", 0, lambda: 0)
        return original(self, sql_list)

    execute_sql_flush.zwfw_audit = True
    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush
