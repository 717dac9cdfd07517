"""`zwfw bench submit -- [--seconds S] [--clients C] [--workers W] [--only sqlite|postgresql]`.

End-to-end online submissions over HTTP against a served instance: gunicorn with W sync workers
(the README's recommendation, 2 × cores by default) on a fresh database of each kind, prepared by
bench/_submit_fixture.py (an item with one required material, a citizen with an API token). C
client threads, spread over client processes, each signed in as a citizen of its own (an API
token each: applications come from many people), POST /api/v1/cases one realistic form with a
small PDF and its own Idempotency-Key — receipt, number, clocks, audit, outbox and notification
rows, all in the request's transaction — for S seconds after a warm-up. It prints submissions per
second, median and p95 latency and errors, and beside them, measured in the same run on the
same database, the rate of single-row committed inserts at the same concurrency, with the ratio.
The last line is a JSON object of the figures.

PostgreSQL: a scratch database `zwfw_bench_submit` is (re)created on the server of
ZWFW_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres); ZWFW_BENCH_SUBMIT_DB
names it otherwise.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench._serve import ROOT, Served

# The default one-table form's answers (applicant type, what is applied for) plus the item's own.
FORM = {"applicant_type": "个人", "application_note": "个体工商户设立登记（日用百货零售）", "经营者姓名": "张三", "联系电话": "13800001234", "经营场所": "广安区金安大道 88 号", "组成形式": "个人经营",
        "经营范围": "日用百货、文具用品零售", "从业人数": 3, "资金数额（万元）": 5, "申请日期": "2026-11-29"}
# A small scan-sized PDF (about 20 KB: the padding is a PDF comment line).
PDF = (b"%PDF-1.4\n1 0 obj<< /Type /Catalog /Pages 2 0 R >>endobj\n2 0 obj<< /Type /Pages /Kids [] /Count 0 >>"
       b"endobj\n%" + b"0" * 20_000 + b"\ntrailer<< /Root 1 0 R >>\n%%EOF\n")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else 0.0


def _client(url: str, tokens: list[str], item: int, threads: int, warmup: float, seconds: float, tag: str,
            out) -> None:
    import urllib3

    http = urllib3.PoolManager(maxsize=threads, retries=False, timeout=urllib3.Timeout(connect=5, read=60))
    lat: list[float] = []
    errors = [0]
    first_error: list[str] = []
    lock = threading.Lock()
    start = time.monotonic()

    def worker(t: int) -> None:
        n = 0
        while True:
            now = time.monotonic()
            if now - start > warmup + seconds:
                return
            n += 1
            body, ctype = urllib3.encode_multipart_formdata({
                "item": str(item), "channel": "pc", "submit": "true", "form_data": json.dumps(FORM, ensure_ascii=False),
                "material_1": ("申请书.pdf", PDF, "application/pdf"), "material_2": ("身份证.pdf", PDF, "application/pdf"),
            })
            t0 = time.monotonic()
            try:
                res = http.request("POST", f"{url}/api/v1/cases", body=body, headers={
                    "Content-Type": ctype, "Authorization": f"Bearer {tokens[t % len(tokens)]}",
                    "Idempotency-Key": f"bench-{tag}-{t}-{n}"})
                ok = res.status == 201
                if not ok and not first_error:
                    first_error.append(f"{res.status} {res.data[:300].decode(errors='replace')}")
            except Exception as exc:  # noqa: BLE001 (an error is counted, whatever it is)
                ok = False
                if not first_error:
                    first_error.append(repr(exc))
            t1 = time.monotonic()
            if t0 - start >= warmup:
                with lock:
                    if ok:
                        lat.append(t1 - t0)
                    else:
                        errors[0] += 1

    ts = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    out.put({"latencies": lat, "errors": errors[0], "first_error": first_error[:1]})


def _load(url: str, tokens: list[str], item: int, *, clients: int, seconds: float, warmup: float) -> dict:
    processes = max(1, min(4, clients // 8 or 1))
    per = [clients // processes + (1 if i < clients % processes else 0) for i in range(processes)]
    # Client thread t of process i submits as citizen (first thread of i) + t: one account each.
    firsts = [sum(per[:i]) for i in range(processes)]
    queue: multiprocessing.Queue = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=_client, args=(url, tokens[firsts[i]:firsts[i] + n] or tokens, item, n,
                                                           warmup, seconds, f"{i}", queue))
             for i, n in enumerate(per)]
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    lat = [x for r in results for x in r["latencies"]]
    return {"submissions_per_s": round(len(lat) / seconds, 1), "median_ms": round(_percentile(lat, 0.5) * 1000, 1),
            "p95_ms": round(_percentile(lat, 0.95) * 1000, 1), "ok": len(lat), "errors": sum(r["errors"] for r in results),
            "first_error": next((e for r in results for e in r["first_error"]), "")}


def _insert_rate_sqlite(path: str, *, clients: int, seconds: float) -> float:
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE IF NOT EXISTS bench_insert (id integer PRIMARY KEY AUTOINCREMENT, note text)")
    con.commit()
    con.close()
    count = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker() -> None:
        c = sqlite3.connect(path, timeout=20, isolation_level=None)
        c.execute("PRAGMA synchronous=NORMAL")
        c.execute("PRAGMA busy_timeout=20000")
        n = 0
        while time.monotonic() < stop:
            c.execute("BEGIN IMMEDIATE")
            c.execute("INSERT INTO bench_insert (note) VALUES (?)", ("一行",))
            c.execute("COMMIT")
            n += 1
        c.close()
        with lock:
            count[0] += n

    ts = [threading.Thread(target=worker) for _ in range(clients)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return count[0] / seconds


def _insert_rate_postgres(url: str, *, clients: int, seconds: float) -> float:
    import psycopg

    with psycopg.connect(url, autocommit=True) as c:
        c.execute("CREATE TABLE IF NOT EXISTS bench_insert (id bigserial PRIMARY KEY, note text)")
    count = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker() -> None:
        n = 0
        with psycopg.connect(url, autocommit=True) as c:
            while time.monotonic() < stop:
                c.execute("INSERT INTO bench_insert (note) VALUES (%s)", ("一行",))
                n += 1
        with lock:
            count[0] += n

    ts = [threading.Thread(target=worker) for _ in range(clients)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return count[0] / seconds


def _prepare(env: dict) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench._submit_fixture"], cwd=ROOT, env={**os.environ, **env},
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _postgres_scratch() -> str:
    import psycopg

    admin = os.environ.get("ZWFW_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    # ZWFW_BENCH_SUBMIT_DB: another scratch name, so two runs on one server do not drop each other's.
    name = os.environ.get("ZWFW_BENCH_SUBMIT_DB", "zwfw_bench_submit")
    if not name.replace("_", "").isalnum():
        raise SystemExit("ZWFW_BENCH_SUBMIT_DB: letters, digits and _ only")
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        c.execute(f"CREATE DATABASE {name}")
    return admin.rsplit("/", 1)[0] + f"/{name}"


def run_one(kind: str, *, clients: int, seconds: float, warmup: float, workers: int, scratch: Path) -> dict:
    if kind == "sqlite":
        db_path = scratch / "bench-submit.sqlite3"
        url = f"sqlite:///{db_path}"
    else:
        url = _postgres_scratch()
    env = {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.local", "ZWFW_DEBUG": "0",
           "ZWFW_PRIVATE_FILES_ROOT": str(scratch / f"private-{kind}"),
           "ZWFW_JOBS_QUEUE_FILE": str(scratch / f"queue-{kind}.sqlite3"),
           "ZWFW_SMS_FILE": str(scratch / "sms.log"),
           "ZWFW_AUDIT_CHECKPOINT": f"file://{scratch / 'checkpoints.jsonl'}"}
    fixture = _prepare({**env, "ZWFW_BENCH_CITIZENS": str(clients)})
    with Served(env=env, workers=workers, log=scratch / f"gunicorn-{kind}.log") as server:
        figures = _load(server.url, fixture["tokens"], fixture["item"], clients=clients, seconds=seconds,
                        warmup=warmup)
    if kind == "sqlite":
        inserts = _insert_rate_sqlite(str(scratch / "bench-insert.sqlite3"), clients=clients, seconds=seconds / 2)
    else:
        inserts = _insert_rate_postgres(url, clients=clients, seconds=seconds / 2)
    figures["db_inserts_per_s"] = round(inserts, 1)
    figures["ratio_to_inserts"] = round(figures["submissions_per_s"] / inserts, 4) if inserts else None
    return figures


def main(argv: list[str], stdout=sys.stdout) -> dict:
    parser = argparse.ArgumentParser(prog="zwfw bench submit")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args(argv)
    kinds = [args.only] if args.only else ["sqlite", "postgresql"]
    results = {}
    with tempfile.TemporaryDirectory(prefix="zwfw-bench-submit-") as tmp:
        for kind in kinds:
            results[kind] = run_one(kind, clients=args.clients, seconds=args.seconds, warmup=args.warmup,
                                    workers=args.workers, scratch=Path(tmp))
            r = results[kind]
            stdout.write(f"{kind:<11} {r['submissions_per_s']:>7} 件/s  中位 {r['median_ms']} ms  p95 {r['p95_ms']} ms  "
                         f"错误 {r['errors']}  | 单行提交插入 {r['db_inserts_per_s']}/s  比值 {r['ratio_to_inserts']}\n")
    summary = {"bench": "submit", "clients": args.clients, "workers": args.workers, "seconds": args.seconds,
               "load_average": os.getloadavg()[0], **results}
    stdout.write(json.dumps(summary, ensure_ascii=False) + "\n")
    return summary
