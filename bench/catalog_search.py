"""`zwfw bench catalog-search [ITEMS] [-- --database-url=postgres://…]`: catalog search timings.

Builds a throwaway database (a temporary SQLite file, or with --database-url a scratch
PostgreSQL database `zwfw_bench` on that server, dropped afterwards) holding a generated catalog
of ITEMS (default 100,000) published items with realistic Chinese names (bench/_catalog_data.py),
indexes it like `zwfw catalog reindex`, then times `catalog_search` end to end (parse, query,
count, highlight) over a deterministic mix of queries: 1 character, 2 characters (户籍, 登记,
社保 …), 3–6 characters, several words, and browsing (no query), each with and without filters.
Prints p50/p95 per class and overall; the last line is a JSON object of the figures.
(The `zwfw bench` dispatcher passes options only after `--`.)
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

QUERIES = {
    "1-char": ["证", "税", "户", "医", "婚"],
    "2-char": ["户籍", "登记", "社保", "医保", "许可", "备案", "审批", "婚姻", "注销", "变更", "补办", "收养"],
    "3-6-char": ["不动产", "公积金", "食品经营", "建设工程", "营业执照", "道路运输", "出生医学证明", "养老保险",
                 "最低生活保障", "个体工商户", "施工图设计", "户口迁移"],
    "multi-word": ["不动产 登记", "食品 经营 许可", "户籍 迁入", "结婚登记", "社保 缴费", "医保 待遇",
                   "个体工商户 注销", "公积金 提取", "建设工程 消防设计 验收"],
    "browse": [""],
}
SEED = 20261123
SCRATCH_DB = "zwfw_bench"


def _option(argv: list[str], name: str) -> str | None:
    for i, arg in enumerate(argv):
        if arg.startswith(f"{name}="):
            return arg.split("=", 1)[1]
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
    return None


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class ScratchDatabase:
    """Points Django's default connection at a new empty database and back again."""

    def __init__(self, url: str | None, keep: bool = False):
        import dj_database_url

        from config.settings.database import _sqlite_options

        self.url, self.tmp, self.keep = url, None, keep
        if url:
            self.config = dj_database_url.parse(url)
            self.admin = dict(self.config)
            self.config["NAME"] = SCRATCH_DB
        else:
            self.tmp = Path(tempfile.mkdtemp(prefix="zwfw-bench-"))
            self.config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(self.tmp / "bench.sqlite3"),
                           "OPTIONS": _sqlite_options()}

    def _admin_execute(self, sql: str) -> None:
        import psycopg

        conninfo = {"host": self.admin.get("HOST") or None, "port": self.admin.get("PORT") or None,
                    "user": self.admin.get("USER") or None, "password": self.admin.get("PASSWORD") or None,
                    "dbname": "postgres"}
        with psycopg.connect(**{k: v for k, v in conninfo.items() if v}, autocommit=True) as conn:
            conn.execute(sql)

    def __enter__(self):
        from django.db import connections

        if self.url:
            self._admin_execute(f'DROP DATABASE IF EXISTS "{SCRATCH_DB}"')
            self._admin_execute(f'CREATE DATABASE "{SCRATCH_DB}"')
        connections.close_all()
        self.saved = connections.settings["default"]
        connections.settings["default"] = connections.configure_settings({"default": self.config})["default"]
        del connections["default"]
        return self

    def __exit__(self, *exc):
        from django.db import connections

        connections["default"].close()
        connections.settings["default"] = self.saved
        del connections["default"]
        if self.keep:  # --keep: left for inspection
            return
        if self.url:
            self._admin_execute(f'DROP DATABASE IF EXISTS "{SCRATCH_DB}"')
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)


def _build(items: int) -> dict:
    from django.core.management import call_command
    from django.db import connection, transaction

    from zwfw.catalog.models import ItemVersion, ServiceItem, Theme, ThemeKind, VersionStatus
    from zwfw.catalog.search import search_reindex
    from zwfw.catalog.services.state import VERSION_STATES
    from zwfw.core import clock
    from zwfw.organizations.models import Department, Region

    from ._catalog_data import CONDITIONS, RESULTS, department_names, generated_names

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    t_migrate = time.perf_counter() - t0
    rng, now = random.Random(SEED), clock.now()
    with transaction.atomic():
        city = Region.objects.create(code="511600000000", name="广安市", level="city")
        counties = [Region.objects.create(code=f"5116{n:02d}000000", name=f"县{n}", level="county", parent=city)
                    for n in range(1, 11)]
        depts = Department.objects.bulk_create(
            Department(region=c, code=f"d{i}", name=name) for c in counties
            for i, name in enumerate(department_names()))
        themes = Theme.objects.bulk_create(
            Theme(code=f"T{i:02d}", name=name, kind=ThemeKind.LIFE_EVENT if i >= 6 else ThemeKind.THEME)
            for i, name in enumerate(["婚育收养", "纳税缴费", "社会保障", "就业创业", "不动产", "交通出行",
                                      "出生", "上学", "就业", "退休", "开办企业", "注销企业"]))
        names = generated_names(items, SEED)
        item_rows = []
        for n in range(items):
            dept = rng.choice(depts)
            item_rows.append(ServiceItem(catalog_level="implementation", region_id=dept.region_id, department=dept,
                                         level="4", base_code=f"X{n:011d}", local_code=f"B{n}", created_at=now))
        ServiceItem.objects.bulk_create(item_rows, batch_size=2000)
        versions = [
            ItemVersion(item=item, number=1, created_at=now, name=name,
                        item_type=item_type, audience=["1"] if rng.random() < 0.6 else ["2", "3"],
                        conditions=CONDITIONS[item_type], result_name=RESULTS[item_type], effective_on=clock.today(now))
            for item, (name, item_type) in zip(item_rows, names, strict=True)
        ]
        ItemVersion.objects.bulk_create(versions, batch_size=2000)
        through = ItemVersion.themes.through
        through.objects.bulk_create(
            (through(itemversion_id=v.pk, theme_id=rng.choice(themes).pk) for v in versions if rng.random() < 0.5),
            batch_size=5000)
        VERSION_STATES.move_many(ItemVersion.objects.all(), action="load", source=VersionStatus.DRAFT,
                                 to=VersionStatus.PUBLISHED, published_at=now)
        with connection.cursor() as cursor:
            cursor.execute("UPDATE catalog_serviceitem SET current_version_id = (SELECT v.id FROM catalog_itemversion v"
                           " WHERE v.item_id = catalog_serviceitem.id)")
    t_data = time.perf_counter() - t0 - t_migrate
    indexed = search_reindex(now=now)
    with connection.cursor() as cursor:  # a skewed popularity, as case counts would be
        cursor.execute("UPDATE catalog_catalogsearchentry SET popularity = (item_id * 7919) % 997 * (item_id % 3)")
        cursor.execute("ANALYZE")
    t_index = time.perf_counter() - t0 - t_migrate - t_data
    return {"indexed": indexed, "migrate_s": round(t_migrate, 1), "data_s": round(t_data, 1),
            "index_s": round(t_index, 1), "departments": [d.pk for d in depts], "themes": [t.pk for t in themes]}


def _plan(built: dict, rounds: int) -> list[tuple[str, dict]]:
    """(class, catalog_search kwargs): every query of every class, with a filter in about half."""
    rng = random.Random(SEED + 1)
    plan = []
    for _ in range(rounds):
        for cls, queries in QUERIES.items():
            for q in queries:
                kwargs = {"query": q}
                pick = rng.random()
                if pick < 0.2 or cls == "browse" and pick < 0.6:
                    kwargs["department"] = rng.choice(built["departments"])
                elif pick < 0.35:
                    kwargs["item_type"] = rng.choice(["01", "07", "20", "10", "05"])
                elif pick < 0.45:
                    kwargs["theme"] = rng.choice(built["themes"])
                elif pick < 0.55:
                    kwargs["audience"] = rng.choice(["person", "enterprise"])
                if rng.random() < 0.1:
                    kwargs["page"] = rng.randint(2, 3)
                plan.append((cls, kwargs))
    rng.shuffle(plan)
    return plan


def main(argv: list[str], stdout) -> dict:
    items = int(next((a for a in argv if a.isdigit()), 100_000))
    rounds = int(_option(argv, "--rounds") or 20)
    url = _option(argv, "--database-url")
    from zwfw.catalog.search import catalog_search

    with ScratchDatabase(url, keep="--keep" in argv) as scratch:
        from django.db import connection

        vendor = scratch.config["ENGINE"].rsplit(".", 1)[-1]
        stdout.write(f"database: {vendor} (scratch {scratch.config['NAME']}); generating {items:,} items …\n")
        built = _build(items)
        stdout.write(f"built in {built['migrate_s']} s migrate + {built['data_s']} s data + "
                     f"{built['index_s']} s index ({built['indexed']:,} entries)\n")
        plan = _plan(built, rounds)
        for _cls, kwargs in plan[:50]:  # warm caches (jieba dictionary, statement cache, pages)
            catalog_search(**kwargs)
        times: dict[str, list[float]] = {cls: [] for cls in QUERIES}
        totals: dict[str, list[int]] = {cls: [] for cls in QUERIES}
        capped: dict[str, int] = dict.fromkeys(QUERIES, 0)
        for cls, kwargs in plan:
            t = time.perf_counter()
            page = catalog_search(**kwargs)
            times[cls].append((time.perf_counter() - t) * 1000)
            totals[cls].append(page.total)
            capped[cls] += page.total_capped
        connection.close()
    everything = [t for ts in times.values() for t in ts]
    figures = {
        "database": vendor, "items": items, "queries": len(everything),
        "p50_ms": round(statistics.median(everything), 2), "p95_ms": round(_pct(everything, 0.95), 2),
        "max_ms": round(max(everything), 2),
        "by_class": {cls: {"n": len(ts), "p50_ms": round(statistics.median(ts), 2),
                           "p95_ms": round(_pct(ts, 0.95), 2), "median_hits": int(statistics.median(totals[cls])),
                           "capped_pct": round(100 * capped[cls] / len(ts))}
                     for cls, ts in times.items()},
        "build_s": {"migrate": built["migrate_s"], "data": built["data_s"], "index": built["index_s"]},
    }
    # Totals above ranking.CAP are reported as CAP ("1000+"): "capped" is the share of such queries.
    stdout.write(f"{'class':<12} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'median hits':>12} {'capped':>7}\n")
    for cls, row in figures["by_class"].items():
        stdout.write(f"{cls:<12} {row['n']:>5} {row['p50_ms']:>8.2f} {row['p95_ms']:>8.2f} {row['median_hits']:>12,}"
                     f" {row['capped_pct']:>6}%\n")
    stdout.write(f"{'all':<12} {len(everything):>5} {figures['p50_ms']:>8.2f} {figures['p95_ms']:>8.2f}"
                 f"   (target p95 ≤ 50 ms)\n")
    stdout.write(json.dumps(figures, ensure_ascii=False) + "\n")
    return figures
