"""`zwfw calendar add|between|import|show|seed` — the working-day calendar from the console.

    zwfw calendar add 2025-09-26 20           → 2025-10-30
    zwfw calendar between 2025-09-26 2025-10-30 → 20
    zwfw calendar import 2027.json [--replace]
    zwfw calendar show 2026
    zwfw calendar seed

Bad input and uncovered years exit with code 2 and a message in Chinese.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zwfw.calendar import selectors, services
from zwfw.calendar.engine import add_working_days, working_days_between
from zwfw.calendar.models import DayKind
from zwfw.core.errors import DomainError

WEEKDAYS = "一二三四五六日"


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期无效：{value!r}（应为 YYYY-MM-DD）", returncode=2) from None


def _int(value: str, what: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise CommandError(f"{what}应为非负整数：{value!r}", returncode=2)
    return number


def _fail(exc: DomainError) -> CommandError:
    details = "；".join(f"{k}: {'，'.join(v)}" for k, v in exc.field_errors.items())
    return CommandError(exc.message + (f"（{details}）" if details else ""), returncode=2)


class Command(BaseCommand):
    help = "工作日历：计算工作日、导入年度安排、查看年度节假日"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="起算日加 N 个工作日（起算日不计入）")
        add.add_argument("start")
        add.add_argument("days")
        add.add_argument("--region", help="区划代码（使用该地区的地方日历）")
        between = sub.add_parser("between", help="两个日期之间的工作日数（不含起始日，含结束日）")
        between.add_argument("start")
        between.add_argument("end")
        between.add_argument("--region", help="区划代码（使用该地区的地方日历）")
        imp = sub.add_parser("import", help="导入一个年度节假日安排文件（holiday-cn 格式）")
        imp.add_argument("file")
        imp.add_argument("--replace", action="store_true", help="覆盖已存在的年度")
        show = sub.add_parser("show", help="列出一年的节假日和调休上班日")
        show.add_argument("year")
        sub.add_parser("seed", help="从 chinesecalendar 包载入其覆盖的全部年度（可重复执行）")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except DomainError as exc:
            raise _fail(exc) from None

    def _calendar(self, region_code):
        if not region_code:
            return selectors.calendar_for(None)
        from zwfw.organizations.models import Region

        region = Region.objects.filter(pk=region_code).first()
        if region is None:
            raise CommandError(f"未找到区划：{region_code}", returncode=2)
        return selectors.calendar_for(region)

    def _add(self, *, start, days, region=None, **_):
        start_date, n = _date(start), _int(days, "工作日数")
        self.stdout.write(add_working_days(self._calendar(region), start_date, n).isoformat())

    def _between(self, *, start, end, region=None, **_):
        a, b = _date(start), _date(end)
        self.stdout.write(str(working_days_between(self._calendar(region), a, b)))

    def _import(self, *, file, replace=False, **_):
        try:
            raw = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件 {file}：{exc.strerror}", returncode=2) from None
        row = services.calendar_year_import(actor=None, raw=raw, replace=replace, source=f"年度文件 {Path(file).name}")
        self.stdout.write(f"已导入 {row.year} 年工作日历（{row.source}）")

    def _show(self, *, year, **_):
        number = _int(year, "年份")
        cal = selectors.calendar_for(None)
        if not cal.first_year <= number <= cal.last_year:
            raise CommandError(f"{number} 年工作日历尚未导入", returncode=2)
        row = selectors.covered_year(number)
        self.stdout.write(f"{number} 年（来源：{row.source if row else '—'}）")
        for day in selectors.calendar_days(year=number):
            label = "调休上班" if day.kind == DayKind.MAKEUP_WORKDAY else "放假"
            self.stdout.write(f"{day.date.isoformat()} 周{WEEKDAYS[day.date.weekday()]} {day.name} {label}")
        total = len(cal.workdays_in(dt.date(number, 1, 1), dt.date(number, 12, 31)))
        self.stdout.write(f"全年工作日 {total} 天")

    def _seed(self, **_):
        years = services.calendar_seed_from_package()
        if years:
            self.stdout.write(f"已载入 {years[0]}–{years[-1]} 年，共 {len(years)} 个年度")
        else:
            self.stdout.write("工作日历已是最新，无需载入")
