"""Identifier and contact validation for accounts and applicants.

The ID-number and credit-code checks live in zwfw.core.identifiers (shared with organisations);
they are re-exported here for the accounts context.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from zwfw.core.errors import ValidationFailed
from zwfw.core.identifiers import credit_code_validate, id_number_validate

__all__ = ["credit_code_validate", "id_number_validate", "mobile_validate", "phone_validate", "username_validate"]

# Mobile numbers: 11 digits from 13x–19x (工业和信息化部 number plan); landlines: area code + number.
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
USERNAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{2,39}$")


def _compact(value: str) -> str:
    return "".join(str(value or "").split())


def mobile_validate(value: str, *, field: str = "phone") -> str:
    """'' stays ''; otherwise an 11-digit mainland mobile number."""
    number = _compact(value)
    if number and not MOBILE_RE.match(number):
        raise ValidationFailed.on(field, _("手机号码应为11位数字，以1开头。"), code="phone_format")
    return number


def phone_validate(value: str, *, field: str = "phone") -> str:
    """'' stays ''; otherwise a mobile number or a landline with area code."""
    number = _compact(value)
    if number and not (MOBILE_RE.match(number) or LANDLINE_RE.match(number)):
        raise ValidationFailed.on(
            field, _("联系电话应为11位手机号码，或带区号的固定电话（如0571-12345678）。"), code="phone_format"
        )
    return number


def username_validate(value: str, *, field: str = "username") -> str:
    """Staff account names: a letter, then 2–39 letters, digits, '_', '.', '-'.

    Starting with a letter keeps ID and phone numbers out of account names (and so out of logs).
    """
    name = str(value or "").strip()
    if not USERNAME_RE.match(name):
        raise ValidationFailed.on(
            field, _("用户名须以字母开头，由3–40位字母、数字、下划线、点或连字符组成。"), code="username_format"
        )
    return name
