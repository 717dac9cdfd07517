"""Reads for the workbench's catalog pages, each scoped to the viewer (zwfw.catalog.scope)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q

from zwfw.accounts.models import Role
from zwfw.catalog.lint import lint_version
from zwfw.catalog.models import (
    ItemChange,
    ItemStatus,
    ItemVersion,
    ReviewDecision,
    ReviewOutcome,
    ServiceItem,
    VersionStatus,
    ZeroReport,
)
from zwfw.catalog.scope import CatalogScope, catalog_scope
from zwfw.catalog.selectors import version_diff, version_list
from zwfw.catalog.services.permissions import can_edit_item, can_publish, can_review_step, review_chain_steps
from zwfw.catalog.services.review import passed_earlier_step
from zwfw.catalog.services.state import EDITABLE
from zwfw.core.masking import mask_text
from zwfw.core.models import AuditEvent
from zwfw.organizations.models import Department, RegionLevel

from .labels import diff_rows

PAGE_SIZE = 50
UNDER_REVIEW = (VersionStatus.SUBMITTED, VersionStatus.REVIEWED)


@dataclass(frozen=True)
class ItemRow:
    item: ServiceItem
    current: ItemVersion | None
    open_version: ItemVersion | None

    @property
    def name(self) -> str:
        version = self.open_version or self.current
        return version.name if version else self.item.base_code


def item_page(*, viewer, q: str = "", status: str = "", page: int = 1) -> tuple[CatalogScope, Page]:
    """The items in the viewer's scope with their published version and the version in the
    making (at most one per item). `status` filters on the open version's status."""
    scope = catalog_scope(viewer)
    qs = scope.items().select_related("department", "region", "current_version")
    if q.strip():
        term = q.strip()
        qs = qs.filter(Q(versions__name__icontains=term) | Q(base_code=term) | Q(implementation_code=term)
                       | Q(local_code=term)).distinct()
    if status == "cancelled":
        qs = qs.filter(status=ItemStatus.CANCELLED)
    elif status in VersionStatus.values and status != VersionStatus.PUBLISHED:
        qs = qs.filter(versions__status=status)
    paginator = Paginator(qs.order_by("department_id", "base_code", "sub_code", "id"), PAGE_SIZE)
    page_obj = paginator.get_page(page)
    items = list(page_obj.object_list)
    open_versions = {v.item_id: v for v in ItemVersion.objects.filter(item__in=items).exclude(
        status=VersionStatus.PUBLISHED)}
    page_obj.object_list = [ItemRow(item, item.current_version, open_versions.get(item.pk)) for item in items]
    return scope, page_obj


@dataclass(frozen=True)
class ItemDetail:
    item: ServiceItem
    versions: list[ItemVersion]
    open_version: ItemVersion | None
    changes: list[ItemChange]
    can_edit: bool
    can_publish: bool
    can_take_over: bool
    town_departments: list[Department]


def item_detail(*, viewer, item: ServiceItem) -> ItemDetail:
    versions = version_list(viewer=viewer, item=item)
    open_version = next((v for v in versions if v.status != VersionStatus.PUBLISHED), None)
    publish = can_publish(viewer, item)
    towns = list(delegation_targets(item)) if publish and item.current_version_id else []
    take_over = bool(
        viewer.has_role(Role.CATALOG_EDITOR) and viewer.department_id and item.current_version_id
        and item.status == ItemStatus.ACTIVE and item.region_id != viewer.department.region_id
        and viewer.department.region_id.startswith(item.region.prefix)
    )
    return ItemDetail(
        item=item, versions=versions, open_version=open_version,
        changes=list(item.changes.select_related("to_department", "resulting_item").order_by("-recorded_at")),
        can_edit=can_edit_item(viewer, item), can_publish=publish, can_take_over=take_over, town_departments=towns,
    )


def delegation_targets(item: ServiceItem):
    """Town (街道) departments inside the item's region: who it may be delegated to (赋权)."""
    return (Department.objects.filter(is_active=True, region__level=RegionLevel.TOWN,
                                      region__code__startswith=item.region.prefix)
            .select_related("region").order_by("region_id", "name"))


def return_comments(version: ItemVersion) -> dict[str, str]:
    """The per-field comments of the latest return, for the editor's form (empty once resubmitted
    and approved further; shown again only while the version is returned)."""
    if version.status != VersionStatus.RETURNED:
        return {}
    decision = version.decisions.filter(outcome=ReviewOutcome.RETURN).order_by("-decided_at", "-id").first()
    return dict(decision.field_comments) if decision else {}


def latest_return(version: ItemVersion) -> ReviewDecision | None:
    return version.decisions.filter(outcome=ReviewOutcome.RETURN).order_by("-decided_at", "-id").first()


@dataclass(frozen=True)
class VersionActions:
    edit: bool
    submit: bool
    review: bool
    publish: bool
    step_label: str


def version_actions(*, viewer, version: ItemVersion) -> VersionActions:
    item = version.item
    editable = version.status in EDITABLE and can_edit_item(viewer, item)
    review, label = False, ""
    if version.status in UNDER_REVIEW:
        steps = review_chain_steps(item.region)
        step = steps[min(version.review_step, len(steps) - 1)]
        label = step.label
        review = (can_review_step(viewer, item, step) and version.created_by_id != viewer.pk
                  and not passed_earlier_step(viewer, version))
    publish = version.status == VersionStatus.APPROVED and can_publish(viewer, item)
    return VersionActions(edit=editable, submit=editable, review=review, publish=publish, step_label=label)


def diff_base(version: ItemVersion) -> ItemVersion | None:
    """What a version is compared with: the item's published version before it."""
    return (ItemVersion.objects.filter(item_id=version.item_id, status=VersionStatus.PUBLISHED,
                                       number__lt=version.number).order_by("-number").first())


def version_changes(*, viewer, version: ItemVersion) -> tuple[ItemVersion | None, list[dict]]:
    base = diff_base(version)
    if base is None:
        return None, []
    return base, diff_rows(version_diff(viewer=viewer, old_id=base.pk, new_id=version.pk))


@dataclass(frozen=True)
class TrailRow:
    occurred_at: object
    action: str
    actor: str
    changes: dict


ACTION_LABELS = {
    "catalog.item.draft_create": "起草事项", "catalog.version.create": "新建版本", "catalog.version.update": "修改草稿",
    "catalog.version.submit": "提交审核", "catalog.version.approve": "审核通过", "catalog.version.return": "退回修改",
    "catalog.version.publish": "发布",
}


def version_trail(version: ItemVersion) -> list[TrailRow]:
    """The audit events of a version (全程留痕), oldest first, free text masked."""
    events = AuditEvent.objects.filter(object_type="catalog.itemversion", object_id=str(version.pk)).order_by("seq")
    return [TrailRow(e.occurred_at, ACTION_LABELS.get(e.action, e.action), mask_text(e.actor_name) or "—",
                     e.changes if isinstance(e.changes, dict) else {}) for e in events]


def lint_page(*, viewer) -> tuple[CatalogScope, list[dict]]:
    """Rule violations per item (published version) in the viewer's scope, grouped by item."""
    scope = catalog_scope(viewer)
    items = scope.items(ServiceItem.objects.filter(current_version__isnull=False, status=ItemStatus.ACTIVE))
    versions = (ItemVersion.objects.filter(pk__in=items.values("current_version"))
                .select_related("item__department").prefetch_related("materials", "fee_items", "steps", "form_fields")
                .order_by("item__department_id", "item__base_code", "item__sub_code", "item_id"))
    groups = []
    for version in versions.iterator(chunk_size=500):
        findings = lint_version(version)
        if findings:
            groups.append({"version": version, "item": version.item, "findings": findings})
    return scope, groups


def zero_reports(*, viewer) -> list[ZeroReport]:
    scope = catalog_scope(viewer)
    return list(ZeroReport.objects.filter(department__in=scope.departments()).select_related("department")
                .order_by("-year", "department_id", "item_type"))


def take_over_candidates(*, viewer, q: str = "") -> list[ServiceItem]:
    """Published items of the regions above the editor's department (承接 candidates)."""
    if not (viewer.has_role(Role.CATALOG_EDITOR) and viewer.department_id):
        return []
    codes = viewer.department.region.ancestor_codes(include_self=False)
    qs = ServiceItem.objects.filter(region__code__in=codes, current_version__isnull=False,
                                    status=ItemStatus.ACTIVE).select_related("current_version", "department", "region")
    if q.strip():
        qs = qs.filter(current_version__name__icontains=q.strip())
    return list(qs.order_by("region_id", "base_code", "id")[:PAGE_SIZE])
