"""差评整改: the work order a bad rating opens, its call-back (回访), the department's fix or
explanation, and the supervision office's review (close or send back).

Deadlines are `TimeLimitClock`s owned by the work order, so the supervision sweep watches them
(target 整改时限): `rectification.callback` (1 working day, real-name ratings only) and
`rectification` (the region's working days, default 5; each send-back starts a new round,
`rectification.r2`, …). Sources: policy.py.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zwfw.calendar.limits import LimitUnit
from zwfw.calendar.models import ClockStatus, TimeLimitClock
from zwfw.calendar.services.clock import clock_start, clock_stop
from zwfw.core import clock as core_clock
from zwfw.core.audit import audit_record
from zwfw.core.clock import SHANGHAI
from zwfw.core.errors import StateError, ValidationFailed
from zwfw.notifications.services import notify

from ..models import CallbackMethod, Rating, Resolution, WorkOrder, WorkOrderStatus
from ..policy import policy_for
from ._common import (
    department_heads,
    region_reviewers,
    require_department_staff,
    require_reviewer,
    text_required,
)
from .state import WORK_ORDER_STATES

OWNER_TYPE = "ratings.workorder"
CALLBACK_CLOCK = "rectification.callback"
OUTCOME_MAX = 1000
RESOLUTION_MAX = 2000
REVIEW_MAX = 500


def round_clock_purpose(round_: int) -> str:
    return "rectification" if round_ == 1 else f"rectification.r{round_}"


def _clock(order: WorkOrder, purpose: str) -> TimeLimitClock | None:
    return TimeLimitClock.objects.filter(owner_type=OWNER_TYPE, owner_id=str(order.pk), purpose=purpose).first()


def _context(order: WorkOrder, rating: Rating) -> dict:
    due = order.callback_due_at if order.status == WorkOrderStatus.OPEN and order.callback_due_at else order.due_at
    return {"number": rating.case.number or str(rating.case_id), "item": rating.case.item_name,
            "level": str(rating.get_level_display()), "due": due.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
            if due else "", "link": f"/workbench/ratings/orders/{order.pk}/"}


def _start(order: WorkOrder, purpose: str, limit: int, now: dt.datetime) -> TimeLimitClock:
    return clock_start(actor=None, owner_type=OWNER_TYPE, owner_id=str(order.pk), purpose=purpose, limit=limit,
                       unit=LimitUnit.WORKING_DAYS, extension_max=0, region=order.region,
                       service_center=order.rating.service_center, department=order.department, now=now)


def work_order_open(*, rating: Rating, now: dt.datetime) -> WorkOrder:
    """Open the one work order of a bad rating (called inside the rating's transaction). A second
    call for the same rating returns the existing order: the one-to-one column decides."""
    policy = policy_for(rating.region_id)
    with transaction.atomic():
        try:
            with transaction.atomic():
                order = WorkOrder.objects.create(rating=rating, region_id=rating.region_id,
                                                 department_id=rating.department_id,
                                                 callback_required=rating.real_name, opened_at=now)
        except IntegrityError:
            return WorkOrder.objects.get(rating=rating)
        order.rating = rating
        fields = {}
        if rating.real_name:
            fields["callback_due_at"] = _start(order, CALLBACK_CLOCK, policy.callback_working_days, now).due_at
        fields["due_at"] = _start(order, round_clock_purpose(1), policy.rectification_working_days, now).due_at
        WorkOrder.objects.filter(pk=order.pk).update(**fields)
        for name, value in fields.items():
            setattr(order, name, value)
        audit_record(actor=None, action="work_order.open", target=order, now=now,
                     changes={"rating": rating.pk, "department": rating.department_id,
                              "callback_due_at": order.callback_due_at, "due_at": order.due_at,
                              "callback_working_days": policy.callback_working_days if rating.real_name else None,
                              "rectification_working_days": policy.rectification_working_days,
                              "policy_version": policy.version})
        for head in department_heads(order.department):
            notify(recipient=head, template="ratings.work_order_opened", context=_context(order, rating), now=now)
    return order


def _applicant_account(rating: Rating):
    """The account to answer: the rater's, else the case applicant's (none for a walk-in without one)."""
    if rating.rater_id:
        return rating.rater
    applicant = rating.case.applicant
    return applicant.user if applicant is not None and applicant.user_id else None


def _locked(order: WorkOrder) -> WorkOrder:
    return (WorkOrder.objects.select_for_update(of=("self",))
            .select_related("rating__case", "region", "department").get(pk=order.pk))


def work_order_callback(*, actor, work_order: WorkOrder, method: str, reached: bool, outcome: str,
                        now: dt.datetime | None = None):
    """回访: record one attempt to contact the applicant with its outcome. The first attempt that
    reaches them moves the order on and stops the 1-working-day clock (on time or late, as it is)."""
    from ..models import Callback

    now = now or core_clock.now()
    require_department_staff(actor, work_order.department)
    if method not in CallbackMethod.values:
        raise ValidationFailed.on("method", _("请选择回访方式"), code="callback_method_invalid")
    outcome = text_required(outcome, field="outcome", label=_("回访情况"), limit=OUTCOME_MAX, code="callback_outcome")
    with transaction.atomic():
        order = _locked(work_order)
        if order.status in (WorkOrderStatus.CLOSED, WorkOrderStatus.CANCELLED):
            raise StateError(_("该工单已办结或已撤销"), code="work_order_finished")
        callback = Callback.objects.create(work_order=order, method=method, reached=bool(reached), outcome=outcome,
                                           at=now, by=actor)
        change = None
        if reached and order.status == WorkOrderStatus.OPEN:
            change = WORK_ORDER_STATES.move(order, action="callback", to=WorkOrderStatus.CALLED_BACK,
                                            called_back_at=now).change
            clock = _clock(order, CALLBACK_CLOCK)
            if clock is not None and clock.status == ClockStatus.RUNNING:
                clock_stop(actor=actor, clock=clock, now=now)
        audit_record(actor=actor, action="work_order.callback", target=order, now=now,
                     changes={"callback": callback.pk, "method": method, "reached": bool(reached),
                              "status": change, "on_time": (now <= order.callback_due_at)
                              if change and order.callback_due_at else None})
    return callback


def work_order_submit(*, actor, work_order: WorkOrder, resolution: str, note: str,
                      now: dt.datetime | None = None) -> WorkOrder:
    """The department reports what it verified and fixed (or explains why no fix is due); the
    round's clock stops and the supervision office reviews."""
    now = now or core_clock.now()
    require_department_staff(actor, work_order.department)
    if resolution not in Resolution.values:
        raise ValidationFailed.on("resolution", _("请选择处理方式（已整改或已解释说明）"), code="resolution_invalid")
    note = text_required(note, field="note", label=_("整改情况"), limit=RESOLUTION_MAX, code="resolution_note")
    with transaction.atomic():
        order = _locked(work_order)
        if order.status == WorkOrderStatus.OPEN and order.callback_required:
            raise StateError(_("实名差评须先回访申请人，再提交整改情况"), code="callback_first")
        moved = WORK_ORDER_STATES.move(order, action="submit", to=WorkOrderStatus.SUBMITTED, submitted_at=now,
                                       submitted_by=actor, resolution=resolution, resolution_note=note)
        clock = _clock(order, round_clock_purpose(order.round))
        late = bool(clock and clock.due_at and now > clock.due_at)
        if clock is not None and clock.status == ClockStatus.RUNNING:
            clock_stop(actor=actor, clock=clock, now=now)
        if late and not order.late:
            WorkOrder.objects.filter(pk=order.pk).update(late=True)
            order.late = True
        audit_record(actor=actor, action="work_order.submit", target=order, now=now,
                     changes={"status": moved.change, "resolution": resolution, "round": order.round, "late": late})
        for reviewer in region_reviewers(order.region):
            notify(recipient=reviewer, template="ratings.work_order_submitted",
                   context=_context(order, order.rating), now=now)
    return order


def work_order_close(*, actor, work_order: WorkOrder, note: str = "", now: dt.datetime | None = None) -> WorkOrder:
    """The supervision office accepts the department's answer: the order is closed, on time when
    no round was submitted after its deadline."""
    now = now or core_clock.now()
    require_reviewer(actor, work_order.region)
    note = (note or "").strip()
    if len(note) > REVIEW_MAX:
        raise ValidationFailed.on("note", _("审核意见不能超过 %s 个字") % REVIEW_MAX, code="review_note_too_long")
    with transaction.atomic():
        order = _locked(work_order)
        moved = WORK_ORDER_STATES.move(order, action="close", to=WorkOrderStatus.CLOSED, closed_at=now, closed_by=actor,
                                       review_note=note, on_time=not order.late)
        audit_record(actor=actor, action="work_order.close", target=order, now=now,
                     changes={"status": moved.change, "on_time": order.on_time, "note": note})
        # 答复: the applicant hears how the bad rating was handled (安阳市政务服务条例第五十二条).
        applicant = _applicant_account(order.rating)
        if applicant is not None:
            notify(recipient=applicant, template="ratings.rectification_reply", now=now,
                   context={"number": order.rating.case.number or "", "item": order.rating.case.item_name,
                            "department": order.department.name,
                            "resolution": f"{order.get_resolution_display()}，{order.resolution_note[:200]}"})
    return order


def work_order_send_back(*, actor, work_order: WorkOrder, note: str, now: dt.datetime | None = None) -> WorkOrder:
    """Not good enough: back to the department with the reviewer's reasons, and a new round with
    a new deadline (the region's working days from now)."""
    now = now or core_clock.now()
    require_reviewer(actor, work_order.region)
    note = text_required(note, field="note", label=_("退回理由"), limit=REVIEW_MAX, code="send_back_note")
    with transaction.atomic():
        order = _locked(work_order)
        moved = WORK_ORDER_STATES.move(order, action="send_back", to=WorkOrderStatus.RETURNED, review_note=note,
                                       round=order.round + 1)
        clock = _start(order, round_clock_purpose(order.round), policy_for(order.region_id).rectification_working_days,
                       now)
        WorkOrder.objects.filter(pk=order.pk).update(due_at=clock.due_at)
        order.due_at = clock.due_at
        audit_record(actor=actor, action="work_order.send_back", target=order, now=now,
                     changes={"status": moved.change, "round": order.round, "due_at": order.due_at, "note": note})
        for head in department_heads(order.department):
            notify(recipient=head, template="ratings.work_order_returned",
                   context={**_context(order, order.rating), "note": note}, now=now)
    return order


def work_order_cancel(*, actor, work_order: WorkOrder, reason: str, now: dt.datetime) -> WorkOrder | None:
    """Withdraw the order of a rating removed on appeal (called inside the appeal's transaction);
    its running clocks stop. None when it had already finished."""
    order = _locked(work_order)
    if not WORK_ORDER_STATES.can(order, "cancel"):
        return None
    moved = WORK_ORDER_STATES.move(order, action="cancel", to=WorkOrderStatus.CANCELLED, closed_at=now,
                                   closed_by=actor, review_note=reason[:REVIEW_MAX])
    for clock in TimeLimitClock.objects.filter(owner_type=OWNER_TYPE, owner_id=str(order.pk),
                                               status=ClockStatus.RUNNING):
        clock_stop(actor=actor, clock=clock, now=now)
    audit_record(actor=actor, action="work_order.cancel", target=order, now=now,
                 changes={"status": moved.change, "reason": reason})
    return order
