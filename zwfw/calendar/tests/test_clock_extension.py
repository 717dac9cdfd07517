"""Extensions (行政许可法第四十二条): only the responsible department's head approves them, and never
beyond the maximum the clock took from the item version. A refused extension changes nothing."""

import datetime as dt

import pytest

from zwfw.accounts.models import Role
from zwfw.calendar.services import clock_extend
from zwfw.core.errors import PermissionDenied, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.organizations.models import Department

from .conftest import make_user
from .test_services_clock import _row, at, start


def _unchanged(clock, before):
    return _row(clock) == before and clock.extensions.count() == 0 and not AuditEvent.objects.filter(
        action="clock.extend").exists()


def test_a_clerk_cannot_extend(seeded, clerk, head):
    clock = start(clerk, department=head.department)
    before = _row(clock)
    with pytest.raises(PermissionDenied) as info:
        clock_extend(actor=clerk, clock=clock, days=5, reason="情况复杂", now=at("2025-10-20 09:00"))
    assert (info.value.code, info.value.message) == (
        "extension_needs_department_head", "延长办理时限须经本部门负责人批准（行政许可法第四十二条），您无权批准延期")
    assert _unchanged(clock, before)


def test_the_head_of_another_department_cannot_extend(seeded, clerk, head):
    clock = start(clerk, department=head.department)
    other = make_user("head2", Role.DEPARTMENT_HEAD)
    other.department = Department.objects.create(region=head.department.region, code="SWJ", name="税务局")
    other.save(update_fields=["department"])
    before = _row(clock)
    with pytest.raises(PermissionDenied):
        clock_extend(actor=other, clock=clock, days=5, reason="情况复杂", now=at("2025-10-20 09:00"))
    assert _unchanged(clock, before)


def test_a_clock_without_a_responsible_department_cannot_be_extended(seeded, clerk, head):
    clock = start(clerk)
    before = _row(clock)
    with pytest.raises(PermissionDenied):
        clock_extend(actor=head, clock=clock, days=5, reason="情况复杂", now=at("2025-10-20 09:00"))
    assert _unchanged(clock, before)


def test_no_extension_beyond_the_maximum(seeded, clerk, head):
    clock = start(clerk, department=head.department)
    assert clock.extension_max == 10  # 行政许可法第四十二条第一款, the default
    before = _row(clock)
    with pytest.raises(ValidationFailed) as info:
        clock_extend(actor=head, clock=clock, days=11, reason="情况复杂", now=at("2025-10-20 09:00"))
    assert info.value.code == "extension_beyond_maximum"
    assert info.value.field_errors == {
        "days": ["最多可延长 10 个工作日（行政许可法第四十二条），已延长 0 个，本次最多 10 个"]}
    assert _unchanged(clock, before)


def test_the_maximum_counts_every_extension(seeded, clerk, head):
    clock = start(clerk, department=head.department)
    clock_extend(actor=head, clock=clock, days=6, reason="情况复杂", now=at("2025-10-20 09:00"))
    before = _row(clock)
    with pytest.raises(ValidationFailed) as info:
        clock_extend(actor=head, clock=clock, days=5, reason="仍需核查", now=at("2025-10-21 09:00"))
    assert info.value.field_errors["days"] == ["最多可延长 10 个工作日（行政许可法第四十二条），已延长 6 个，本次最多 4 个"]
    assert _row(clock) == before and clock.extensions.count() == 1
    clock_extend(actor=head, clock=clock, days=4, reason="仍需核查", now=at("2025-10-21 09:00"))
    assert _row(clock)[4] == 10


def test_a_joint_handling_maximum_comes_with_the_clock(seeded, clerk, head):
    """统一办理、联合办理、集中办理: 15 days (第四十二条第二款), carried from the version to the clock."""
    clock = start(clerk, department=head.department, extension_max=15)
    clock_extend(actor=head, clock=clock, days=15, reason="联合办理", now=at("2025-10-20 09:00"))
    assert _row(clock)[1] == dt.date(2025, 11, 20)
