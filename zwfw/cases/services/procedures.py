"""特别程序 (行政许可法第四十五条) and 延期 (行政许可法第四十二条) on an accepted case.

- A special procedure is started by the responsible department's staff, with a written notice
  to the applicant stating the expected time (特别程序告知书); it pauses every running clock of
  the case (statutory, promised, any step clock) because its time does not count, and ends with a
  result, which resumes exactly the clocks it paused. The case stays 已受理 throughout.
- An extension is requested by the department's staff with a reason and approved (or refused)
  by the department's head; approval adds the days to the statutory clock and to the promised
  clock (ADR 0032), within the item version's maximum, and tells the applicant in a notice
  (延长审批期限告知书).

Every act bumps the case's revision (a stale page is refused, `case_stale`), writes a timeline
entry and an audit event in one transaction; notices are issued after commit by the outbox.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zwfw.accounts.models import Role
from zwfw.calendar.engine import add_natural_days, add_working_days, subtract_working_days
from zwfw.calendar.limits import LimitUnit
from zwfw.calendar.models import ClockPause, ClockStatus, PauseKind, TimeLimitClock
from zwfw.calendar.selectors import calendar_for
from zwfw.calendar.services.clock import clock_extend, clock_pause, clock_resume
from zwfw.catalog.models import SpecialProcedureKind
from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import Conflict, PermissionDenied, StateError, ValidationFailed
from zwfw.core.state import StateMachine
from zwfw.documents.kinds import EXTENSION_NOTICE, SPECIAL_PROCEDURE_NOTICE
from zwfw.documents.services import document_issue
from zwfw.jobs.registry import outbox_handler
from zwfw.jobs.services.outbox import outbox_put

from .. import law
from ..models import (
    Case,
    CaseEvent,
    CaseExtension,
    CaseSpecialProcedure,
    CaseStatus,
    ExtensionStatus,
    ProcedureStatus,
)
from ._common import locked, require_fresh
from .drafting import OWNER_TYPE
from .notices import notify_applicant

PROMISED, STATUTORY = "promised", "statutory"
STAFF = "department_staff"
NOTICE_KIND = "cases.procedure_notice"

PROCEDURE_STATES = StateMachine(
    name="cases.special_procedure",
    transitions={"end": {ProcedureStatus.RUNNING: {ProcedureStatus.ENDED}}},
    labels={"end": gettext_lazy("结束特别程序")},
    errors={"end": (gettext_lazy("该特别程序已结束"), "special_procedure_ended")},
    conflict_message=gettext_lazy("该特别程序已被他人处理，请刷新页面后查看"),
    conflict_code="special_procedure_changed",
)

EXTENSION_STATES = StateMachine(
    name="cases.extension",
    transitions={
        "approve": {ExtensionStatus.REQUESTED: {ExtensionStatus.APPROVED}},
        "refuse": {ExtensionStatus.REQUESTED: {ExtensionStatus.REFUSED}},
    },
    labels={"approve": gettext_lazy("批准延期"), "refuse": gettext_lazy("不予批准延期")},
    errors={"approve": (gettext_lazy("该延期申请已审批"), "extension_decided"),
            "refuse": (gettext_lazy("该延期申请已审批"), "extension_decided")},
    conflict_message=gettext_lazy("该延期申请已被他人审批，请刷新页面后查看"),
    conflict_code="extension_changed",
)

# The timeline labels of the acts (the audit action is cases.case.<action>).
LABELS = {
    "special_procedure_start": gettext_lazy("启动特别程序"),
    "special_procedure_end": gettext_lazy("特别程序结束"),
    "extension_request": gettext_lazy("申请延长审批期限"),
    "extension_approve": gettext_lazy("批准延长审批期限"),
    "extension_refuse": gettext_lazy("不予批准延长审批期限"),
}


# -- who may act ---------------------------------------------------------------------------

def _is_department_staff(actor, case: Case) -> bool:
    return bool(actor is not None and actor.is_active and actor.department_id == case.department_id
                and actor.has_role(Role.APPROVER, Role.DEPARTMENT_HEAD))


def require_department_staff(actor, case: Case) -> None:
    """The responsible department's approvers and head handle a case after acceptance (a window
    clerk of the hall accepts for every department but does not process)."""
    if not _is_department_staff(actor, case):
        raise PermissionDenied(_("只有承办部门的审批人员可以办理该办件的特别程序和延期"),
                               code="not_department_staff")


def is_department_head(actor, case: Case) -> bool:
    return bool(actor is not None and actor.is_active and actor.department_id == case.department_id
                and actor.has_role(Role.DEPARTMENT_HEAD))


# -- the hearing timetable -----------------------------------------------------------------

@dataclass(frozen=True)
class HearingTimetable:
    """行政许可法第四十七条、第四十八条 in working days (第八十二条): the last day to ask for a hearing,
    the last day to hold it, and the last day to notify the parties of a given hearing date."""

    request_by: dt.date | None
    hold_by: dt.date | None
    notify_by: dt.date | None


def hearing_timetable(cal, *, told_on: dt.date | None, requested_on: dt.date | None,
                      hearing_on: dt.date | None) -> HearingTimetable:
    return HearingTimetable(
        request_by=told_on and add_working_days(cal, told_on, law.HEARING_REQUEST.limit),
        hold_by=requested_on and add_working_days(cal, requested_on, law.HEARING_HELD_WITHIN.limit),
        notify_by=hearing_on and subtract_working_days(cal, hearing_on, law.HEARING_NOTICE_BEFORE.limit),
    )


def _check_hearing(cal, *, today: dt.date, told_on, requested_on, hearing_on) -> None:
    if told_on is None or requested_on is None:
        raise ValidationFailed(_("听证须填写告知听证权利日期和申请听证日期（行政许可法第四十七条）"),
                               code="hearing_dates_missing",
                               field_errors={k: [_("请填写此项")] for k, v in
                                             (("hearing_right_told_on", told_on),
                                              ("hearing_requested_on", requested_on)) if v is None})
    plan = hearing_timetable(cal, told_on=told_on, requested_on=requested_on, hearing_on=hearing_on)
    if requested_on < told_on or requested_on > today:
        raise ValidationFailed.on("hearing_requested_on", _("申请听证日期应在告知听证权利之后、今天或之前"),
                                  code="hearing_dates_invalid")
    if requested_on > plan.request_by:
        raise ValidationFailed.on(
            "hearing_requested_on",
            _("听证申请应在被告知听证权利之日起 %(n)s 个工作日内（%(by)s 前）提出（%(basis)s），已超过期限")
            % {"n": law.HEARING_REQUEST.limit, "by": plan.request_by.isoformat(), "basis": law.HEARING_REQUEST.basis},
            code="hearing_request_late")
    if hearing_on is not None:
        if hearing_on > plan.hold_by:
            raise ValidationFailed.on(
                "hearing_on", _("应在申请听证之日起 %(n)s 个工作日内（%(by)s 前）组织听证（%(basis)s）")
                % {"n": law.HEARING_HELD_WITHIN.limit, "by": plan.hold_by.isoformat(),
                   "basis": law.HEARING_HELD_WITHIN.basis}, code="hearing_too_late")
        if plan.notify_by < today:
            raise ValidationFailed.on(
                "hearing_on", _("举行听证的 %(n)s 个工作日前须通知申请人、利害关系人（%(basis)s），"
                                "今天通知最早可定于 %(earliest)s")
                % {"n": law.HEARING_NOTICE_BEFORE.limit, "basis": law.HEARING_NOTICE_BEFORE.basis,
                   "earliest": add_working_days(cal, today, law.HEARING_NOTICE_BEFORE.limit).isoformat()},
                code="hearing_notice_too_short")


# -- the case's clocks ---------------------------------------------------------------------

def case_clocks_live(case: Case):
    """Every clock the case owns that still runs or is paused (statutory, promised, step clocks)."""
    return TimeLimitClock.objects.filter(owner_type=OWNER_TYPE, owner_id=str(case.pk)).exclude(
        status=ClockStatus.STOPPED).order_by("pk")


def _clock(case: Case, purpose: str) -> TimeLimitClock | None:
    return TimeLimitClock.objects.filter(owner_type=OWNER_TYPE, owner_id=str(case.pk), purpose=purpose).first()


def _touch(case: Case, *, action: str, actor, now: dt.datetime, note: str = "", public: bool = True,
           changes: dict | None = None, **fields) -> CaseEvent:
    """Record an act that leaves the status as it is (已受理): bump the revision with a conditional
    UPDATE (a racing act loses with `case_changed`), write the timeline entry and the audit event."""
    if case.status != CaseStatus.ACCEPTED:
        raise StateError(_("只有已受理、尚未作出决定的办件可以办理特别程序或延期"), code="case_not_in_processing")
    updated = Case.objects.filter(pk=case.pk, status=CaseStatus.ACCEPTED, revision=case.revision).update(
        revision=case.revision + 1, updated_at=now, **fields)
    if updated != 1:
        raise Conflict(_("该办件已被他人处理，请刷新页面后查看最新状态"), code="case_changed")
    case.revision += 1
    for name, value in fields.items():
        setattr(case, name, value)
    event = CaseEvent.objects.create(case=case, at=now, action=action, label=str(LABELS[action]),
                                     status_after=case.status, actor=actor, acting_as=STAFF, note=note,
                                     public=public)
    audit_record(actor=actor, action=f"cases.case.{action}", target=case, now=now, changes=changes or {})
    return event


def _queue_notice(event: CaseEvent, *, now: dt.datetime, **ref) -> None:
    outbox_put(kind=NOTICE_KIND, payload={"event_id": event.pk, **ref}, dedupe_key=f"case-notice:{event.pk}",
               now=now)


def _text(value: str | None, field: str, code: str, message: str, max_length: int = 500) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationFailed.on(field, message, code=code)
    if len(text) > max_length:
        raise ValidationFailed.on(field, _("最多 %(n)s 个字") % {"n": max_length}, code="text_too_long")
    return text


# -- special procedures ----------------------------------------------------------------------

def _expected_end(cal, *, today: dt.date, duration: int, unit: str) -> dt.date:
    if unit == LimitUnit.NATURAL_DAYS:
        return add_natural_days(cal, today, duration)
    return add_working_days(cal, today, duration)


def special_procedure_start(
    *, actor, case: Case, kind: str, reason: str, expected_duration: int | None = None,
    duration_unit: str | None = None, hearing_right_told_on: dt.date | None = None,
    hearing_requested_on: dt.date | None = None, hearing_on: dt.date | None = None,
    revision: int | None = None, now: dt.datetime | None = None,
) -> CaseSpecialProcedure:
    """Start a special procedure (行政许可法第四十五条) and pause every running clock of the case.

    The expected time is the staff's figure or, when left out, the duration the item version
    declares for that kind; the applicant is told it in writing (特别程序告知书, after commit)."""
    now = now or clock.now()
    if kind not in SpecialProcedureKind.values:
        raise ValidationFailed.on("kind", _("请选择特别程序种类"), code="special_procedure_kind_invalid")
    reason = _text(reason, "reason", "special_procedure_reason_missing", _("请填写启动特别程序的原因或依据"))
    today = clock.today(now)
    with transaction.atomic():
        case = locked(case)
        require_department_staff(actor, case)
        require_fresh(case, revision)
        if case.status != CaseStatus.ACCEPTED:
            raise StateError(_("只有已受理、尚未作出决定的办件可以启动特别程序"), code="case_not_in_processing")
        declared = case.version.special_procedures.filter(kind=kind).first()
        if expected_duration is None and declared is not None:
            expected_duration, duration_unit = declared.duration, declared.duration_unit
        if not expected_duration or expected_duration < 1:
            raise ValidationFailed.on("expected_duration", _("请填写特别程序预计所需时间（至少 1 天），将书面告知申请人"),
                                      code="special_procedure_duration_missing")
        duration_unit = duration_unit or LimitUnit.WORKING_DAYS
        if duration_unit not in (LimitUnit.WORKING_DAYS, LimitUnit.NATURAL_DAYS):
            raise ValidationFailed.on("duration_unit", _("时间单位应为工作日或自然日"), code="duration_unit_invalid")
        cal = calendar_for(case.region)
        if kind == SpecialProcedureKind.HEARING:
            _check_hearing(cal, today=today, told_on=hearing_right_told_on, requested_on=hearing_requested_on,
                           hearing_on=hearing_on)
        expected_end = _expected_end(cal, today=today, duration=expected_duration, unit=duration_unit)
        paused = []
        label = SpecialProcedureKind(kind).label
        for running in case_clocks_live(case).filter(status=ClockStatus.RUNNING).exclude(unit=LimitUnit.HOURS):
            clock_pause(actor=actor, clock=running, kind=PauseKind.SPECIAL_PROCEDURE,
                        reason=str(_("特别程序：%(kind)s") % {"kind": label}),
                        legal_basis=str(law.SPECIAL_PROCEDURE_BASIS), now=now)
            paused.append(running.pk)
        try:
            with transaction.atomic():
                procedure = CaseSpecialProcedure.objects.create(
                    case=case, kind=kind, reason=reason, expected_duration=expected_duration,
                    duration_unit=duration_unit, expected_end_on=expected_end, started_at=now, started_by=actor,
                    paused_clocks=paused, hearing_right_told_on=hearing_right_told_on if kind == "hearing" else None,
                    hearing_requested_on=hearing_requested_on if kind == "hearing" else None,
                    hearing_on=hearing_on if kind == "hearing" else None)
        except IntegrityError:
            raise StateError(_("该办件已有正在进行的特别程序，请先结束它"), code="special_procedure_running") from None
        event = _touch(case, action="special_procedure_start", actor=actor, now=now,
                       note=f"{label}：{reason}（{_('预计至 %(d)s') % {'d': expected_end.isoformat()}}）",
                       changes={"procedure": procedure.pk, "kind": kind, "gb_code": procedure.gb_code,
                                "expected_duration": expected_duration, "duration_unit": duration_unit,
                                "expected_end_on": expected_end, "paused_clocks": paused})
        _queue_notice(event, now=now, procedure_id=procedure.pk)
        notify_applicant(case, "case.special_procedure_started", now=now)
    return procedure


def _promised_due(case: Case) -> dt.date | None:
    promised = _clock(case, PROMISED)
    return promised.due_date if promised is not None else None


def special_procedure_end(*, actor, case: Case, procedure: CaseSpecialProcedure, result: str,
                          revision: int | None = None, now: dt.datetime | None = None) -> CaseSpecialProcedure:
    """End a special procedure with its result and resume the clocks it paused: their due dates
    move by the working days the procedure took (行政许可法第四十五条)."""
    now = now or clock.now()
    result = _text(result, "result", "special_procedure_result_missing", _("请填写特别程序的结果"), max_length=2000)
    with transaction.atomic():
        case = locked(case)
        require_department_staff(actor, case)
        require_fresh(case, revision)
        procedure = CaseSpecialProcedure.objects.select_for_update().get(pk=procedure.pk, case=case)
        PROCEDURE_STATES.check(procedure, action="end")
        if now < procedure.started_at:
            raise ValidationFailed.on("now", _("结束时间不能早于开始时间"), code="special_procedure_end_too_early")
        resumed = []
        for paused in TimeLimitClock.objects.filter(pk__in=procedure.paused_clocks, status=ClockStatus.PAUSED):
            # Only a pause this procedure opened is closed (a 补正 pause of a step stays open).
            if ClockPause.objects.filter(clock=paused, ended_at__isnull=True, kind=PauseKind.SPECIAL_PROCEDURE,
                                         started_at=procedure.started_at).exists():
                clock_resume(actor=actor, clock=paused, now=now)
                resumed.append(paused.pk)
        PROCEDURE_STATES.move(procedure, action="end", to=ProcedureStatus.ENDED, ended_at=now, ended_by=actor,
                              result=result)
        promised_by = _promised_due(case) or case.promised_by
        _touch(case, action="special_procedure_end", actor=actor, now=now,
               note=f"{procedure.get_kind_display()}：{result}", promised_by=promised_by,
               changes={"procedure": procedure.pk, "result": result, "resumed_clocks": resumed,
                        "promised_by": promised_by})
    return procedure


# -- extensions ------------------------------------------------------------------------------

def _extension_left(statutory: TimeLimitClock) -> int:
    return max(statutory.extension_max - statutory.extension_days, 0)


def _beyond_maximum(statutory: TimeLimitClock, days: int) -> ValidationFailed:
    return ValidationFailed.on(
        "days", _("最多可延长 %(max)s 个工作日（%(basis)s），已延长 %(done)s 个，本次最多 %(left)s 个")
        % {"max": statutory.extension_max, "basis": law.EXTENSION_BASIS, "done": statutory.extension_days,
           "left": _extension_left(statutory)}, code="extension_beyond_maximum")


def case_extension_request(*, actor, case: Case, days: int, reason: str, revision: int | None = None,
                           now: dt.datetime | None = None) -> CaseExtension:
    """Ask the department head to extend the limit (行政许可法第四十二条) by `days` working days,
    with the reason that will be told to the applicant."""
    now = now or clock.now()
    reason = _text(reason, "reason", "extension_reason_missing", _("请填写延长审批期限的理由（将告知申请人）"))
    if not isinstance(days, int) or days < 1:
        raise ValidationFailed.on("days", _("延长天数至少为 1 个工作日"), code="extension_days_invalid")
    with transaction.atomic():
        case = locked(case)
        require_department_staff(actor, case)
        require_fresh(case, revision)
        statutory = _clock(case, STATUTORY)
        if case.status != CaseStatus.ACCEPTED or statutory is None or statutory.status == ClockStatus.STOPPED:
            raise StateError(_("只有已受理、法定办结时限在计时的办件可以申请延期"), code="case_not_in_processing")
        if days > _extension_left(statutory):
            raise _beyond_maximum(statutory, days)
        try:
            with transaction.atomic():
                extension = CaseExtension.objects.create(case=case, days=days, reason=reason, requested_at=now,
                                                         requested_by=actor)
        except IntegrityError:
            raise StateError(_("该办件已有待批准的延期申请"), code="extension_pending") from None
        _touch(case, action="extension_request", actor=actor, now=now, public=False,
               note=_("申请延长 %(days)s 个工作日：%(reason)s") % {"days": days, "reason": reason},
               changes={"extension": extension.pk, "days": days, "reason": reason})
    return extension


def case_extension_decide(*, actor, case: Case, extension: CaseExtension, approve: bool, note: str = "",
                          revision: int | None = None, now: dt.datetime | None = None) -> CaseExtension:
    """The department head approves or refuses an extension request. Approval extends the
    statutory clock (clock_extend: head only, within the version's maximum, before the limit runs
    out) and the promised clock while it is still on time, and tells the applicant the reason and
    the new date in writing (延长审批期限告知书). A refusal states why; nothing else changes."""
    now = now or clock.now()
    note = (note or "").strip()
    if len(note) > 500:
        raise ValidationFailed.on("note", _("最多 %(n)s 个字") % {"n": 500}, code="text_too_long")
    with transaction.atomic():
        case = locked(case)
        if not is_department_head(actor, case):
            raise PermissionDenied(_("延长审批期限须经本部门负责人批准（行政许可法第四十二条），您无权审批延期"),
                                   code="extension_needs_department_head")
        require_fresh(case, revision)
        extension = CaseExtension.objects.select_for_update().get(pk=extension.pk, case=case)
        action = "approve" if approve else "refuse"
        EXTENSION_STATES.check(extension, action=action)
        if not approve:
            if not note:
                raise ValidationFailed.on("note", _("不予批准延期须说明理由"), code="extension_refusal_reason_missing")
            EXTENSION_STATES.move(extension, action="refuse", to=ExtensionStatus.REFUSED, decided_at=now,
                                  decided_by=actor, decision_note=note)
            _touch(case, action="extension_refuse", actor=actor, now=now, public=False, note=note,
                   changes={"extension": extension.pk, "note": note})
            return extension
        statutory = _clock(case, STATUTORY)
        if statutory is None or statutory.status == ClockStatus.STOPPED:
            raise StateError(_("该办件的法定办结时限已停止，不能延期"), code="case_not_in_processing")
        if statutory.status == ClockStatus.PAUSED:
            raise StateError(_("特别程序或补正期间时限暂停，请在其结束、恢复计时后再批准延期"),
                             code="extension_while_paused")
        if extension.days > _extension_left(statutory):
            raise _beyond_maximum(statutory, extension.days)
        before = statutory.due_date
        reason = extension.reason
        clock_extend(actor=actor, clock=statutory, days=extension.days, reason=reason,
                     legal_basis=str(law.EXTENSION_BASIS), now=now)
        statutory.refresh_from_db()
        # The promised limit moves with the statutory one while it is on time; a promise already
        # broken stays broken, so supervision still sees the overrun (ADR 0032).
        promised = _clock(case, PROMISED)
        if (promised is not None and promised.status == ClockStatus.RUNNING and promised.due_at is not None
                and now <= promised.due_at and extension.days <= promised.extension_max - promised.extension_days):
            clock_extend(actor=actor, clock=promised, days=extension.days, reason=reason,
                         legal_basis=str(law.EXTENSION_BASIS), now=now)
            promised.refresh_from_db()
        promised_after = promised.due_date if promised is not None else None
        EXTENSION_STATES.move(extension, action="approve", to=ExtensionStatus.APPROVED, decided_at=now,
                              decided_by=actor, decision_note=note, statutory_due_before=before,
                              statutory_due_after=statutory.due_date, promised_due_after=promised_after)
        event = _touch(case, action="extension_approve", actor=actor, now=now,
                       note=_("延长 %(days)s 个工作日，法定办结日期 %(before)s → %(after)s：%(reason)s")
                       % {"days": extension.days, "before": before, "after": statutory.due_date, "reason": reason},
                       promised_by=promised_after or case.promised_by,
                       changes={"extension": extension.pk, "days": extension.days, "statutory_due": [before,
                                statutory.due_date], "promised_by": promised_after})
        _queue_notice(event, now=now, extension_id=extension.pk)
        notify_applicant(case, "case.extended", now=now)
    return extension


# -- the notices -------------------------------------------------------------------------------

def _context(case: Case, event: CaseEvent, payload: dict) -> tuple[str, dict]:
    department = case.department
    ctx = {"applicant_name": case.applicant.name, "item_name": case.item_name, "case_number": case.number,
           "received_on": clock.today(case.received_at),
           "contact": " ".join(x for x in (department.name, department.phone) if x)}
    if "procedure_id" in payload:
        p = CaseSpecialProcedure.objects.get(pk=payload["procedure_id"])
        ctx.update(procedure_kind=str(p.get_kind_display()), reason=p.reason, started_on=clock.today(p.started_at),
                   expected_time=f"{p.expected_duration} {p.get_duration_unit_display()}",
                   expected_end_on=p.expected_end_on, hearing_on=p.hearing_on)
        return SPECIAL_PROCEDURE_NOTICE, ctx
    x = CaseExtension.objects.get(pk=payload["extension_id"])
    ctx.update(reason=x.reason, days=x.days, due_before=x.statutory_due_before, due_after=x.statutory_due_after,
               promised_after=x.promised_due_after)
    return EXTENSION_NOTICE, ctx


@outbox_handler(NOTICE_KIND)
def procedure_notice_issue(*, payload: dict, dedupe_key: str = "", now: dt.datetime | None = None) -> None:
    """Issue the written notice of a special procedure or an approved extension (idempotent: an
    entry that has its document is skipped)."""
    with transaction.atomic():
        event = CaseEvent.objects.select_for_update().select_related(
            "case__applicant", "case__department", "case__region").get(pk=payload["event_id"])
        if event.document_id:
            return
        case = event.case
        kind, context = _context(case, event, payload)
        department = case.department
        document = document_issue(
            actor=event.actor, kind=kind, region_code=case.region_id, issuer_name=department.name,
            issuer_short_name=department.short_name or department.name, context=context, owner=case,
            on=clock.today(event.at), now=now or clock.now())
        CaseEvent.objects.filter(pk=event.pk).update(document=document)
        if "procedure_id" in payload:
            CaseSpecialProcedure.objects.filter(pk=payload["procedure_id"]).update(notice=document)
        else:
            CaseExtension.objects.filter(pk=payload["extension_id"]).update(notice=document)
