"""Departments (部门 / 实施主体): create, update, deactivate."""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction

from zwfw.core.audit import audit_record, diff
from zwfw.core.errors import Conflict, StateError

from ..identifiers import credit_code_is_valid, credit_code_normalize
from ..models import Department, Region
from ._common import UNSET, Errors, clean_phone, clean_text, org_admin_required, region_resolve, snapshot

FIELDS = ("region", "code", "name", "short_name", "credit_code", "address", "phone", "is_active")
CODE_RE = re.compile(r"^[0-9A-Za-z_\-]{1,32}$")


def _clean_code(errors: Errors, value: str | None) -> str:
    code = (value or "").strip()
    if not code:
        errors.add("code", "请填写部门编码", "code_required")
    elif not CODE_RE.match(code):
        errors.add("code", "部门编码只能由字母、数字、“-”和“_”组成，最长 32 位", "department_code_invalid")
    return code


def _clean_credit_code(errors: Errors, value: str | None) -> str | None:
    """统一社会信用代码 (GB 32100-2015), optional; stored upper case."""
    if value is None or not str(value).strip():
        return None
    code = credit_code_normalize(str(value))
    if not credit_code_is_valid(code):
        errors.add("credit_code", f"统一社会信用代码 {code} 无效（位数或校验码不正确）", "credit_code_invalid")
    return code


def _uniqueness(errors: Errors, department: Department) -> None:
    others = Department.objects.exclude(pk=department.pk)
    if department.code and others.filter(region=department.region, code=department.code).exists():
        errors.add("code", f"部门编码 {department.code} 在{department.region.name}已被使用", "department_code_taken")
    if department.credit_code and others.filter(credit_code=department.credit_code).exists():
        errors.add("credit_code", f"统一社会信用代码 {department.credit_code} 已被其他部门使用", "credit_code_taken")


def _save(department: Department, **kwargs) -> None:
    """Save under the database's unique constraints; a lost race becomes a Chinese Conflict."""
    try:
        with transaction.atomic():
            department.save(**kwargs)
    except IntegrityError:
        errors = Errors()
        _uniqueness(errors, department)
        raise Conflict(
            "部门编码或统一社会信用代码已被使用", code=errors.first_code or "department_conflict",
            field_errors=errors.fields,
        ) from None


def department_create(
    *, actor, region: str | Region, code: str, name: str, short_name: str = "", credit_code: str | None = None,
    address: str = "", phone: str = "", now=None,
) -> Department:
    """Add a department of a region. Nothing is saved unless every field is right."""
    org_admin_required(actor)
    region_obj = region_resolve(region)
    errors = Errors()
    department = Department(
        region=region_obj,
        code=_clean_code(errors, code),
        name=clean_text(errors, "name", name, label="部门名称", max_length=100, required=True),
        short_name=clean_text(errors, "short_name", short_name, label="简称", max_length=50),
        credit_code=_clean_credit_code(errors, credit_code),
        address=clean_text(errors, "address", address, label="地址", max_length=200),
        phone=clean_phone(errors, "phone", phone, label="办公电话"),
    )
    _uniqueness(errors, department)
    errors.raise_if_any()
    with transaction.atomic():
        _save(department, force_insert=True)
        audit_record(actor=actor, action="department.create", target=department,
                     changes=snapshot(department, FIELDS), now=now)
    return department


def department_update(
    *, actor, department: Department, code: str = UNSET, name: str = UNSET, short_name: str = UNSET,
    credit_code: str | None = UNSET, address: str = UNSET, phone: str = UNSET, now=None,
) -> Department:
    """Change the given fields of a department (its region does not change)."""
    org_admin_required(actor)
    with transaction.atomic():
        department = Department.objects.select_for_update(of=("self",)).select_related("region").get(pk=department.pk)
        before = snapshot(department, FIELDS)
        errors = Errors()
        if code is not UNSET:
            department.code = _clean_code(errors, code)
        if name is not UNSET:
            department.name = clean_text(errors, "name", name, label="部门名称", max_length=100, required=True)
        if short_name is not UNSET:
            department.short_name = clean_text(errors, "short_name", short_name, label="简称", max_length=50)
        if credit_code is not UNSET:
            department.credit_code = _clean_credit_code(errors, credit_code)
        if address is not UNSET:
            department.address = clean_text(errors, "address", address, label="地址", max_length=200)
        if phone is not UNSET:
            department.phone = clean_phone(errors, "phone", phone, label="办公电话")
        _uniqueness(errors, department)
        errors.raise_if_any()
        changes = diff(before, snapshot(department, FIELDS))
        if changes:
            _save(department)
            audit_record(actor=actor, action="department.update", target=department, changes=changes, now=now)
    return department


def department_deactivate(*, actor, department: Department, now=None) -> Department:
    """Stop a department. Its active windows and branch halls must be stopped or moved first."""
    org_admin_required(actor)
    with transaction.atomic():
        department = Department.objects.select_for_update().get(pk=department.pk)
        if not department.is_active:
            raise StateError(f"{department.name}已停用", code="department_inactive")
        windows = department.windows.filter(is_active=True).count()
        branches = department.branch_centers.filter(is_active=True).count()
        if windows or branches:
            raise StateError(
                f"{department.name}还有 {windows} 个启用的窗口、{branches} 个启用的分中心，请先停用或调整",
                code="department_in_use",
            )
        department.is_active = False
        department.save(update_fields=["is_active"])
        audit_record(actor=actor, action="department.deactivate", target=department,
                     changes={"is_active": [True, False]}, now=now)
    return department
