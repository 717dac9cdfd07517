"""The year view of the working calendar for the workbench (system administrator keeps it,
电子监察 reads it; calendar.selectors decides who sees coverage)."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
from dataclasses import dataclass

from zwfw.accounts.scope import Scope
from zwfw.calendar import selectors as calendar_selectors
from zwfw.calendar.models import CalendarYear
from zwfw.core import clock
from zwfw.core.errors import PermissionDenied


@dataclass(frozen=True)
class Day:
    date: dt.date | None      # None pads the first and last week
    workday: bool = False
    kind: str = ""            # special day kind (法定节假日 / 调休上班 …), "" for an ordinary day
    name: str = ""


@dataclass(frozen=True)
class Month:
    number: int
    weeks: list[list[Day]]
    workdays: int


@dataclass(frozen=True)
class YearView:
    year: int
    covered: bool
    loaded: CalendarYear | None
    months: list[Month]
    special_days: list
    workdays: int


def calendar_readable(viewer) -> Scope:
    """The calendar pages are for whoever sees coverage: system administrator and 电子监察."""
    if not calendar_selectors.calendar_coverage_visible(viewer):
        raise PermissionDenied()
    return Scope.for_viewer(viewer)


def loaded_years(*, viewer) -> list[CalendarYear]:
    calendar_readable(viewer)
    return calendar_selectors.calendar_years(viewer=viewer)


def year_view(*, viewer, year: int | None = None, now: dt.datetime | None = None) -> YearView:
    """Twelve month grids of the national calendar of `year`, Monday first."""
    calendar_readable(viewer)
    year = year or clock.today(now).year
    loaded = calendar_selectors.covered_year(year)
    specials = calendar_selectors.calendar_days(year=year)
    if loaded is None:
        return YearView(year=year, covered=False, loaded=None, months=[], special_days=specials, workdays=0)
    cal = calendar_selectors.calendar_for(None)
    by_date = {d.date: d for d in specials}
    months = []
    for number in range(1, 13):
        weeks = []
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, number):
            row = []
            for day in week:
                if day.month != number:
                    row.append(Day(date=None))
                    continue
                special = by_date.get(day)
                row.append(Day(date=day, workday=cal.is_workday(day),
                               kind=special.get_kind_display() if special else "",
                               name=special.name if special else ""))
            weeks.append(row)
        months.append(Month(number=number, weeks=weeks,
                            workdays=sum(1 for w in weeks for d in w if d.date and d.workday)))
    return YearView(year=year, covered=True, loaded=loaded, months=months, special_days=specials,
                    workdays=sum(m.workdays for m in months))
