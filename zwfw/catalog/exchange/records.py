"""Plain records of published items: what the export writes, as Excel rows or as JSON.

A record holds stored values (codes, not labels) keyed by the template's field names, so the
Excel writer only has to format them and the JSON export can return them as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db.models import QuerySet

from .. import selectors
from ..models import FeeItem, ItemVersion, Material, ProcessStep, ServiceItem, SpecialProcedure
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
    """The published catalog in scope (current versions of active items)."""
    return (selectors.item_list(viewer=viewer, region=region, department=department)
            .select_related("parent__department", "department"))


def _children(version_ids: list[int]) -> dict[int, dict[str, list[dict]]]:
    """Child rows and theme codes of many versions, as plain values (no model instances: the
    export of a whole county reads tens of thousands of rows)."""
    out: dict[int, dict[str, list]] = {vid: {s.key: [] for s in CHILD_SHEETS} | {"themes": []} for vid in version_ids}
    for sheet in CHILD_SHEETS:
        fields = [c.field for c in sheet.columns if c.field != "key"]
        rows = (CHILD_QUERIES[sheet.key].objects.filter(version_id__in=version_ids)
                .order_by("version_id", "position", "id").values("version_id", *fields))
        for row in rows:
            out[row.pop("version_id")][sheet.key].append(row)
    for children in out.values():
        # Stored positions are sort keys (they start at 0); the file numbers rows as people do, from 1.
        for sheet in CHILD_SHEETS:
            for number, row in enumerate(children[sheet.key], start=1):
                if "position" in row:
                    row["position"] = number
    through = ItemVersion.themes.through.objects.filter(itemversion_id__in=version_ids)
    for vid, code in through.order_by("theme__code").values_list("itemversion_id", "theme__code"):
        out[vid]["themes"].append(code)
    return out


def item_record(item: ServiceItem, children: dict[str, list] | None = None) -> dict:
    version = item.current_version
    if children is None:
        children = _children([version.pk])[version.pk]
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
    record.update(children)
    return record


def _batched(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def item_records(items: Iterable[ServiceItem], chunk_size: int = 500) -> Iterator[dict]:
    """Records of `items`, reading children a chunk of items at a time."""
    if isinstance(items, QuerySet):
        items = items.iterator(chunk_size=chunk_size)
    for chunk in _batched(items, chunk_size):
        children = _children([i.current_version_id for i in chunk])
        for item in chunk:
            yield item_record(item, children[item.current_version_id])


JSON_IDENTITY = ("key", "department", "department_name", "base_code", "implementation_code", "sub_code",
                 "local_code", "parent", "variant", "version_number", "effective_on", "themes")


def record_json(record: dict) -> dict:
    """The JSON shape of a record: identity, `guide` (every guide element) and the child lists."""
    children = [s.key for s in CHILD_SHEETS]
    out = {k: record[k] for k in JSON_IDENTITY}
    out["guide"] = {k: v for k, v in record.items() if k not in JSON_IDENTITY and k not in children}
    out.update({k: record[k] for k in children})
    return out
