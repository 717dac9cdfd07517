"""Run the rules over the published catalog of a region."""

from __future__ import annotations

from ..models import ItemVersion
from ..selectors import item_list
from .rules import lint_version


def catalog_lint(*, viewer, region=None) -> list[dict]:
    """One row per finding on the current published version of each item in scope."""
    items = item_list(viewer=viewer, region=region)
    versions = (ItemVersion.objects.filter(pk__in=items.values("current_version"))
                .select_related("item__department").prefetch_related("materials", "fee_items", "steps", "form_fields")
                .order_by("item__department_id", "item__base_code", "item__sub_code", "item_id"))
    rows = []
    for version in versions.iterator(chunk_size=500):
        for finding in lint_version(version):
            rows.append({
                "item_id": version.item_id, "version_id": version.pk, "name": version.name,
                "department": version.item.department.name if version.item.department_id else "",
                "implementation_code": version.item.implementation_code or "",
                "code": finding.code, "field": finding.field, "message": finding.message,
            })
    return rows
