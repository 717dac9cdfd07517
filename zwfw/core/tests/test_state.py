"""The state-machine helper (zwfw.core.state): table checks, conditional UPDATE, stale moves."""

import datetime as dt

import pytest

from zwfw.calendar.models import ClockStatus, TimeLimitClock
from zwfw.calendar.services.state import CLOCK_STATES
from zwfw.core.errors import Conflict, StateError
from zwfw.core.state import StateMachine

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _clock(**fields):
    values = {"owner_type": "t.t", "owner_id": "1", "purpose": "p", "started_at": NOW, "limit": 5,
              "unit": "working_days", **fields}
    return TimeLimitClock.objects.create(**values)


def _stored(clock):
    return TimeLimitClock.objects.values_list("status", "stopped_at").get(pk=clock.pk)


def test_move_writes_the_status_and_fields_and_returns_the_edge():
    clock = _clock()
    moved = CLOCK_STATES.move(clock, action="stop", to=ClockStatus.STOPPED, stopped_at=NOW)
    assert (moved.action, moved.change) == ("stop", ["running", "stopped"])
    assert _stored(clock) == ("stopped", NOW)
    assert (clock.status, clock.stopped_at) == ("stopped", NOW)


def test_a_stale_transition_is_a_conflict_and_changes_nothing():
    clock = _clock()
    stale = TimeLimitClock.objects.get(pk=clock.pk)  # read before someone else paused it
    CLOCK_STATES.move(clock, action="pause", to=ClockStatus.PAUSED)
    with pytest.raises(Conflict) as info:
        CLOCK_STATES.move(stale, action="stop", to=ClockStatus.STOPPED, stopped_at=NOW)
    assert (info.value.code, info.value.message) == ("clock_changed", "该时限已被他人处理，请刷新后重试")
    assert _stored(clock) == ("paused", None)
    assert stale.status == "running"


def test_a_guard_column_is_part_of_the_condition():
    clock = _clock(extension_days=2)
    with pytest.raises(Conflict):
        CLOCK_STATES.move(clock, action="stop", to=ClockStatus.STOPPED, guard={"extension_days": 0}, stopped_at=NOW)
    assert _stored(clock) == ("running", None)


def test_an_edge_not_in_the_table_is_a_state_error_with_the_actions_message():
    clock = _clock(status=ClockStatus.STOPPED)
    with pytest.raises(StateError) as info:
        CLOCK_STATES.move(clock, action="resume", to=ClockStatus.RUNNING)
    assert (info.value.code, info.value.message) == ("clock_not_paused", "只有暂停中的时限可以恢复计时")
    assert _stored(clock) == ("stopped", None)


def test_the_default_message_names_the_status_and_the_action():
    machine = StateMachine(name="test.clock", transitions={"pause": {"running": {"paused"}}},
                           labels={"pause": "暂停计时"})
    clock = _clock(status=ClockStatus.PAUSED)
    with pytest.raises(StateError) as info:
        machine.move(clock, action="pause", to="paused")
    assert (info.value.code, info.value.message) == ("invalid_transition", "当前状态为“暂停计时”，不能暂停计时")
    with pytest.raises(StateError):
        machine.check(_clock(owner_id="2"), action="pause", to="stopped")  # an edge to elsewhere
    del StateMachine.registry["test.clock"]


def test_move_many_moves_only_rows_in_the_source_state():
    running, paused = _clock(), _clock(owner_id="2", status=ClockStatus.PAUSED)
    moved = CLOCK_STATES.move_many(TimeLimitClock.objects.all(), action="resume", source=ClockStatus.PAUSED,
                                   to=ClockStatus.RUNNING)
    assert moved == 1
    assert (_stored(running)[0], _stored(paused)[0]) == ("running", "running")
    with pytest.raises(StateError):
        CLOCK_STATES.move_many(TimeLimitClock.objects.all(), action="resume", source=ClockStatus.STOPPED,
                               to=ClockStatus.RUNNING)


def test_reading_the_table():
    assert CLOCK_STATES.actions(ClockStatus.RUNNING) == ["pause", "extend", "stop"]
    assert CLOCK_STATES.allowed("stop", ClockStatus.PAUSED) == frozenset({"stopped"})
    assert CLOCK_STATES.statuses() == frozenset({"running", "paused", "stopped"})
