"""Parsing and checking a year file of the State Council's holiday arrangement.

The format is that of NateScarlet/holiday-cn (one JSON per year):
    {"year": 2027, "papers": ["https://www.gov.cn/..."],
     "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}, ...]}
`isOffDay` false marks a weekend make-up working day (调休上班).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from zwfw.core.errors import ValidationFailed


@dataclass(frozen=True)
class YearDay:
    date: dt.date
    name: str
    is_off: bool


@dataclass(frozen=True)
class YearFile:
    year: int
    papers: tuple[str, ...]
    days: tuple[YearDay, ...]


def _fail(errors: dict[str, list[str]]) -> ValidationFailed:
    return ValidationFailed("年度日历文件有误，未导入任何内容", code="calendar_file_invalid", field_errors=errors)


def parse_year_file(raw: bytes | str) -> YearFile:
    """Check a year file completely; raise ValidationFailed listing every problem found."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise _fail({"file": [f"不是有效的 JSON：{exc}"]}) from None
    if not isinstance(data, dict):
        raise _fail({"file": ["文件内容应为一个 JSON 对象"]})
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1949 <= year <= 2200:
        raise _fail({"year": ["缺少年份或年份无效（应为 1949–2200 之间的整数）"]})
    days = data.get("days")
    if not isinstance(days, list) or not days:
        raise _fail({"days": ["缺少节假日安排（days 应为非空列表）"]})
    papers = data.get("papers", [])
    errors: dict[str, list[str]] = {}
    if not isinstance(papers, list) or not all(isinstance(p, str) for p in papers):
        errors["papers"] = ["通知文件列表（papers）应为字符串列表"]
        papers = []
    parsed: list[YearDay] = []
    seen: set[dt.date] = set()
    for i, item in enumerate(days):
        key = f"days[{i}]"
        if not isinstance(item, dict):
            errors[key] = ["每一天应为一个对象"]
            continue
        problems: list[str] = []
        name = item.get("name")
        if not isinstance(name, str) or not name.strip() or len(name) > 50:
            problems.append("名称（name）应为 1–50 个字的文字")
        is_off = item.get("isOffDay")
        if not isinstance(is_off, bool):
            problems.append("isOffDay 应为 true（放假）或 false（调休上班）")
        try:
            day = dt.date.fromisoformat(item.get("date") or "")
        except (TypeError, ValueError):
            problems.append(f"日期无效：{item.get('date')!r}（应为 YYYY-MM-DD）")
            day = None
        if day is not None:
            if day.year != year:
                problems.append(f"日期 {day} 不属于 {year} 年")
            elif day in seen:
                problems.append(f"日期 {day} 重复出现")
            elif is_off is False and day.weekday() < 5:
                problems.append(f"调休上班日 {day} 应为周六或周日")
            seen.add(day)
        if problems:
            errors[key] = problems
        else:
            parsed.append(YearDay(day, name.strip(), is_off))
    if errors:
        raise _fail(errors)
    return YearFile(year, tuple(papers), tuple(sorted(parsed, key=lambda d: d.date)))
