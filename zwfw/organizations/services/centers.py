"""Service centers: county/city halls, department branch halls (分中心), town convenience centers."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from zwfw.core.audit import audit_record, diff
from zwfw.core.errors import Conflict

from ..models import CenterKind, Department, Region, RegionLevel, ServiceCenter
from ._common import (
    UNSET,
    Errors,
    clean_coordinate,
    clean_phone,
    clean_text,
    org_admin_required,
    region_contains,
    region_resolve,
    snapshot,
)

FIELDS = ("kind", "region", "name", "department", "parent", "address", "phone", "hours", "latitude", "longitude",
          "is_active")
HALL_LEVELS = {RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY}


def _check_structure(errors: Errors, center: ServiceCenter) -> None:
    """Where each kind of center may stand (三级政务服务体系: 县级中心、乡镇便民服务中心、村代办点)."""
    region = center.region
    if center.kind == CenterKind.TOWN and region.level != RegionLevel.TOWN:
        errors.add("region", f"便民服务中心应设在乡镇（街道），{region.name}不是乡镇（街道）", "center_region_level")
    if center.kind in (CenterKind.HALL, CenterKind.BRANCH) and region.level not in HALL_LEVELS:
        errors.add("region", f"政务服务中心和分中心应设在县级以上区划，{region.name}不是", "center_region_level")
    if center.kind == CenterKind.BRANCH:
        department = center.department
        if department is None:
            errors.add("department", "分中心须指定设立它的部门", "center_department_required")
        elif not department.is_active:
            errors.add("department", f"{department.name}已停用", "department_inactive")
        elif department.region_id != region.code:
            errors.add("department", f"{department.name}不属于{region.name}，不能在此设立分中心",
                       "center_department_region")
    elif center.department_id is not None:
        errors.add("department", "只有分中心才有设立部门", "center_department_forbidden")
    parent = center.parent
    if parent is not None:
        # A hall may sit under a higher hall; branch halls and town centers under a hall covering them.
        same_region_ok = center.kind != CenterKind.HALL
        if parent.kind != CenterKind.HALL:
            errors.add("parent", f"{parent.name}不是政务服务中心，不能作为上级中心", "center_parent_invalid")
        elif not region_contains(parent.region, region) or (parent.region_id == region.code and not same_region_ok):
            errors.add("parent", f"{parent.name}不管辖{region.name}", "center_parent_invalid")


def _uniqueness(errors: Errors, center: ServiceCenter) -> None:
    if ServiceCenter.objects.exclude(pk=center.pk).filter(region=center.region, name=center.name).exists():
        errors.add("name", f"{center.region.name}已有名为“{center.name}”的中心", "center_name_taken")


def _save(center: ServiceCenter, **kwargs) -> None:
    try:
        with transaction.atomic():
            center.save(**kwargs)
    except IntegrityError:
        raise Conflict(f"{center.region.name}已有名为“{center.name}”的中心", code="center_name_taken",
                       field_errors={"name": [f"{center.region.name}已有名为“{center.name}”的中心"]}) from None


def _clean_place(errors: Errors, center: ServiceCenter, *, name, address, phone, hours, latitude, longitude) -> None:
    if name is not UNSET:
        center.name = clean_text(errors, "name", name, label="中心名称", max_length=100, required=True)
    if address is not UNSET:
        center.address = clean_text(errors, "address", address, label="地址", max_length=200, required=True)
    if phone is not UNSET:
        center.phone = clean_phone(errors, "phone", phone, label="咨询电话")
    if hours is not UNSET:
        center.hours = clean_text(errors, "hours", hours, label="办公时间", max_length=200)
    if latitude is not UNSET:
        center.latitude = clean_coordinate(errors, "latitude", latitude, limit=90, label="纬度")
    if longitude is not UNSET:
        center.longitude = clean_coordinate(errors, "longitude", longitude, limit=180, label="经度")
    if (center.latitude is None) != (center.longitude is None):
        errors.add("latitude", "经度和纬度须同时填写", "coordinate_incomplete")


def service_center_create(
    *, actor, kind: str, region: str | Region, name: str, address: str, department: Department | None = None,
    parent: ServiceCenter | None = None, phone: str = "", hours: str = "", latitude=None, longitude=None, now=None,
) -> ServiceCenter:
    """Open a hall, a department's branch hall or a town convenience center."""
    org_admin_required(actor)
    region_obj = region_resolve(region)
    errors = Errors()
    if kind not in CenterKind.values:
        errors.add("kind", f"中心类型 {kind} 无效", "center_kind_invalid")
    center = ServiceCenter(kind=kind, region=region_obj, department=department, parent=parent)
    _clean_place(errors, center, name=name, address=address, phone=phone, hours=hours, latitude=latitude,
                 longitude=longitude)
    if kind in CenterKind.values:
        _check_structure(errors, center)
    _uniqueness(errors, center)
    errors.raise_if_any()
    with transaction.atomic():
        _save(center, force_insert=True)
        audit_record(actor=actor, action="service_center.create", target=center,
                     changes=snapshot(center, FIELDS), now=now)
    return center


def service_center_update(
    *, actor, center: ServiceCenter, name: str = UNSET, address: str = UNSET, phone: str = UNSET,
    hours: str = UNSET, latitude=UNSET, longitude=UNSET, parent: ServiceCenter | None = UNSET,
    is_active: bool = UNSET, now=None,
) -> ServiceCenter:
    """Change a center's name, address, hours, contact, map position, supervising hall or status."""
    org_admin_required(actor)
    with transaction.atomic():
        center = ServiceCenter.objects.select_for_update(of=("self",)).select_related("region", "department", "parent").get(
            pk=center.pk
        )
        before = snapshot(center, FIELDS)
        errors = Errors()
        _clean_place(errors, center, name=name, address=address, phone=phone, hours=hours, latitude=latitude,
                     longitude=longitude)
        if parent is not UNSET:
            center.parent = parent
        if is_active is not UNSET:
            center.is_active = bool(is_active)
        if parent is not UNSET:
            _check_structure(errors, center)
        _uniqueness(errors, center)
        errors.raise_if_any()
        changes = diff(before, snapshot(center, FIELDS))
        if changes:
            _save(center)
            audit_record(actor=actor, action="service_center.update", target=center, changes=changes, now=now)
    return center
