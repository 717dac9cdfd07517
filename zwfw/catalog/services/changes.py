"""Recorded changes of the catalog: cancel (取消), delegate to towns (赋权), take over (承接),
and zero reports (零报告). Each is a row of its own plus an audit event."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zwfw.accounts.models import Role
from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import Conflict, StateError, ValidationFailed
from zwfw.organizations.models import Department, RegionLevel

from ..models import (
    AuthoritySource,
    CatalogLevel,
    ChangeKind,
    ItemChange,
    ItemStatus,
    ItemType,
    ServiceItem,
    ZeroReport,
)
from ..search.indexing import search_index_items
from ..validators import implementation_code_compose
from .copying import version_copy
from .drafting import LEVEL_OF_REGION
from .permissions import can_edit_item, can_publish, require
from .state import ITEM_STATES


def _fresh(item: ServiceItem) -> ServiceItem:
    """Re-read the item: callers may hold an instance from before the last publication."""
    return ServiceItem.objects.select_related("region", "current_version").get(pk=item.pk)


def _require_reason(reason: str) -> None:
    if not reason.strip():
        raise ValidationFailed.on("reason", _("请填写理由"), code="reason_required")


def item_cancel(*, actor, item: ServiceItem, effective_on: dt.date, reason: str, document: str = "",
                now=None) -> ItemChange:
    """取消: the item leaves the catalog from `effective_on`; its versions stay readable."""
    now = now or clock.now()
    item = _fresh(item)
    require(can_publish(actor, item), _("只有本区域的事项审核人员可以取消事项"))
    _require_reason(reason)
    with transaction.atomic():
        ITEM_STATES.move(item, action="cancel", to=ItemStatus.CANCELLED, cancelled_on=effective_on)
        search_index_items([item.pk], now=now)
        change = ItemChange.objects.create(item=item, kind=ChangeKind.CANCEL, effective_on=effective_on,
                                           reason=reason, document=document, recorded_by=actor, recorded_at=now)
        audit_record(actor=actor, action="catalog.item.cancel", target=item, role=Role.CATALOG_REVIEWER,
                     changes={"status": ["active", "cancelled"], "effective_on": effective_on,
                              "reason": reason, "document": document}, now=now)
    return change


def _implementation_for(source: ServiceItem, department: Department, *, actor, now) -> ServiceItem:
    """A new implementation item of `department` for the same base code, with a draft copied
    from the source's current version and authority source 上级下放."""
    if source.status != ItemStatus.ACTIVE:
        raise StateError(_("事项已取消，不能赋权或承接"), code="item_cancelled")
    if source.current_version is None:
        raise StateError(_("事项尚无已发布版本"), code="not_published")
    level = LEVEL_OF_REGION[RegionLevel(department.region.level)]
    code = (implementation_code_compose(credit_code=department.credit_code, level=level, base_code=source.base_code)
            if department.credit_code else None)
    try:
        with transaction.atomic():
            item = ServiceItem.objects.create(
                catalog_level=CatalogLevel.IMPLEMENTATION, base_item=source.base_item, region=department.region,
                department=department, level=level, base_code=source.base_code, implementation_code=code,
                sub_code=source.sub_code, created_at=now,
            )
    except IntegrityError as exc:
        raise Conflict(_("该部门已实施此事项"), code="item_exists") from exc
    version_copy(source.current_version, item=item, number=1, actor=actor, now=now,
                 authority_source=AuthoritySource.DEVOLVED, change_summary=_("承接上级下放事项"))
    return item


def item_delegate(*, actor, item: ServiceItem, to_department: Department, effective_on: dt.date, reason: str,
                  document: str = "", now=None) -> ItemChange:
    """赋权: hand an item down to a town inside the item's region; the town gets a draft."""
    now = now or clock.now()
    item = _fresh(item)
    require(can_publish(actor, item), _("只有本区域的事项审核人员可以赋权乡镇"))
    _require_reason(reason)
    town = to_department.region
    if town.level != RegionLevel.TOWN or not town.code.startswith(item.region.prefix):
        raise ValidationFailed.on("to_department", _("只能赋权给本区域内的乡镇（街道）部门"))
    return _hand_over(item=item, department=to_department, kind=ChangeKind.DELEGATE, role=Role.CATALOG_REVIEWER,
                      actor=actor, effective_on=effective_on, reason=reason, document=document, now=now)


def item_take_over(*, actor, item: ServiceItem, department: Department, effective_on: dt.date, reason: str,
                   document: str = "", now=None) -> ItemChange:
    """承接: a department takes over an item from a higher level; it gets a draft to complete."""
    now = now or clock.now()
    item = _fresh(item)
    probe = ServiceItem(catalog_level=CatalogLevel.IMPLEMENTATION, region=department.region, department=department)
    require(can_edit_item(actor, probe), _("只有本部门的事项编辑人员可以承接事项"))
    _require_reason(reason)
    # "From above": the item's region must contain the department's region (a sibling county of
    # the same province is not above it).
    if item.region_id == department.region_id or not department.region.code.startswith(item.region.prefix):
        raise ValidationFailed.on("item", _("只能承接上级区划的事项"))
    return _hand_over(item=item, department=department, kind=ChangeKind.TAKE_OVER, role=Role.CATALOG_EDITOR,
                      actor=actor, effective_on=effective_on, reason=reason, document=document, now=now)


def _hand_over(*, item, department, kind, role, actor, effective_on, reason, document, now) -> ItemChange:
    """Record a delegation or take-over: the receiving department gets its own item with a draft."""
    with transaction.atomic():
        new_item = _implementation_for(item, department, actor=actor, now=now)
        change = ItemChange.objects.create(item=item, kind=kind, effective_on=effective_on,
                                           reason=reason, document=document, to_department=department,
                                           resulting_item=new_item, recorded_by=actor, recorded_at=now)
        audit_record(actor=actor, action=f"catalog.item.{kind}", target=item, role=role,
                     changes={"department": department.pk, "resulting_item": new_item.pk,
                              "effective_on": effective_on, "document": document}, now=now)
    return change


def zero_report_file(*, actor, department: Department, item_type: str, year: int, statement: str,
                     now=None) -> ZeroReport:
    """零报告: refused while the department has an active published item of that type."""
    now = now or clock.now()
    probe = ServiceItem(catalog_level=CatalogLevel.IMPLEMENTATION, region=department.region, department=department)
    require(can_edit_item(actor, probe), _("只有本部门的事项编辑人员可以填报零报告"))
    if item_type not in ItemType.values:
        raise ValidationFailed.on("item_type", _("事项类型无效"))
    if not statement.strip():
        raise ValidationFailed.on("statement", _("请填写零报告说明"))
    if ServiceItem.objects.filter(department=department, status=ItemStatus.ACTIVE,
                                  current_version__item_type=item_type).exists():
        raise ValidationFailed.on("item_type", _("本部门有该类型的在用事项，不能填报零报告"), code="has_items")
    with transaction.atomic():
        try:
            with transaction.atomic():
                report = ZeroReport.objects.create(department=department, item_type=item_type, year=year,
                                                   statement=statement, filed_by=actor, filed_at=now)
        except IntegrityError as exc:
            raise Conflict(_("该年度该类型的零报告已填报"), code="zero_report_exists") from exc
        audit_record(actor=actor, action="catalog.zero_report.file", target=report, role=Role.CATALOG_EDITOR,
                     changes={"department": department.pk, "item_type": item_type, "year": year}, now=now)
    return report
