"""Rectification work orders: a bad rating opens exactly one; the call-back and the rectification
deadlines run in working days across a holiday and are clocks the supervision sweep watches; the
call-back, the fix, the review (close / send back); permissions; nothing changes on bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from zwfw.calendar.models import ClockStatus, TimeLimitClock
from zwfw.core.clock import SHANGHAI
from zwfw.core.errors import NotFound, PermissionDenied, StateError, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.notifications.models import Notification
from zwfw.ratings.models import Callback, WorkOrder, WorkOrderStatus
from zwfw.ratings.services import (
    rating_create_by_applicant,
    rating_policy_set,
    work_order_callback,
    work_order_close,
    work_order_open,
    work_order_send_back,
    work_order_submit,
)
from zwfw.supervision.models import Card, Level, Target
from zwfw.supervision.rules import target_of
from zwfw.supervision.services import supervision_sweep

from .conftest import at, concluded_case


def _local_day(moment):
    return moment.astimezone(SHANGHAI).date()


@pytest.fixture
def bad(concluded, citizen):
    return rating_create_by_applicant(actor=citizen, case_id=concluded.pk, level=5, comment="等了很久", now=at(4))


@pytest.fixture
def order(bad):
    return WorkOrder.objects.get(rating=bad)


def _clocks(order):
    return {c.purpose: c for c in TimeLimitClock.objects.filter(owner_type="ratings.workorder",
                                                                 owner_id=str(order.pk))}


@pytest.mark.parametrize("level,opens", [(1, False), (2, False), (3, False), (4, True), (5, True)])
def test_only_bad_ratings_open_a_work_order(concluded, citizen, level, opens, head):
    rating = rating_create_by_applicant(actor=citizen, case_id=concluded.pk, level=level, now=at(4))
    assert WorkOrder.objects.filter(rating=rating).count() == (1 if opens else 0)
    assert Notification.objects.filter(recipient=head, template="ratings.work_order_opened").count() == int(opens)


def test_a_bad_rating_opens_exactly_one_work_order(bad, order):
    assert order.department_id == bad.department_id and order.status == WorkOrderStatus.OPEN
    assert work_order_open(rating=bad, now=at(5)).pk == order.pk
    assert WorkOrder.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkOrder.objects.create(rating=bad, region_id=bad.region_id, department_id=bad.department_id, opened_at=at(5))
    assert AuditEvent.objects.filter(action="work_order.open").count() == 1


def test_deadlines_run_in_working_days_across_the_labour_day_holiday(citizen, immediate_item, clerk, window,
                                                                     approval_dept):
    # Concluded and rated on Thursday 30 April 2026; 1–5 May are holidays, Saturday 9 May is a working day.
    case = concluded_case(citizen, immediate_item, clerk, window, approval_dept, now=at(30, 9, month=4))
    rating = rating_create_by_applicant(actor=citizen, case_id=case.pk, level=4, now=at(30, 10, month=4))
    order = WorkOrder.objects.get(rating=rating)
    assert _local_day(order.callback_due_at) == dt.date(2026, 5, 6)  # the first working day after
    assert _local_day(order.due_at) == dt.date(2026, 5, 11)  # 6, 7, 8, 9 (Saturday, worked), 11 May
    clocks = _clocks(order)
    assert set(clocks) == {"rectification.callback", "rectification"}
    assert {c.limit for c in clocks.values()} == {1, 5}
    assert all(target_of(c.owner_type, c.purpose) == Target.RECTIFICATION for c in clocks.values())


def test_the_supervision_sweep_raises_a_red_card_on_a_missed_call_back(order, dept_staff):
    supervision_sweep(now=at(6, 9))
    card = Card.objects.get(clock__purpose="rectification.callback", level=Level.RED)
    assert card.owner_type == "ratings.workorder" and card.department_id == order.department_id
    assert "差评整改工单" in card.summary
    # Called back: the clock stopped, so no further card is raised on it.
    work_order_callback(actor=dept_staff, work_order=order, method="phone", reached=True, outcome="已致歉", now=at(6, 10))
    assert _clocks(order)["rectification.callback"].status == ClockStatus.STOPPED


def test_call_back_fix_and_close(order, dept_staff, supervisor, head):
    with pytest.raises(StateError) as exc:
        work_order_submit(actor=dept_staff, work_order=order, resolution="fixed", note="已整改", now=at(4, 11))
    assert exc.value.code == "callback_first"
    work_order_callback(actor=dept_staff, work_order=order, method="phone", reached=False, outcome="电话无人接听",
                        now=at(4, 11))
    assert WorkOrder.objects.get(pk=order.pk).status == WorkOrderStatus.OPEN
    work_order_callback(actor=dept_staff, work_order=order, method="phone", reached=True,
                        outcome="已联系申请人，核实为窗口排队时间过长", now=at(4, 15))
    row = WorkOrder.objects.get(pk=order.pk)
    assert (row.status, row.called_back_at) == (WorkOrderStatus.CALLED_BACK, at(4, 15))
    assert Callback.objects.filter(work_order=order).count() == 2
    assert _clocks(order)["rectification.callback"].status == ClockStatus.STOPPED
    work_order_submit(actor=dept_staff, work_order=order, resolution="fixed", note="增开午间窗口", now=at(5))
    assert _clocks(order)["rectification"].status == ClockStatus.STOPPED
    assert Notification.objects.filter(recipient=supervisor, template="ratings.work_order_submitted").count() == 1
    work_order_close(actor=supervisor, work_order=order, note="整改到位", now=at(5, 15))
    row = WorkOrder.objects.get(pk=order.pk)
    assert (row.status, row.on_time, row.closed_by, row.resolution) == (WorkOrderStatus.CLOSED, True, supervisor,
                                                                        "fixed")
    reply = Notification.objects.get(template="ratings.rectification_reply")
    assert reply.recipient == order.rating.case.applicant.user and "增开午间窗口" in reply.context["resolution"]
    actions = list(AuditEvent.objects.filter(action__startswith="work_order.").values_list("action", flat=True))
    assert actions == ["work_order.open", "work_order.callback", "work_order.callback", "work_order.submit",
                       "work_order.close"]


def test_sent_back_starts_a_new_round_and_a_late_round_is_not_on_time(order, dept_staff, supervisor, head):
    work_order_callback(actor=dept_staff, work_order=order, method="visit", reached=True, outcome="当面致歉", now=at(4, 11))
    work_order_submit(actor=dept_staff, work_order=order, resolution="explained", note="系申请人材料不全", now=at(5))
    with pytest.raises(ValidationFailed) as exc:
        work_order_send_back(actor=supervisor, work_order=order, note="  ", now=at(5, 11))
    assert exc.value.code == "send_back_note_required"
    work_order_send_back(actor=supervisor, work_order=order, note="解释不充分，请核实窗口告知情况", now=at(5, 11))
    row = WorkOrder.objects.get(pk=order.pk)
    assert (row.status, row.round) == (WorkOrderStatus.RETURNED, 2)
    assert _local_day(row.due_at) == dt.date(2026, 3, 12)  # 5 working days after Thursday 5 March
    assert _clocks(order)["rectification.r2"].status == ClockStatus.RUNNING
    assert Notification.objects.filter(recipient=head, template="ratings.work_order_returned").count() == 1
    work_order_submit(actor=dept_staff, work_order=order, resolution="fixed", note="已重新告知", now=at(13))
    work_order_close(actor=supervisor, work_order=order, now=at(13, 15))
    row = WorkOrder.objects.get(pk=order.pk)
    assert (row.status, row.late, row.on_time) == (WorkOrderStatus.CLOSED, True, False)


def test_who_may_act(order, outsider_staff, dept_staff, supervisor, neighbour_supervisor):
    with pytest.raises(NotFound):
        work_order_callback(actor=outsider_staff, work_order=order, method="phone", reached=True, outcome="x",
                            now=at(4, 11))
    with pytest.raises(PermissionDenied):
        work_order_callback(actor=supervisor, work_order=order, method="phone", reached=True, outcome="x",
                            now=at(4, 11))
    work_order_callback(actor=dept_staff, work_order=order, method="phone", reached=True, outcome="已联系", now=at(4, 11))
    work_order_submit(actor=dept_staff, work_order=order, resolution="fixed", note="已整改", now=at(4, 12))
    with pytest.raises(PermissionDenied):
        work_order_close(actor=dept_staff, work_order=order, now=at(4, 13))
    with pytest.raises(NotFound):
        work_order_close(actor=neighbour_supervisor, work_order=order, now=at(4, 13))
    assert WorkOrder.objects.get(pk=order.pk).status == WorkOrderStatus.SUBMITTED


@pytest.mark.parametrize("method,outcome,code", [("fax", "已联系", "callback_method_invalid"),
                                                 ("phone", "", "callback_outcome_required"),
                                                 ("phone", "长" * 1001, "callback_outcome_too_long")])
def test_bad_call_back_input_changes_nothing(order, dept_staff, method, outcome, code):
    with pytest.raises(ValidationFailed) as exc:
        work_order_callback(actor=dept_staff, work_order=order, method=method, reached=True, outcome=outcome,
                            now=at(4, 11))
    assert exc.value.code == code
    assert not Callback.objects.exists() and WorkOrder.objects.get(pk=order.pk).status == WorkOrderStatus.OPEN


def test_a_region_sets_its_own_rectification_deadline(county, supervisor, concluded, citizen):
    with pytest.raises(ValidationFailed) as exc:
        rating_policy_set(actor=supervisor, region=county, default_rating_enabled=True, default_after_days=7,
                          default_level=5, callback_working_days=1, rectification_working_days=10,
                          source="广安区好差评实施办法", now=at(3, 9))
    assert exc.value.code == "rating_policy_invalid" and "default_level" in exc.value.field_errors
    rating_policy_set(actor=supervisor, region=county, default_rating_enabled=False, default_after_days=7,
                      default_level=3, callback_working_days=1, rectification_working_days=10,
                      source="广安区好差评实施办法", now=at(3, 9))
    rating = rating_create_by_applicant(actor=citizen, case_id=concluded.pk, level=4, now=at(4))
    order = WorkOrder.objects.get(rating=rating)
    assert _local_day(order.due_at) == dt.date(2026, 3, 18)  # 10 working days after Wednesday 4 March
    assert AuditEvent.objects.get(action="work_order.open").changes["rectification_working_days"] == 10
