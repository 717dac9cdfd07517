"""Reading a case's time limits, special procedures and extensions.

Every function takes a case the viewer already obtained through `selectors.case_get` (scoped to
the viewer, ADR 0021): whoever sees the case sees its clocks; the rows of another case are "not
found" even by id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from zwfw.calendar.engine import working_days_between
from zwfw.calendar.limits import LimitUnit
from zwfw.calendar.models import ClockStatus, TimeLimitClock
from zwfw.calendar.models.clock import PURPOSE_LABELS
from zwfw.calendar.selectors import calendar_for
from zwfw.core import clock
from zwfw.core.errors import NotFound

from .models import Case, CaseExtension, CaseSpecialProcedure, ProcedureStatus
from .services.drafting import OWNER_TYPE
from .services.procedures import HearingTimetable, hearing_timetable


@dataclass(frozen=True)
class PausedSpan:
    kind: str
    reason: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    excluded_days: int | None  # working (or natural) days not counted; None while open


@dataclass(frozen=True)
class ClockView:
    id: int
    purpose: str
    label: str
    status: str
    status_label: str
    limit: int
    unit: str
    unit_label: str
    extension_days: int
    extension_max: int
    started_at: dt.datetime
    due_date: dt.date | None
    remaining_days: int | None  # working days left seen today; negative = overdue; None = paused/stopped
    pauses: list[PausedSpan] = field(default_factory=list)
    extensions: list = field(default_factory=list)

    @property
    def overdue_days(self) -> int:
        return -self.remaining_days if self.remaining_days is not None and self.remaining_days < 0 else 0


def _label(purpose: str) -> str:
    return str(next((label for prefix, label in PURPOSE_LABELS if purpose.startswith(prefix)), purpose))


def case_time_limits(case: Case, *, now: dt.datetime | None = None) -> list[ClockView]:
    """The clocks of the case (statutory, promised, steps…), with the working days left, the
    spans that did not count and the extensions approved."""
    today = clock.today(now or clock.now())
    cal = calendar_for(case.region)
    rows = (TimeLimitClock.objects.filter(owner_type=OWNER_TYPE, owner_id=str(case.pk))
            .exclude(purpose="acceptance").prefetch_related("pauses", "extensions__approved_by").order_by("pk"))
    out = []
    for c in rows:
        working = c.unit == LimitUnit.WORKING_DAYS
        spans = []
        for p in c.pauses.all():
            excluded = None
            if p.ended_at is not None:
                a, b = clock.today(p.started_at), clock.today(p.ended_at)
                excluded = working_days_between(cal, a, b) if working else (b - a).days
            spans.append(PausedSpan(str(p.get_kind_display()), p.reason, p.started_at, p.ended_at, excluded))
        remaining = None
        if c.status == ClockStatus.RUNNING and c.due_date is not None and working:
            remaining = working_days_between(cal, today, c.due_date)
        elif c.status == ClockStatus.RUNNING and c.due_date is not None:
            remaining = (c.due_date - today).days
        out.append(ClockView(
            id=c.pk, purpose=c.purpose, label=_label(c.purpose), status=c.status,
            status_label=str(c.get_status_display()), limit=c.limit, unit=c.unit, unit_label=str(c.get_unit_display()),
            extension_days=c.extension_days, extension_max=c.extension_max, started_at=c.started_at,
            due_date=c.due_date, remaining_days=remaining, pauses=spans, extensions=list(c.extensions.all())))
    return out


def case_special_procedures(case: Case):
    return CaseSpecialProcedure.objects.filter(case=case).select_related("started_by", "ended_by", "notice")


def case_extensions(case: Case):
    return CaseExtension.objects.filter(case=case).select_related("requested_by", "decided_by", "notice")


def procedure_get(case: Case, procedure_id) -> CaseSpecialProcedure:
    try:
        return case_special_procedures(case).get(pk=int(procedure_id))
    except (CaseSpecialProcedure.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("未找到该特别程序"), code="special_procedure_not_found") from None


def extension_get(case: Case, extension_id) -> CaseExtension:
    try:
        return case_extensions(case).get(pk=int(extension_id))
    except (CaseExtension.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("未找到该延期申请"), code="extension_not_found") from None


def procedure_hearing_timetable(procedure: CaseSpecialProcedure) -> HearingTimetable | None:
    """The hearing dates of 行政许可法第四十七条、第四十八条 for a hearing procedure, else None."""
    if procedure.kind != "hearing":
        return None
    return hearing_timetable(calendar_for(procedure.case.region), told_on=procedure.hearing_right_told_on,
                             requested_on=procedure.hearing_requested_on, hearing_on=procedure.hearing_on)


def running_procedure(case: Case) -> CaseSpecialProcedure | None:
    return case_special_procedures(case).filter(status=ProcedureStatus.RUNNING).first()
