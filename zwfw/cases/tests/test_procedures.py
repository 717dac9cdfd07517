"""特别程序 (行政许可法第四十五条) and 延期 (第四十二条) through the services, on the real 2026
calendar: an expert review across 国庆节 (1–7 October, make-up working day Saturday 10 October)
moves the statutory due date by exactly the working days it took; an extension moves it again."""

from __future__ import annotations

import datetime as dt

import pytest

from zwfw.accounts.models import Role
from zwfw.calendar.engine import working_days_between
from zwfw.calendar.models import ClockStatus, TimeLimitClock
from zwfw.calendar.selectors import calendar_for
from zwfw.cases.models import CaseEvent, CaseExtension, CaseSpecialProcedure, CaseStatus, ExtensionStatus
from zwfw.cases.selectors_procedures import case_time_limits, procedure_hearing_timetable
from zwfw.cases.services.acceptance import case_accept
from zwfw.cases.services.drafting import case_submit
from zwfw.cases.services.procedures import (
    case_extension_decide,
    case_extension_request,
    special_procedure_end,
    special_procedure_start,
)
from zwfw.catalog.tests.conftest import make_user
from zwfw.core.audit_labels import ACTION_LABELS
from zwfw.core.clock import SHANGHAI
from zwfw.core.errors import Conflict, PermissionDenied, StateError, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.documents.models import OfficialDocument
from zwfw.documents.testing import pdf_text
from zwfw.files.services import file_read
from zwfw.jobs.testing import outbox_drain

from .test_acceptance import online_case

pytestmark = pytest.mark.django_db

# Thursday 24 September 2026, 10:00 in China: accepted the day before 中秋节 (25–27 September).
ACCEPTED_AT = dt.datetime(2026, 9, 24, 10, 0, tzinfo=SHANGHAI)
REVIEW_FROM = dt.datetime(2026, 9, 28, 10, 0, tzinfo=SHANGHAI)  # Monday
REVIEW_TO = dt.datetime(2026, 10, 9, 16, 0, tzinfo=SHANGHAI)  # Friday after 国庆节
# Working days in (28 Sep, 9 Oct]: 29 and 30 September, 8 and 9 October; 1–7 October are holidays.
PAUSED_WORKING_DAYS = 4


@pytest.fixture
def approver(approval_dept):
    return make_user("approver_xzsp", Role.APPROVER, department=approval_dept)


@pytest.fixture
def head(approval_dept):
    return make_user("head_xzsp", Role.DEPARTMENT_HEAD, department=approval_dept)


@pytest.fixture
def other_head(other_dept):
    return make_user("head_mz", Role.DEPARTMENT_HEAD, department=other_dept)


@pytest.fixture
def accepted(citizen, item, clerk):
    case = online_case(citizen, item)
    case_submit(actor=citizen, case=case, now=ACCEPTED_AT - dt.timedelta(hours=1))
    case_accept(actor=clerk, case=case, now=ACCEPTED_AT)
    case.refresh_from_db()
    return case


def _clock(case, purpose):
    return TimeLimitClock.objects.get(owner_type="cases.case", owner_id=str(case.pk), purpose=purpose)


def _state(case):
    """Everything an act may change: for the "nothing changed" checks."""
    case.refresh_from_db()
    clocks = list(TimeLimitClock.objects.filter(owner_id=str(case.pk)).order_by("pk").values_list(
        "status", "due_date", "extension_days"))
    return (case.revision, case.status, case.promised_by, clocks, CaseSpecialProcedure.objects.count(),
            list(CaseExtension.objects.values_list("status", flat=True)), AuditEvent.objects.count())


def test_expert_review_across_national_day_then_extension(accepted, approver, head, clerk):
    case = accepted
    cal = calendar_for(case.region)
    statutory, promised = _clock(case, "statutory"), _clock(case, "promised")
    # 20 working days from Thursday 24 September (25 Sep is 中秋节): 28–30 Sep, 8–9 Oct, Sat 10 Oct
    # (make-up), 12–16, 19–23, 26–29 Oct.
    assert statutory.due_date == dt.date(2026, 10, 29)
    assert working_days_between(cal, dt.date(2026, 9, 24), statutory.due_date) == 20
    assert promised.due_date == dt.date(2026, 10, 9)  # 5 working days: 28, 29, 30 Sep, 8, 9 Oct
    statutory_before = statutory.due_date

    procedure = special_procedure_start(actor=approver, case=case, kind="expert_review",
                                        reason="涉及重大技术问题，组织专家评审", expected_duration=8,
                                        revision=case.revision, now=REVIEW_FROM)
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED  # the case stays 已受理 during a special procedure
    assert procedure.gb_code == "2" and procedure.get_gb_code_display() == "其他"
    # 8 working days from Monday 28 September: 29, 30 Sep, 8, 9, 10 (Sat, make-up), 12, 13, 14 Oct.
    assert procedure.expected_end_on == dt.date(2026, 10, 14)
    statutory, promised = _clock(case, "statutory"), _clock(case, "promised")
    assert (statutory.status, promised.status) == (ClockStatus.PAUSED, ClockStatus.PAUSED)
    assert statutory.due_date is None  # no due date while the time does not count
    # The current step's clock (ADR 0030: 单个环节时限) stops with the case's: the time of a
    # special procedure counts for neither.
    step_clock = TimeLimitClock.objects.get(owner_type="cases.case", owner_id=str(case.pk),
                                            purpose__startswith="step:")
    assert step_clock.status == ClockStatus.PAUSED
    assert sorted(procedure.paused_clocks) == sorted([statutory.pk, promised.pk, step_clock.pk])

    special_procedure_end(actor=approver, case=case, procedure=procedure, result="专家评审意见：符合要求",
                          revision=case.revision, now=REVIEW_TO)
    case.refresh_from_db()
    statutory, promised = _clock(case, "statutory"), _clock(case, "promised")
    assert (statutory.status, promised.status) == (ClockStatus.RUNNING, ClockStatus.RUNNING)
    # The due date moved by exactly the paused working days, counted on the holiday calendar.
    assert working_days_between(cal, statutory_before, statutory.due_date) == PAUSED_WORKING_DAYS
    assert statutory.due_date == dt.date(2026, 11, 4)  # 30 Oct, 2, 3, 4 Nov
    assert promised.due_date == dt.date(2026, 10, 14) and case.promised_by == promised.due_date
    procedure.refresh_from_db()
    assert procedure.status == "ended" and procedure.result == "专家评审意见：符合要求"
    views = {v.purpose: v for v in case_time_limits(case, now=REVIEW_TO)}
    assert views["statutory"].pauses[0].excluded_days == PAUSED_WORKING_DAYS
    # Seen on Friday 9 October: 10, 12–16, 19–23, 26–30 October and 2–4 November are left.
    assert views["statutory"].remaining_days == 19

    after_review = statutory.due_date
    extension = case_extension_request(actor=approver, case=case, days=10, reason="需补充实地核查",
                                       revision=case.revision, now=REVIEW_TO + dt.timedelta(days=3))
    case.refresh_from_db()
    assert extension.status == ExtensionStatus.REQUESTED and extension.gb_code == "1"
    assert _clock(case, "statutory").due_date == after_review  # a request alone moves nothing
    case_extension_decide(actor=head, case=case, extension=extension, approve=True, revision=case.revision,
                          now=REVIEW_TO + dt.timedelta(days=4))
    extension.refresh_from_db()
    statutory, promised = _clock(case, "statutory"), _clock(case, "promised")
    assert extension.status == ExtensionStatus.APPROVED and extension.decided_by == head
    assert working_days_between(cal, after_review, statutory.due_date) == 10
    assert (extension.statutory_due_before, extension.statutory_due_after) == (after_review, statutory.due_date)
    assert statutory.due_date == dt.date(2026, 11, 18) and statutory.extension_days == 10
    assert promised.extension_days == 10 and extension.promised_due_after == promised.due_date

    # The applicant is told both in writing: numbered notices, issued after commit.
    outbox_drain(now=REVIEW_TO + dt.timedelta(days=5))
    procedure.refresh_from_db()
    extension.refresh_from_db()
    assert "特字第" in procedure.notice.number and "延字第" in extension.notice.number
    kinds = set(OfficialDocument.objects.filter(owner_type="cases.case", owner_id=str(case.pk))
                .values_list("kind", flat=True))
    assert {"notice.special_procedure", "notice.extension"} <= kinds
    from zwfw.notifications.models import Notification

    told = set(Notification.objects.filter(recipient=case.applicant.user).values_list("template", flat=True))
    assert {"case.special_procedure_started", "case.extended"} <= told
    actions = list(AuditEvent.objects.filter(object_id=str(case.pk), action__startswith="cases.case.")
                   .values_list("action", flat=True))
    assert actions[-4:] == ["cases.case.special_procedure_start", "cases.case.special_procedure_end",
                            "cases.case.extension_request", "cases.case.extension_approve"]
    assert all(a in ACTION_LABELS for a in actions)
    assert AuditEvent.objects.filter(action="clock.extend", actor_id=head.pk).count() == 2


def test_the_notices_state_the_expected_time_and_the_new_date(accepted, approver, head, tmp_path):
    case = accepted
    special_procedure_start(actor=approver, case=case, kind="expert_review", reason="组织专家评审",
                            expected_duration=8, now=REVIEW_FROM)
    outbox_drain(now=REVIEW_FROM)
    notice = CaseSpecialProcedure.objects.get().notice
    text = pdf_text(file_read(notice.stored_file), tmp_path).replace("\n", "")
    for expected in ("特别程序告知书", notice.number, "专家评审", "8 工作日", "2026年10月14日", "第四十五条"):
        assert expected in text, expected
    special_procedure_end(actor=approver, case=case, procedure=CaseSpecialProcedure.objects.get(), result="通过",
                          now=REVIEW_TO)
    extension = case_extension_request(actor=approver, case=case, days=5, reason="需补充实地核查", now=REVIEW_TO)
    case_extension_decide(actor=head, case=case, extension=extension, approve=True, now=REVIEW_TO)
    outbox_drain(now=REVIEW_TO)
    extension.refresh_from_db()
    text = pdf_text(file_read(extension.notice.stored_file), tmp_path).replace("\n", "")
    for expected in ("延长审批期限告知书", "需补充实地核查", "延长5个工作日", "2026年11月11日", "第四十二条"):
        assert expected in text, expected
    # A redelivery issues nothing twice.
    from zwfw.cases.services.procedures import procedure_notice_issue

    event = CaseEvent.objects.get(case=case, action="extension_approve")
    procedure_notice_issue(payload={"event_id": event.pk, "extension_id": extension.pk})
    assert OfficialDocument.objects.filter(kind="notice.extension").count() == 1


def test_extension_refused_when_not_the_head_beyond_the_maximum_or_without_reason(accepted, approver, head,
                                                                                  other_head, clerk):
    case = accepted
    now = ACCEPTED_AT + dt.timedelta(days=1)
    before = _state(case)
    with pytest.raises(ValidationFailed) as no_reason:
        case_extension_request(actor=approver, case=case, days=5, reason="  ", now=now)
    assert no_reason.value.code == "extension_reason_missing" and "理由" in no_reason.value.message
    with pytest.raises(ValidationFailed) as beyond:
        case_extension_request(actor=approver, case=case, days=11, reason="复杂", now=now)
    assert beyond.value.code == "extension_beyond_maximum" and "最多可延长 10 个工作日" in beyond.value.message
    with pytest.raises(PermissionDenied) as clerk_asks:
        case_extension_request(actor=clerk, case=case, days=5, reason="复杂", now=now)
    assert clerk_asks.value.code == "not_department_staff"
    assert _state(case) == before

    extension = case_extension_request(actor=approver, case=case, days=6, reason="复杂", now=now)
    before = _state(case)
    for someone in (approver, other_head, clerk):
        with pytest.raises(PermissionDenied) as not_head:
            case_extension_decide(actor=someone, case=case, extension=extension, approve=True, now=now)
        assert not_head.value.code == "extension_needs_department_head" and "负责人" in not_head.value.message
    with pytest.raises(Conflict) as stale:
        case_extension_decide(actor=head, case=case, extension=extension, approve=True, revision=case.revision - 1,
                              now=now)
    assert stale.value.code == "case_stale"
    with pytest.raises(ValidationFailed) as refusal_without_reason:
        case_extension_decide(actor=head, case=case, extension=extension, approve=False, now=now)
    assert refusal_without_reason.value.code == "extension_refusal_reason_missing"
    assert _state(case) == before

    case_extension_decide(actor=head, case=case, extension=extension, approve=True, now=now)
    # 6 of 10 used: 5 more would pass the version's maximum, at the request and at the approval.
    with pytest.raises(ValidationFailed) as second:
        case_extension_request(actor=approver, case=case, days=5, reason="仍需核查", now=now)
    assert second.value.code == "extension_beyond_maximum" and "本次最多 4 个" in second.value.message
    refused = case_extension_request(actor=approver, case=case, days=4, reason="仍需核查", now=now)
    case_extension_decide(actor=head, case=case, extension=refused, approve=False, note="理由不充分", now=now)
    refused.refresh_from_db()
    assert refused.status == ExtensionStatus.REFUSED and _clock(case, "statutory").extension_days == 6
    with pytest.raises(StateError) as twice:
        case_extension_decide(actor=head, case=case, extension=refused, approve=True, now=now)
    assert twice.value.code == "extension_decided"


def test_special_procedure_refusals_change_nothing(accepted, approver, clerk):
    case = accepted
    before = _state(case)
    with pytest.raises(ValidationFailed) as no_reason:
        special_procedure_start(actor=approver, case=case, kind="testing", reason="", expected_duration=3,
                                now=REVIEW_FROM)
    assert no_reason.value.code == "special_procedure_reason_missing"
    with pytest.raises(ValidationFailed) as no_time:
        # The test item declares no special procedure, so the expected time must be given.
        special_procedure_start(actor=approver, case=case, kind="testing", reason="送检", now=REVIEW_FROM)
    assert no_time.value.code == "special_procedure_duration_missing"
    with pytest.raises(PermissionDenied):
        special_procedure_start(actor=clerk, case=case, kind="testing", reason="送检", expected_duration=3,
                                now=REVIEW_FROM)
    with pytest.raises(Conflict) as stale:
        special_procedure_start(actor=approver, case=case, kind="testing", reason="送检", expected_duration=3,
                                revision=case.revision - 1, now=REVIEW_FROM)
    assert stale.value.code == "case_stale"
    assert _state(case) == before

    procedure = special_procedure_start(actor=approver, case=case, kind="testing", reason="送检",
                                        expected_duration=3, now=REVIEW_FROM)
    with pytest.raises(StateError) as second:
        special_procedure_start(actor=approver, case=case, kind="inspection", reason="再检", expected_duration=3,
                                now=REVIEW_FROM + dt.timedelta(hours=1))
    assert second.value.code == "special_procedure_running"
    # An extension cannot be approved while the clocks stand still.
    extension = case_extension_request(actor=approver, case=case, days=3, reason="复杂", now=REVIEW_FROM)
    head = make_user("head2", Role.DEPARTMENT_HEAD, department=case.department)
    with pytest.raises(StateError) as paused:
        case_extension_decide(actor=head, case=case, extension=extension, approve=True, now=REVIEW_FROM)
    assert paused.value.code == "extension_while_paused"
    with pytest.raises(ValidationFailed) as no_result:
        special_procedure_end(actor=approver, case=case, procedure=procedure, result=" ", now=REVIEW_TO)
    assert no_result.value.code == "special_procedure_result_missing"
    special_procedure_end(actor=approver, case=case, procedure=procedure, result="合格", now=REVIEW_TO)
    with pytest.raises(StateError) as ended:
        special_procedure_end(actor=approver, case=case, procedure=procedure, result="合格", now=REVIEW_TO)
    assert ended.value.code == "special_procedure_ended"


def test_hearing_timetable_in_working_days(accepted, approver):
    case = accepted
    told, asked = dt.date(2026, 9, 28), dt.date(2026, 9, 30)
    with pytest.raises(ValidationFailed) as late:
        # Told Tuesday 22 September: the 5 working days end on 30 September (23, 24, 28, 29, 30).
        special_procedure_start(actor=approver, case=case, kind="hearing", reason="涉及重大利益", expected_duration=20,
                                hearing_right_told_on=dt.date(2026, 9, 22), hearing_requested_on=dt.date(2026, 10, 9),
                                now=REVIEW_TO)
    assert late.value.code == "hearing_request_late"
    with pytest.raises(ValidationFailed) as short_notice:
        special_procedure_start(actor=approver, case=case, kind="hearing", reason="涉及重大利益", expected_duration=20,
                                hearing_right_told_on=told, hearing_requested_on=asked,
                                hearing_on=dt.date(2026, 10, 9), now=dt.datetime(2026, 9, 30, 10, tzinfo=SHANGHAI))
    assert short_notice.value.code == "hearing_notice_too_short" and "2026-10-15" in short_notice.value.message
    procedure = special_procedure_start(
        actor=approver, case=case, kind="hearing", reason="涉及重大利益", expected_duration=20,
        hearing_right_told_on=told, hearing_requested_on=asked, hearing_on=dt.date(2026, 10, 16),
        now=dt.datetime(2026, 9, 30, 10, tzinfo=SHANGHAI))
    plan = procedure_hearing_timetable(procedure)
    # 5 working days after 28 Sep: 29, 30 Sep, 8, 9, 10 Oct.
    assert plan.request_by == dt.date(2026, 10, 10)
    # 20 working days after 30 Sep: 8, 9, 10, 12–16, 19–23, 26–30 Oct, 2, 3 Nov.
    assert plan.hold_by == dt.date(2026, 11, 3)
    # 7 working days before 16 Oct: 15, 14, 13, 12, 10, 9, 8 → notify by 8 October.
    assert plan.notify_by == dt.date(2026, 10, 8)



def test_no_decision_while_a_special_procedure_runs(accepted, approver, head):
    """第四十五条: the decision rests on the procedure's result, so it waits for its end."""
    from zwfw.cases.services.decision import case_decide

    from .decided import advance_to_decision

    case = accepted
    special_procedure_start(actor=approver, case=case, kind="expert_review", reason="组织专家评审",
                            expected_duration=5, revision=case.revision, now=REVIEW_FROM)
    advance_to_decision(case, now=REVIEW_FROM)
    case.refresh_from_db()
    before = case.revision
    with pytest.raises(StateError) as err:
        case_decide(actor=head, case=case, outcome="approve", reasons="符合条件", revision=case.revision,
                    now=REVIEW_TO)
    assert err.value.code == "special_procedure_running"
    case.refresh_from_db()
    assert (case.status, case.revision) == (CaseStatus.ACCEPTED, before)
