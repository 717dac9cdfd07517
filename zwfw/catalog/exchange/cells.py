"""Turn one cell into a stored value (import) and a stored value into a cell (export).

`parse_cell` never raises: it returns (value, Chinese message or None) so the reader can
collect every bad cell of a file before deciding anything.
"""

from __future__ import annotations

import re

from .columns import BOOL, CHOICE, CODES, FALSE_WORDS, INT, MULTI, TEXT, TRUE_WORDS, Column

SEPARATORS = re.compile(r"[、,，;；\n]+")
MAX_INT = 32767  # PositiveSmallIntegerField on every backend; limits are days, far below this


def _text(raw) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # Excel stores codes typed without a leading apostrophe as numbers
    return str(raw).strip()


def is_blank(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _lookup(column: Column) -> dict[str, str]:
    table = {}
    for value, display in column.choices:
        label = display.split(" ", 1)[1] if display.startswith(f"{value} ") else display
        for alias in (value, display, label, display.replace(" ", ""), f"{value}{label}"):
            table[alias.upper()] = value
        if label.endswith("）") and "（" in label:  # "Ⅳ级（全程网办）" also as "Ⅳ级" / "Ⅳ"
            short = label.split("（", 1)[0]
            table[short.upper()] = value
            table[short.removesuffix("级").upper()] = value
    return table


def _choice(column: Column, token: str) -> str | None:
    token = token.strip()
    table = _lookup(column)
    if token.upper() in table:
        return table[token.upper()]
    if token.isdigit():  # "1" typed for "01"
        for value, _display in column.choices:
            if value.isdigit() and int(value) == int(token):
                return value
    return None


def _allowed(column: Column) -> str:
    return "、".join(column.displays)


def parse_cell(column: Column, raw) -> tuple[object, str | None]:
    """(stored value, error message or None). Blank cells take the column's default."""
    if is_blank(raw):
        if column.required:
            return None, "不能为空"
        return (list(column.default) if isinstance(column.default, list) else
                ([] if column.kind in (MULTI, CODES) else column.default)), None
    if column.kind == TEXT:
        value = _text(raw)
        if column.max_length and len(value) > column.max_length:
            return None, f"不能超过{column.max_length}个字符（现有{len(value)}个）"
        return value, None
    if column.kind == INT:
        if isinstance(raw, bool):
            return None, "应为不小于0的整数"
        if isinstance(raw, int | float):
            number = raw
        else:
            text = _text(raw)
            if not re.fullmatch(r"[+-]?\d+(\.0+)?", text):
                return None, "应为不小于0的整数"
            number = float(text)
        if float(number) != int(number) or number < 0:
            return None, "应为不小于0的整数"
        if number > MAX_INT:
            return None, f"不能大于{MAX_INT}"
        return int(number), None
    if column.kind == BOOL:
        if isinstance(raw, bool):
            return raw, None
        text = _text(raw).upper()
        if text in TRUE_WORDS:
            return True, None
        if text in FALSE_WORDS:
            return False, None
        return None, "应填“是”或“否”"
    if column.kind == CHOICE:
        value = _choice(column, _text(raw))
        if value is None:
            return None, f"不是允许的值，可选：{_allowed(column)}"
        return value, None
    tokens = [t.strip() for t in SEPARATORS.split(_text(raw)) if t.strip()]
    if column.kind == CODES:
        return list(dict.fromkeys(tokens)), None
    values, bad = [], []
    for token in tokens:
        value = _choice(column, token)
        (bad.append(token) if value is None else values.append(value))
    if bad:
        return None, f"“{'、'.join(bad)}”不是允许的值，可选：{_allowed(column)}"
    return list(dict.fromkeys(values)), None


def format_cell(column: Column, value):
    """The cell value the export writes for a stored value (None leaves the cell empty)."""
    if value is None or value == "" or value == []:
        return None
    if column.kind == BOOL:
        return "是" if value else "否"
    if column.kind == CHOICE:
        return dict(column.choices).get(value, value)
    if column.kind == MULTI:
        displays = dict(column.choices)
        return "、".join(displays.get(v, v) for v in value)
    if column.kind == CODES:
        return "、".join(value)
    return value
