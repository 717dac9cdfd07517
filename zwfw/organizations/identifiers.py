"""Checks of the codes that identify organisations: unified social credit codes and region codes."""

from __future__ import annotations

from zwfw.core.identifiers import compact as credit_code_normalize
from zwfw.core.identifiers import credit_code_is_valid, org_code_check_char

__all__ = ["credit_code_is_valid", "credit_code_normalize", "org_code_check_char", "region_code_normalize"]

# Statistical division codes (统计用区划代码, GB/T 2260 extended): accepted as 6, 9 or 12 digits.
REGION_CODE_LENGTHS = (6, 9, 12)


def region_code_normalize(value: str) -> str | None:
    """The 12-digit form of a 6/9/12-digit region code, or None when the text is no such code."""
    code = "".join(str(value).split())
    if not code.isascii() or not code.isdigit() or len(code) not in REGION_CODE_LENGTHS:
        return None
    return code.ljust(12, "0")
