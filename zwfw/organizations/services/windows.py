"""Windows (窗口): single-department windows and comprehensive windows (综合窗口, 无差别全科受理)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from zwfw.core.audit import audit_record, diff
from zwfw.core.errors import Conflict

from ..models import Department, ServiceCenter, Window, WindowKind
from ._common import UNSET, Errors, clean_text, org_admin_required, region_contains, snapshot

FIELDS = ("center", "number", "name", "kind", "department", "chief_representative", "is_active")


def _check(errors: Errors, window: Window) -> None:
    center = window.center
    if not center.is_active:
        errors.add("center", f"{center.name}已停用", "center_inactive")
    department = window.department
    if window.kind == WindowKind.SINGLE:
        if department is None:
            errors.add("department", "部门窗口须指定进驻部门", "window_department_required")
        elif not department.is_active:
            errors.add("department", f"{department.name}已停用", "department_inactive")
        elif not region_contains(department.region, center.region):
            errors.add("department", f"{department.name}不在{center.name}所在区划", "window_department_region")
    elif department is not None:
        errors.add("department", "综合窗口受理各部门事项，不属于某一个部门", "window_department_forbidden")
    chief = window.chief_representative
    if chief is not None:
        # 全面授权制: the chief representative is a serving staff member of the stationed department;
        # at a comprehensive window, of any department.
        ok = chief.is_active and chief.kind == "staff" and chief.department_id is not None
        if ok and window.kind == WindowKind.SINGLE:
            ok = department is not None and chief.department_id == department.pk
        if not ok:
            errors.add("chief_representative", f"{chief}不是{_whose(window)}的在岗工作人员，不能担任首席代表",
                       "chief_representative_invalid")


def _whose(window: Window) -> str:
    if window.kind == WindowKind.SINGLE and window.department is not None:
        return window.department.name
    return "任何部门"


def _uniqueness(errors: Errors, window: Window) -> None:
    if Window.objects.exclude(pk=window.pk).filter(center=window.center, number=window.number).exists():
        errors.add("number", f"{window.center.name}已有 {window.number} 号窗口", "window_number_taken")


def _save(window: Window, **kwargs) -> None:
    try:
        with transaction.atomic():
            window.save(**kwargs)
    except IntegrityError:
        message = f"{window.center.name}已有 {window.number} 号窗口"
        raise Conflict(message, code="window_number_taken", field_errors={"number": [message]}) from None


def window_create(
    *, actor, center: ServiceCenter, number: str, name: str, kind: str, department: Department | None = None,
    chief_representative=None, now=None,
) -> Window:
    """Open a window in a center."""
    org_admin_required(actor)
    errors = Errors()
    if kind not in WindowKind.values:
        errors.add("kind", f"窗口类型 {kind} 无效", "window_kind_invalid")
    window = Window(
        center=center, kind=kind, department=department, chief_representative=chief_representative,
        number=clean_text(errors, "number", number, label="窗口号", max_length=20, required=True),
        name=clean_text(errors, "name", name, label="窗口名称", max_length=100, required=True),
    )
    if kind in WindowKind.values:
        _check(errors, window)
    _uniqueness(errors, window)
    errors.raise_if_any()
    with transaction.atomic():
        _save(window, force_insert=True)
        audit_record(actor=actor, action="window.create", target=window, changes=snapshot(window, FIELDS), now=now)
    return window


def window_update(
    *, actor, window: Window, number: str = UNSET, name: str = UNSET, kind: str = UNSET,
    department: Department | None = UNSET, chief_representative=UNSET, is_active: bool = UNSET, now=None,
) -> Window:
    """Change a window's number, name, kind, stationed department, chief representative or status."""
    org_admin_required(actor)
    with transaction.atomic():
        window = Window.objects.select_for_update(of=("self",)).select_related(
            "center__region", "department__region", "chief_representative"
        ).get(pk=window.pk)
        before = snapshot(window, FIELDS)
        errors = Errors()
        if number is not UNSET:
            window.number = clean_text(errors, "number", number, label="窗口号", max_length=20, required=True)
        if name is not UNSET:
            window.name = clean_text(errors, "name", name, label="窗口名称", max_length=100, required=True)
        if kind is not UNSET:
            if kind in WindowKind.values:
                window.kind = kind
            else:
                errors.add("kind", f"窗口类型 {kind} 无效", "window_kind_invalid")
        if department is not UNSET:
            window.department = department
        if chief_representative is not UNSET:
            window.chief_representative = chief_representative
        if is_active is not UNSET:
            window.is_active = bool(is_active)
        changes = diff(before, snapshot(window, FIELDS))
        if set(changes) - {"is_active", "name", "number"} or (window.is_active and "is_active" in changes):
            _check(errors, window)
        _uniqueness(errors, window)
        errors.raise_if_any()
        if changes:
            _save(window)
            audit_record(actor=actor, action="window.update", target=window, changes=changes, now=now)
    return window
