"""The decision (决定): approve or deny an accepted case, with reasons; a denial states the
applicant's remedies; an approval may record its result certificate (结果证照).

行政许可法第三十八条: the organ decides in writing; a denial gives reasons and the right to
reconsideration or litigation. 第四十二条: the limit is the time to decide, so the statutory and
promised clocks stop here; 第四十四条: the result is delivered within ten working days of the
decision, on a delivery clock started here. The document itself is issued after commit by the
outbox, as the acceptance notices are (services/notices.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.accounts.models import Role
from zwfw.calendar.services.clock import clock_start
from zwfw.catalog.models import ItemType, StepKind
from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import NotFound, PermissionDenied, StateError, ValidationFailed
from zwfw.documents.kinds import DECISION_APPROVE, DECISION_DENY, DECISION_OTHER

from .. import law
from ..models import (
    Case,
    CaseSpecialProcedure,
    CaseStatus,
    CaseStep,
    DecisionOutcome,
    ProcedureStatus,
    ResultCertificate,
)
from ._common import APPROVER, DEPARTMENT_HEAD, locked, move, require_fresh
from .acceptance import PROMISED, STATUTORY, _stop
from .drafting import OWNER_TYPE
from .notices import notice_queue, notify_applicant
from .state import CASE_STATES

DELIVERY_CLOCK = "delivery"
REASONS_MAX = 4000


@dataclass(frozen=True)
class CertificateFacts:
    name: str
    number: str
    valid_from: dt.date
    valid_until: dt.date | None
    issuing_body: str


def decider_capacity(actor, case: Case) -> str | None:
    """Who decides: the department head or an approver (审批人员) of the case's department.

    行政许可法第三十八条 makes the decision the organ's; within it the head (负责人) signs, or an
    approver to whom signing is delegated (审批权限 in the organ's rules). The law asks the head
    personally only for an extension (第四十二条), which the calendar's clock enforces."""
    if actor is None or not getattr(actor, "is_active", False) or actor.department_id != case.department_id:
        return None
    if actor.has_role(Role.DEPARTMENT_HEAD):
        return DEPARTMENT_HEAD
    if actor.has_role(Role.APPROVER):
        return APPROVER
    return None


def require_decider(actor, case: Case) -> str:
    capacity = decider_capacity(actor, case)
    if capacity is not None:
        return capacity
    from ..selectors import cases_for

    if actor is None or not cases_for(actor).filter(pk=case.pk).exists():
        raise NotFound(_("未找到该办件"), code="case_not_found")
    raise PermissionDenied(_("只有本部门负责人或审批人员可以作出决定"), code="decision_not_allowed")


def _certificate_clean(certificate: dict | None, *, outcome: str, case: Case, today: dt.date) -> CertificateFacts | None:
    if not certificate:
        return None
    if outcome != DecisionOutcome.APPROVE:
        raise ValidationFailed.on("certificate", _("不予决定不颁发结果证照"), code="certificate_on_denial")
    name = str(certificate.get("name") or "").strip()
    number = str(certificate.get("number") or "").strip()
    errors = {}
    if not name:
        errors["certificate.name"] = [_("请填写证照名称")]
    if not number:
        errors["certificate.number"] = [_("请填写证照编号")]
    if errors:
        raise ValidationFailed(_("结果证照信息不完整"), code="certificate_incomplete", field_errors=errors)
    valid_from = certificate.get("valid_from") or today
    valid_until = certificate.get("valid_until") or None
    if not isinstance(valid_from, dt.date) or (valid_until is not None and not isinstance(valid_until, dt.date)):
        raise ValidationFailed.on("certificate.valid_from", _("有效期应为日期"), code="certificate_validity_invalid")
    if valid_until is not None and valid_until < valid_from:
        raise ValidationFailed.on("certificate.valid_until", _("有效期止不能早于有效期起"),
                                  code="certificate_validity_invalid")
    body = str(certificate.get("issuing_body") or "").strip() or case.department.name
    return CertificateFacts(name=name[:200], number=number[:100], valid_from=valid_from, valid_until=valid_until,
                            issuing_body=body[:200])


def _certificate_save(case: Case, facts: CertificateFacts, *, actor, now: dt.datetime) -> ResultCertificate:
    certificate = ResultCertificate.objects.create(
        case=case, name=facts.name, number=facts.number, valid_from=facts.valid_from, valid_until=facts.valid_until,
        issuing_body=facts.issuing_body, recorded_at=now, recorded_by=actor)
    audit_record(actor=actor, action="cases.certificate.record", target=case, now=now, changes={
        "name": facts.name, "number": facts.number, "valid_from": facts.valid_from, "valid_until": facts.valid_until,
        "issuing_body": facts.issuing_body})
    return certificate


def _decision_step_done(case: Case, actor, now: dt.datetime, *, opinion: str) -> None:
    """The one place where the decision meets the item's steps (issue 9 point 1): a case with steps
    is decided at its `decide` step, which the decision completes (the next, e.g. 制证 or 送达,
    opens). A case without steps (accepted before steps existed) is decided as it stands."""
    from .steps import step_complete, step_current

    if not CaseStep.objects.filter(case=case).exists():
        return
    current = step_current(case)
    if current is None or current.kind != StepKind.DECIDE:
        raise StateError(_("办件尚未进入决定环节（当前环节：%(name)s），请先办结前面的环节")
                         % {"name": current.name if current else _("无")}, code="case_not_at_decision")
    step_complete(case=case, kind=StepKind.DECIDE, actor=actor, now=now, opinion=opinion)


def case_decide(*, actor, case: Case, outcome: str, reasons: str, revision: int | None = None,
                now: dt.datetime | None = None, certificate: dict | None = None) -> Case:
    """准予 or 不予 an accepted case, with reasons, by the department head or an approver. Stops the
    statutory and promised clocks, starts the ten-working-day delivery clock, records the result
    certificate an approval gives, and queues the decision document (决定书) and the message."""
    now = now or clock.now()
    reasons = (reasons or "").strip()
    if outcome not in DecisionOutcome.values:
        raise ValidationFailed.on("outcome", _("请选择准予或不予"), code="decision_outcome_invalid")
    if not reasons:
        raise ValidationFailed.on("reasons", _("请写明作出决定的理由（行政许可法第三十八条）"), code="reasons_required")
    if len(reasons) > REASONS_MAX:
        raise ValidationFailed.on("reasons", _("决定理由过长"), code="reasons_too_long")
    with transaction.atomic():
        case = locked(case)
        capacity = require_decider(actor, case)
        require_fresh(case, revision)
        CASE_STATES.check(case, action="decide")
        facts = _certificate_clean(certificate, outcome=outcome, case=case, today=clock.today(now))
        if CaseSpecialProcedure.objects.filter(case=case, status=ProcedureStatus.RUNNING).exists():
            # 第四十五条: the procedure's result is part of what the decision rests on.
            raise StateError(_("特别程序尚未结束，请先结束特别程序并记录其结果，再作出决定"),
                             code="special_procedure_running")
        _decision_step_done(case, actor, now, opinion=reasons)
        for purpose in (STATUTORY, PROMISED):
            _stop(case, purpose, actor=actor, now=now)
        delivery = clock_start(actor=actor, owner_type=OWNER_TYPE, owner_id=str(case.pk), purpose=DELIVERY_CLOCK,
                               limit=law.DELIVERY.limit, unit=law.DELIVERY.unit, extension_max=0, region=case.region,
                               service_center=case.service_center, department=case.department, now=now)
        event = move(case, action="decide", to=CaseStatus.DECIDED, actor=actor, capacity=capacity, now=now,
                     note=f"{DecisionOutcome(outcome).label}：{reasons}"[:2000], decision=outcome,
                     decision_reasons=reasons, decided_at=now, decided_by=actor,
                     changes={"outcome": outcome, "reasons": reasons, "deliver_by": delivery.due_date,
                              "basis": str(law.DECISION_BASIS)})
        if facts is not None:
            _certificate_save(case, facts, actor=actor, now=now)
        notice_queue(event, now=now)
        notify_applicant(case, "case.decided", now=now)
    return case


def case_certificate_record(*, actor, case: Case, certificate: dict, revision: int | None = None,
                            now: dt.datetime | None = None) -> ResultCertificate:
    """Record the result certificate of an approval made earlier (制证 after 决定), before delivery."""
    now = now or clock.now()
    with transaction.atomic():
        case = locked(case)
        require_decider(actor, case)
        require_fresh(case, revision)
        if case.status != CaseStatus.DECIDED or case.decision != DecisionOutcome.APPROVE:
            raise StateError(_("只有已准予、尚未办结的办件可以登记结果证照"), code="case_not_approved")
        if ResultCertificate.objects.filter(case=case).exists():
            raise StateError(_("该办件已登记结果证照"), code="certificate_exists")
        facts = _certificate_clean(certificate, outcome=case.decision, case=case, today=clock.today(now))
        saved = _certificate_save(case, facts, actor=actor, now=now)
        Case.objects.filter(pk=case.pk).update(revision=case.revision + 1, updated_at=now)
    return saved


# The document (rendered after commit by services/notices.py).

def decision_document_kind(case: Case) -> str:
    """准予 / 不予行政许可决定书 for 行政许可 items (行政许可法第三十八条), 决定书 for any other type."""
    if case.version.item_type != ItemType.LICENSING:
        return DECISION_OTHER
    return DECISION_APPROVE if case.decision == DecisionOutcome.APPROVE else DECISION_DENY


def _verdict(case: Case) -> str:
    licensing = case.version.item_type == ItemType.LICENSING
    if case.decision == DecisionOutcome.APPROVE:
        return _("准予行政许可") if licensing else _("准予办理")
    return _("不予行政许可") if licensing else _("不予办理")


def remedies(case: Case) -> dict:
    """The remedies stated on a denial: the bodies (the item's guide, else the county government
    and the county's basic court) and the limits, as cited in zwfw.cases.law."""
    region = case.region.name
    return {
        "reconsideration_body": (case.version.review_remedy or "").strip()[:200] or _("%(region)s人民政府")
        % {"region": region},
        "reconsideration_days": law.RECONSIDERATION.limit,
        "court": (case.version.lawsuit_remedy or "").strip()[:200] or _("%(region)s人民法院") % {"region": region},
        "litigation_months": law.LITIGATION.limit,
        "remedy_basis": f"{law.RECONSIDERATION.basis}；{law.LITIGATION.basis}",
    }


def decision_context(case: Case) -> dict:
    from zwfw.calendar.models import TimeLimitClock

    ctx = {"accepted_on": clock.today(case.accepted_at), "outcome": case.decision, "verdict": _verdict(case),
           "reasons": case.decision_reasons, "item_basis": (case.version.legal_basis or "").strip()[:300]}
    if case.decision == DecisionOutcome.APPROVE:
        ctx["certificate"] = ResultCertificate.objects.filter(case=case).first()
        delivery = TimeLimitClock.objects.filter(owner_type=OWNER_TYPE, owner_id=str(case.pk),
                                                 purpose=DELIVERY_CLOCK).first()
        ctx["deliver_by"] = delivery.due_date if delivery else None
    else:
        ctx.update(remedies(case))
    return ctx
