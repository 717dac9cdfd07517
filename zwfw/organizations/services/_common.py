"""Shared checks for the organisation services: who may write, region look-up, field cleaning."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models

from zwfw.accounts.scope import Scope
from zwfw.core.errors import PermissionDenied, ValidationFailed

from ..identifiers import region_code_normalize
from ..models import Region

# A value the caller did not pass (update services change only the fields they are given).
UNSET: Any = object()

PHONE_RE = re.compile(r"^[0-9+\-()（）\s,，、/转]{3,40}$")


def org_admin_required(actor) -> None:
    """Organisation data is kept by the system administrator (等保 2.0 三员分立: 系统管理员)."""
    if not Scope.for_viewer(actor).everything:
        raise PermissionDenied("只有系统管理员可以维护组织机构数据", code="org_admin_required")


def region_resolve(value: str | Region, *, field: str = "region") -> Region:
    """The region for a 6/9/12-digit code (or the Region itself), else a Chinese field error."""
    if isinstance(value, Region):
        return value
    code = region_code_normalize(value or "")
    if code is None:
        raise ValidationFailed.on(
            field, f"行政区划代码 {value} 格式不正确，应为 6、9 或 12 位数字", code="region_code_invalid"
        )
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise ValidationFailed.on(field, f"行政区划代码 {value} 不存在", code="region_not_found")
    return region


def region_contains(outer: Region, inner: Region) -> bool:
    return inner.code.startswith(outer.prefix)


class Errors:
    """Collects field errors so one answer lists everything wrong (一次性告知)."""

    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}
        self.first_code: str | None = None

    def add(self, field: str, message: str, code: str) -> None:
        self.fields.setdefault(field, []).append(message)
        self.first_code = self.first_code or code

    def raise_if_any(self) -> None:
        if self.fields:
            if sum(len(v) for v in self.fields.values()) == 1:
                (msgs,) = self.fields.values()
                raise ValidationFailed(msgs[0], code=self.first_code, field_errors=self.fields)
            raise ValidationFailed(code=self.first_code, field_errors=self.fields)


def clean_text(errors: Errors, field: str, value: str | None, *, label: str, max_length: int,
               required: bool = False) -> str:
    text = " ".join((value or "").split())
    if required and not text:
        errors.add(field, f"请填写{label}", f"{field}_required")
    elif len(text) > max_length:
        errors.add(field, f"{label}不能超过 {max_length} 个字", f"{field}_too_long")
    return text


def clean_phone(errors: Errors, field: str, value: str | None, *, label: str = "电话") -> str:
    text = (value or "").strip()
    if text and not PHONE_RE.match(text):
        errors.add(field, f"{label}格式不正确（只能包含数字、“-”、括号和“转”）", "phone_invalid")
    return text


def clean_coordinate(errors: Errors, field: str, value, *, limit: int, label: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        errors.add(field, f"{label}应为数字", "coordinate_invalid")
        return None
    if not -limit <= number <= limit:
        errors.add(field, f"{label}应在 -{limit} 到 {limit} 之间", "coordinate_invalid")
        return None
    return number


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict:
    """Plain values of `fields` (foreign keys by id) for audit diffs."""
    out = {}
    for name in fields:
        field = instance._meta.get_field(name)
        out[name] = getattr(instance, field.attname)
    return out
