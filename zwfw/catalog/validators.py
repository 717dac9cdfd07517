"""Code validators (C 0101—2018 编码要求; credit codes per GB 32100-2015).

基本编码: 12 characters, digits and capital letters.
实施编码: implementing body's unified social credit code (18) + level digit (1) + 基本编码 (12) = 31.
业务办理项编码: 实施编码 + 2 digits.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from stdnum.cn import uscc

from .models.codes import ItemLevel

BASE_CODE_RE = re.compile(r"^[0-9A-Z]{12}$")
SUB_CODE_RE = re.compile(r"^[0-9]{2}$")
LEVEL_DIGITS = frozenset(ItemLevel.values)


def base_code_errors(code: str) -> list[str]:
    if not BASE_CODE_RE.fullmatch(code or ""):
        return ["基本编码应为12位数字或大写字母"]
    return []


def credit_code_errors(code: str) -> list[str]:
    if not uscc.is_valid(code or ""):
        return ["统一社会信用代码无效（GB 32100-2015）"]
    return []


def implementation_code_errors(code: str, *, credit_code: str | None = None, level: str | None = None,
                               base_code: str | None = None) -> list[str]:
    """Every problem of an implementation code, optionally checked against its parts."""
    if len(code or "") != 31:
        return ["实施编码应为31位：统一社会信用代码18位＋层级1位＋基本编码12位"]
    errors = []
    credit, digit, base = code[:18], code[18], code[19:]
    errors += credit_code_errors(credit)
    if digit not in LEVEL_DIGITS:
        errors.append("实施编码第19位应为行使层级代码（1–6）")
    errors += base_code_errors(base)
    if credit_code is not None and credit != credit_code:
        errors.append("实施编码前18位与实施主体的统一社会信用代码不一致")
    if level is not None and digit != level:
        errors.append("实施编码第19位与事项的行使层级不一致")
    if base_code is not None and base != base_code:
        errors.append("实施编码后12位与基本编码不一致")
    return errors


def implementation_code_compose(*, credit_code: str, level: str, base_code: str) -> str:
    return f"{credit_code}{level}{base_code}"


def validate_base_code(value: str) -> None:
    if errors := base_code_errors(value):
        raise ValidationError(errors[0], code="base_code")


def validate_implementation_code(value: str) -> None:
    if errors := implementation_code_errors(value):
        raise ValidationError(errors[0], code="implementation_code")
