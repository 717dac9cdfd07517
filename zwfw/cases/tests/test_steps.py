"""Steps after acceptance (issue 9 points 1–2): opened from the version in force with their
clocks, claimed, passed, returned, sent to a joint department, verified by two staff; every
refusal says why in Chinese and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from zwfw.calendar.models import ClockStatus, TimeLimitClock
from zwfw.cases.models import BusinessAction, Case, CaseEvent, CaseStep, StepStatus
from zwfw.cases.services.acceptance import case_accept
from zwfw.cases.services.steps import (
    step_assign,
    step_claim,
    step_complete,
    step_current,
    step_joint_answer,
    step_joint_request,
    step_opinion,
    step_pass,
    step_return,
)
from zwfw.catalog.default_steps import default_steps, version_steps
from zwfw.core.errors import DomainError, NotFound, PermissionDenied, StateError, ValidationFailed
from zwfw.core.models import AuditEvent

from .conftest import NOW
from .steps_fixtures import *  # noqa: F403 — the step fixtures
from .steps_fixtures import accepted, publish, received

pytestmark = pytest.mark.django_db
LATER = NOW + dt.timedelta(hours=1)


def _snapshot(case: Case) -> tuple:
    """Everything a refused step action must leave as it was."""
    return (Case.objects.get(pk=case.pk).revision,
            list(CaseStep.objects.filter(case=case).order_by("pk").values_list(
                "status", "assignee_id", "opinion", "second_verifier_id", "business_action")),
            CaseEvent.objects.filter(case=case).count(),
            AuditEvent.objects.filter(action__startswith="cases.step.").count())


def _refused(case, exc_type, code, run):
    before = _snapshot(case)
    with pytest.raises(exc_type) as info:
        run()
    assert info.value.code == code, info.value.code
    assert info.value.message and not info.value.message.isascii()
    assert _snapshot(case) == before


# ----------------------------------------------------------------------------- catalog data

def test_default_steps_by_type_come_from_data_with_a_source():
    licensing = default_steps("01", 20)
    assert [(s.name, s.kind, s.performer_role, s.working_days) for s in licensing] == [
        ("受理", "accept", "window_clerk", 0), ("审查", "review", "approver", 19),
        ("决定", "decide", "department_head", 1), ("送达", "deliver", "window_clerk", 0)]
    assert "行政许可法" in licensing[0].basis
    benefit = default_steps("05", 10)
    assert [s.kind for s in benefit] == ["accept", "verify", "decide", "deliver"]
    assert [s.name for s in default_steps("20", 3)] == ["受理", "办理", "办结送达"]
    # A type without its own entry takes the general default; no promised limit → no days to share.
    assert [s.name for s in default_steps("07", None)] == ["受理", "审查", "决定", "送达"]
    assert [s.working_days for s in default_steps("07", None)] == [0, 0, 0, 0]
    # A limit shorter than the fixed shares: the fixed step gets what there is.
    assert [s.working_days for s in default_steps("01", 0)] == [0, 0, 0, 0]


def test_a_version_without_steps_gets_the_default_of_its_type(editor, reviewer, approval_dept, citizen, clerk, hall):
    version = publish(editor, reviewer, approval_dept, base_code="000104006000", name="无流程事项", steps=[])
    assert [s.name for s in version_steps(version)] == ["受理", "审查", "决定", "送达"]
    case = accepted(citizen, version.item, clerk)
    steps = list(CaseStep.objects.filter(case=case))
    assert [(s.name, s.status) for s in steps] == [("受理", "done"), ("审查", "current"), ("决定", "pending"),
                                                   ("送达", "pending")]
    assert steps[1].working_days == 4 and steps[1].role == "approver"


# ----------------------------------------------------------------------------- acceptance

def test_acceptance_opens_steps_and_their_clocks(citizen, steps_item, clerk, hall, approval_dept, joint_dept):
    case = accepted(citizen, steps_item, clerk)
    steps = list(CaseStep.objects.filter(case=case))
    assert [(s.position, s.name, s.kind, s.role, s.status) for s in steps] == [
        (0, "受理", "accept", "window_clerk", "done"), (1, "现场核查", "verify", "approver", "current"),
        (2, "会签审查", "review", "approver", "pending"), (3, "决定", "decide", "department_head", "pending"),
        (4, "送达", "deliver", "window_clerk", "pending")]
    assert steps[0].handled_by == clerk and steps[0].business_action == BusinessAction.PASS
    assert steps[0].gb_step_status == "2" and steps[1].gb_step_status == "1"
    assert all(s.department == approval_dept for s in steps) and steps[2].joint_department == joint_dept
    current = steps[1]
    assert current.started_at == NOW and current.clock is not None
    assert (current.clock.purpose, current.clock.limit, current.clock.status) == ("step:1:1", 1, ClockStatus.RUNNING)
    # Tuesday 3 March + 1 working day → due Wednesday 4 March.
    assert current.clock.due_date == dt.date(2026, 3, 4)
    assert steps[0].clock is None  # 受理 takes no share of the promised limit
    assert AuditEvent.objects.filter(action="cases.step.steps_open").count() == 1


def test_acceptance_takes_limits_and_steps_from_the_version_in_force_that_day(
        editor, reviewer, approval_dept, citizen, clerk, hall):
    from zwfw.catalog.services import (
        item_publish,
        item_review_approve,
        item_submit_for_review,
        item_version_create,
    )
    from zwfw.catalog.services.drafting import item_version_update

    v1 = publish(editor, reviewer, approval_dept, base_code="000104007000", name="版本切换事项", steps=[])
    case = received(citizen, v1.item)  # received under v1 (promised 5, statutory 20)
    v2 = item_version_create(actor=editor, item=v1.item, now=NOW)
    item_version_update(actor=editor, version=v2, fields={"promised_limit": 3, "statutory_limit": 15}, steps=[
        {"name": "受理", "kind": "accept", "role": "窗口", "performer_role": "window_clerk"},
        {"name": "核准", "kind": "decide", "role": "负责人", "performer_role": "department_head", "working_days": 2}],
        now=NOW)
    item_submit_for_review(actor=editor, version=v2, now=NOW)
    item_review_approve(actor=reviewer, version=v2, now=NOW)
    accept_day = dt.datetime(2026, 3, 5, 10, 0, tzinfo=NOW.tzinfo)
    item_publish(actor=reviewer, version=v2, effective_on=accept_day.date(), now=NOW)
    case_accept(actor=clerk, case=case, now=accept_day)
    clocks = {c.purpose: c for c in TimeLimitClock.objects.filter(owner_type="cases.case", owner_id=str(case.pk))}
    assert clocks["promised"].limit == 3 and clocks["statutory"].limit == 15
    assert [(s.name, s.status) for s in CaseStep.objects.filter(case=case)] == [("受理", "done"), ("核准", "current")]
    assert clocks["step:1:1"].limit == 2 and clocks["step:1:1"].started_at == accept_day


def test_acceptance_before_the_new_version_takes_effect_keeps_the_old_terms(
        editor, reviewer, approval_dept, citizen, clerk, hall):
    from zwfw.catalog.services import (
        item_publish,
        item_review_approve,
        item_submit_for_review,
        item_version_create,
    )
    from zwfw.catalog.services.drafting import item_version_update

    v1 = publish(editor, reviewer, approval_dept, base_code="000104008000", name="未生效新版本事项", steps=[])
    v2 = item_version_create(actor=editor, item=v1.item, now=NOW)
    item_version_update(actor=editor, version=v2, fields={"promised_limit": 2}, now=NOW)
    item_submit_for_review(actor=editor, version=v2, now=NOW)
    item_review_approve(actor=reviewer, version=v2, now=NOW)
    item_publish(actor=reviewer, version=v2, effective_on=dt.date(2026, 4, 1), now=NOW)
    case = accepted(citizen, v1.item, clerk)
    assert TimeLimitClock.objects.get(owner_id=str(case.pk), purpose="promised").limit == 5


# ----------------------------------------------------------------------------- the path

def test_the_whole_path_claim_verify_joint_decide_deliver(citizen, steps_item, clerk, hall, approver, approver2,
                                                         head, joint_approver):
    case = accepted(citizen, steps_item, clerk)
    rev = case.revision
    step = step_claim(actor=approver, case=case, revision=rev, now=NOW)
    assert step.assignee == approver and Case.objects.get(pk=case.pk).revision == rev + 1
    step_opinion(actor=approver, case=case, opinion="现场与图纸一致", now=NOW)
    step_pass(actor=approver, case=case, second_verifier=approver2, now=LATER)
    verify = CaseStep.objects.get(case=case, position=1)
    assert (verify.status, verify.opinion, verify.handled_by, verify.second_verifier) == (
        "done", "现场与图纸一致", approver, approver2)
    assert verify.finished_at == LATER and verify.clock.status == ClockStatus.STOPPED

    joint = step_current(case)
    assert (joint.position, joint.status, joint.clock.purpose) == (2, "current", "step:2:1")
    _refused(case, StateError, "step_needs_joint",
             lambda: step_pass(actor=approver, case=case, opinion="同意", now=LATER))
    step_joint_request(actor=approver, case=case, note="请就配套设施出具意见", now=LATER)
    assert step_current(case).status == StepStatus.JOINT
    # The lead department waits: its staff can no longer act on the step, the joint department can.
    _refused(case, PermissionDenied, "step_not_yours",
             lambda: step_joint_answer(actor=approver, case=case, agreed=True, opinion="同意", now=LATER))
    step_joint_answer(actor=joint_approver, case=case, agreed=False, opinion="配套设施不足", now=LATER)
    joint = CaseStep.objects.get(pk=joint.pk)
    assert (joint.status, joint.joint_agreed, joint.joint_opinion, joint.joint_answered_by) == (
        "done", False, "配套设施不足", joint_approver)

    decide = step_current(case)
    assert (decide.kind, decide.role) == ("decide", "department_head")
    _refused(case, StateError, "step_decide_by_decision",
             lambda: step_pass(actor=head, case=case, opinion="准予", now=LATER))
    assert step_complete(case=case, kind="certify", actor=head, now=LATER) is None  # no such step: no-op
    assert step_complete(case=case, kind="decide", actor=head, now=LATER, opinion="准予许可").status == "done"
    deliver = step_current(case)
    assert (deliver.kind, deliver.status, deliver.clock) == ("deliver", "current", None)
    # The comprehensive window that received the case delivers the result (统一送达).
    step_pass(actor=clerk, case=case, opinion="已当面送达", now=LATER)
    assert step_current(case) is None
    actions = list(CaseEvent.objects.filter(case=case, action__startswith="step_").values_list("action", flat=True))
    assert actions == ["step_claim", "step_opinion", "step_pass", "step_joint_request", "step_joint_answer",
                       "step_pass"]


def test_return_sends_the_case_one_step_back_with_a_new_run(citizen, steps_item, clerk, hall, approver, approver2,
                                                           joint_approver):
    case = accepted(citizen, steps_item, clerk)
    _refused(case, StateError, "step_return_first",
             lambda: step_return(actor=approver, case=case, reason="退回", now=NOW))
    step_pass(actor=approver, case=case, opinion="核查无误", second_verifier=approver2, now=NOW)
    _refused(case, ValidationFailed, "return_reason_required",
             lambda: step_return(actor=approver2, case=case, reason="  ", now=LATER))
    step_return(actor=approver2, case=case, reason="核查记录缺少照片", now=LATER)
    runs = list(CaseStep.objects.filter(case=case, position__in=[1, 2]).order_by("position", "run")
                .values_list("position", "run", "status", "business_action", "return_reason"))
    assert runs == [(1, 1, "done", "1", ""), (1, 2, "current", "", ""), (2, 1, "returned", "2", "核查记录缺少照片")]
    again = step_current(case)
    assert again.clock.purpose == "step:1:2" and again.clock.started_at == LATER
    # Passing it again opens a second run of the step it was returned from.
    step_pass(actor=approver, case=case, opinion="已补拍照片", second_verifier=approver2, now=LATER)
    assert (step_current(case).position, step_current(case).run) == (2, 2)


# ----------------------------------------------------------------------------- refusals

def test_refusals_change_nothing(citizen, steps_item, clerk, hall, approver, approver2, head, foreign_approver):
    case = accepted(citizen, steps_item, clerk)
    step_claim(actor=approver, case=case, now=NOW)
    case = Case.objects.get(pk=case.pk)
    _refused(case, PermissionDenied, "step_not_yours",
             lambda: step_pass(actor=approver2, case=case, opinion="同意", second_verifier=approver, now=NOW))
    _refused(case, Exception, "step_claimed", lambda: step_claim(actor=approver2, case=case, now=NOW))
    _refused(case, StateError, "step_already_yours", lambda: step_claim(actor=approver, case=case, now=NOW))
    _refused(case, PermissionDenied, "step_not_yours",
             lambda: step_pass(actor=head, case=case, opinion="同意", second_verifier=approver, now=NOW))
    _refused(case, NotFound, "case_not_found",
             lambda: step_pass(actor=foreign_approver, case=case, opinion="同意", now=NOW))
    _refused(case, NotFound, "case_not_found", lambda: step_claim(actor=foreign_approver, case=case, now=NOW))
    _refused(case, DomainError, "case_stale",
             lambda: step_pass(actor=approver, case=case, opinion="同意", second_verifier=approver2,
                               revision=case.revision - 1, now=NOW))
    _refused(case, ValidationFailed, "second_verifier_required",
             lambda: step_pass(actor=approver, case=case, opinion="同意", now=NOW))
    _refused(case, ValidationFailed, "second_verifier_same",
             lambda: step_pass(actor=approver, case=case, opinion="同意", second_verifier=approver, now=NOW))
    _refused(case, ValidationFailed, "second_verifier_invalid",
             lambda: step_pass(actor=approver, case=case, opinion="同意", second_verifier=foreign_approver, now=NOW))
    _refused(case, ValidationFailed, "opinion_required",
             lambda: step_pass(actor=approver, case=case, opinion=" ", second_verifier=approver2, now=NOW))
    _refused(case, ValidationFailed, "text_too_long",
             lambda: step_opinion(actor=approver, case=case, opinion="长" * 2001, now=NOW))
    _refused(case, StateError, "step_not_joint",
             lambda: step_joint_request(actor=approver, case=case, note="请会签", now=NOW))


def test_a_case_not_yet_accepted_has_no_steps_to_act_on(citizen, steps_item, clerk, hall, approver):
    case = received(citizen, steps_item)
    assert not CaseStep.objects.filter(case=case).exists()
    _refused(case, StateError, "case_not_in_processing", lambda: step_claim(actor=approver, case=case, now=NOW))


def test_the_head_assigns_the_step_to_a_member_who_holds_its_role(citizen, steps_item, clerk, hall, approver,
                                                                  approver2, head, joint_approver):
    case = accepted(citizen, steps_item, clerk)
    step_claim(actor=approver, case=case, now=NOW)
    _refused(case, PermissionDenied, "assign_needs_department_head",
             lambda: step_assign(actor=approver, case=case, assignee=approver2, now=NOW))
    _refused(case, ValidationFailed, "assignee_invalid",
             lambda: step_assign(actor=head, case=case, assignee=joint_approver, now=NOW))
    step = step_assign(actor=head, case=case, assignee=approver2, now=LATER)
    assert (step.assignee, step.assigned_by) == (approver2, head)
    assert CaseStep.objects.get(pk=step.pk).assignee == approver2
    _refused(case, PermissionDenied, "step_not_yours",
             lambda: step_pass(actor=approver, case=case, opinion="同意", second_verifier=approver2, now=LATER))


def test_the_joint_department_records_its_opinion_and_the_step_is_not_reassigned(
        citizen, steps_item, clerk, hall, approver, approver2, head, joint_approver):
    case = accepted(citizen, steps_item, clerk)
    step_pass(actor=approver, case=case, opinion="核查无误", second_verifier=approver2, now=NOW)
    step_joint_request(actor=approver, case=case, note="请出具意见", now=NOW)
    _refused(case, StateError, "step_in_joint",
             lambda: step_assign(actor=head, case=case, assignee=approver2, now=NOW))
    _refused(case, StateError, "step_in_joint",
             lambda: step_pass(actor=joint_approver, case=case, opinion="同意", now=NOW))
    step = step_opinion(actor=joint_approver, case=case, opinion="原则同意，待补充图纸", now=LATER)
    assert CaseStep.objects.get(pk=step.pk).joint_opinion == "原则同意，待补充图纸"
    assert CaseStep.objects.get(pk=step.pk).assignee == approver  # still the lead handler's step
