"""`zwfw bench audit -- [--writes N] [--repeats R] [--writers 1,8,32] [--no-legacy] [--orm] [--async-commit] [--processes]`.

An audited write is one transaction holding a small domain row insert (a throwaway table,
bench_audit_row) and `audit_record(...)`, as every service does. For each number of concurrent
writers (threads, or processes with --processes as web workers are; one database connection each) it runs N writes split evenly among them, R
times, and prints the median rate, on the configured database. For the ratio it also runs the
design of ADR 0004 in the same process: every write locks one head row (SELECT … FOR UPDATE on
a bench head table), computes the SM3 hash of the event and updates the head. Last, it times the
sealer on the events written (sealed events/s): the chain must be sealed as fast as it grows.
`--async-commit` (PostgreSQL) sets synchronous_commit = off in the bench's sessions: commits
stop waiting for the WAL flush, which shows what the design allows when the disk is not the
limit (a measurement aid, not a deployment recommendation for the audit trail).
Each rate comes with the client's CPU time per write (this process and its writer processes,
not the database server), which shows whether the client is the limit.
`--orm` also runs today's design with the event saved through the ORM, as audit_record did before
it wrote one raw (on PostgreSQL prepared) INSERT; ZWFW_AUDIT_PREPARE=false turns the preparation off.
The last line is a JSON object of the figures. The events written stay in the trail: run it
against a database kept for benchmarks.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import statistics
import threading
import time

from django.db import connection, connections, transaction

from zwfw.core import clock
from zwfw.core.audit import _plain, audit_record, audit_seal, canonical
from zwfw.core.crypto import sm3_hex
from zwfw.core.models import AuditEvent

TABLES = {
    "postgresql": [
        "CREATE TABLE IF NOT EXISTS bench_audit_row (id bigserial PRIMARY KEY, n integer NOT NULL, note varchar(40) NOT NULL)",
        "CREATE TABLE IF NOT EXISTS bench_audit_head (id integer PRIMARY KEY, last_seq bigint NOT NULL, last_hash varchar(64) NOT NULL)",
    ],
    "sqlite": [
        "CREATE TABLE IF NOT EXISTS bench_audit_row (id integer PRIMARY KEY AUTOINCREMENT, n integer NOT NULL, note varchar(40) NOT NULL)",
        "CREATE TABLE IF NOT EXISTS bench_audit_head (id integer PRIMARY KEY, last_seq bigint NOT NULL, last_hash varchar(64) NOT NULL)",
    ],
}


def _setup() -> None:
    with connection.cursor() as cursor:
        for sql in TABLES[connection.vendor]:
            cursor.execute(sql)
        cursor.execute("SELECT count(*) FROM bench_audit_head")
        if cursor.fetchone()[0] == 0:
            cursor.execute("INSERT INTO bench_audit_head (id, last_seq, last_hash) VALUES (1, 0, %s)", ["0" * 64])


def _domain_row(cursor, n: int) -> None:
    cursor.execute("INSERT INTO bench_audit_row (n, note) VALUES (%s, %s)", [n, f"bench {n}"])


def write_new(n: int) -> None:
    """Today's design: no shared row; the event waits to be sealed."""
    with transaction.atomic(), connection.cursor() as cursor:
        _domain_row(cursor, n)
        audit_record(actor=None, action="bench.write", object_type="bench.row", object_id=str(n), changes={"n": n})


def write_orm(n: int) -> None:
    """Today's design with the event written as audit_record wrote it before ADR 0019's raw
    INSERT: a model instance saved through the ORM (`--orm`, to compare the two inserts)."""
    with transaction.atomic(), connection.cursor() as cursor:
        _domain_row(cursor, n)
        AuditEvent(
            occurred_at=clock.now(), actor_id=None, actor_name="", actor_role="", action="bench.write",
            object_type="bench.row", object_id=str(n), object_repr="", changes=_plain({"n": n}), ip_address="",
        ).save(force_insert=True)


def write_legacy(n: int) -> None:
    """ADR 0004's design: every write waits for the one head row and hashes under its lock."""
    lock = " FOR UPDATE" if connection.vendor == "postgresql" else ""
    with transaction.atomic(), connection.cursor() as cursor:
        _domain_row(cursor, n)
        cursor.execute(f"SELECT last_seq, last_hash FROM bench_audit_head WHERE id = 1{lock}")
        last_seq, last_hash = cursor.fetchone()
        event = audit_record(actor=None, action="bench.legacy", object_type="bench.row", object_id=str(n), changes={"n": n})
        event.prev_hash = last_hash
        digest = sm3_hex(canonical(event))
        cursor.execute("UPDATE bench_audit_head SET last_seq = %s, last_hash = %s WHERE id = 1", [last_seq + 1, digest])


def _work(write, offset: int, count: int, session_sql: str | None, barrier, errors) -> None:
    try:
        connection.ensure_connection()
        if session_sql:
            with connection.cursor() as cursor:
                cursor.execute(session_sql)
        barrier.wait()
        for i in range(count):
            write(offset + i)
    except BaseException as exc:  # noqa: BLE001 - reported after the run
        errors.append(repr(exc))
    finally:
        connection.close()


def _cpu_seconds() -> float:
    """CPU used by this process and its reaped children (the writer processes), user + system."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _run(write, writers: int, writes: int, session_sql: str | None = None, processes: bool = False) -> tuple[float, float]:
    """Start `writers` threads (or processes, like web workers) on one barrier; return audited
    writes per second and the client's CPU time per write in microseconds (the database server's
    CPU is not counted: on one machine the two compete for the same cores)."""
    per_writer = max(1, writes // writers)
    if processes:
        ctx = multiprocessing.get_context("fork")
        barrier, errors = ctx.Barrier(writers + 1), ctx.Manager().list()
        connections.close_all()  # each child opens its own connection
        spawn = ctx.Process
    else:
        barrier, errors, spawn = threading.Barrier(writers + 1), [], threading.Thread
    workers = [
        spawn(target=_work, args=(write, w * per_writer, per_writer, session_sql, barrier, errors))
        for w in range(writers)
    ]
    for worker in workers:
        worker.start()
    barrier.wait()
    t0, cpu0 = time.perf_counter(), _cpu_seconds()
    for worker in workers:
        worker.join()
    elapsed, cpu = time.perf_counter() - t0, _cpu_seconds() - cpu0
    if errors:
        raise RuntimeError(errors[0])
    done = writers * per_writer
    return done / elapsed, cpu / done * 1e6


def _option(argv: list[str], name: str, default: str) -> str:
    return argv[argv.index(name) + 1] if name in argv else default


def main(argv: list[str], stdout) -> dict:
    writes = int(_option(argv, "--writes", "2000"))
    repeats = int(_option(argv, "--repeats", "3"))
    writer_counts = [int(w) for w in _option(argv, "--writers", "1,8,32").split(",")]
    legacy = "--no-legacy" not in argv
    async_commit = "--async-commit" in argv and connection.vendor == "postgresql"
    session_sql = "SET synchronous_commit = off" if async_commit else None
    processes = "--processes" in argv
    _setup()
    audit_seal()  # start from an empty backlog so the sealer figure is ours
    figures: dict = {
        "database": connection.vendor,
        "writes_per_run": writes,
        "repeats": repeats,
        "synchronous_commit": not async_commit,
        "writers_are": "processes" if processes else "threads",
    }
    designs = [("new", write_new)] + ([("orm", write_orm)] if "--orm" in argv else [])
    designs += [("legacy", write_legacy)] if legacy else []
    commit = "synchronous_commit=off" if async_commit else "durable commits"
    stdout.write(
        f"database: {connection.vendor} ({commit}); writers are {figures['writers_are']}; "
        f"{writes} audited writes per run, median of {repeats}\n"
    )
    for name, write in designs:
        for writers in writer_counts:
            runs = [_run(write, writers, writes, session_sql, processes) for _ in range(repeats)]
            rate = statistics.median(r for r, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            figures[f"{name}_{writers}_per_s"] = round(rate)
            figures[f"{name}_{writers}_client_cpu_us"] = round(cpu)
            stdout.write(
                f"{name:<6} design, {writers:>2} writers: {round(rate):>8,} audited writes/s"
                f" (client CPU {round(cpu):,} µs per write)\n"
            )
    pending = AuditEvent.objects.filter(chain_seq__isnull=True).count()
    t0 = time.perf_counter()
    sealed = audit_seal()
    seal_rate = sealed / (time.perf_counter() - t0) if sealed else 0.0
    figures["sealed"] = sealed
    figures["seal_per_s"] = round(seal_rate)
    stdout.write(f"sealer: {sealed:,} of {pending:,} pending events sealed at {round(seal_rate):,} events/s\n")
    for writers in writer_counts if legacy else []:
        new, old = figures[f"new_{writers}_per_s"], figures[f"legacy_{writers}_per_s"]
        figures[f"ratio_{writers}"] = round(new / old, 2) if old else None
    stdout.write(json.dumps(figures, sort_keys=True) + "\n")
    return figures
