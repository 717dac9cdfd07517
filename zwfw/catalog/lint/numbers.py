"""Read the first time limit written in a guide text ("20个工作日", "二十日内")."""

from __future__ import annotations

import re

DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
LIMIT_RE = re.compile(r"([0-9]+|[零一二两三四五六七八九十百]+)\s*个?\s*(?:工作日|自然日|日|天)")


def chinese_number(text: str) -> int:
    """Chinese numerals below 1000: 十 → 10, 二十 → 20, 十五 → 15, 一百二十 → 120."""
    total, current = 0, 0
    for ch in text:
        if ch in DIGITS:
            current = DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def first_limit_in_text(text: str) -> int | None:
    match = LIMIT_RE.search(text or "")
    if match is None:
        return None
    value = match.group(1)
    return int(value) if value.isdigit() else chinese_number(value)
