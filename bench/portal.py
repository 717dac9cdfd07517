"""`zwfw bench portal [-- --database-url=postgres://… --seconds=3 --rounds=3 --clients=1,8,32]`.

Serves the demo county (a throwaway database: a temporary SQLite file, or with --database-url a
scratch PostgreSQL database `zwfw_bench_portal` on that server, dropped afterwards) with gunicorn,
2 sync workers, as `gunicorn config.wsgi` would, plus one trivial view (bench/_portal_urls.py),
and loads it with N concurrent clients (threads, one connection per request: sync workers do not
keep connections alive). For each page — home, a guide page, the guide search, a cached guide
PDF, the OpenAPI document and the catalog search API — and each client count it prints requests
per second, p95 latency and the ratio of the page's rate to the trivial view's rate measured in
the same round. Each cell is measured --rounds times (interleaved, so a noisy neighbour spreads
over all pages); the figures are the medians. The last line is a JSON object of the figures.

Targets (issue 12 point 15): home and guide pages ≥ 0.25 of the trivial view's rate, the guide
search ≥ 0.15.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

SCRATCH_DB = "zwfw_bench_portal"
WORKERS = 2
TARGETS = {"home": 0.25, "guide": 0.25, "guide_search": 0.15}
GUIDE_NAMES = ("户口迁移审批", "中国内地公民婚姻登记", "居民身份证办理（包括临时）", "最低生活保障", "残疾人证新办",
               "公司设立登记", "个体工商户设立登记", "教师资格认定", "社会保障卡申领", "《出生医学证明》首次签发")
SEARCHES = ("户口", "婚姻登记", "身份证", "低保", "营业执照", "个体工商户", "教师资格", "社会保障卡", "医保", "施工许可",
            "不动产登记", "食品经营")


def _option(argv: list[str], name: str, default: str | None = None) -> str | None:
    for i, arg in enumerate(argv):
        if arg.startswith(f"{name}="):
            return arg.split("=", 1)[1]
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
    return default


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ScratchSite:
    """A migrated database holding the demo county, and a gunicorn serving it."""

    def __init__(self, url: str | None, out):
        self.url, self.out = url, out
        self.tmp = Path(tempfile.mkdtemp(prefix="zwfw-bench-portal-"))
        self.port = _free_port()
        self.server: subprocess.Popen | None = None
        if url:
            import dj_database_url

            self.admin = dj_database_url.parse(url)
            base = url.rsplit("/", 1)[0]
            self.db_url = f"{base}/{SCRATCH_DB}"
        else:
            self.db_url = f"sqlite:///{self.tmp / 'bench.sqlite3'}"
        self.env = {**os.environ, "DATABASE_URL": self.db_url, "DJANGO_SETTINGS_MODULE": "bench._portal_settings",
                    "ZWFW_PRIVATE_FILES_ROOT": str(self.tmp / "private"), "ZWFW_MEDIA_ROOT": str(self.tmp / "media"),
                    "ZWFW_AUDIT_CHECKPOINT": f"file://{self.tmp / 'checkpoints.jsonl'}", "ZWFW_DEBUG": "0",
                    "ZWFW_LOG_LEVEL": "WARNING", "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}

    def _admin_execute(self, sql: str) -> None:
        import psycopg

        a = self.admin
        conninfo = {"host": a.get("HOST") or None, "port": a.get("PORT") or None, "user": a.get("USER") or None,
                    "password": a.get("PASSWORD") or None, "dbname": "postgres"}
        with psycopg.connect(**{k: v for k, v in conninfo.items() if v}, autocommit=True) as conn:
            conn.execute(sql)

    def _zwfw(self, *args: str) -> None:
        subprocess.run([sys.executable, "-m", "django", *args], env=self.env, check=True, stdout=subprocess.DEVNULL)

    def __enter__(self):
        if self.url:
            self._admin_execute(f'DROP DATABASE IF EXISTS "{SCRATCH_DB}"')
            self._admin_execute(f'CREATE DATABASE "{SCRATCH_DB}"')
        t = time.perf_counter()
        self._zwfw("migrate", "--no-input", "-v", "0")
        self._zwfw("demo")
        self.out.write(f"demo loaded in {time.perf_counter() - t:.0f} s\n")
        gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
        self.server = subprocess.Popen(
            [gunicorn, "config.wsgi:application", "--workers", str(WORKERS), "--worker-class", "sync",
             "--bind", f"127.0.0.1:{self.port}", "--backlog", "512", "--log-level", "warning"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for _ in range(300):
            try:
                if self.get("/__bench/trivial")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        if self.server is not None:
            self.server.terminate()  # our own child, by its handle
            try:
                self.server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.server.kill()
        if self.url:
            try:
                self._admin_execute(f'DROP DATABASE IF EXISTS "{SCRATCH_DB}"')
            except Exception as error:  # noqa: BLE001 - report, keep the figures
                self.out.write(f"could not drop {SCRATCH_DB}: {error}\n")
        shutil.rmtree(self.tmp, ignore_errors=True)

    def get(self, path: str) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request("GET", path, headers={"Host": "127.0.0.1"})
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()


def _guide_paths(site: ScratchSite) -> list[str]:
    """Guide pages of the named demo items (found through the search API), each once warmed."""
    paths = []
    for name in GUIDE_NAMES:
        status, body = site.get(f"/api/v1/catalog/search?q={quote(name)}")
        rows = json.loads(body).get("results", []) if status == 200 else []
        match = next((r for r in rows if r.get("name") == name), rows[0] if rows else None)
        if match:
            paths.append(f"/guide/{match['item_id']}/")
    if not paths:
        raise RuntimeError("no demo guide found through the search API")
    return paths


def _load(site: ScratchSite, paths: list[str], clients: int, seconds: float) -> dict:
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    stop = time.perf_counter() + seconds

    def client(n: int) -> None:
        i = n
        while time.perf_counter() < stop:
            path = paths[i % len(paths)]
            i += clients
            t = time.perf_counter()
            try:
                status, _ = site.get(path)
            except OSError:
                status = 0
            latencies[n].append(time.perf_counter() - t)
            if status != 200:
                errors[n] += 1

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - start
    flat = [x for xs in latencies for x in xs]
    return {"rps": len(flat) / elapsed, "p95_ms": _pct(flat, 0.95) * 1000, "errors": sum(errors)}


def _run(site: ScratchSite, *, clients: list[int], seconds: float, rounds: int, out) -> dict:
    guides = _guide_paths(site)
    pages = {
        "trivial": ["/__bench/trivial"],
        "home": ["/"],
        "guide": guides,
        "guide_search": [f"/guide/?q={quote(q)}" for q in SEARCHES],
        "guide_pdf": [p + "pdf" for p in guides],
        "openapi": ["/api/v1/openapi.json"],
        "search_api": [f"/api/v1/catalog/search?q={quote(q)}" for q in SEARCHES],
    }
    for name, paths in pages.items():  # warm: first renders, PDFs stored, caches filled
        for path in paths:
            for _ in range(WORKERS * 2):
                status, _ = site.get(path)
                if status != 200:
                    raise RuntimeError(f"{name} {path}: HTTP {status}")
    samples: dict = {c: {name: [] for name in pages} for c in clients}
    for r in range(rounds):
        for c in clients:
            for name, paths in pages.items():
                samples[c][name].append(_load(site, paths, c, seconds))
        out.write(f"round {r + 1}/{rounds} done\n")
    figures: dict = {}
    for c in clients:
        trivial_rates = [s["rps"] for s in samples[c]["trivial"]]
        for name, runs in samples[c].items():
            ratios = [s["rps"] / t for s, t in zip(runs, trivial_rates, strict=True)]
            figures.setdefault(name, {})[str(c)] = {
                "rps": round(statistics.median(s["rps"] for s in runs), 1),
                "p95_ms": round(statistics.median(s["p95_ms"] for s in runs), 1),
                "ratio": round(statistics.median(ratios), 3),
                "errors": sum(s["errors"] for s in runs),
            }
    return figures


def main(argv: list[str], stdout) -> dict:
    url = _option(argv, "--database-url")
    seconds = float(_option(argv, "--seconds", "3"))
    rounds = int(_option(argv, "--rounds", "3"))
    clients = [int(c) for c in _option(argv, "--clients", "1,8,32").split(",")]
    vendor = "postgresql" if url else "sqlite"
    stdout.write(f"database: {vendor}; gunicorn {WORKERS} sync workers; {rounds} rounds × {seconds:g} s per cell\n")
    with ScratchSite(url, stdout) as site:
        figures = _run(site, clients=clients, seconds=seconds, rounds=rounds, out=stdout)
    stdout.write(f"{'page':<13}" + "".join(f"{f'{c} clients: req/s  p95 ms  ratio':>34}" for c in clients) + "\n")
    for name, by_c in figures.items():
        stdout.write(f"{name:<13}" + "".join(
            f"{by_c[str(c)]['rps']:>17.1f} {by_c[str(c)]['p95_ms']:>7.1f} {by_c[str(c)]['ratio']:>7.3f}  "
            for c in clients) + "\n")
    top = str(max(clients))
    met = {name: figures[name][top]["ratio"] >= target for name, target in TARGETS.items()}
    stdout.write("targets at " + top + " clients: " + ", ".join(
        f"{name} ≥ {TARGETS[name]}: {'met' if ok else 'NOT met'}" for name, ok in met.items()) + "\n")
    result = {"database": vendor, "workers": WORKERS, "rounds": rounds, "seconds": seconds, "clients": clients,
              "pages": figures, "targets_met": met}
    stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    return result
