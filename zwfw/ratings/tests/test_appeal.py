"""Appeals (申诉): upheld or removed with reasons; the rating is never deleted and its history
(appeals, audit events) is kept; a removed rating's work order is withdrawn."""

from __future__ import annotations

import pytest

from zwfw.calendar.models import ClockStatus, TimeLimitClock
from zwfw.core.errors import NotFound, StateError, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.ratings.models import Appeal, AppealStatus, Rating, RatingStatus, WorkOrder, WorkOrderStatus
from zwfw.ratings.services import rating_appeal_decide, rating_appeal_file, rating_create_by_applicant

from .conftest import at


@pytest.fixture
def bad(concluded, citizen):
    return rating_create_by_applicant(actor=citizen, case_id=concluded.pk, level=5, comment="乱评", now=at(4))


def test_upheld_then_removed_keeps_the_whole_history(bad, dept_staff, supervisor):
    first = rating_appeal_file(actor=dept_staff, rating=bad, reason="申请人误评（评价的是其他部门）", now=at(4, 11))
    assert Rating.objects.get(pk=bad.pk).status == RatingStatus.APPEALED
    with pytest.raises(StateError) as exc:
        rating_appeal_file(actor=dept_staff, rating=bad, reason="再次申诉", now=at(4, 12))
    assert exc.value.code == "rating_not_appealable"
    rating_appeal_decide(actor=supervisor, appeal=first, remove=False, reason="回访核实评价属实", now=at(5))
    assert Rating.objects.get(pk=bad.pk).status == RatingStatus.VALID
    assert WorkOrder.objects.get(rating=bad).status == WorkOrderStatus.OPEN

    second = rating_appeal_file(actor=dept_staff, rating=bad, reason="新证据：申请人承认误操作", now=at(6))
    rating_appeal_decide(actor=supervisor, appeal=second, remove=True, reason="申请人书面确认误评", now=at(6, 15))
    row = Rating.objects.get(pk=bad.pk)  # still there
    assert (row.status, row.level, row.comment) == (RatingStatus.REMOVED, 5, "乱评")
    appeals = list(Appeal.objects.filter(rating=bad).order_by("pk").values_list("status", "reason", "decision_reason"))
    assert appeals == [(AppealStatus.UPHELD, "申请人误评（评价的是其他部门）", "回访核实评价属实"),
                       (AppealStatus.REMOVED, "新证据：申请人承认误操作", "申请人书面确认误评")]
    order = WorkOrder.objects.get(rating=bad)
    assert order.status == WorkOrderStatus.CANCELLED
    assert not TimeLimitClock.objects.filter(owner_type="ratings.workorder", owner_id=str(order.pk),
                                             status=ClockStatus.RUNNING).exists()
    actions = list(AuditEvent.objects.filter(object_id=str(bad.pk), action__startswith="rating.")
                   .order_by("seq").values_list("action", flat=True))
    assert actions == ["rating.create", "rating.appeal", "rating.appeal_decide", "rating.appeal",
                       "rating.appeal_decide"]
    with pytest.raises(StateError):
        rating_appeal_file(actor=dept_staff, rating=bad, reason="再来", now=at(7))


def test_an_appeal_needs_reasons_and_the_right_people(bad, dept_staff, outsider_staff, supervisor,
                                                      neighbour_supervisor):
    with pytest.raises(ValidationFailed) as exc:
        rating_appeal_file(actor=dept_staff, rating=bad, reason=" ", now=at(4, 11))
    assert exc.value.code == "appeal_reason_required"
    with pytest.raises(NotFound):
        rating_appeal_file(actor=outsider_staff, rating=bad, reason="不是我们的", now=at(4, 11))
    assert Rating.objects.get(pk=bad.pk).status == RatingStatus.VALID and not Appeal.objects.exists()
    appeal = rating_appeal_file(actor=dept_staff, rating=bad, reason="恶意差评", now=at(4, 11))
    with pytest.raises(NotFound):
        rating_appeal_decide(actor=neighbour_supervisor, appeal=appeal, remove=True, reason="x", now=at(5))
    with pytest.raises(ValidationFailed):
        rating_appeal_decide(actor=supervisor, appeal=appeal, remove=True, reason="", now=at(5))
    assert Appeal.objects.get(pk=appeal.pk).status == AppealStatus.PENDING
    assert Rating.objects.get(pk=bad.pk).status == RatingStatus.APPEALED
