"""Administrative division codes (GB/T 2260) answered in a form's region field.

The county-level part (first 6 digits) must be a code of the national table as shipped with
python-stdnum (all years, since an address may name a county since renamed); a 9- or 12-digit
code adds the town and village parts of 统计用区划代码, which are not checked further here.
"""

from __future__ import annotations

from functools import lru_cache

from stdnum import numdb


@lru_cache(maxsize=4096)
def region_name(code: str) -> str:
    """The name of a county-level code ("" when unknown): 四川省 / 广安区 …"""
    info = {k: v for _part, props in numdb.get("cn/loc").info(code[:6]) for k, v in props.items()}
    return str(info.get("county", "")).split("]")[-1]


def region_code_known(code: str) -> bool:
    return len(code) in (6, 9, 12) and code.isdigit() and bool(region_name(code[:6]))
