"""Loading and editing calendar data: seed from chinesecalendar, import a year file, edit days."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from zwfw.accounts.scope import Scope
from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import Conflict, PermissionDenied, ValidationFailed

from ..hours import OfficeSchedule
from ..models import CalendarDay, CalendarYear, DayKind, OfficeHours, WarningPolicy, WorkCalendar
from ..models.calendar import new_version
from ..package import package_days, package_source
from ..yearfile import parse_year_file
from .recompute import clocks_recompute_enqueue

NATIONAL_NAME = "全国工作日历（国务院办公厅节假日安排）"

def _require_admin(actor) -> None:
    """Calendar data is system administration (actor None = the system itself: CLI, demo, lazy seed)."""
    if actor is None:
        return
    scope = Scope.for_viewer(actor)
    if not scope.everything:
        raise PermissionDenied("只有系统管理员可以维护工作日历")


def _calendar_locked(region=None, *, now: dt.datetime) -> WorkCalendar:
    """The jurisdiction's calendar row, created if missing, locked for the transaction."""
    try:
        with transaction.atomic():
            WorkCalendar.objects.get_or_create(
                region=region,
                defaults={"name": NATIONAL_NAME if region is None else f"{region.name}工作日历", "updated_at": now},
            )
    except IntegrityError:
        pass  # created concurrently by another transaction
    return WorkCalendar.objects.select_for_update().get(region=region)


def _bump(calendar: WorkCalendar, now: dt.datetime) -> None:
    WorkCalendar.objects.filter(pk=calendar.pk).update(version=new_version(), updated_at=now)


def calendar_seed_from_package(*, actor=None, now: dt.datetime | None = None) -> list[int]:
    """Load every year the chinesecalendar package covers that the national calendar lacks.

    Idempotent: years already present (seeded or imported) are left alone. Returns the years added.
    """
    _require_admin(actor)
    now = now or clock.now()
    source = package_source()
    package_years, off, makeup = package_days()
    with transaction.atomic():
        national = _calendar_locked(None, now=now)
        have = set(CalendarYear.objects.filter(calendar=national).values_list("year", flat=True))
        todo = [y for y in package_years if y not in have]
        if not todo:
            return []
        wanted = set(todo)
        days = [
            CalendarDay(calendar=national, date=d, kind=kind, name=name, source=source)
            for table, kind in ((off, DayKind.HOLIDAY), (makeup, DayKind.MAKEUP_WORKDAY))
            for d, name in table.items()
            if d.year in wanted
        ]
        CalendarDay.objects.filter(calendar=national, date__year__in=todo).delete()
        CalendarDay.objects.bulk_create(days)
        CalendarYear.objects.bulk_create(
            [CalendarYear(calendar=national, year=y, source=source, imported_at=now, imported_by=actor) for y in todo]
        )
        _bump(national, now)
        audit_record(
            actor=actor, action="calendar.seed", target=national, now=now,
            changes={"years": [todo[0], todo[-1]], "days": len(days), "source": source},
        )
    return todo


def calendar_year_import(
    *, actor, raw: bytes | str, replace: bool = False, source: str = "", now: dt.datetime | None = None
) -> CalendarYear:
    """Import one year of the State Council arrangement (holiday-cn format), all or nothing.

    A year already present is replaced only with `replace=True`. A new year must adjoin the
    covered range, so coverage never has a hole.
    """
    _require_admin(actor)
    now = now or clock.now()
    year_file = parse_year_file(raw)
    year = year_file.year
    with transaction.atomic():
        national = _calendar_locked(None, now=now)
        have = sorted(CalendarYear.objects.filter(calendar=national).values_list("year", flat=True))
        if year in have and not replace:
            raise Conflict(f"{year} 年工作日历已存在；如需覆盖，请选择替换（命令行加 --replace）", code="calendar_year_exists")
        if have and year not in have and not have[0] - 1 <= year <= have[-1] + 1:
            raise ValidationFailed.on(
                "year", f"只能导入与已有年份相邻的年份（当前覆盖 {have[0]}–{have[-1]} 年）", code="calendar_year_gap"
            )
        before = {
            str(d): k for d, k in CalendarDay.objects.filter(calendar=national, date__year=year).values_list("date", "kind")
        }
        CalendarDay.objects.filter(calendar=national, date__year=year).delete()
        label = source or f"年度文件 {year}.json"
        CalendarDay.objects.bulk_create([
            CalendarDay(
                calendar=national, date=d.date, name=d.name, source=label,
                kind=DayKind.HOLIDAY if d.is_off else DayKind.MAKEUP_WORKDAY,
            )
            for d in year_file.days
        ])
        row, _created = CalendarYear.objects.update_or_create(
            calendar=national, year=year,
            defaults={"source": label, "papers": list(year_file.papers), "imported_at": now, "imported_by": actor},
        )
        _bump(national, now)
        after = {str(d.date): (DayKind.HOLIDAY if d.is_off else DayKind.MAKEUP_WORKDAY) for d in year_file.days}
        audit_record(
            actor=actor, action="calendar.year_import", target=national, now=now,
            changes={
                "year": year, "replaced": year in have, "days": len(year_file.days), "papers": list(year_file.papers),
                "changed_days": sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k)),
            },
        )
        if year in have:
            clocks_recompute_enqueue(actor=actor, reason="工作日历变更", since=dt.date(year, 1, 1), now=now)
    return row


def calendar_day_validate(*, date: dt.date, kind: str, name: str, region=None) -> None:
    """Check one special day before it is recorded (also used by the admin form)."""
    allowed = (DayKind.HOLIDAY, DayKind.MAKEUP_WORKDAY) if region is None else (
        DayKind.LOCAL_HOLIDAY, DayKind.MAKEUP_WORKDAY)
    if kind not in allowed:
        raise ValidationFailed.on("kind", "全国日历只能设置法定节假日或调休上班；地方日历只能设置地方休息日或调休上班")
    if not (name or "").strip():
        raise ValidationFailed.on("name", "请填写名称")
    if kind == DayKind.MAKEUP_WORKDAY and date.weekday() < 5:
        raise ValidationFailed.on("date", f"调休上班日 {date} 应为周六或周日")
    if not CalendarYear.objects.filter(calendar__region__isnull=True, year=date.year).exists():
        raise ValidationFailed.on("date", f"{date.year} 年工作日历尚未导入，请先导入该年度安排", code="calendar_not_covered")


def calendar_day_set(
    *, actor, date: dt.date, kind: str, name: str, region=None, source: str = "管理员维护",
    now: dt.datetime | None = None,
) -> CalendarDay:
    """Record one special day: a national correction, or a region's local holiday / make-up day."""
    _require_admin(actor)
    now = now or clock.now()
    calendar_day_validate(date=date, kind=kind, name=name, region=region)
    with transaction.atomic():
        calendar = _calendar_locked(region, now=now)
        old = CalendarDay.objects.filter(calendar=calendar, date=date).first()
        before = {"kind": old.kind, "name": old.name} if old else {}
        day, _created = CalendarDay.objects.update_or_create(
            calendar=calendar, date=date, defaults={"kind": kind, "name": name.strip(), "source": source}
        )
        _bump(calendar, now)
        audit_record(
            actor=actor, action="calendar.day_set", target=day, now=now,
            changes={"date": str(date), "calendar": calendar.name, "before": before, "after": {"kind": kind, "name": day.name}},
        )
        clocks_recompute_enqueue(actor=actor, reason="工作日历变更", region=region, since=date, now=now)
    return day


def calendar_day_delete(*, actor, day: CalendarDay, now: dt.datetime | None = None) -> None:
    """Remove a special day (the date falls back to the weekday pattern of its calendar)."""
    _require_admin(actor)
    now = now or clock.now()
    with transaction.atomic():
        calendar = WorkCalendar.objects.select_for_update().get(pk=day.calendar_id)
        changes = {"date": str(day.date), "calendar": calendar.name, "kind": day.kind, "name": day.name}
        audit_record(actor=actor, action="calendar.day_delete", target=day, now=now, changes=changes)
        day.delete()
        _bump(calendar, now)
        clocks_recompute_enqueue(actor=actor, reason="工作日历变更", region=calendar.region, since=day.date,
                                 now=now)


def office_hours_set(*, actor, service_center, sessions: list[list[str]], now: dt.datetime | None = None) -> OfficeHours:
    """Set a service center's opening sessions, e.g. [["09:00","12:00"],["13:30","17:30"]]."""
    _require_admin(actor)
    now = now or clock.now()
    try:
        schedule = OfficeSchedule.parse(sessions)
    except (TypeError, ValueError):
        raise ValidationFailed.on("sessions", "办公时段应为按时间先后排列、互不重叠的“开始–结束”时间（如 09:00–12:00）") from None
    with transaction.atomic():
        old = OfficeHours.objects.filter(service_center=service_center).first()
        row, _ = OfficeHours.objects.update_or_create(
            service_center=service_center, defaults={"sessions": schedule.as_ranges()}
        )
        audit_record(
            actor=actor, action="calendar.office_hours_set", target=row, now=now,
            changes={"sessions": [old.sessions if old else None, row.sessions]},
        )
        # The close of office is every day-counted clock's due moment, and hour limits run in
        # the sessions: the stored due_at / warn_at of this center's clocks move with them.
        clocks_recompute_enqueue(actor=actor, reason="办公时间变更", service_center=service_center,
                                 now=now or clock.now())
    return row


def warning_policy_set(
    *, actor, yellow_days: int, yellow_percent: int, region=None, now: dt.datetime | None = None
) -> WarningPolicy:
    """Set the yellow-warning thresholds of a region (None = the national default)."""
    _require_admin(actor)
    errors = {}
    if not 0 <= yellow_days <= 60:
        errors["yellow_days"] = ["剩余工作日阈值应在 0–60 之间"]
    if not 0 <= yellow_percent <= 100:
        errors["yellow_percent"] = ["剩余比例应在 0–100 之间"]
    if errors:
        raise ValidationFailed(field_errors=errors)
    with transaction.atomic():
        row, _ = WarningPolicy.objects.update_or_create(
            region=region, defaults={"yellow_days": yellow_days, "yellow_percent": yellow_percent}
        )
        now = now or clock.now()
        audit_record(
            actor=actor, action="calendar.warning_policy_set", target=row, now=now,
            changes={"yellow_days": yellow_days, "yellow_percent": yellow_percent},
        )
        clocks_recompute_enqueue(actor=actor, reason="预警阈值变更", region=region, now=now)
    return row
