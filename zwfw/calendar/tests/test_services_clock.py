import datetime as dt

import pytest

from zwfw.calendar.engine import CalendarNotCovered
from zwfw.calendar.models import ClockStatus, DayKind, PauseKind, TimeLimitClock
from zwfw.calendar.services import (
    calendar_day_set,
    clock_extend,
    clock_pause,
    clock_resume,
    clock_start,
    clock_stop,
    office_hours_set,
    warning_policy_set,
)
from zwfw.core.clock import SHANGHAI
from zwfw.core.errors import Conflict, StateError, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.organizations.models import Region, ServiceCenter

from .conftest import NOW


def at(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def start(actor, when="2025-09-26 10:00", limit=20, unit="working_days", **kwargs):
    return clock_start(
        actor=actor, owner_type="cases.case", owner_id="1", purpose="promised", limit=limit, unit=unit,
        now=at(when), **kwargs,
    )


def _row(clock):
    clock.refresh_from_db()
    return clock.status, clock.due_date, clock.due_at, clock.warn_at, clock.extension_days


def test_start_stores_due_and_warning(seeded, clerk):
    clock = start(clerk)
    assert _row(clock) == (ClockStatus.RUNNING, dt.date(2025, 10, 30), at("2025-10-30 17:30"),
                           at("2025-10-24 00:00"), 0)  # yellow: max(2 days, 20% of 20) = 4 days left
    event = AuditEvent.objects.get(action="clock.start")
    assert (event.object_type, event.actor_id) == ("calendar.timelimitclock", clerk.pk)


def test_pause_then_resume_recomputes_exactly(seeded, clerk):
    clock = start(clerk)
    clock_pause(actor=clerk, clock=clock, kind=PauseKind.SUPPLEMENT, reason="缺身份证复印件",
                legal_basis="行政许可法第三十二条", now=at("2025-10-09 10:00"))
    assert _row(clock)[:3] == (ClockStatus.PAUSED, None, None)
    clock_resume(actor=clerk, clock=clock, now=at("2025-10-14 15:00"))
    # (10-09, 10-14] held 10-10, 10-11 (Saturday make-up), 10-13, 10-14: four working days
    assert _row(clock)[:3] == (ClockStatus.RUNNING, dt.date(2025, 11, 5), at("2025-11-05 17:30"))
    assert [e.action for e in AuditEvent.objects.order_by("seq")][-2:] == ["clock.pause", "clock.resume"]


def test_extension_adds_working_days(seeded, clerk, head):
    clock = start(clerk, department=head.department)
    clock_extend(actor=head, clock=clock, days=10, reason="情况复杂", legal_basis="行政许可法第四十二条",
                 now=at("2025-10-20 09:00"))
    assert _row(clock)[1:] == (dt.date(2025, 11, 13), at("2025-11-13 17:30"), at("2025-11-05 00:00"), 10)  # 6 days left
    assert clock.extensions.get().approved_by == head


def test_no_extension_after_the_limit(seeded, clerk, head):
    clock = start(clerk, department=head.department)
    before = _row(clock)
    with pytest.raises(StateError) as info:
        clock_extend(actor=head, clock=clock, days=5, reason="x", now=at("2025-10-30 17:31"))
    assert info.value.code == "clock_overdue"
    assert _row(clock) == before and clock.extensions.count() == 0


def test_state_rules(seeded, clerk, head):
    clock = start(clerk, department=head.department)
    with pytest.raises(StateError):
        clock_resume(actor=clerk, clock=clock, now=at("2025-10-01 09:00"))
    with pytest.raises(ValidationFailed) as info:
        clock_pause(actor=clerk, clock=clock, kind=PauseKind.SPECIAL_PROCEDURE, reason="", legal_basis="",
                    now=at("2025-10-09 10:00"))
    assert set(info.value.field_errors) == {"reason", "legal_basis"}
    clock_pause(actor=clerk, clock=clock, kind=PauseKind.SPECIAL_PROCEDURE, reason="专家评审",
                legal_basis="行政许可法第四十五条", now=at("2025-10-09 10:00"))
    with pytest.raises(StateError):
        clock_pause(actor=clerk, clock=clock, kind=PauseKind.SUPPLEMENT, reason="x", legal_basis="y",
                    now=at("2025-10-10 10:00"))
    with pytest.raises(StateError):
        clock_extend(actor=head, clock=clock, days=1, reason="x", now=at("2025-10-10 10:00"))
    clock_stop(actor=clerk, clock=clock, now=at("2025-10-10 10:00"))
    assert _row(clock)[0] == ClockStatus.STOPPED
    assert clock.pauses.get().ended_at == at("2025-10-10 10:00")
    with pytest.raises(StateError):
        clock_stop(actor=clerk, clock=clock, now=at("2025-10-11 10:00"))


def test_one_clock_per_owner_and_purpose(seeded, clerk):
    start(clerk)
    with pytest.raises(Conflict):
        start(clerk)
    assert TimeLimitClock.objects.count() == 1


def test_uncovered_due_date_is_refused(seeded, clerk):
    with pytest.raises(CalendarNotCovered) as info:
        start(clerk, when="2026-12-20 10:00")
    assert info.value.year == 2027
    assert TimeLimitClock.objects.count() == 0


def test_hours_limit_runs_in_office_hours_and_cannot_pause(seeded, clerk, admin_user):
    region = Region.objects.create(code="511602000000", name="广安区", level="county")
    center = ServiceCenter.objects.create(kind="hall", region=region, name="广安区政务服务中心", address="x")
    office_hours_set(actor=admin_user, service_center=center, sessions=[["08:30", "12:00"], ["14:00", "18:00"]])
    clock = start(clerk, when="2025-12-31 17:00", limit=2, unit="hours", service_center=center)
    assert _row(clock)[2:4] == (at("2026-01-04 09:30"), at("2026-01-04 09:06"))  # warn when 20% remain
    with pytest.raises(StateError):
        clock_pause(actor=clerk, clock=clock, kind=PauseKind.SUPPLEMENT, reason="x", legal_basis="y",
                    now=at("2026-01-04 09:00"))


def test_policy_and_local_days_recompute_stored_clocks(seeded, clerk, admin_user):
    province = Region.objects.create(code="450000000000", name="广西壮族自治区", level="province")
    county = Region.objects.create(code="450102000000", name="兴宁区", level="county", parent=province)
    clock = start(clerk, region=county)
    warning_policy_set(actor=admin_user, region=province, yellow_days=1, yellow_percent=10, now=NOW)
    assert _row(clock)[3] == at("2025-10-28 00:00")  # max(1, 2) = 2 working days left
    calendar_day_set(actor=admin_user, region=province, date=dt.date(2025, 10, 20), kind=DayKind.LOCAL_HOLIDAY,
                     name="测试地方休息日", now=NOW)
    assert _row(clock)[1] == dt.date(2025, 10, 31)
    assert AuditEvent.objects.filter(action="clock.recompute").count() == 2
