"""The real catalog of 广安市广安区 (1,135 items, sources/guangan/items_flat.csv), enriched.

The file has department, name, type and the Sichuan local code only. Codes are derived as:
- department credit code: the most frequent valid unified social credit code (GB 32100) among
  the row's `deptCode` and the credit-code segment of `itemCode`, preferring 11… (党政机关) codes;
  the `deptCode` column alone is unreliable (e.g. 区教科体局 083372204 is a 9-digit organisation
  code whose credit code 115113010833722043 appears inside itemCode). 区烟草专卖局 has none.
- base code: the itemCode's first segment when it is already 12 digits/capitals; otherwise a
  synthetic 12-character code "X" + 11 digits of SM3(local code). The local code is kept as is.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

from django.db import transaction
from stdnum.cn import uscc

from zwfw.core import clock
from zwfw.core.audit import audit_record

from ..models import CatalogLevel, ServiceItem
from ..services.drafting import LEVEL_OF_REGION
from ..themes import themes_for_name
from ..validators import BASE_CODE_RE, implementation_code_compose
from .bulk import ItemSpec, VersionSpec, bulk_publish
from .enrichment import demo_guide

CSV_PATH = Path(__file__).resolve().parent.parent / "sources" / "guangan" / "items_flat.csv"
# taskType of the Sichuan platform -> national two-digit type code (C 0102—2018)
TASK_TYPE_CODES = {"1": "01", "2": "02", "3": "03", "4": "04", "5": "05", "6": "06", "7": "07", "8": "08",
                   "9": "09", "10": "10", "20": "20"}


@cache
def guangan_rows() -> tuple[dict, ...]:
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def _credit_segment(row: dict) -> str:
    # itemCode = <local base>-<area>-000-<credit code>-<n>-<nn>
    parts = row["itemCode"].rsplit("-", 3)
    return parts[1] if len(parts) == 4 else ""


def guangan_departments() -> list[tuple[str, str | None]]:
    """De-duplicated (department name, credit code or None), in order of first appearance."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for row in guangan_rows():
        counter = seen[row["department"]]
        for code in (row["deptCode"], _credit_segment(row)):
            code = code.strip().upper()
            if uscc.is_valid(code):
                counter[code] += 1
    result = []
    for name, counter in seen.items():
        ranked = sorted(counter.items(), key=lambda kv: (not kv[0].startswith("11"), -kv[1], kv[0]))
        result.append((name, ranked[0][0] if ranked else None))
    return result


def guangan_base_code(row: dict) -> str:
    local = row["itemCode"]
    head = local.split("-" + row["areaCode"])[0] if row["areaCode"] in local else local.split("-")[0]
    if BASE_CODE_RE.fullmatch(head):
        return head
    digest = int(hashlib.new("sm3", local.encode("utf-8")).hexdigest(), 16)
    return "X" + f"{digest % 10**11:011d}"


def catalog_load_guangan(*, actor, region, departments_by_name: dict, now=None) -> dict:
    """Create the published demo items of 广安区 that are not there yet (by local code).

    Idempotent; one summary audit event per load instead of one per item (ADR 0011)."""
    now = now or clock.now()
    level = LEVEL_OF_REGION[region.level]
    existing = set(ServiceItem.objects.filter(region=region).values_list("local_code", flat=True))
    specs, by_type, missing = [], Counter(), set()
    for row in guangan_rows():
        if row["itemCode"] in existing:
            continue
        department = departments_by_name.get(row["department"])
        if department is None:
            missing.add(row["department"])
            continue
        item_type = TASK_TYPE_CODES[row["taskType"]]
        base_code = guangan_base_code(row)
        code = (implementation_code_compose(credit_code=department.credit_code, level=level, base_code=base_code)
                if department.credit_code else None)
        item = ServiceItem(catalog_level=CatalogLevel.IMPLEMENTATION, region=region, department=department,
                           level=level, base_code=base_code, implementation_code=code, local_code=row["itemCode"])
        fields, children = demo_guide(item_type=item_type, name=row["name"].strip(), department=row["department"])
        specs.append(ItemSpec(item=item, versions=[
            VersionSpec(fields, children["materials"], children["steps"], children["special_procedures"],
                        themes=themes_for_name(row["name"].strip()), fee_items=children["fee_items"])
        ]))
        by_type[item_type] += 1
    with transaction.atomic():
        if specs:
            bulk_publish(actor=actor, now=now, specs=specs)
        summary = {"created": len(specs), "skipped": len(existing & {r["itemCode"] for r in guangan_rows()}),
                   "by_type": dict(sorted(by_type.items())), "missing_departments": sorted(missing)}
        if specs:  # a run that adds nothing records nothing
            audit_record(actor=actor, action="catalog.demo.load_guangan", object_type="organizations.region",
                         object_id=region.code, object_repr=f"{region.name} 事项目录（演示）", changes=summary,
                         now=now)
    return summary
