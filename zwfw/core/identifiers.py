"""Validation of the national identifiers applicants and organisations carry.

- Resident ID numbers, GB 11643-1999 (公民身份号码): 6-digit address code (GB/T 2260), 8-digit
  birth date, 3-digit sequence, check character (ISO 7064 MOD 11-2).
- Unified social credit codes, GB 32100-2015 (法人和其他组织统一社会信用代码编码规则): the
  mod-31 check character, plus the GB 11714-1997 organisation code in positions 9–17 with its own
  mod-11 check digit, which python-stdnum does not verify.

Each validator returns the normalised value or raises ValidationFailed with a precise Chinese
reason and a stable code, so callers can show it next to the field.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from stdnum import numdb
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as StdnumError

from . import clock
from .errors import ValidationFailed

# GB 11714-1997: 8 body characters (digits or capital letters, A=10 … Z=35) weighted 3,7,9,10,5,8,4,2;
# check = 11 - S mod 11, where 10 is written "X" and 11 is written "0".
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_CODE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# GB 32100-2015 character set: digits and capital letters without I, O, Z, S, V.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def compact(value: str) -> str:
    """Upper case without spaces: the form identifiers are stored and compared in."""
    return "".join(str(value or "").split()).upper()


def _region_code_known(code: str) -> bool:
    """Whether the address code was ever a GB/T 2260 county-level code (stdnum's table, all years).

    The number carries the code in force when it was *issued* (from 1984), not at birth, so unlike
    stdnum's own check we do not require the county to exist in the birth year: the standard's
    example 440524188001010014 (born 1880, 潮阳县 code of 1983–1993) must pass.
    """
    info = {k: v for _part, props in numdb.get("cn/loc").info(code) for k, v in props.items()}
    return "county" in info


def id_number_validate(value: str, *, field: str = "id_number", today: dt.date | None = None) -> str:
    """Return the normalised ID number (upper-case X) or raise ValidationFailed.

    The checks run in the order that names the most precise reason: length, characters, birth
    date, address (region) code, then the check character.
    """
    number = compact(value)
    if not number:
        raise ValidationFailed.on(field, _("请填写身份证号码。"), code="id_number_required")
    if len(number) != 18:
        raise ValidationFailed.on(
            field, _("身份证号码长度应为18位，当前为%(n)d位。") % {"n": len(number)}, code="id_number_length"
        )
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationFailed.on(
            field, _("身份证号码格式不正确：前17位应为数字，最后一位应为数字或X。"), code="id_number_format"
        )
    try:
        birth = ric.get_birth_date(number)
    except StdnumError:
        birth = None
    if birth is None or birth > (today or clock.today()) or birth.year < 1850:
        raise ValidationFailed.on(
            field, _("身份证号码中的出生日期（第7–14位）无效。"), code="id_number_birth_date"
        )
    if not _region_code_known(number[:6]):
        raise ValidationFailed.on(
            field, _("身份证号码中的地区码（前6位）不是有效的行政区划代码。"), code="id_number_region"
        )
    if ric.calc_check_digit(number) != number[17]:
        raise ValidationFailed.on(
            field, _("身份证号码校验码（第18位）不正确，请核对后重新输入。"), code="id_number_checksum"
        )
    return number


def org_code_check_char(body: str) -> str:
    """GB 11714 check character of an 8-character organisation code body."""
    total = sum(ORG_CODE_ALPHABET.index(ch) * w for ch, w in zip(body, ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def credit_code_validate(value: str, *, field: str = "credit_code") -> str:
    """Return the normalised unified social credit code or raise ValidationFailed."""
    code = compact(value)
    if not code:
        raise ValidationFailed.on(field, _("请填写统一社会信用代码。"), code="credit_code_required")
    if len(code) != 18:
        raise ValidationFailed.on(
            field, _("统一社会信用代码长度应为18位，当前为%(n)d位。") % {"n": len(code)}, code="credit_code_length"
        )
    if any(ch not in USCC_ALPHABET for ch in code):
        raise ValidationFailed.on(
            field,
            _("统一社会信用代码只能包含数字和大写字母（不含I、O、Z、S、V）。"),
            code="credit_code_format",
        )
    # Positions 1–2: registration authority and organisation category; 3–8: GB/T 2260 region code.
    if not code[2:8].isdigit():
        raise ValidationFailed.on(
            field, _("统一社会信用代码第3–8位应为登记管理机关行政区划码（数字）。"), code="credit_code_format"
        )
    try:
        uscc.validate(code)
    except StdnumError:
        # The only check stdnum makes beyond ours above is the mod-31 check character.
        raise ValidationFailed.on(
            field, _("统一社会信用代码校验码（第18位）不正确，请核对后重新输入。"), code="credit_code_checksum"
        ) from None
    org = code[8:17]
    if org_code_check_char(org[:8]) != org[8]:
        raise ValidationFailed.on(
            field,
            _("统一社会信用代码中的组织机构代码（第9–17位）校验位不正确。"),
            code="credit_code_org_checksum",
        )
    return code


def id_number_is_valid(value: str) -> bool:
    try:
        id_number_validate(value)
    except ValidationFailed:
        return False
    return True


def credit_code_is_valid(value: str) -> bool:
    try:
        credit_code_validate(value)
    except ValidationFailed:
        return False
    return True
