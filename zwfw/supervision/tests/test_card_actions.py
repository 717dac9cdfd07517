"""A supervisor's actions on a card: 撤销 with a reason, 督办, 催办; bad input and the wrong
supervisor change nothing; a cancelled card stays cancelled through later sweeps."""

from __future__ import annotations

import pytest

from zwfw.core.errors import NotFound, PermissionDenied, StateError, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.notifications.models import Notification
from zwfw.supervision.models import Card, CardStatus, Level
from zwfw.supervision.services import card_cancel, card_escalate, card_remind, supervision_sweep

from .conftest import at


@pytest.fixture
def yellow(case):
    supervision_sweep(now=at(9))
    return Card.objects.get(owner_id=str(case.pk), clock__purpose="promised", level=Level.YELLOW)


def _snapshot(card):
    row = Card.objects.get(pk=card.pk)
    return (row.status, row.close_reason, row.closed_by_id, row.reminders,
            AuditEvent.objects.filter(action__startswith="card.").count(), Notification.objects.count())


def test_cancel_with_reason_stays_cancelled(yellow, supervisor, case):
    card_cancel(actor=supervisor, card=yellow, reason="申请人主动要求暂缓，系误报", now=at(9, 11))
    row = Card.objects.get(pk=yellow.pk)
    assert (row.status, row.closed_by, row.close_reason) == (CardStatus.CANCELLED, supervisor, "申请人主动要求暂缓，系误报")
    event = AuditEvent.objects.get(action="card.cancel")
    assert event.changes["status"] == ["issued", "cancelled"]
    supervision_sweep(now=at(9, 16))
    supervision_sweep(now=at(10, 9))
    assert Card.objects.filter(clock=yellow.clock, level=Level.YELLOW).count() == 1
    assert Card.objects.get(pk=yellow.pk).status == CardStatus.CANCELLED


@pytest.mark.parametrize("reason,code", [("", "cancel_reason_required"), ("   ", "cancel_reason_required"),
                                         ("理" * 301, "cancel_reason_too_long")])
def test_cancel_needs_a_reason(yellow, supervisor, reason, code):
    before = _snapshot(yellow)
    with pytest.raises(ValidationFailed) as exc:
        card_cancel(actor=supervisor, card=yellow, reason=reason, now=at(9, 11))
    assert exc.value.code == code and "撤销原因" in exc.value.message
    assert _snapshot(yellow) == before


def test_cancel_twice_is_refused(yellow, supervisor):
    card_cancel(actor=supervisor, card=yellow, reason="误报", now=at(9, 11))
    before = _snapshot(yellow)
    with pytest.raises(StateError) as exc:
        card_cancel(actor=supervisor, card=yellow, reason="误报", now=at(9, 12))
    assert exc.value.code == "card_cancelled" and exc.value.message == "该监察牌已撤销"
    assert _snapshot(yellow) == before


def test_escalate_tells_the_department_heads(yellow, supervisor, head):
    card_escalate(actor=supervisor, card=yellow, note="请部门负责人督促办理", now=at(9, 11))
    row = Card.objects.get(pk=yellow.pk)
    assert row.status == CardStatus.ESCALATED
    assert Notification.objects.filter(recipient=head, template="supervision.card_escalated").count() == 1
    assert AuditEvent.objects.get(action="card.escalate").changes["status"] == ["issued", "escalated"]
    before = _snapshot(yellow)
    with pytest.raises(StateError) as exc:
        card_escalate(actor=supervisor, card=yellow, now=at(9, 12))
    assert exc.value.code == "card_not_issued"
    assert _snapshot(yellow) == before


def test_remind_notifies_the_responsible_clerk_in_app_and_by_sms(yellow, supervisor, clerk):
    card_remind(actor=supervisor, card=yellow, now=at(9, 11))
    card_remind(actor=supervisor, card=yellow, now=at(9, 14))
    assert Card.objects.get(pk=yellow.pk).reminders == 2
    notes = Notification.objects.filter(recipient=clerk, template="supervision.reminder")
    assert notes.count() == 2
    assert AuditEvent.objects.filter(action="card.remind").count() == 2


def test_remind_a_cancelled_card_is_refused(yellow, supervisor):
    card_cancel(actor=supervisor, card=yellow, reason="误报", now=at(9, 11))
    before = _snapshot(yellow)
    with pytest.raises(StateError) as exc:
        card_remind(actor=supervisor, card=yellow, now=at(9, 12))
    assert exc.value.code == "card_not_open" and "催办" in exc.value.message
    assert _snapshot(yellow) == before


@pytest.mark.parametrize("who", ["neighbour_supervisor", "clerk", "head"])
@pytest.mark.parametrize("action", ["cancel", "escalate", "remind"])
def test_only_the_regions_supervisor_acts(request, yellow, who, action):
    actor = request.getfixturevalue(who)
    before = _snapshot(yellow)
    call = {"cancel": lambda: card_cancel(actor=actor, card=yellow, reason="误报", now=at(9, 11)),
            "escalate": lambda: card_escalate(actor=actor, card=yellow, now=at(9, 11)),
            "remind": lambda: card_remind(actor=actor, card=yellow, now=at(9, 11))}[action]
    expected = NotFound if who == "neighbour_supervisor" else PermissionDenied
    with pytest.raises(expected):
        call()
    assert _snapshot(yellow) == before
