"""The 4 real items of 灵山县 (sources/lingshan/items.json) with their real fields, verbatim.

Nothing is enriched here: what the platform payload lacks (e.g. legal basis of most items) stays
empty, and the real contradiction of item 2 (66 vs "20个工作日") is kept for the lint to find.
Item 3's promised limit changed between platform versions 7 and 8 (10 → 8 working days): it is
loaded as two published versions. Item 4 shares item 3's implementation code and differs by its
业务办理项编码 (…02): it is loaded as a sub-item of item 3.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from django.db import transaction

from zwfw.core import clock
from zwfw.core.audit import audit_record

from ..models import CatalogLevel, LimitUnit, MaterialSource, ServiceItem, SpecialProcedureKind
from ..themes import themes_for_name
from .bulk import ItemSpec, VersionSpec, bulk_publish

JSON_PATH = Path(__file__).resolve().parent.parent / "sources" / "lingshan" / "items.json"
UNITS = {"1": LimitUnit.WORKING_DAYS, "2": LimitUnit.NATURAL_DAYS}  # anticipate_type / promise_type


@cache
def lingshan_payload() -> dict:
    return json.loads(JSON_PATH.read_text(encoding="utf-8"))


def lingshan_departments() -> list[tuple[str, str | None]]:
    """(name, credit code) of the departments; the code is the first 18 characters of task_code."""
    result: dict[str, str] = {}
    for raw in lingshan_payload()["items"]:
        result.setdefault(raw["dept_name"], raw.get("dept_code") or raw["task_code"][:18])
    return list(result.items())


def _material(raw: dict) -> dict:
    source_note = raw.get("source_explain", "")
    return {
        "name": raw["material_name"],
        "requirement": "required" if raw.get("is_need", "1") == "1" else "conditional",
        "original_count": raw.get("original_amount") or 0,
        "copy_count": raw.get("copy_amount") or 0,
        "page_format": raw.get("page_format", ""),
        "source": MaterialSource.APPLICANT,
        "source_note": source_note,
        "legal_basis": raw.get("by_law", ""),
    }


def _special(raw: dict) -> dict:
    desc = raw["special_desc"]
    kind = SpecialProcedureKind.EXPERT_REVIEW if desc.startswith(("机构评审", "专家评审")) else SpecialProcedureKind.OTHER
    return {"kind": kind, "description": desc, "duration": raw["special_date"],
            "duration_unit": UNITS[raw.get("special_date_type", "1")], "department_name": raw.get("special_dept", "")}


def _promised_values(raw) -> list[int]:
    """"10 (task_version 7) / 8 (task_version 8)" -> [10, 8]; 5 -> [5]."""
    if isinstance(raw, int):
        return [raw]
    return [int(n) for n in re.findall(r"(\d+)\s*\(task_version", raw)]


def _fields(raw: dict, promised: int) -> dict:
    window = raw.get("window", {})
    return {
        "name": raw["task_name"],
        "item_type": raw["task_type"],
        "legal_basis": "",
        "conditions": raw.get("accept_condition", ""),
        "statutory_limit": raw.get("anticipate_day"),
        "statutory_limit_unit": UNITS[raw.get("anticipate_type", "1")],
        "statutory_limit_note": raw.get("anticipate_day_explain", ""),
        "promised_limit": promised,
        "promised_limit_unit": UNITS[raw.get("promise_type", "1")],
        "promised_limit_note": raw.get("promise_day_explain", ""),
        "fee_charged": raw.get("is_fee") == "1",
        "max_visits": int(raw["limit_scene_num"]) if raw.get("limit_scene_num") else None,
        "result_name": raw.get("result_name", ""),
        "review_remedy": raw.get("reconsiderat", ""),
        "address": " ".join(filter(None, [window.get("window_name", ""), window.get("transact_addr", "")])),
        "hours": window.get("transact_time", ""),
        "consultation_channels": f"咨询电话：{window['window_tel']}" if window.get("window_tel") else "",
        "change_summary": f"灵山县政务服务平台 task_version {raw.get('task_version', '')}".strip(),
    }


def catalog_load_lingshan(*, actor, region, departments_by_name: dict, now=None) -> dict:
    """Create the 4 published 灵山 items that are not there yet. Idempotent."""
    now = now or clock.now()
    specs, keys_by_code = [], {}
    exists = set(ServiceItem.objects.filter(region=region).values_list("implementation_code", "sub_code"))
    for raw in lingshan_payload()["items"]:
        code = raw["task_code"]
        sub_code = raw["ywcode"][-2:] if raw.get("ywcode") else ""
        if (code, sub_code) in exists:
            continue
        item = ServiceItem(catalog_level=CatalogLevel.IMPLEMENTATION, region=region,
                           department=departments_by_name[raw["dept_name"]], level=code[18], base_code=code[19:],
                           implementation_code=code, sub_code=sub_code, local_code=raw.get("ywcode", code))
        versions = [
            VersionSpec(_fields(raw, promised), [_material(m) for m in raw.get("materials", [])], [],
                        [_special(s) for s in raw.get("special_procedures", [])],
                        themes=themes_for_name(raw["task_name"]))
            for promised in _promised_values(raw["promise_day"])
        ]
        parent_key = keys_by_code.get(code) if sub_code else None
        key = "" if sub_code else code
        if key:
            keys_by_code[code] = key
        specs.append(ItemSpec(item=item, versions=versions, parent_key=parent_key, key=key))
    with transaction.atomic():
        if specs:
            bulk_publish(actor=actor, now=now, specs=specs)
        summary = {"created": len(specs), "codes": [s.item.implementation_code + s.item.sub_code for s in specs]}
        if specs:  # a run that adds nothing records nothing
            audit_record(actor=actor, action="catalog.demo.load_lingshan", object_type="organizations.region",
                         object_id=region.code, object_repr=f"{region.name} 事项目录（演示）", changes=summary,
                         now=now)
    return summary
