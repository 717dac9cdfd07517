"""Number patterns as data: literal text with tokens in braces.

| token | value |
|---|---|
| `{区划6}` / `{区划12}` | the scope's region code, county part (GB/T 2260) or all 12 digits |
| `{yyyy}` `{yy}` `{mm}` `{dd}` `{yymmdd}` `{yyyymmdd}` | the date the number is given on (China date) |
| `{seq}` / `{seq6}` | the sequence number, plain or zero-padded to 1–9 digits |
| `{机关}` | the issuing body's short name, given by the caller (e.g. 广安区政务) |

A padded sequence that outgrows its width is refused rather than lengthening the number.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from django.utils.translation import gettext as _

from zwfw.core.errors import Conflict, ValidationFailed

# The formats the platform starts with, as data. An administrator's NumberFormat row of the same
# kind replaces one (zwfw.numbering.services.number_format_save).
# 办件编号: GB/T 39046-2020 fixes only the length (an..20 / an..50); 6-digit county code + date +
# 6-digit sequence = 18 characters. 文号 after GB/T 9704-2012 7.2.4 (发文机关代字〔年份〕序号).
DEFAULT_FORMATS = {
    "case": ("办件编号", "{区划6}{yymmdd}{seq6}"),
    "notice.accept": ("受理通知书文号", "{机关}〔{yyyy}〕受字第{seq6}号"),
    "notice.reject": ("不予受理通知书文号", "{机关}〔{yyyy}〕不受字第{seq6}号"),
    "notice.supplement": ("补正材料通知书文号", "{机关}〔{yyyy}〕补字第{seq6}号"),
    "notice.special_procedure": ("特别程序告知书文号", "{机关}〔{yyyy}〕特字第{seq6}号"),
    "notice.extension": ("延长审批期限告知书文号", "{机关}〔{yyyy}〕延字第{seq6}号"),
    "decision.approve": ("准予行政许可决定书文号", "{机关}〔{yyyy}〕准许字第{seq6}号"),
    "decision.deny": ("不予行政许可决定书文号", "{机关}〔{yyyy}〕不许字第{seq6}号"),
    "decision.other": ("决定书文号", "{机关}〔{yyyy}〕决字第{seq6}号"),
}

TOKEN = re.compile(r"\{([^{}]*)\}")
SEQ_TOKEN = re.compile(r"seq([1-9])?")
DATE_TOKENS = {"yyyy": "%Y", "yy": "%y", "mm": "%m", "dd": "%d", "yymmdd": "%y%m%d", "yyyymmdd": "%Y%m%d"}
REGION_TOKENS = {"区划6": 6, "区划12": 12}
CALLER_TOKENS = frozenset({"机关"})


def pattern_check(pattern: str) -> None:
    """Refuse a pattern with an unknown token, stray braces or no sequence token."""
    tokens = TOKEN.findall(pattern)
    if TOKEN.sub("", pattern).count("{") or TOKEN.sub("", pattern).count("}"):
        raise ValidationFailed.on("pattern", _("编号格式中的花括号不成对"), code="number_pattern_invalid")
    unknown = [t for t in tokens if not (SEQ_TOKEN.fullmatch(t) or t in DATE_TOKENS or t in REGION_TOKENS
                                         or t in CALLER_TOKENS)]
    if unknown:
        raise ValidationFailed.on("pattern", _("编号格式中有未知的占位符：%(tokens)s") % {"tokens": "、".join(unknown)},
                                  code="number_pattern_invalid")
    if sum(1 for t in tokens if SEQ_TOKEN.fullmatch(t)) != 1:
        raise ValidationFailed.on("pattern", _("编号格式必须恰好含有一个序号占位符 {seq}"), code="number_pattern_invalid")


def number_render(pattern: str, *, scope: str, on: dt.date, seq: int, values: Mapping[str, str]) -> str:
    def token_value(match: re.Match) -> str:
        token = match.group(1)
        if seq_match := SEQ_TOKEN.fullmatch(token):
            width = int(seq_match.group(1) or 0)
            if width and seq >= 10 ** width:
                raise Conflict(_("本期编号已用尽（%(width)s 位序号）") % {"width": width}, code="number_exhausted")
            return str(seq).zfill(width)
        if token in DATE_TOKENS:
            return on.strftime(DATE_TOKENS[token])
        if token in REGION_TOKENS:
            return scope[: REGION_TOKENS[token]].ljust(REGION_TOKENS[token], "0")
        if not values.get(token):
            raise ValidationFailed.on(token, _("编号缺少“%(token)s”") % {"token": token}, code="number_value_missing")
        return values[token]

    return TOKEN.sub(token_value, pattern)
