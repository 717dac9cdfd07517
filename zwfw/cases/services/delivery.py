"""Delivery (送达) of the decision and result, and conclusion (办结).

行政许可法第四十四条: ten working days from the decision to issue and deliver (the delivery clock
started by case_decide). Three ways: at the window (who collected it, recorded by the clerk), by
post (carrier and waybill; done when the delivery is confirmed), electronically (done when the
applicant downloads the decision from 个人空间). Delivery done → the case is concluded with the
result type of its decision (GB/T 39046—2020 表 8), every clock of it stops, the applicant is told.

A case accepted but not to be decided ends by `case_conclude` as 退件 / 转报 / 作废 with a reason.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.catalog.models import StepKind
from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import NotFound, PermissionDenied, StateError, ValidationFailed

from ..models import Case, CaseDelivery, CaseStatus, DecisionOutcome, DeliveryMethod, ResultType
from ._common import CLERK, clerk_may_act, locked, move, require_applicant_side, require_fresh
from .clocks import case_clocks_stop_all
from .decision import decider_capacity, require_decider
from .notices import notify_applicant

RESULT_BY_OUTCOME = {DecisionOutcome.APPROVE: ResultType.APPROVED, DecisionOutcome.DENY: ResultType.DENIED}
# Conclusions without a decision (provincial codes 退件 / 转报 / 作废, CASES.md).
CLOSE_WITHOUT_DECISION = (ResultType.RETURNED, ResultType.FORWARDED, ResultType.VOIDED)
CLOSE_RESULT_CHOICES = [(t.value, t.label) for t in CLOSE_WITHOUT_DECISION]


def _staff_capacity(actor, case: Case) -> str:
    """The window (统一送达, 行政许可法第二十六条) or the deciding department records delivery."""
    capacity = decider_capacity(actor, case)
    if capacity is not None:
        return capacity
    if clerk_may_act(actor, case):
        return CLERK
    require_decider(actor, case)  # raises: not found, or not allowed
    raise PermissionDenied(_("只有窗口人员或本部门审批人员可以登记送达"), code="delivery_not_allowed")


def _require_deliverable(case: Case) -> None:
    if case.status != CaseStatus.DECIDED:
        raise StateError(_("只有已作出决定、尚未办结的办件可以送达"), code="case_not_decided")
    if case.decision_document_id is None:
        raise StateError(_("决定书正在生成，请稍后再送达"), code="decision_document_pending")


def _conclude(case: Case, *, actor, capacity: str, result_type: str, now: dt.datetime, note: str = "",
              posted: bool = False) -> None:
    """办结: record the result type and time, stop every clock of the case, tell the applicant."""
    stopped = case_clocks_stop_all(case, actor=actor, now=now)
    move(case, action="conclude", to=CaseStatus.CONCLUDED, actor=actor, capacity=capacity, now=now,
         note=note or str(ResultType(result_type).label), result_type=result_type, concluded_at=now,
         concluded_by=actor if getattr(actor, "pk", None) else None, result_posted=posted,
         changes={"result_type": result_type, "clocks_stopped": stopped, "result_posted": posted})
    notify_applicant(case, "case.concluded", now=now)
    # The file is complete: sealed for the archive now, or by the sweep once an owed notice is out.
    from .archive import case_seal

    case_seal(case=case, actor=actor, now=now)


def _delivered(case: Case, delivery: CaseDelivery, *, actor, capacity: str, now: dt.datetime) -> None:
    CaseDelivery.objects.filter(pk=delivery.pk).update(
        delivered_at=now, delivered_recorded_by=actor if getattr(actor, "pk", None) else None)
    audit_record(actor=actor, action="cases.delivery.done", target=case, now=now,
                 changes={"method": delivery.method, "delivered_at": now})
    how = str(DeliveryMethod(delivery.method).label)
    if delivery.recipient_name:
        how = _("%(how)s，领取人 %(name)s") % {"how": how, "name": delivery.recipient_name}
    # The steps after the decision (制证, then 送达) are done with the delivery.
    from .steps import step_complete

    for kind in (StepKind.CERTIFY, StepKind.DELIVER):
        step_complete(case=case, kind=kind, actor=actor, now=now)
    result = RESULT_BY_OUTCOME[case.decision]
    _conclude(case, actor=actor, capacity=capacity, result_type=result, now=now,
              note=_("%(result)s；已送达（%(how)s）") % {"result": ResultType(result).label, "how": how},
              posted=delivery.method == DeliveryMethod.POST)


def _arrange(case: Case, *, method: str, actor, now: dt.datetime, **fields) -> CaseDelivery:
    if CaseDelivery.objects.filter(case=case).exists():
        raise StateError(_("该办件已安排送达"), code="delivery_exists")
    return CaseDelivery.objects.create(case=case, method=method, arranged_at=now, arranged_by=actor, **fields)


def case_deliver_at_window(*, actor, case: Case, recipient_name: str, note: str = "", revision: int | None = None,
                           now: dt.datetime | None = None) -> Case:
    """窗口领取: the applicant (or the person they sent) collected the decision and result; the clerk
    records who and when, and the case is concluded."""
    now = now or clock.now()
    recipient_name = (recipient_name or "").strip()
    if not recipient_name:
        raise ValidationFailed.on("recipient_name", _("请填写领取人姓名"), code="recipient_required")
    with transaction.atomic():
        case = locked(case)
        capacity = _staff_capacity(actor, case)
        require_fresh(case, revision)
        _require_deliverable(case)
        delivery = _arrange(case, method=DeliveryMethod.WINDOW, actor=actor, now=now,
                            recipient_name=recipient_name[:60], note=(note or "").strip()[:300])
        audit_record(actor=actor, action="cases.delivery.window", target=case, now=now,
                     changes={"recipient_name": delivery.recipient_name})
        _delivered(case, delivery, actor=actor, capacity=capacity, now=now)
    return case


def case_deliver_by_post(*, actor, case: Case, carrier: str, waybill: str, note: str = "",
                         revision: int | None = None, now: dt.datetime | None = None) -> Case:
    """邮寄送达: the result is sent; carrier and waybill are recorded. Concluded on confirmation."""
    now = now or clock.now()
    carrier, waybill = (carrier or "").strip(), (waybill or "").strip()
    errors = {}
    if not carrier:
        errors["carrier"] = [_("请填写快递公司")]
    if not waybill:
        errors["waybill"] = [_("请填写运单号")]
    elif not waybill.isalnum() or len(waybill) > 40:
        errors["waybill"] = [_("运单号应为不超过 40 位的字母或数字")]
    if errors:
        raise ValidationFailed(_("邮寄信息不完整"), code="post_details_required", field_errors=errors)
    with transaction.atomic():
        case = locked(case)
        capacity = _staff_capacity(actor, case)
        require_fresh(case, revision)
        _require_deliverable(case)
        _arrange(case, method=DeliveryMethod.POST, actor=actor, now=now, carrier=carrier[:60], waybill=waybill,
                 note=(note or "").strip()[:300])
        audit_record(actor=actor, action="cases.delivery.post", target=case, now=now,
                     changes={"carrier": carrier[:60], "waybill": waybill})
        move(case, action="deliver_post", to=CaseStatus.DECIDED, actor=actor, capacity=capacity, now=now,
             note=_("%(carrier)s 运单号 %(waybill)s") % {"carrier": carrier, "waybill": waybill}, result_posted=True)
    return case


def case_delivery_confirm(*, actor, case: Case, revision: int | None = None, now: dt.datetime | None = None) -> Case:
    """The carrier confirmed the posted result was delivered (签收): the case is concluded."""
    now = now or clock.now()
    with transaction.atomic():
        case = locked(case)
        capacity = _staff_capacity(actor, case)
        require_fresh(case, revision)
        delivery = CaseDelivery.objects.filter(case=case).first()
        if case.status != CaseStatus.DECIDED or delivery is None or delivery.method != DeliveryMethod.POST:
            raise StateError(_("只有已邮寄、尚未签收的办件可以确认送达"), code="delivery_not_posted")
        _delivered(case, delivery, actor=actor, capacity=capacity, now=now)
    return case


def case_deliver_electronically(*, actor, case: Case, revision: int | None = None,
                                now: dt.datetime | None = None) -> Case:
    """电子送达: the decision (and result) are offered for download in the applicant's 个人空间;
    the first download delivers them. Only an applicant with an account can receive it."""
    now = now or clock.now()
    with transaction.atomic():
        case = locked(case)
        capacity = _staff_capacity(actor, case)
        require_fresh(case, revision)
        _require_deliverable(case)
        if case.applicant.user_id is None and case.agent_id is None:
            raise StateError(_("申请人没有网上账号，不能电子送达，请选择窗口领取或邮寄"),
                             code="electronic_delivery_unavailable")
        _arrange(case, method=DeliveryMethod.ELECTRONIC, actor=actor, now=now)
        audit_record(actor=actor, action="cases.delivery.electronic", target=case, now=now, changes={})
        move(case, action="deliver_electronic", to=CaseStatus.DECIDED, actor=actor, capacity=capacity, now=now)
        notify_applicant(case, "case.result_ready", now=now)
    return case


def case_result_download(*, actor, case: Case, now: dt.datetime | None = None):
    """The applicant's side downloads the decision document: returns it; the first download of an
    electronic delivery delivers it (and concludes the case)."""
    now = now or clock.now()
    with transaction.atomic():
        if Case.objects.filter(pk=case.pk, archived_at__isnull=False).exists():
            # A sealed file is only read (downloading again changes nothing): no lock, no write.
            case = Case.objects.select_related("applicant", "decision_document").get(pk=case.pk)
            require_applicant_side(actor, case, now)
            if case.decision_document_id is None:
                raise NotFound(_("决定书尚未生成"), code="decision_document_pending")
            return case.decision_document
        case = locked(case)
        capacity = require_applicant_side(actor, case, now)
        if case.decision_document_id is None:
            raise NotFound(_("决定书尚未生成"), code="decision_document_pending")
        delivery = CaseDelivery.objects.filter(case=case).first()
        if (case.status == CaseStatus.DECIDED and delivery is not None
                and delivery.method == DeliveryMethod.ELECTRONIC and delivery.delivered_at is None):
            _delivered(case, delivery, actor=actor, capacity=capacity, now=now)
        return case.decision_document


def case_conclude(*, actor, case: Case, result_type: str, note: str, revision: int | None = None,
                  now: dt.datetime | None = None) -> Case:
    """Conclude an accepted case without a decision: 退件 (returned), 转报 (forwarded to the level
    that decides), 作废 (voided) — by the department head or an approver, with a reason. A decided
    case concludes by its delivery."""
    now = now or clock.now()
    note = (note or "").strip()
    if result_type not in CLOSE_WITHOUT_DECISION:
        raise ValidationFailed.on("result_type", _("请选择退件、转报或作废；已决定的办件在送达后自动办结"),
                                  code="result_type_invalid")
    if not note:
        raise ValidationFailed.on("note", _("请写明办结说明"), code="note_required")
    with transaction.atomic():
        case = locked(case)
        capacity = require_decider(actor, case)
        require_fresh(case, revision)
        if case.status == CaseStatus.DECIDED:
            raise StateError(_("已作出决定的办件在送达后自动办结"), code="delivery_pending")
        from .state import CASE_STATES

        CASE_STATES.check(case, action="conclude")
        _conclude(case, actor=actor, capacity=capacity, result_type=result_type, now=now, note=note[:2000])
    return case
