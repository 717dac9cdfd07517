"""Edge cases found in review: stored clocks follow office-hours changes, pauses never overlap,
and the admin cannot change calendar data around the services."""


import pytest

from zwfw.calendar.models import PauseKind
from zwfw.calendar.services import (
    clock_extend,
    clock_pause,
    clock_resume,
    clock_stop,
    office_hours_set,
)
from zwfw.core.errors import StateError, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.jobs.testing import outbox_drain
from zwfw.organizations.models import Region, ServiceCenter

from .conftest import NOW
from .test_services_clock import _row, at, start


@pytest.fixture
def center(db):
    region = Region.objects.create(code="511602000000", name="广安区", level="county")
    return ServiceCenter.objects.create(kind="hall", region=region, name="广安区政务服务中心", address="x")


def test_office_hours_change_recomputes_stored_due_at(seeded, clerk, admin_user, center):
    clock = start(clerk, service_center=center)
    assert _row(clock)[2] == at("2025-10-30 17:30")
    office_hours_set(actor=admin_user, service_center=center, sessions=[["08:30", "12:00"], ["14:00", "18:00"]],
                     now=NOW)
    outbox_drain(now=NOW)  # the recompute runs as a job after the change
    assert _row(clock)[2] == at("2025-10-30 18:00")
    assert AuditEvent.objects.filter(action="clock.recompute").count() == 1


def test_office_hours_change_leaves_other_centers_clocks_alone(seeded, clerk, admin_user, center):
    other = ServiceCenter.objects.create(kind="hall", region=center.region, name="另一中心", address="x")
    clock = start(clerk, service_center=other)
    before = _row(clock)
    office_hours_set(actor=admin_user, service_center=center, sessions=[["08:30", "18:00"]], now=NOW)
    outbox_drain(now=NOW)
    assert _row(clock) == before
    assert not AuditEvent.objects.filter(action="clock.recompute").exists()


def test_a_pause_cannot_begin_before_the_previous_one_ended(seeded, clerk):
    clock = start(clerk)
    clock_pause(actor=clerk, clock=clock, kind=PauseKind.SUPPLEMENT, reason="补正", legal_basis="行政许可法第三十二条",
                now=at("2025-10-09 10:00"))
    clock_resume(actor=clerk, clock=clock, now=at("2025-10-14 15:00"))
    before = _row(clock)
    with pytest.raises(ValidationFailed) as info:
        clock_pause(actor=clerk, clock=clock, kind=PauseKind.SPECIAL_PROCEDURE, reason="检测",
                    legal_basis="行政许可法第四十五条", now=at("2025-10-13 10:00"))
    assert info.value.code == "clock_pause_overlaps"
    assert _row(clock) == before and clock.pauses.count() == 1


def test_stop_cannot_precede_the_open_pause(seeded, clerk):
    clock = start(clerk)
    clock_pause(actor=clerk, clock=clock, kind=PauseKind.SUPPLEMENT, reason="补正", legal_basis="行政许可法第三十二条",
                now=at("2025-10-09 10:00"))
    before = _row(clock)
    with pytest.raises(ValidationFailed):
        clock_stop(actor=clerk, clock=clock, now=at("2025-10-08 10:00"))
    assert _row(clock) == before and clock.pauses.get().ended_at is None
    assert not AuditEvent.objects.filter(action="clock.stop").exists()


def test_an_hours_limit_cannot_be_extended_by_days(seeded, clerk, head):
    """Extensions are approved in days (行政许可法第四十二条); on an hour limit they were added as hours."""
    clock = start(clerk, when="2025-12-31 10:00", limit=2, unit="hours", department=head.department)
    before = _row(clock)
    with pytest.raises(StateError) as info:
        clock_extend(actor=head, clock=clock, days=1, reason="复杂", now=at("2025-12-31 10:30"))
    assert info.value.code == "clock_hours_no_extension"
    assert _row(clock) == before and clock.extensions.count() == 0
