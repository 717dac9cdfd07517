"""Reads of the calendar context: the effective calendar of a region, coverage, office hours, policy.

The calendar is public law (a State Council notice), so `calendar_for` needs no viewer; the
administrative views (coverage warnings, year list) take the viewer and answer only admins.
"""

from __future__ import annotations

import datetime as dt
import threading

from django.db.models import Q

from zwfw.accounts.models import Role
from zwfw.accounts.scope import Scope
from zwfw.core import clock
from zwfw.organizations.models import region_ancestor_codes

from .engine import Calendar, CalendarNotCovered
from .hours import DEFAULT_OFFICE_SCHEDULE, OfficeSchedule
from .limits import NATIONAL_THRESHOLDS, Thresholds
from .models import CalendarDay, CalendarYear, OfficeHours, WarningPolicy, WorkCalendar
from .models.calendar import OFF_KINDS

_cache: dict[tuple, Calendar] = {}
_cache_lock = threading.Lock()

def _covered_run(years: list[int]) -> tuple[int, int] | None:
    """The run of consecutive covered years ending at the latest one."""
    if not years:
        return None
    years = sorted(set(years))
    first = last = years[-1]
    while first - 1 in years:
        first -= 1
    return first, last


def calendar_for(region=None) -> Calendar:
    """The effective working-day calendar of `region` (None = national).

    National days overlaid with the local days of each calendar on the path province → city →
    county → town. Built once per combination of calendar versions and kept in process; any
    change to calendar data bumps a version, so the next call rebuilds. If the national calendar
    has never been loaded it is seeded from the chinesecalendar package first (idempotent).
    """
    codes = list(region_ancestor_codes(region.pk if hasattr(region, "pk") else str(region))) if region else []
    # One query for the national calendar and the path's own ones (their versions key the cache).
    where = Q(region__isnull=True) | Q(region_id__in=codes) if codes else Q(region__isnull=True)
    rows = list(WorkCalendar.objects.filter(where).values_list("pk", "region_id", "version"))
    if not any(r[1] is None for r in rows):
        from .services import calendar_seed_from_package

        calendar_seed_from_package()
        return calendar_for(region)
    rows.sort(key=lambda r: (r[1] is not None, r[1] or ""))
    key = tuple((pk, version) for pk, _region, version in rows)
    cached = _cache.get(key)
    if cached is not None:
        return cached
    with _cache_lock:
        cal = _build(rows)
        _cache[key] = cal
    return cal


def _build(rows) -> Calendar:
    national_pk = rows[0][0]
    run = _covered_run(list(CalendarYear.objects.filter(calendar_id=national_pk).values_list("year", flat=True)))
    if run is None:
        raise CalendarNotCovered(clock.today().year)
    off: set[dt.date] = set()
    makeup: set[dt.date] = set()
    for pk, _region, _version in rows:  # national first, then province … town
        for day, kind in CalendarDay.objects.filter(calendar_id=pk).values_list("date", "kind"):
            off.discard(day)
            makeup.discard(day)
            (off if kind in OFF_KINDS else makeup).add(day)
    version = "/".join(f"{pk}.{v}" for pk, _r, v in rows)
    return Calendar(first_year=run[0], last_year=run[1], off_days=off, makeup_days=makeup, version=version)


def calendar_cache_clear() -> None:
    _cache.clear()


def covered_years() -> list[int]:
    return sorted(CalendarYear.objects.filter(calendar__region__isnull=True).values_list("year", flat=True))


def _is_admin(viewer) -> bool:
    """Who sees the calendar's coverage: the system administrator (who keeps it) and 电子监察
    (whose clocks depend on it)."""
    scope = Scope.for_viewer(viewer)
    return scope.everything or scope.has(Role.SUPERVISOR)


def calendar_coverage_visible(viewer) -> bool:
    """Whether `viewer` may see the calendar's coverage and year pages."""
    return _is_admin(viewer)


def calendar_coverage_warnings(now: dt.datetime | None = None, *, viewer=None) -> list[dict]:
    """Warnings for admins when next year's arrangement is missing, from 1 November on.

    With `viewer` given, only administrators and supervisors see them.
    """
    if viewer is not None and not _is_admin(viewer):
        return []
    today = clock.today(now)
    run = _covered_run(covered_years())
    if run is None:
        return [{"code": "calendar_empty", "year": today.year, "message": "工作日历尚未初始化"}]
    last = run[1]
    missing = list(range(last + 1, today.year + 1))
    if not missing and today >= dt.date(last, 11, 1):
        missing = [last + 1]
    return [
        {"code": "calendar_year_missing", "year": year, "message": f"{year} 年工作日历尚未导入"}
        for year in missing
    ]


def calendar_years(*, viewer) -> list[CalendarYear]:
    """Covered years of the national calendar with their sources (admins and supervisors)."""
    if not _is_admin(viewer):
        return []
    return list(CalendarYear.objects.filter(calendar__region__isnull=True).order_by("year"))


def covered_year(year: int) -> CalendarYear | None:
    """The national coverage row of `year` (its source and notices are public), if loaded."""
    return CalendarYear.objects.filter(calendar__region__isnull=True, year=year).first()


def calendar_days(*, year: int, region=None) -> list[CalendarDay]:
    """The national (or a region's own) special days of one year, in date order."""
    qs = CalendarDay.objects.filter(date__year=year)
    qs = qs.filter(calendar__region=region) if region else qs.filter(calendar__region__isnull=True)
    return list(qs.order_by("date"))


def office_schedule_for(service_center=None) -> OfficeSchedule:
    if service_center is None:
        return DEFAULT_OFFICE_SCHEDULE
    row = OfficeHours.objects.filter(service_center=service_center).first()
    return OfficeSchedule.parse(row.sessions) if row else DEFAULT_OFFICE_SCHEDULE


def thresholds_for(region=None) -> Thresholds:
    """The warning thresholds of the nearest region up the path that has a policy, else national."""
    codes = region.ancestor_codes() if region else ()
    # One query for the path's policies and the national one (region NULL).
    where = Q(region_id__in=codes) | Q(region__isnull=True) if codes else Q(region__isnull=True)
    policies: dict = {}
    for region_id, yellow_days, yellow_percent in (WarningPolicy.objects.filter(where).order_by("pk")
                                                   .values_list("region_id", "yellow_days", "yellow_percent")):
        policies.setdefault(region_id, Thresholds(yellow_days, yellow_percent))
    for code in (*codes, None):  # nearest first, national last
        if code in policies:
            return policies[code]
    return NATIONAL_THRESHOLDS
