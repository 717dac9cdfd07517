"""Acceptance (受理), the one supplement notice (一次性告知), refusal (不予受理), deemed acceptance
(视为受理), settling a 即办件 on the spot, withdrawal and pre-review decisions.

行政许可法第三十二条: the decision on an application is taken on receipt; incomplete materials
are told once, within five working days, or the application counts as accepted from the day it
was received; refusal is written, with reasons and, for a matter of another body, where to apply.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.calendar.models import ClockStatus, PauseKind, TimeLimitClock
from zwfw.calendar.services.clock import clock_pause, clock_resume, clock_start, clock_stop
from zwfw.catalog.in_force import version_clock_terms, version_in_force
from zwfw.catalog.models import CaseKind
from zwfw.core import clock
from zwfw.core.errors import PermissionDenied, StateError, ValidationFailed
from zwfw.organizations.models import Window

from .. import law
from ..models import Case, CaseMaterial, CaseStatus, CaseSupplement, ResultType
from ._common import CLERK, SYSTEM, locked, move, require_applicant_side, require_clerk, require_fresh
from .archive import case_seal
from .drafting import ACCEPTANCE_CLOCK, OWNER_TYPE, PRE_REVIEW_CLOCK, _receive
from .notices import notice_queue, notify_applicant
from .state import CASE_STATES
from .steps import steps_open

PROMISED, STATUTORY = "promised", "statutory"


def case_clock(case: Case, purpose: str) -> TimeLimitClock | None:
    return TimeLimitClock.objects.filter(owner_type=OWNER_TYPE, owner_id=str(case.pk), purpose=purpose).first()


def _stop(case: Case, purpose: str, *, actor, now: dt.datetime) -> None:
    running = case_clock(case, purpose)
    if running is not None and running.status != ClockStatus.STOPPED:
        clock_stop(actor=actor, clock=running, now=now)


def _version_for_limits(case: Case, at: dt.datetime):
    """The item version in force on the acceptance day: its limits and steps govern the case
    from acceptance on (a version published after receipt but in force when the case is accepted
    applies). The version the case was received under when none is in force that day."""
    return version_in_force(case.item, on=clock.today(at)) or case.version


def _start_limits(case: Case, version, *, actor, at: dt.datetime) -> dt.date | None:
    """Start the promised and statutory clocks of a 承诺件 from the acceptance moment, in the
    terms of `version` (the one in force that day). Returns the promised due date."""
    promised_by = None
    for purpose in (PROMISED, STATUTORY):
        if getattr(version, f"{purpose}_limit") is None:
            continue
        terms = version_clock_terms(version, purpose=purpose)
        started = clock_start(actor=actor, owner_type=OWNER_TYPE, owner_id=str(case.pk), purpose=purpose,
                              limit=terms.limit, unit=terms.unit, extension_max=terms.extension_max,
                              region=case.region, service_center=case.service_center, department=case.department,
                              now=at)
        if purpose == PROMISED:
            promised_by = started.due_date
    return promised_by


def _accept(case: Case, *, actor, capacity: str, action: str, accepted_at: dt.datetime, now: dt.datetime,
            note: str = "", pending: bool = False) -> Case:
    _stop(case, ACCEPTANCE_CLOCK, actor=actor, now=now)
    promised_by = None
    if case.case_kind == CaseKind.PROMISED:
        version = _version_for_limits(case, accepted_at)
        promised_by = _start_limits(case, version, actor=actor, at=accepted_at)
        steps_open(case, actor=actor, version=version, accepted_at=accepted_at, now=now)
    event = move(case, action=action, to=CaseStatus.ACCEPTED, actor=actor, capacity=capacity, now=now, note=note,
                 accepted_at=accepted_at, accepted_by=actor if getattr(actor, "pk", None) else None,
                 deemed_accepted=action == "deem_accept", pending_materials=pending, promised_by=promised_by,
                 changes={"accepted_at": accepted_at, "promised_by": promised_by})
    notice_queue(event, now=now)
    notify_applicant(case, "case.accepted", now=now)
    return case


def _pending_dates(case: Case, pending: dict | None, *, today: dt.date) -> list[tuple[CaseMaterial, dt.date]]:
    out = []
    materials = {m.pk: m for m in case.materials.prefetch_related("files")}
    for key, until in (pending or {}).items():
        material = materials.get(int(key))
        if material is None:
            raise ValidationFailed.on("pending", _("容缺材料不属于该办件"), code="material_not_found")
        if not material.tolerance_allowed:
            raise ValidationFailed.on("pending", _("“%(name)s”不允许容缺受理") % {"name": material.name},
                                      code="tolerance_not_allowed")
        if not isinstance(until, dt.date) or until <= today:
            raise ValidationFailed.on("pending", _("请为“%(name)s”填写今天之后的补交期限") % {"name": material.name},
                                      code="pending_date_invalid")
        out.append((material, until))
    missing = [m.name for m in materials.values() if m.missing and m.pk not in {p.pk for p, _d in out}]
    if missing:
        raise ValidationFailed.on(
            "materials", _("以下必要材料尚未收齐：%(names)s。请一次性告知补正，或对允许容缺的材料容缺受理")
            % {"names": "、".join(missing)}, code="materials_missing")
    return out


def case_accept(*, actor, case: Case, revision: int | None = None, pending: dict | None = None, note: str = "",
                now: dt.datetime | None = None) -> Case:
    """受理 by a window clerk. `pending` maps a material's id to the date by which a minor material
    must follow (容缺受理, only where the item allows it for that material)."""
    now = now or clock.now()
    with transaction.atomic():
        case = locked(case)
        require_clerk(actor, case)
        require_fresh(case, revision)
        CASE_STATES.check(case, action="accept")
        if case.case_kind == CaseKind.IMMEDIATE:
            raise StateError(_("即办件应由首席代表当场办结"), code="case_immediate")
        waiting = _pending_dates(case, pending, today=clock.today(now))
        for material, until in waiting:
            CaseMaterial.objects.filter(pk=material.pk).update(pending_until=until)
        return _accept(case, actor=actor, capacity=CLERK, action="accept", accepted_at=now, now=now, note=note,
                       pending=bool(waiting))


def case_request_supplement(*, actor, case: Case, missing: list[dict], supply_by: dt.date, note: str = "",
                            revision: int | None = None, now: dt.datetime | None = None) -> CaseSupplement:
    """一次性告知: list everything missing at once. `missing` holds {"material": id, "note": …}
    for a material of the case, or {"name": …, "note": …} for anything else to correct. The
    deemed-acceptance clock stops until the applicant supplies them."""
    now = now or clock.now()
    if not missing:
        raise ValidationFailed.on("missing", _("请列出需要补正的全部材料或内容"), code="supplement_empty")
    if not isinstance(supply_by, dt.date) or supply_by <= clock.today(now):
        raise ValidationFailed.on("supply_by", _("请填写今天之后的补正期限"), code="supply_by_invalid")
    with transaction.atomic():
        case = locked(case)
        require_clerk(actor, case)
        require_fresh(case, revision)
        CASE_STATES.check(case, action="request_supplement")
        if CaseSupplement.objects.filter(case=case).exists():
            raise StateError(_("该办件已一次性告知过补正内容，不能再次要求补正"), code="supplement_once")
        materials = {m.pk: m for m in case.materials.all()}
        items = []
        for entry in missing:
            note_text = str(entry.get("note") or "").strip()[:300]
            if entry.get("material") is not None:
                material = materials.get(int(entry["material"]))
                if material is None:
                    raise ValidationFailed.on("missing", _("补正材料不属于该办件"), code="material_not_found")
                items.append({"material": material.pk, "name": material.name, "note": note_text})
            elif str(entry.get("name") or "").strip():
                items.append({"material": None, "name": str(entry["name"]).strip()[:300], "note": note_text})
            else:
                raise ValidationFailed.on("missing", _("每一项补正内容都要写明名称"), code="supplement_item_invalid")
        supplement = CaseSupplement.objects.create(case=case, requested_at=now, requested_by=actor, missing=items,
                                                   note=note.strip(), supply_by=supply_by)
        acceptance = case_clock(case, ACCEPTANCE_CLOCK)
        clock_pause(actor=actor, clock=acceptance, kind=PauseKind.SUPPLEMENT, reason=str(_("一次性告知补正材料")),
                    legal_basis=str(law.SUPPLEMENT_BASIS), now=now)
        event = move(case, action="request_supplement", to=CaseStatus.SUPPLEMENT, actor=actor, capacity=CLERK,
                     now=now, note="、".join(i["name"] for i in items), changes={"missing": items,
                                                                                  "supply_by": supply_by})
        notice_queue(event, now=now)
        notify_applicant(case, "case.supplement_requested", now=now)
    return supplement


def case_supply(*, actor, case: Case, revision: int | None = None, now: dt.datetime | None = None) -> Case:
    """The applicant (or the clerk, when they bring the papers to the window) hands in what the
    supplement notice listed; the deemed-acceptance clock runs again."""
    now = now or clock.now()
    with transaction.atomic():
        case = locked(case)
        try:
            capacity = require_applicant_side(actor, case, now)
        except Exception:
            require_clerk(actor, case)
            capacity = CLERK
        require_fresh(case, revision)
        CASE_STATES.check(case, action="supply")
        supplement = case.supplement
        listed = {i["material"] for i in supplement.missing if i.get("material")}
        still = [m.name for m in case.materials.filter(pk__in=listed).prefetch_related("files") if not m.supplied]
        if still:
            raise ValidationFailed.on("materials", _("以下补正材料尚未提交：%(names)s") % {"names": "、".join(still)},
                                      code="materials_missing")
        CaseSupplement.objects.filter(pk=supplement.pk).update(supplied_at=now)
        clock_resume(actor=actor, clock=case_clock(case, ACCEPTANCE_CLOCK), now=now)
        move(case, action="supply", to=CaseStatus.RECEIVED, actor=actor, capacity=capacity, now=now)
    return case


def case_reject(*, actor, case: Case, reasons: str, refer_to: str = "", not_competent: bool = False,
                revision: int | None = None, now: dt.datetime | None = None) -> Case:
    """不予受理 with written reasons; for a matter of another body, which body to apply to."""
    now = now or clock.now()
    reasons, refer_to = (reasons or "").strip(), (refer_to or "").strip()
    if not reasons:
        raise ValidationFailed.on("reasons", _("请写明不予受理的理由"), code="reasons_required")
    if not_competent and not refer_to:
        raise ValidationFailed.on("refer_to", _("不属于本机关职权范围的，请写明应向哪个机关申请"), code="refer_to_required")
    with transaction.atomic():
        case = locked(case)
        require_clerk(actor, case)
        require_fresh(case, revision)
        CASE_STATES.check(case, action="reject")
        _stop(case, ACCEPTANCE_CLOCK, actor=actor, now=now)
        event = move(case, action="reject", to=CaseStatus.REJECTED, actor=actor, capacity=CLERK, now=now,
                     note=reasons, rejected_at=now, rejection_reason=reasons[:2000], refer_to=refer_to[:200],
                     changes={"reasons": reasons, "refer_to": refer_to})
        notice_queue(event, now=now)
        notify_applicant(case, "case.rejected", now=now)
    return case


def case_settle(*, actor, case: Case, result_note: str, revision: int | None = None,
                now: dt.datetime | None = None) -> Case:
    """即办件: the window's chief representative (全面授权制) accepts, decides and gives the result in
    one sitting. No clock runs; the case is recorded with 办件类型 1 (GB/T 39046 A.6)."""
    now = now or clock.now()
    result_note = (result_note or "").strip()
    if not result_note:
        raise ValidationFailed.on("result_note", _("请填写办理结果"), code="result_required")
    with transaction.atomic():
        case = locked(case)
        chief = Window.objects.filter(chief_representative=actor, department=case.department, is_active=True).exists()
        if not chief:
            require_clerk(actor, case)
            raise PermissionDenied(_("即办件须由本部门窗口首席代表当场办结"), code="chief_representative_only")
        require_fresh(case, revision)
        CASE_STATES.check(case, action="settle")
        if case.case_kind != CaseKind.IMMEDIATE:
            raise StateError(_("只有即办件可以当场办结"), code="case_not_immediate")
        _stop(case, ACCEPTANCE_CLOCK, actor=actor, now=now)
        move(case, action="settle", to=CaseStatus.CONCLUDED, actor=actor, capacity=CLERK, now=now, note=result_note,
             accepted_at=now, accepted_by=actor, concluded_at=now, result_note=result_note[:2000])
        notify_applicant(case, "case.concluded", now=now)
        case_seal(case=case, actor=actor, now=now)
    return case


def case_deem_accept(*, case: Case, now: dt.datetime | None = None) -> Case | None:
    """视为受理: no supplement notice within five working days of receipt — accepted as of the
    receipt date. Returns None when the case no longer qualifies (decided meanwhile)."""
    now = now or clock.now()
    with transaction.atomic():
        case = locked(case)
        acceptance = case_clock(case, ACCEPTANCE_CLOCK)
        if (case.status != CaseStatus.RECEIVED or acceptance is None or acceptance.status != ClockStatus.RUNNING
                or acceptance.due_at is None or acceptance.due_at > now):
            return None
        return _accept(case, actor=None, capacity=SYSTEM, action="deem_accept", accepted_at=case.received_at,
                       now=now, note=str(law.DEEMED_ACCEPTANCE.basis))


def cases_deem_due(*, now: dt.datetime | None = None) -> int:
    """Accept every case whose deemed-acceptance clock ran out (the periodic job): found through
    the clocks' (status, due_at) index, each case in its own transaction."""
    now = now or clock.now()
    ids = (TimeLimitClock.objects.filter(owner_type=OWNER_TYPE, purpose=ACCEPTANCE_CLOCK, status=ClockStatus.RUNNING,
                                         due_at__lte=now).values_list("owner_id", flat=True))
    done = 0
    for case in Case.objects.filter(pk__in=[int(i) for i in ids], status=CaseStatus.RECEIVED).order_by("pk"):
        if case_deem_accept(case=case, now=now) is not None:
            done += 1
    return done


def case_withdraw(*, actor, case: Case, reason: str = "", revision: int | None = None,
                  now: dt.datetime | None = None) -> Case:
    """The applicant withdraws an application not yet decided — before acceptance, or after it
    until the decision (then it ends with result type 撤回, GB/T 39046 表 8). Every clock of the
    case stops; the department is told through the timeline and the applicant's message."""
    from .clocks import case_clocks_stop_all

    now = now or clock.now()
    with transaction.atomic():
        case = locked(case)
        capacity = require_applicant_side(actor, case, now)
        require_fresh(case, revision)
        CASE_STATES.check(case, action="withdraw")
        was_accepted = case.status == CaseStatus.ACCEPTED
        case_clocks_stop_all(case, actor=actor, now=now)
        move(case, action="withdraw", to=CaseStatus.WITHDRAWN, actor=actor, capacity=capacity, now=now,
             note=(reason or "").strip()[:300], withdrawn_at=now, result_type=ResultType.WITHDRAWN)
        if was_accepted:
            notify_applicant(case, "case.withdrawn", now=now)
        case_seal(case=case, actor=actor, now=now)
    return case


def _pre_review_purpose(case: Case) -> str:
    return f"{PRE_REVIEW_CLOCK}{case.events.filter(action='request_pre_review').count()}"


def case_pre_review_decide(*, actor, case: Case, passed: bool, comment: str = "", revision: int | None = None,
                           now: dt.datetime | None = None) -> Case:
    """网上预审 answered by staff: passed → received (the applicant brings the originals), or
    returned to the draft with what to change."""
    now = now or clock.now()
    comment = (comment or "").strip()
    if not passed and not comment:
        raise ValidationFailed.on("comment", _("退回预审时请写明需要修改的内容"), code="comment_required")
    with transaction.atomic():
        case = locked(case)
        require_clerk(actor, case)
        require_fresh(case, revision)
        CASE_STATES.check(case, action="pre_review_pass" if passed else "pre_review_return")
        _stop(case, _pre_review_purpose(case), actor=actor, now=now)
        if passed:
            Case.objects.filter(pk=case.pk).update(pre_review_comment=comment)
            return _receive(case, actor=actor, capacity=CLERK, action="pre_review_pass", now=now)
        move(case, action="pre_review_return", to=CaseStatus.DRAFT, actor=actor, capacity=CLERK, now=now,
             note=comment, pre_review_comment=comment)
        notify_applicant(case, "case.pre_review_returned", now=now)
    return case
