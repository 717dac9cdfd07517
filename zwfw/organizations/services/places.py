"""Village proxy points (代办点) and self-service kiosks (自助终端)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from zwfw.core.audit import audit_record, diff
from zwfw.core.errors import Conflict

from ..models import CenterKind, Kiosk, PointKind, Region, RegionLevel, ServiceCenter, ServicePoint
from ._common import (
    Errors,
    clean_coordinate,
    clean_phone,
    clean_text,
    org_admin_required,
    region_contains,
    region_resolve,
    snapshot,
)

POINT_FIELDS = ("kind", "region", "center", "name", "address", "phone", "hours", "latitude", "longitude", "is_active")
KIOSK_FIELDS = ("serial_number", "name", "region", "center", "point", "location", "hours", "is_active")
POINT_LEVELS = {RegionLevel.TOWN, RegionLevel.VILLAGE}


def service_point_create(
    *, actor, region: str | Region, name: str, address: str, center: ServiceCenter | None = None,
    phone: str = "", hours: str = "", kind: str = PointKind.VILLAGE_PROXY, latitude=None, longitude=None,
    now=None,
) -> ServicePoint:
    """Open a village (community) proxy point, optionally under its town convenience center."""
    org_admin_required(actor)
    region_obj = region_resolve(region)
    errors = Errors()
    if kind not in PointKind.values:
        errors.add("kind", f"代办点类型 {kind} 无效", "point_kind_invalid")
    if region_obj.level not in POINT_LEVELS:
        errors.add("region", f"代办点应设在乡镇（街道）或村（社区），{region_obj.name}不是", "point_region_level")
    if center is not None and (center.kind != CenterKind.TOWN or not region_contains(center.region, region_obj)):
        errors.add("center", f"{center.name}不是管辖{region_obj.name}的便民服务中心", "point_center_invalid")
    point = ServicePoint(
        kind=kind, region=region_obj, center=center,
        name=clean_text(errors, "name", name, label="代办点名称", max_length=100, required=True),
        address=clean_text(errors, "address", address, label="地址", max_length=200, required=True),
        phone=clean_phone(errors, "phone", phone, label="联系电话"),
        hours=clean_text(errors, "hours", hours, label="服务时间", max_length=200),
    )
    _locate(errors, point, latitude, longitude)
    message = f"{region_obj.name}已有名为“{point.name}”的代办点"
    if ServicePoint.objects.filter(region=region_obj, name=point.name).exists():
        errors.add("name", message, "point_name_taken")
    errors.raise_if_any()
    with transaction.atomic():
        try:
            with transaction.atomic():
                point.save(force_insert=True)
        except IntegrityError:
            raise Conflict(message, code="point_name_taken", field_errors={"name": [message]}) from None
        audit_record(actor=actor, action="service_point.create", target=point,
                     changes=snapshot(point, POINT_FIELDS), now=now)
    return point


def _locate(errors: Errors, point: ServicePoint, latitude, longitude) -> None:
    point.latitude = clean_coordinate(errors, "latitude", latitude, limit=90, label="纬度")
    point.longitude = clean_coordinate(errors, "longitude", longitude, limit=180, label="经度")
    if (point.latitude is None) != (point.longitude is None):
        errors.add("latitude", "经度和纬度须同时填写", "coordinate_incomplete")


def service_point_locate(*, actor, point: ServicePoint, latitude, longitude, now=None) -> ServicePoint:
    """Store (or clear, with None) where a proxy point is, for the map link on the network page."""
    org_admin_required(actor)
    with transaction.atomic():
        point = ServicePoint.objects.select_for_update(of=("self",)).get(pk=point.pk)
        before = snapshot(point, ("latitude", "longitude"))
        errors = Errors()
        _locate(errors, point, latitude, longitude)
        errors.raise_if_any()
        changes = diff(before, snapshot(point, ("latitude", "longitude")))
        if changes:
            point.save(update_fields=["latitude", "longitude"])
            audit_record(actor=actor, action="service_point.update", target=point, changes=changes, now=now)
    return point


def kiosk_create(
    *, actor, serial_number: str, name: str, location: str, region: str | Region | None = None,
    center: ServiceCenter | None = None, point: ServicePoint | None = None, hours: str = "24小时", now=None,
) -> Kiosk:
    """Register a self-service kiosk, standing in a center, at a proxy point, or on its own in a region."""
    org_admin_required(actor)
    host = center or point
    region_obj = region_resolve(region) if region not in (None, "") else (host.region if host else None)
    errors = Errors()
    if region_obj is None:
        errors.add("region", "请填写所属区划", "region_required")
    if center is not None and point is not None:
        errors.add("point", "自助终端只能摆放在一个中心或一个代办点", "kiosk_host_ambiguous")
    elif host is not None and region_obj is not None and host.region_id != region_obj.code:
        errors.add("region", f"{host.name}不在{region_obj.name}", "kiosk_region_mismatch")
    kiosk = Kiosk(
        region=region_obj, center=center, point=point,
        serial_number=clean_text(errors, "serial_number", serial_number, label="设备编号", max_length=40,
                                 required=True),
        name=clean_text(errors, "name", name, label="名称", max_length=100, required=True),
        location=clean_text(errors, "location", location, label="摆放位置", max_length=200, required=True),
        hours=clean_text(errors, "hours", hours, label="服务时间", max_length=200) or "24小时",
    )
    message = f"设备编号 {kiosk.serial_number} 已登记"
    if Kiosk.objects.filter(serial_number=kiosk.serial_number).exists():
        errors.add("serial_number", message, "kiosk_serial_taken")
    errors.raise_if_any()
    with transaction.atomic():
        try:
            with transaction.atomic():
                kiosk.save(force_insert=True)
        except IntegrityError:
            raise Conflict(message, code="kiosk_serial_taken", field_errors={"serial_number": [message]}) from None
        audit_record(actor=actor, action="kiosk.create", target=kiosk, changes=snapshot(kiosk, KIOSK_FIELDS), now=now)
    return kiosk
