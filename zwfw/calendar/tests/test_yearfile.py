import json

import pytest

from zwfw.calendar.yearfile import parse_year_file
from zwfw.core.errors import ValidationFailed

from .reference import DATA


def test_parses_the_real_2026_file():
    parsed = parse_year_file((DATA / "2026.json").read_bytes())
    assert parsed.year == 2026
    assert parsed.papers == ("https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm",)
    assert len(parsed.days) == 39
    assert [(str(d.date), d.name, d.is_off) for d in parsed.days[:4]] == [
        ("2026-01-01", "元旦", True), ("2026-01-02", "元旦", True), ("2026-01-03", "元旦", True), ("2026-01-04", "元旦", False),
    ]


def _errors(raw):
    with pytest.raises(ValidationFailed) as info:
        parse_year_file(raw)
    assert info.value.code == "calendar_file_invalid"
    assert info.value.message == "年度日历文件有误，未导入任何内容"
    return info.value.field_errors


def test_bad_json():
    assert list(_errors(b"{not json")) == ["file"]
    assert _errors("[1, 2]") == {"file": ["文件内容应为一个 JSON 对象"]}


def test_missing_year_and_days():
    assert _errors(json.dumps({"days": []})) == {"year": ["缺少年份或年份无效（应为 1949–2200 之间的整数）"]}
    assert _errors(json.dumps({"year": 2027, "days": []})) == {"days": ["缺少节假日安排（days 应为非空列表）"]}


def test_every_bad_day_is_reported():
    raw = json.dumps({
        "year": 2027,
        "days": [
            {"name": "元旦", "date": "2027-01-01", "isOffDay": True},
            {"name": "元旦", "date": "2027-01-01", "isOffDay": True},
            {"name": "春节", "date": "2026-02-01", "isOffDay": True},
            {"name": "春节", "date": "2027-02-30", "isOffDay": True},
            {"name": "春节", "date": "2027-02-08", "isOffDay": False},
            {"name": "", "date": "2027-02-13", "isOffDay": "yes"},
        ],
    })
    assert _errors(raw) == {
        "days[1]": ["日期 2027-01-01 重复出现"],
        "days[2]": ["日期 2026-02-01 不属于 2027 年"],
        "days[3]": ["日期无效：'2027-02-30'（应为 YYYY-MM-DD）"],
        "days[4]": ["调休上班日 2027-02-08 应为周六或周日"],
        "days[5]": ["名称（name）应为 1–50 个字的文字", "isOffDay 应为 true（放假）或 false（调休上班）"],
    }
