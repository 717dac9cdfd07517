"""Reads of the catalog, always scoped to the viewer.

Published versions are public (七公开). Versions in the making are visible to the item's
editors, to the reviewers of its chain and to the region's catalog reviewers, and to whoever's
catalog scope covers the item (supervisor, department head, system administrator: they list it
on their catalog pages, so they may open it; they act on none of it).
"""

from __future__ import annotations

from django.db.models import QuerySet

from zwfw.core.errors import NotFound, ValidationFailed

from .in_force import ClockTerms, version_clock_terms, version_in_force, version_scheduled  # noqa: F401
from .models import ItemStatus, ItemVersion, ServiceItem, VersionStatus
from .scope import scope_covers_item
from .services.permissions import can_edit_item, can_publish, can_review_step, review_chain_steps
from .snapshots import snapshot_diff, version_snapshot


def can_view_version(viewer, version: ItemVersion) -> bool:
    if version.status == VersionStatus.PUBLISHED:
        return True
    if viewer is None or not viewer.is_authenticated:
        return False
    item = version.item
    if can_edit_item(viewer, item) or can_publish(viewer, item):
        return True
    if any(can_review_step(viewer, item, step) for step in review_chain_steps(item.region)):
        return True
    return scope_covers_item(viewer, item)


def item_list(*, viewer, region=None, department=None, item_type: str | None = None,
              include_cancelled: bool = False) -> QuerySet[ServiceItem]:
    """Items with a published current version (what the public catalog shows)."""
    qs = ServiceItem.objects.filter(current_version__isnull=False).select_related(
        "current_version", "department", "region"
    )
    if not include_cancelled:
        qs = qs.filter(status=ItemStatus.ACTIVE)
    if region is not None:
        qs = qs.filter(region__code__startswith=region.prefix)
    if department is not None:
        qs = qs.filter(department=department)
    if item_type:
        qs = qs.filter(current_version__item_type=item_type)
    return qs.order_by("department_id", "base_code", "sub_code", "id")


def version_get(*, viewer, version_id: int) -> ItemVersion:
    version = ItemVersion.objects.select_related("item__region", "item__department").filter(pk=version_id).first()
    if version is None or not can_view_version(viewer, version):
        raise NotFound()
    return version


def version_list(*, viewer, item: ServiceItem) -> list[ItemVersion]:
    versions = item.versions.select_related("item__region").order_by("number")
    return [v for v in versions if can_view_version(viewer, v)]


def version_diff(*, viewer, old_id: int, new_id: int) -> list[dict]:
    """Field-by-field differences between two versions of the same item (materials, steps,
    special procedures and fees row by row)."""
    old = version_get(viewer=viewer, version_id=old_id)
    new = version_get(viewer=viewer, version_id=new_id)
    if old.item_id != new.item_id:
        raise ValidationFailed.on("new_id", "只能比较同一事项的不同版本")
    return snapshot_diff(version_snapshot(old), version_snapshot(new))

