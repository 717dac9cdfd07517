import io

import pytest
from django.core.management import CommandError, call_command

from zwfw.calendar.models import CalendarYear

from .reference import DATA


def run(*args):
    out = io.StringIO()
    call_command("calendar", *args, stdout=out)
    return out.getvalue()


def test_add_between_show(seeded):
    assert run("add", "2025-09-26", "20") == "2025-10-30\n"
    assert run("between", "2025-09-26", "2025-10-30") == "20\n"
    shown = run("show", "2026").splitlines()
    assert shown[0] == "2026 年（来源：chinesecalendar 1.11.0）"
    assert shown[4] == "2026-01-04 周日 元旦 调休上班"
    assert shown[-1] == "全年工作日 248 天"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "2026-12-30", "5"), "2027 年工作日历尚未导入，无法计算工作日时限"),
        (("add", "2026-13-01", "5"), "日期无效：'2026-13-01'（应为 YYYY-MM-DD）"),
        (("add", "2026-12-01", "-1"), "工作日数应为非负整数：'-1'"),
        (("between", "2025-01-01", "x"), "日期无效：'x'（应为 YYYY-MM-DD）"),
        (("show", "2027"), "2027 年工作日历尚未导入"),
        (("import", "/nonexistent.json"), "无法读取文件 /nonexistent.json：No such file or directory"),
    ],
)
def test_errors_exit_with_code_2(seeded, args, message):
    with pytest.raises(CommandError) as info:
        run(*args)
    assert (str(info.value), info.value.returncode) == (message, 2)


def test_import_and_seed(seeded, tmp_path):
    with pytest.raises(CommandError) as info:
        run("import", str(DATA / "2026.json"))
    assert info.value.returncode == 2
    assert run("import", str(DATA / "2026.json"), "--replace") == "已导入 2026 年工作日历（年度文件 2026.json）\n"
    assert CalendarYear.objects.get(year=2026).papers == ["https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm"]
    bad = tmp_path / "2027.json"
    bad.write_text('{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-04", "isOffDay": false}]}', encoding="utf-8")
    with pytest.raises(CommandError) as info:
        run("import", str(bad))
    assert str(info.value) == "年度日历文件有误，未导入任何内容（days[0]: 调休上班日 2027-01-04 应为周六或周日）"
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert run("seed") == "工作日历已是最新，无需载入\n"
