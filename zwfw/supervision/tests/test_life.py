"""A card's life past the sweep: issued to the responsible clerk and the department's heads;
反馈 within the feedback deadline; 督办 to the heads and the region's supervision office; 申诉 by
the department and each of its outcomes (维持 / 撤销 / 退回); 催办 recorded; a case concluded late
is carded red even when no sweep saw it running past its limit; step and delivery clocks."""

from __future__ import annotations

import pytest

from zwfw.accounts.models import Role
from zwfw.calendar.limits import LimitUnit
from zwfw.calendar.models import TimeLimitClock
from zwfw.calendar.services.clock import clock_start, clock_stop
from zwfw.core.errors import NotFound, PermissionDenied, StateError, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.notifications.models import Delivery, Notification
from zwfw.supervision.models import AppealStatus, Card, CardAppeal, CardReminder, CardStatus, Level
from zwfw.supervision.services import (
    appeal_decide,
    card_answer,
    card_appeal,
    card_cancel,
    card_escalate,
    card_remind,
    supervision_sweep,
)

from .conftest import at, make_user


@pytest.fixture
def yellow(case, head):
    supervision_sweep(now=at(9))
    return Card.objects.get(owner_id=str(case.pk), clock__purpose="promised", level=Level.YELLOW)


def _notified(person, template):
    return Notification.objects.filter(recipient=person, template=template).count()


def test_issued_to_the_responsible_clerk_and_the_department_head(yellow, clerk, head):
    assert yellow.responsible == clerk
    assert _notified(clerk, "supervision.card_issued") == 1
    assert _notified(head, "supervision.card_issued") == 1
    issue = AuditEvent.objects.get(action="card.issue", object_id=str(yellow.pk))
    assert issue.changes["recipients"] == [clerk.pk, head.pk]


def test_the_responsible_side_answers_once_recorded(yellow, clerk, head, supervisor, reviewer):
    with pytest.raises(NotFound):
        card_answer(actor=reviewer, card=yellow, answer="不是我的", now=at(9, 11))
    with pytest.raises(ValidationFailed) as exc:
        card_answer(actor=clerk, card=yellow, answer="  ", now=at(9, 11))
    assert exc.value.code == "answer_required"
    card = card_answer(actor=clerk, card=yellow, answer="已联系申请人，明日办结", now=at(9, 11))
    assert (card.status, card.answer, card.answered_by) == (CardStatus.ANSWERED, "已联系申请人，明日办结", clerk)
    event = AuditEvent.objects.get(action="card.answer")
    assert event.changes["late"] is False
    with pytest.raises(StateError):
        card_answer(actor=head, card=card, answer="再次反馈", now=at(9, 12))
    # The supervisor is not satisfied: 督办 — the responsible side answers again.
    card = card_escalate(actor=supervisor, card=card, note="请说明原因", now=at(10))
    card = card_answer(actor=head, card=card, answer="已督促经办人", now=at(12))
    assert card.status == CardStatus.ANSWERED
    assert AuditEvent.objects.filter(action="card.answer").latest("pk").changes["late"] is True  # due 11 March


def test_escalation_reaches_the_heads_and_the_regions_supervision_office(yellow, supervisor, head, county):
    colleague = make_user("supervisor_2", Role.SUPERVISOR, region=county)
    card_escalate(actor=supervisor, card=yellow, note="限期办结", now=at(9, 11))
    assert _notified(head, "supervision.card_escalated") == 1
    assert _notified(colleague, "supervision.card_escalated") == 1
    assert _notified(supervisor, "supervision.card_escalated") == 0  # not to oneself


def test_reminder_is_recorded_and_sent_in_app_and_by_sms(yellow, supervisor, clerk):
    reminder = card_remind(actor=supervisor, card=yellow, now=at(9, 11))
    assert list(reminder.recipients.all()) == [clerk]
    assert (reminder.sent_by, reminder.sent_at, reminder.channels) == (supervisor, at(9, 11), "inbox,sms")
    note = Notification.objects.get(recipient=clerk, template="supervision.reminder")
    assert set(Delivery.objects.filter(notification=note).values_list("channel", flat=True)) == {"sms"}
    card_remind(actor=supervisor, card=yellow, now=at(9, 14))
    assert CardReminder.objects.filter(card=yellow).count() == 2
    assert Card.objects.get(pk=yellow.pk).reminders == 2


def test_only_a_department_head_appeals_and_once_at_a_time(yellow, clerk, head, neighbour_supervisor):
    with pytest.raises(PermissionDenied) as exc:
        card_appeal(actor=clerk, card=yellow, reason="不是我的责任", now=at(9, 11))
    assert exc.value.code == "not_department_head"
    with pytest.raises(NotFound):
        card_appeal(actor=neighbour_supervisor, card=yellow, reason="x", now=at(9, 11))
    with pytest.raises(ValidationFailed):
        card_appeal(actor=head, card=yellow, reason="", now=at(9, 11))
    appeal = card_appeal(actor=head, card=yellow, reason="申请人要求暂缓，已书面说明", now=at(9, 11))
    assert (appeal.status, appeal.card_status_before) == (AppealStatus.SUBMITTED, CardStatus.ISSUED)
    assert Card.objects.get(pk=yellow.pk).status == CardStatus.APPEALED
    with pytest.raises(StateError):
        card_appeal(actor=head, card=yellow, reason="再申诉", now=at(9, 12))
    assert CardAppeal.objects.count() == 1


def test_appeal_upheld_the_card_stands(yellow, head, supervisor, neighbour_supervisor):
    appeal = card_appeal(actor=head, card=yellow, reason="理由", now=at(9, 11))
    with pytest.raises(NotFound):
        appeal_decide(actor=neighbour_supervisor, appeal=appeal, outcome=AppealStatus.UPHELD, now=at(9, 12))
    with pytest.raises(ValidationFailed):
        appeal_decide(actor=supervisor, appeal=appeal, outcome="maybe", now=at(9, 12))
    appeal = appeal_decide(actor=supervisor, appeal=appeal, outcome=AppealStatus.UPHELD, now=at(9, 12))
    assert appeal.status == AppealStatus.UPHELD and appeal.decided_by == supervisor
    assert Card.objects.get(pk=yellow.pk).status == CardStatus.ISSUED
    assert _notified(head, "supervision.appeal_decided") == 1
    with pytest.raises(StateError):
        appeal_decide(actor=supervisor, appeal=appeal, outcome=AppealStatus.CANCELLED, note="改判", now=at(9, 13))


def test_appeal_cancelled_the_card_stays_cancelled(yellow, head, supervisor, case):
    appeal = card_appeal(actor=head, card=yellow, reason="系统误报", now=at(9, 11))
    with pytest.raises(StateError):  # a card under appeal is cancelled through the appeal
        card_cancel(actor=supervisor, card=yellow, reason="误报", now=at(9, 11))
    with pytest.raises(ValidationFailed):  # cancelling needs a reason
        appeal_decide(actor=supervisor, appeal=appeal, outcome=AppealStatus.CANCELLED, now=at(9, 12))
    appeal_decide(actor=supervisor, appeal=appeal, outcome=AppealStatus.CANCELLED, note="核实系误报", now=at(9, 12))
    card = Card.objects.get(pk=yellow.pk)
    assert (card.status, card.close_reason) == (CardStatus.CANCELLED, "核实系误报")
    supervision_sweep(now=at(9, 15))
    supervision_sweep(now=at(10))
    assert Card.objects.filter(clock=card.clock, level=Level.YELLOW).count() == 1
    assert Card.objects.get(pk=yellow.pk).status == CardStatus.CANCELLED


def test_appeal_returned_the_card_resumes_and_may_be_appealed_again(yellow, head, supervisor, clerk):
    card_answer(actor=clerk, card=yellow, answer="已处理", now=at(9, 10))
    appeal = card_appeal(actor=head, card=yellow, reason="理由", now=at(9, 11))
    assert appeal.card_status_before == CardStatus.ANSWERED
    appeal = appeal_decide(actor=supervisor, appeal=appeal, outcome=AppealStatus.RETURNED,
                           note="请补充申请人的书面说明", now=at(9, 12))
    assert appeal.status == AppealStatus.RETURNED
    assert Card.objects.get(pk=yellow.pk).status == CardStatus.ANSWERED
    again = card_appeal(actor=head, card=yellow, reason="已补充书面说明", now=at(9, 14))
    assert again.status == AppealStatus.SUBMITTED
    assert list(AuditEvent.objects.filter(action="card.appeal_decide").values_list("changes__outcome", flat=True)) \
        == [[AppealStatus.SUBMITTED, AppealStatus.RETURNED]]


def test_a_case_concluded_late_between_sweeps_gets_its_red_card(case, clerk):
    supervision_sweep(now=at(9))  # yellow on Monday; no sweep runs on Wednesday or Thursday
    clock = TimeLimitClock.objects.get(owner_id=str(case.pk), purpose="promised")
    clock_stop(actor=clerk, clock=clock, now=at(12, 9))  # concluded on Thursday, after the 10 March limit
    assert supervision_sweep(now=at(12, 10)).late == 1
    red = Card.objects.get(clock=clock, level=Level.RED)
    assert (red.status, red.rule_code, red.responsible) == (CardStatus.ISSUED, "case_promised.red", clerk)
    assert AuditEvent.objects.get(action="card.raise", object_id=str(red.pk)).changes["late"] is True
    assert supervision_sweep(now=at(12, 11)).raised == 0
    assert supervision_sweep(now=at(13)).raised == 0


def test_a_case_concluded_in_time_is_not_carded_red(case, clerk):
    clock = TimeLimitClock.objects.get(owner_id=str(case.pk), purpose="promised")
    clock_stop(actor=clerk, clock=clock, now=at(10, 11))
    supervision_sweep(now=at(12))
    assert not Card.objects.filter(clock=clock).exists()


def test_a_step_over_its_own_share_is_yellow_never_red(case, clerk, approval_dept, county):
    # A step clock on the case (purpose step:<position>:<run>): 2 working days from Tue 3 March.
    step = clock_start(actor=clerk, owner_type="cases.case", owner_id=str(case.pk), purpose="step:2:1", limit=2,
                       unit=LimitUnit.WORKING_DAYS, region=county, department=approval_dept, now=at(3))
    supervision_sweep(now=at(4))  # the last day: 预警
    assert list(Card.objects.filter(clock=step).values_list("level", "rule_code")) == [
        (Level.WARNING, "step.warning")]
    supervision_sweep(now=at(6))  # over its share
    supervision_sweep(now=at(20))
    assert sorted(Card.objects.filter(clock=step).values_list("level", flat=True)) == [Level.WARNING, Level.YELLOW]


def test_a_delivery_clock_is_supervised_by_its_purpose(case, clerk, approval_dept, county):
    delivery = clock_start(actor=clerk, owner_type="cases.case", owner_id=str(case.pk), purpose="delivery",
                           limit=10, unit=LimitUnit.WORKING_DAYS, region=county, department=approval_dept, now=at(3))
    supervision_sweep(now=at(18))
    assert list(Card.objects.filter(clock=delivery).values_list("level", "rule_code")) == [
        (Level.RED, "delivery.red")]
