"""Delivery (送达, 行政许可法第四十四条) in each of its three ways, conclusion (办结) stopping every
clock of the case, conclusion without a decision, and withdrawal before and after the decision."""

from __future__ import annotations

import datetime as dt

import pytest

from zwfw.calendar.models import ClockStatus, TimeLimitClock
from zwfw.calendar.services.clock import clock_start
from zwfw.cases.models import CaseDelivery, CaseEvent, CaseStatus
from zwfw.cases.services.acceptance import case_withdraw
from zwfw.cases.services.decision import case_decide
from zwfw.cases.services.delivery import (
    case_conclude,
    case_deliver_at_window,
    case_deliver_by_post,
    case_deliver_electronically,
    case_delivery_confirm,
    case_result_download,
)
from zwfw.core.errors import NotFound, PermissionDenied, StateError, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.jobs.testing import outbox_drain
from zwfw.notifications.models import Notification

from .conftest import NOW

pytestmark = pytest.mark.django_db

DECIDED_AT = NOW + dt.timedelta(days=2)
DELIVERED_AT = NOW + dt.timedelta(days=6)  # Monday 9 March 2026


def _clock_states(case) -> dict[str, str]:
    return dict(TimeLimitClock.objects.filter(owner_type="cases.case", owner_id=str(case.pk))
                .values_list("purpose", "status"))


def _decided(case, head, outcome="approve"):
    case_decide(actor=head, case=case, outcome=outcome, reasons="符合法定条件", now=DECIDED_AT)
    outbox_drain(now=DECIDED_AT)
    case.refresh_from_db()
    return case


def _assert_concluded(case, result_type, *, by, posted=False):
    case.refresh_from_db()
    assert (case.status, case.result_type, case.concluded_at, case.concluded_by, case.result_posted) == (
        CaseStatus.CONCLUDED, result_type, DELIVERED_AT, by, posted)
    assert set(_clock_states(case).values()) == {ClockStatus.STOPPED}
    assert TimeLimitClock.objects.get(owner_id=str(case.pk), purpose="delivery").stopped_at == DELIVERED_AT
    assert Notification.objects.filter(template="case.concluded", recipient=case.applicant.user).count() == 1
    assert AuditEvent.objects.filter(action="cases.case.conclude", object_id=str(case.pk)).count() == 1


def test_window_pick_up_is_recorded_and_concludes_the_case(accepted, head, clerk):
    _decided(accepted, head)
    case_deliver_at_window(actor=clerk, case=accepted, recipient_name="张三", revision=accepted.revision,
                           now=DELIVERED_AT)
    delivery = CaseDelivery.objects.get(case=accepted)
    assert (delivery.method, delivery.recipient_name, delivery.arranged_by, delivery.delivered_at,
            delivery.delivered_recorded_by) == ("window", "张三", clerk, DELIVERED_AT, clerk)
    _assert_concluded(accepted, "approved", by=clerk)
    assert "领取人 张三" in CaseEvent.objects.get(case=accepted, action="conclude").note


def test_a_decision_is_delivered_only_once_its_document_exists(accepted, head, clerk):
    case_decide(actor=head, case=accepted, outcome="approve", reasons="符合法定条件", now=DECIDED_AT)
    with pytest.raises(StateError) as err:
        case_deliver_at_window(actor=clerk, case=accepted, recipient_name="张三", now=DELIVERED_AT)
    assert err.value.code == "decision_document_pending"
    assert not CaseDelivery.objects.filter(case=accepted).exists()


def test_post_records_carrier_and_waybill_and_concludes_on_confirmation(accepted, head, approver):
    _decided(accepted, head, outcome="deny")
    with pytest.raises(ValidationFailed) as err:
        case_deliver_by_post(actor=approver, case=accepted, carrier="", waybill="SF 12", now=DELIVERED_AT)
    assert err.value.code == "post_details_required" and set(err.value.field_errors) == {"carrier", "waybill"}
    assert not CaseDelivery.objects.filter(case=accepted).exists()
    case_deliver_by_post(actor=approver, case=accepted, carrier="中国邮政EMS", waybill="1187654321098",
                         now=DECIDED_AT + dt.timedelta(hours=1))
    accepted.refresh_from_db()
    assert accepted.status == CaseStatus.DECIDED and accepted.result_posted
    assert _clock_states(accepted)["delivery"] == ClockStatus.RUNNING
    with pytest.raises(StateError) as err:  # one delivery per case
        case_deliver_at_window(actor=approver, case=accepted, recipient_name="张三", now=DELIVERED_AT)
    assert err.value.code == "delivery_exists"
    case_delivery_confirm(actor=approver, case=accepted, revision=accepted.revision, now=DELIVERED_AT)
    delivery = CaseDelivery.objects.get(case=accepted)
    assert (delivery.carrier, delivery.waybill, delivery.delivered_at) == ("中国邮政EMS", "1187654321098", DELIVERED_AT)
    _assert_concluded(accepted, "denied", by=approver, posted=True)


def test_electronic_delivery_is_done_when_the_applicant_downloads(accepted, head, citizen, other_citizen, clerk):
    _decided(accepted, head)
    with pytest.raises(StateError):
        case_delivery_confirm(actor=clerk, case=accepted, now=DELIVERED_AT)  # nothing was posted
    case_deliver_electronically(actor=clerk, case=accepted, now=DECIDED_AT)
    assert Notification.objects.filter(template="case.result_ready", recipient=citizen).count() == 1
    with pytest.raises(NotFound):
        case_result_download(actor=other_citizen, case=accepted, now=DELIVERED_AT)
    document = case_result_download(actor=citizen, case=accepted, now=DELIVERED_AT)
    assert document == accepted.decision_document
    assert CaseDelivery.objects.get(case=accepted).delivered_at == DELIVERED_AT
    _assert_concluded(accepted, "approved", by=citizen.applicant.user)
    # Later downloads change nothing.
    case_result_download(actor=citizen, case=accepted, now=DELIVERED_AT + dt.timedelta(days=1))
    accepted.refresh_from_db()
    assert accepted.concluded_at == DELIVERED_AT


def test_delivery_is_for_staff_of_the_window_or_the_department(accepted, head, citizen, editor):
    _decided(accepted, head)
    with pytest.raises(NotFound):
        case_deliver_at_window(actor=editor, case=accepted, recipient_name="张三", now=DELIVERED_AT)
    with pytest.raises((NotFound, PermissionDenied)):
        case_deliver_at_window(actor=citizen, case=accepted, recipient_name="张三", now=DELIVERED_AT)
    assert not CaseDelivery.objects.filter(case=accepted).exists()


def test_conclusion_without_a_decision_stops_every_clock_of_the_case(accepted, head, citizen):
    # A clock some other context started on the case (e.g. a special procedure's own limit).
    clock_start(actor=head, owner_type="cases.case", owner_id=str(accepted.pk), purpose="rectification1", limit=5,
                unit="working_days", region=accepted.region, department=accepted.department, now=NOW)
    with pytest.raises(ValidationFailed) as err:
        case_conclude(actor=head, case=accepted, result_type="approved", note="x", now=DELIVERED_AT)
    assert err.value.code == "result_type_invalid"
    with pytest.raises(ValidationFailed) as err:
        case_conclude(actor=head, case=accepted, result_type="forwarded", note=" ", now=DELIVERED_AT)
    assert err.value.code == "note_required"
    assert accepted.status == CaseStatus.ACCEPTED
    case_conclude(actor=head, case=accepted, result_type="forwarded", note="依法报市行政审批局决定",
                  revision=accepted.revision, now=DELIVERED_AT)
    accepted.refresh_from_db()
    assert (accepted.status, accepted.result_type, accepted.concluded_by) == (CaseStatus.CONCLUDED, "forwarded", head)
    states = _clock_states(accepted)
    assert set(states) == {"acceptance", "statutory", "promised", "rectification1"}
    assert set(states.values()) == {ClockStatus.STOPPED}
    assert Notification.objects.filter(template="case.concluded", recipient=citizen).count() == 1
    with pytest.raises(StateError):
        case_conclude(actor=head, case=accepted, result_type="voided", note="重复", now=DELIVERED_AT)


def test_a_decided_case_concludes_by_its_delivery_not_by_hand(accepted, head):
    _decided(accepted, head)
    with pytest.raises(StateError) as err:
        case_conclude(actor=head, case=accepted, result_type="voided", note="误录", now=DELIVERED_AT)
    assert err.value.code == "delivery_pending"


def test_the_applicant_withdraws_before_the_decision_and_every_clock_stops(accepted, citizen):
    case_withdraw(actor=citizen, case=accepted, reason="不再需要", revision=accepted.revision, now=DELIVERED_AT)
    accepted.refresh_from_db()
    assert (accepted.status, accepted.result_type, accepted.withdrawn_at) == (CaseStatus.WITHDRAWN, "withdrawn",
                                                                               DELIVERED_AT)
    assert set(_clock_states(accepted).values()) == {ClockStatus.STOPPED}
    assert Notification.objects.filter(template="case.withdrawn", recipient=citizen).count() == 1


def test_no_withdrawal_after_the_decision(accepted, head, citizen):
    _decided(accepted, head)
    with pytest.raises(StateError) as err:
        case_withdraw(actor=citizen, case=accepted, now=DELIVERED_AT)
    assert err.value.code == "case_decided" and "已作出决定" in err.value.message
    accepted.refresh_from_db()
    assert accepted.status == CaseStatus.DECIDED and accepted.withdrawn_at is None
    assert _clock_states(accepted)["delivery"] == ClockStatus.RUNNING
