"""The arithmetic of a running time limit (the clock of a case or a step), as pure functions.

Rules (docs/adr/0010-working-day-index.md):
- A limit of N units starts on the day of acceptance, which is not counted: a period counted in
  days begins on the next day (民法典第二百零一条第一款, as 民法通则第一百五十四条 before it).
  行政许可法第八十二条 says only that its limits are counted in working days, without public
  holidays.
- Approved extensions add their days to N, up to the maximum the item's version allows
  (行政许可法第四十二条: 20 working days, extendable by 10 with the approval of the organ's head;
  统一办理、联合办理、集中办理 45, extendable by 15).
- A pause (补正 wait, or a special procedure: hearing, tender, auction, inspection, testing,
  quarantine, appraisal, expert review — 行政许可法第四十五条) excludes the days in
  (pause start, pause end]: the day the pause begins still counts, the day it ends does not
  (like the day of acceptance). A pause that begins on or after the due day moves nothing: the
  limit was already used up.
- While a pause that began before the due day is open, there is no due date.
- Natural-day limits exclude natural days the same way, and their last day rolls forward to
  the next working day (民法典第二百零三条).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from zwfw.core.clock import SHANGHAI

from .engine import (
    Calendar,
    add_natural_days,
    add_working_days,
    subtract_working_days,
    working_days_between,
)
from .hours import OfficeSchedule, add_office_hours, end_of_office_day


class LimitUnit(models.TextChoices):
    """The one unit of every time limit: the catalog's published limits and the running clocks
    (the catalog imports it from here; the calendar depends on no domain app)."""

    WORKING_DAYS = "working_days", _("工作日")
    NATURAL_DAYS = "natural_days", _("自然日")
    HOURS = "hours", _("小时")


# 行政许可法第四十二条第一款: a decision not made within 20 days may be extended by 10 days with the
# approval of the organ's head. 第二款: for 统一办理、联合办理、集中办理 the limit is 45 days,
# extendable by 15. The item version stores its maximum (this is its default); a clock carries it.
EXTENSION_MAX_DAYS = 10
EXTENSION_MAX_DAYS_JOINT = 15
EXTENSION_BASIS = "行政许可法第四十二条"


@dataclass(frozen=True)
class Thresholds:
    """Yellow when at most `yellow_days` days or `yellow_percent` % of the limit remain."""

    yellow_days: int
    yellow_percent: int


# National defaults (no statute fixes them; the usual 电子监察 practice of the seed work plans:
# 黄牌 two working days before the limit, or when a fifth of it remains; 红牌 once overdue).
# A region overrides them with a WarningPolicy row.
NATIONAL_THRESHOLDS = Thresholds(yellow_days=2, yellow_percent=20)


@dataclass(frozen=True)
class Span:
    """A pause, as dates in China. `end` None = still open."""

    start: dt.date
    end: dt.date | None


def due_date(
    cal: Calendar, *, start: dt.date, limit: int, unit: str, extension_days: int = 0,
    pauses: Sequence[Span] = (),
) -> dt.date | None:
    """The last day of a day-counted limit, or None while a relevant pause is open."""
    total = limit + extension_days
    excluded = 0
    working = unit == LimitUnit.WORKING_DAYS
    for pause in sorted(pauses, key=lambda p: p.start):
        candidate = (
            add_working_days(cal, start, total + excluded)
            if working
            else start + dt.timedelta(days=total + excluded)
        )
        if pause.start >= candidate:
            break
        if pause.end is None:
            return None
        excluded += (
            working_days_between(cal, pause.start, pause.end) if working else (pause.end - pause.start).days
        )
    if working:
        return add_working_days(cal, start, total + excluded)
    return add_natural_days(cal, start, total + excluded)


def warn_date(cal: Calendar, *, start: dt.date, due: dt.date, total: int, unit: str, thresholds: Thresholds) -> dt.date:
    """The first day on which the clock is yellow (never before `start`)."""
    keep = max(thresholds.yellow_days, total * thresholds.yellow_percent // 100)
    if unit == LimitUnit.WORKING_DAYS:
        if working_days_between(cal, start, due) <= keep:
            return start
        day = subtract_working_days(cal, due, keep)
    else:
        day = due - dt.timedelta(days=keep)
    return max(day, start)


@dataclass(frozen=True)
class Schedule:
    """Computed due and warning moments of a clock (None while paused without a due)."""

    due_date: dt.date | None
    due_at: dt.datetime | None
    warn_at: dt.datetime | None


def clock_schedule(
    cal: Calendar, *, started_at: dt.datetime, limit: int, unit: str, extension_days: int = 0,
    pauses: Sequence[Span] = (), office: OfficeSchedule | None = None, thresholds: Thresholds = NATIONAL_THRESHOLDS,
) -> Schedule:
    """Due date, due moment (close of office) and warning moment of a clock."""
    total = limit + extension_days
    if unit == LimitUnit.HOURS:
        due_at = add_office_hours(cal, started_at, total, office)
        warn_at = add_office_hours(cal, started_at, total * (100 - thresholds.yellow_percent) / 100, office)
        return Schedule(due_at.astimezone(SHANGHAI).date(), due_at, warn_at)
    start = started_at.astimezone(SHANGHAI).date()
    due = due_date(cal, start=start, limit=limit, unit=unit, extension_days=extension_days, pauses=pauses)
    if due is None:
        return Schedule(None, None, None)
    warn = warn_date(cal, start=start, due=due, total=total, unit=unit, thresholds=thresholds)
    warn_at = max(dt.datetime.combine(warn, dt.time(0, 0), tzinfo=SHANGHAI), started_at)
    return Schedule(due, end_of_office_day(due, office), warn_at)
