"""Plain records of published items: what the export writes, as Excel rows or as JSON.

A record holds stored values (codes, not labels) keyed by the template's field names, so the
Excel writer only has to format them and the JSON export can return them as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet

from .. import selectors
from ..models import FeeItem, Material, ProcessStep, ServiceItem, SpecialProcedure
from .columns import CHILD_SHEETS, GUIDE_COLUMNS

CHILD_QUERIES = {
    "materials": Material, "steps": ProcessStep, "special_procedures": SpecialProcedure, "fee_items": FeeItem,
}


def item_key(item: ServiceItem) -> str:
    """The stable key of an item in exchange files: implementation code + 业务办理项编码; items of
    a department without a credit code have no implementation code and use base code @ department code."""
    if item.implementation_code:
        return f"{item.implementation_code}{item.sub_code}"
    department_code = item.department.code if item.department_id else item.region_id
    return f"{item.base_code}{item.sub_code}@{department_code}"


def export_queryset(*, viewer, region=None, department=None) -> QuerySet[ServiceItem]:
    """The published catalog in scope (current versions of active items), with everything the
    export reads fetched in a fixed number of queries."""
    prefetches = [
        Prefetch(f"current_version__{key}", queryset=model.objects.order_by("position", "id"))
        for key, model in CHILD_QUERIES.items()
    ]
    return (selectors.item_list(viewer=viewer, region=region, department=department)
            .select_related("parent__department", "department")
            .prefetch_related(*prefetches, "current_version__themes"))


def item_record(item: ServiceItem) -> dict:
    version = item.current_version
    record = {
        "key": item_key(item),
        "department": item.department.credit_code if item.department_id else None,
        "department_name": item.department.name if item.department_id else "",
        "base_code": item.base_code,
        "implementation_code": item.implementation_code,
        "sub_code": item.sub_code,
        "local_code": item.local_code,
        "parent": item_key(item.parent) if item.parent_id else None,
        "variant": item.variant,
        "version_number": version.number,
        "effective_on": version.effective_on.isoformat() if version.effective_on else None,
    }
    for column in GUIDE_COLUMNS:
        record[column.field] = getattr(version, column.field)
    record["themes"] = sorted(t.code for t in version.themes.all())
    for sheet in CHILD_SHEETS:
        fields = [c.field for c in sheet.columns if c.field != "key"]
        record[sheet.key] = [{name: getattr(row, name) for name in fields}
                             for row in getattr(version, sheet.key).all()]
    return record


def item_records(items: Iterable[ServiceItem], chunk_size: int = 500) -> Iterator[dict]:
    if isinstance(items, QuerySet):
        items = items.iterator(chunk_size=chunk_size)
    for item in items:
        yield item_record(item)


JSON_IDENTITY = ("key", "department", "department_name", "base_code", "implementation_code", "sub_code",
                 "local_code", "parent", "variant", "version_number", "effective_on", "themes")


def record_json(record: dict) -> dict:
    """The JSON shape of a record: identity, `guide` (every guide element) and the child lists."""
    children = [s.key for s in CHILD_SHEETS]
    out = {k: record[k] for k in JSON_IDENTITY}
    out["guide"] = {k: v for k, v in record.items() if k not in JSON_IDENTITY and k not in children}
    out.update({k: record[k] for k in children})
    return out
