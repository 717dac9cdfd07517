"""The steps of a case after acceptance (办理): opening them from the item's process, claiming and
assigning, opinions, passing on (通过), sending back (退回), joint steps (会签/并联) and the
two-staff on-site verification of 行政许可法第三十四条第三款.

Each action runs in one transaction with the case's row locked: the step moves through
CASE_STEP_STATES, the case's revision is bumped (a page or client that read an older revision
is refused as stale), a timeline entry and an audit event are written. A step with working days
runs its own clock (purpose `step:<position>:<run>`, owner the case) from the moment it becomes
current to the moment it ends; supervision's 单个环节时限 rule watches it.

Contract with the decision: `step_current(case)` and `step_complete(case=, kind=, actor=, now=)`;
`step_pass` refuses a current `decide` step (the decision is made with the decision form).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from zwfw.accounts.models import Role, User
from zwfw.calendar.limits import LimitUnit
from zwfw.calendar.models import ClockStatus, TimeLimitClock
from zwfw.calendar.services.clock import clock_start, clock_stop
from zwfw.catalog.default_steps import StepPlan, version_steps
from zwfw.catalog.models import StepKind
from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import Conflict, NotFound, PermissionDenied, StateError, ValidationFailed

from ..models import BusinessAction, Case, CaseEvent, CaseStatus, CaseStep, StepStatus
from ..models.steps import OPEN_STEP_STATUSES
from ._common import SYSTEM, locked, require_fresh
from .drafting import OWNER_TYPE
from .steps_state import CASE_STEP_STATES

# The case has ended (or never began processing): its steps take no action.
CLOSED_CASE_STATUSES = frozenset({CaseStatus.DRAFT, CaseStatus.PRE_REVIEW, CaseStatus.RECEIVED,
                                  CaseStatus.SUPPLEMENT, CaseStatus.REJECTED, CaseStatus.CONCLUDED,
                                  CaseStatus.WITHDRAWN})
# Who answers for a joint department (会签): its approval staff or its head.
JOINT_ROLES = (Role.APPROVER, Role.DEPARTMENT_HEAD)
STAFF = "staff"
OPINION_MAX = 2000


# ----------------------------------------------------------------------------- reading

def step_current(case: Case) -> CaseStep | None:
    """The open step of `case` (current, or waiting for a joint department), if any."""
    return (CaseStep.objects.filter(case=case, status__in=OPEN_STEP_STATUSES)
            .select_related("department", "joint_department", "assignee").first())


def step_clock(step: CaseStep) -> TimeLimitClock | None:
    return TimeLimitClock.objects.filter(pk=step.clock_id).first() if step.clock_id else None


def may_handle(actor, step: CaseStep, case: Case) -> bool:
    """Whether `actor` holds the post a step waits for: the step's role in its department (a window
    clerk also at the case's center: 统一受理、统一送达, 行政许可法第二十六条); for a step waiting
    for a joint department, approval staff or the head of that department."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    if step.status == StepStatus.JOINT:
        return bool(step.joint_department_id and actor.department_id == step.joint_department_id
                    and actor.has_role(*JOINT_ROLES))
    if not actor.has_role(step.role):
        return False
    if actor.department_id == step.department_id:
        return True
    if step.role == Role.WINDOW_CLERK:
        center = actor.service_center_id or (actor.window.center_id if actor.window_id else None)
        return bool(center and case.service_center_id == center)
    return False


# ----------------------------------------------------------------------------- helpers

def _actor_pk(actor):
    return actor if getattr(actor, "pk", None) else None


def _bump(case: Case, *, now: dt.datetime) -> None:
    """One more revision of the case, conditionally on the one read (the row is locked anyway)."""
    updated = Case.objects.filter(pk=case.pk, revision=case.revision).update(revision=F("revision") + 1,
                                                                              updated_at=now)
    if not updated:
        raise Conflict(_("该办件已被他人处理，请刷新页面后查看最新状态"), code="case_changed")
    case.revision += 1
    case.updated_at = now


def _record(case: Case, step: CaseStep, *, action: str, actor, now: dt.datetime, note: str = "",
            public: bool = True, changes: dict | None = None, timeline: bool = True) -> None:
    """The timeline entry and the audit event of one step action (inside the caller's transaction)."""
    label = str(CASE_STEP_STATES.labels.get(action) or STEP_ACTION_LABELS.get(action, action))
    if timeline:
        CaseEvent.objects.create(case=case, at=now, action=f"step_{action}", label=label[:60],
                                 status_after=case.status, actor=_actor_pk(actor),
                                 acting_as=STAFF if _actor_pk(actor) else SYSTEM,
                                 note=f"{step.name}{'：' + note if note else ''}", public=public)
    audit_record(actor=actor, action=f"cases.step.{action}", target=case, now=now,
                 changes={"step": step.name, "position": step.position, "run": step.run, **(changes or {})})


STEP_ACTION_LABELS = {"claim": "认领环节", "assign": "分派环节", "opinion": "填写办理意见"}


def _start_clock(case: Case, step: CaseStep, *, actor, at: dt.datetime) -> None:
    if step.working_days <= 0:
        return  # a step without a share of the limit (受理 before it, 送达 after it) runs no clock
    started = clock_start(actor=actor, owner_type=OWNER_TYPE, owner_id=str(case.pk), purpose=step.clock_purpose,
                          limit=step.working_days, unit=LimitUnit.WORKING_DAYS, extension_max=0,
                          region=case.region, service_center=case.service_center, department=step.department,
                          now=at)
    CaseStep.objects.filter(pk=step.pk).update(clock=started)
    step.clock = started


def _stop_clock(step: CaseStep, *, actor, now: dt.datetime) -> None:
    running = step_clock(step)
    if running is not None and running.status != ClockStatus.STOPPED:
        clock_stop(actor=actor, clock=running, now=now)


def _open(case: Case, position: int, *, actor, now: dt.datetime) -> CaseStep | None:
    """Make the step at `position` current: its pending row, or a new run of it when it was taken
    before (a return). None when there is no step there (the process is complete)."""
    latest = CaseStep.objects.filter(case=case, position=position).order_by("-run").first()
    if latest is None:
        return None
    if latest.status != StepStatus.PENDING:
        latest = CaseStep.objects.create(
            case=case, position=position, run=latest.run + 1, name=latest.name, kind=latest.kind, role=latest.role,
            working_days=latest.working_days, description=latest.description, department=latest.department,
            joint_department=latest.joint_department)
    CASE_STEP_STATES.move(latest, action="open", to=StepStatus.CURRENT, started_at=now)
    _start_clock(case, latest, actor=actor, at=now)
    _record(case, latest, action="open", actor=actor, now=now, timeline=False,
            changes={"clock": latest.clock_purpose if latest.working_days else None})
    return latest


def _next_position(case: Case, after: int) -> int | None:
    return (CaseStep.objects.filter(case=case, position__gt=after).order_by("position")
            .values_list("position", flat=True).first())


def _finish(case: Case, step: CaseStep, *, action: str, to: str, actor, now: dt.datetime, **fields) -> None:
    CASE_STEP_STATES.move(step, action=action, to=to, finished_at=now, handled_by=_actor_pk(actor), **fields)
    _stop_clock(step, actor=actor, now=now)


def _case_open(case: Case) -> None:
    if case.status in CLOSED_CASE_STATUSES:
        raise StateError(_("该办件不在办理中，不能办理环节"), code="case_not_in_processing")


def _current_for(actor, case: Case, *, revision: int | None) -> CaseStep:
    """Lock the case, check the revision, and return its open step, refusing anyone who does not
    hold the post it waits for (someone who may not see the case learns nothing of it)."""
    from ..selectors import case_visibility

    if not Case.objects.filter(case_visibility(actor), pk=case.pk).exists():
        raise NotFound(_("未找到该办件"), code="case_not_found")
    require_fresh(case, revision)
    _case_open(case)
    step = step_current(case)
    if step is None:
        raise StateError(_("该办件当前没有待办环节"), code="step_none_current")
    if not may_handle(actor, step, case):
        raise PermissionDenied(_("该环节不由您办理：“%(step)s”由%(who)s办理") % {
            "step": step.name, "who": _who(step)}, code="step_not_yours")
    return step


def _who(step: CaseStep) -> str:
    if step.status == StepStatus.JOINT:
        return _("会签部门（%(dept)s）") % {"dept": step.joint_department.name}
    return f"{step.department.name}{Role(step.role).label}"


def _require_own(actor, step: CaseStep) -> None:
    """A step someone has claimed (or was assigned) is theirs alone until reassigned. (A step in
    会签 waits for the joint department as a whole: `may_handle` already said who that is.)"""
    if step.status != StepStatus.JOINT and step.assignee_id is not None and step.assignee_id != actor.pk:
        raise PermissionDenied(_("该环节已由%(name)s认领办理，不是您的待办") % {
            "name": step.assignee.full_name or step.assignee.username}, code="step_not_yours")


def _text(value: str | None, field: str, *, required: bool, message: str, code: str) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationFailed.on(field, message, code=code)
    if len(text) > OPINION_MAX:
        raise ValidationFailed.on(field, _("内容不能超过 %(n)s 字") % {"n": OPINION_MAX}, code="text_too_long")
    return text


# ----------------------------------------------------------------------------- opening

def steps_open(case: Case, *, actor, version, accepted_at: dt.datetime, now: dt.datetime) -> list[CaseStep]:
    """At acceptance: one case step per step of `version` (the version in force on the acceptance
    day; its own steps or the default of its type), the 受理 step done by the acceptance itself,
    the first step after it current with its clock from `accepted_at`. Inside the caller's
    transaction; the acceptance writes the case's timeline entry."""
    plans: list[StepPlan] = version_steps(version)
    if not plans:
        return []
    rows = CaseStep.objects.bulk_create([
        CaseStep(case=case, position=p.position, name=p.name[:60], kind=p.kind, role=p.performer_role,
                 working_days=p.working_days, description=p.description[:300], department_id=case.department_id,
                 joint_department_id=p.joint_department_id)
        for p in plans])
    rows = list(CaseStep.objects.filter(case=case).order_by("position"))
    first_open = 0
    if rows[0].kind == StepKind.ACCEPT:
        CASE_STEP_STATES.move(rows[0], action="accept", to=StepStatus.DONE, started_at=accepted_at,
                              finished_at=accepted_at, handled_by=_actor_pk(actor),
                              business_action=BusinessAction.PASS)
        first_open = 1
    if first_open < len(rows):
        _open(case, rows[first_open].position, actor=actor, now=accepted_at)
    audit_record(actor=actor, action="cases.step.steps_open", target=case, now=now,
                 changes={"version": version.pk, "steps": [f"{r.position}:{r.name}" for r in rows]})
    return rows


# ----------------------------------------------------------------------------- work actions

def step_claim(*, actor, case: Case, revision: int | None = None, now: dt.datetime | None = None) -> CaseStep:
    """认领: take the open step as one's own. Of many who press at once exactly one wins: the
    conditional UPDATE (`assignee IS NULL`) decides, the others get `step_claimed`."""
    now = now or clock.now()
    with transaction.atomic():
        case = locked(case)
        step = _current_for(actor, case, revision=revision)
        if step.assignee_id == actor.pk:
            raise StateError(_("您已认领该环节"), code="step_already_yours")
        won = CaseStep.objects.filter(pk=step.pk, status=step.status, assignee__isnull=True).update(
            assignee=actor, claimed_at=now)
        if not won:
            raise Conflict(_("该环节已被他人认领"), code="step_claimed")
        step.assignee, step.claimed_at = actor, now
        _bump(case, now=now)
        _record(case, step, action="claim", actor=actor, now=now, public=False)
    return step


def step_assign(*, actor, case: Case, assignee: User, revision: int | None = None,
                now: dt.datetime | None = None) -> CaseStep:
    """分派 by the head of the department the open step waits in, to a member of it who holds the
    step's role (also to take it from someone who claimed it)."""
    from ..selectors import case_visibility

    now = now or clock.now()
    with transaction.atomic():
        case = locked(case)
        if not Case.objects.filter(case_visibility(actor), pk=case.pk).exists():
            raise NotFound(_("未找到该办件"), code="case_not_found")
        require_fresh(case, revision)
        _case_open(case)
        step = step_current(case)
        if step is None:
            raise StateError(_("该办件当前没有待办环节"), code="step_none_current")
        if step.status == StepStatus.JOINT:
            raise StateError(_("会签中的环节由会签部门答复，无需分派"), code="step_in_joint")
        if not (actor.has_role(Role.DEPARTMENT_HEAD) and actor.department_id == step.department_id):
            raise PermissionDenied(_("只有本环节所在部门的负责人可以分派"), code="assign_needs_department_head")
        if assignee is None or not assignee.is_active or not may_handle(assignee, step, case):
            raise ValidationFailed.on("assignee", _("被分派人须为本部门承担该环节的在职工作人员"),
                                      code="assignee_invalid")
        CaseStep.objects.filter(pk=step.pk, status=step.status).update(assignee=assignee, claimed_at=now,
                                                                       assigned_by=actor)
        before = step.assignee_id
        step.assignee, step.claimed_at, step.assigned_by = assignee, now, actor
        _bump(case, now=now)
        _record(case, step, action="assign", actor=actor, now=now, public=False,
                note=assignee.full_name or assignee.username, changes={"assignee": [before, assignee.pk]})
    return step


def step_opinion(*, actor, case: Case, opinion: str, revision: int | None = None,
                 now: dt.datetime | None = None) -> CaseStep:
    """Record (or rewrite) the handler's opinion on the open step before passing it on."""
    now = now or clock.now()
    opinion = _text(opinion, "opinion", required=True, message=_("请填写办理意见"), code="opinion_required")
    with transaction.atomic():
        case = locked(case)
        step = _current_for(actor, case, revision=revision)
        _require_own(actor, step)
        field = "joint_opinion" if step.status == StepStatus.JOINT else "opinion"
        CaseStep.objects.filter(pk=step.pk).update(**{field: opinion}, **(
            {} if step.assignee_id else {"assignee": actor, "claimed_at": now}))
        setattr(step, field, opinion)
        _bump(case, now=now)
        _record(case, step, action="opinion", actor=actor, now=now, public=False, changes={field: opinion})
    return step


def step_pass(*, actor, case: Case, opinion: str = "", second_verifier: User | None = None,
              revision: int | None = None, now: dt.datetime | None = None) -> CaseStep:
    """通过: finish the open step with the handler's opinion and open the next. An on-site
    verification step records a second staff member of the department who verified with the
    handler (行政许可法第三十四条第三款). A decision step is finished by the decision itself."""
    now = now or clock.now()
    with transaction.atomic():
        case = locked(case)
        step = _current_for(actor, case, revision=revision)
        _require_own(actor, step)
        if step.status == StepStatus.JOINT:
            raise StateError(_("该环节正在会签，须待会签部门答复"), code="step_in_joint")
        if step.kind == StepKind.DECIDE:
            raise StateError(_("决定环节须通过作出决定（决定书）办结，不能直接通过"), code="step_decide_by_decision")
        if step.joint_department_id is not None:
            raise StateError(_("会签环节须送会签部门答复后办结"), code="step_needs_joint")
        opinion = _text(opinion or step.opinion, "opinion", required=True, message=_("请填写办理意见"),
                        code="opinion_required")
        fields = {"opinion": opinion, "business_action": BusinessAction.PASS}
        if step.kind == StepKind.VERIFY:
            fields["second_verifier"] = _second_verifier(actor, step, second_verifier)
        if step.assignee_id is None:
            fields.update(assignee=actor, claimed_at=now)
        _finish(case, step, action="pass", to=StepStatus.DONE, actor=actor, now=now, **fields)
        _bump(case, now=now)
        _record(case, step, action="pass", actor=actor, now=now,
                changes={"opinion": opinion, "second_verifier": getattr(fields.get("second_verifier"), "pk", None)})
        after = _next_position(case, step.position)
        if after is not None:
            _open(case, after, actor=actor, now=now)
    return step


def _second_verifier(actor, step: CaseStep, verifier: User | None) -> User:
    if verifier is None:
        raise ValidationFailed.on("second_verifier", _("现场核查须由两名以上工作人员进行，请选择共同核查人（行政许可法第三十四条）"),
                                  code="second_verifier_required")
    if verifier.pk == actor.pk:
        raise ValidationFailed.on("second_verifier", _("共同核查人不能是您本人"), code="second_verifier_same")
    if not (verifier.is_active and verifier.department_id == step.department_id
            and verifier.has_role(Role.APPROVER, Role.DEPARTMENT_HEAD)):
        raise ValidationFailed.on("second_verifier", _("共同核查人须为本部门在职的审批人员或负责人"),
                                  code="second_verifier_invalid")
    return verifier


def step_return(*, actor, case: Case, reason: str, revision: int | None = None,
                now: dt.datetime | None = None) -> CaseStep:
    """退回: send the case one step back, with the reason; the step before is taken again (a new
    run of it, with a fresh clock)."""
    now = now or clock.now()
    reason = _text(reason, "reason", required=True, message=_("请写明退回理由"), code="return_reason_required")
    with transaction.atomic():
        case = locked(case)
        step = _current_for(actor, case, revision=revision)
        _require_own(actor, step)
        if step.status == StepStatus.JOINT:
            raise StateError(_("该环节正在会签，须待会签部门答复"), code="step_in_joint")
        before = (CaseStep.objects.filter(case=case, position__lt=step.position).exclude(kind=StepKind.ACCEPT)
                  .order_by("-position").values_list("position", flat=True).first())
        if before is None:
            raise StateError(_("这是受理后的第一个环节，没有可以退回的环节"), code="step_return_first")
        _finish(case, step, action="return", to=StepStatus.RETURNED, actor=actor, now=now,
                business_action=BusinessAction.RETURN, return_reason=reason,
                **({} if step.assignee_id else {"assignee": actor, "claimed_at": now}))
        _bump(case, now=now)
        _record(case, step, action="return", actor=actor, now=now, note=reason, changes={"reason": reason})
        _open(case, before, actor=actor, now=now)
    return step


def step_joint_request(*, actor, case: Case, note: str, revision: int | None = None,
                       now: dt.datetime | None = None) -> CaseStep:
    """送会签: hand the open joint step to its joint department (并联/会签) and wait for its answer."""
    now = now or clock.now()
    note = _text(note, "note", required=True, message=_("请写明请会签部门审查的事项"), code="joint_note_required")
    with transaction.atomic():
        case = locked(case)
        step = _current_for(actor, case, revision=revision)
        _require_own(actor, step)
        if step.joint_department_id is None:
            raise StateError(_("该环节不是会签环节"), code="step_not_joint")
        CASE_STEP_STATES.move(step, action="joint_request", to=StepStatus.JOINT, joint_requested_at=now,
                              joint_request_note=note,
                              **({} if step.assignee_id else {"assignee": actor, "claimed_at": now}))
        _bump(case, now=now)
        _record(case, step, action="joint_request", actor=actor, now=now,
                note=step.joint_department.name, changes={"joint_department": step.joint_department_id, "note": note})
    return step


def step_joint_answer(*, actor, case: Case, agreed: bool, opinion: str, revision: int | None = None,
                      now: dt.datetime | None = None) -> CaseStep:
    """会签答复 by the joint department: its opinion (agreeing or not) completes the step, and the
    case moves on to the next step of the lead department, which weighs the answer."""
    now = now or clock.now()
    opinion = _text(opinion, "opinion", required=True, message=_("请填写会签意见"), code="opinion_required")
    with transaction.atomic():
        case = locked(case)
        step = _current_for(actor, case, revision=revision)
        if step.status != StepStatus.JOINT:
            raise StateError(_("该环节不在会签中"), code="step_not_in_joint")
        CASE_STEP_STATES.move(step, action="joint_answer", to=StepStatus.DONE, finished_at=now,
                              joint_answered_by=actor, joint_answered_at=now, joint_agreed=bool(agreed),
                              joint_opinion=opinion, business_action=BusinessAction.PASS,
                              handled_by_id=step.assignee_id or actor.pk)
        _stop_clock(step, actor=actor, now=now)
        _bump(case, now=now)
        _record(case, step, action="joint_answer", actor=actor, now=now,
                note=_("同意") if agreed else _("不同意"), changes={"agreed": bool(agreed), "opinion": opinion})
        after = _next_position(case, step.position)
        if after is not None:
            _open(case, after, actor=actor, now=now)
    return step


# ----------------------------------------------------------------------------- contract

def step_complete(*, case: Case, kind: str, actor, now: dt.datetime, opinion: str = "") -> CaseStep | None:
    """Finish the open step of `kind` (the decision finishes the `decide` step, the delivery the
    `deliver` step) and open the next. A no-op (None) when the case has no step of that kind or
    it is not the open one. Call inside the caller's transaction with the case locked; the
    caller's action writes the case's timeline entry and bumps its revision."""
    step = CaseStep.objects.filter(case=case, kind=kind, status=StepStatus.CURRENT).first()
    if step is None:
        return None
    CASE_STEP_STATES.move(step, action="complete", to=StepStatus.DONE, finished_at=now, handled_by=_actor_pk(actor),
                          business_action=BusinessAction.PASS, opinion=(opinion or step.opinion)[:OPINION_MAX],
                          **({} if step.assignee_id or not _actor_pk(actor) else
                             {"assignee": actor, "claimed_at": now}))
    _stop_clock(step, actor=actor, now=now)
    _record(case, step, action="complete", actor=actor, now=now, timeline=False)
    after = _next_position(case, step.position)
    if after is not None:
        _open(case, after, actor=actor, now=now)
    return step


def steps_cancel(*, case: Case, actor, now: dt.datetime) -> int:
    """End every step not yet done when the case ends otherwise (withdrawn, concluded without
    them); their clocks stop. Inside the caller's transaction."""
    done = 0
    for step in CaseStep.objects.filter(case=case, status__in=[StepStatus.PENDING, *OPEN_STEP_STATUSES]):
        CASE_STEP_STATES.move(step, action="cancel", to=StepStatus.CANCELLED, finished_at=now,
                              business_action=BusinessAction.OTHER)
        _stop_clock(step, actor=actor, now=now)
        _record(case, step, action="cancel", actor=actor, now=now, timeline=False)
        done += 1
    return done
