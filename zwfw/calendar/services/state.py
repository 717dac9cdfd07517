"""The clock's state machine (zwfw.core.state, ADR 0020): the only writer of `TimeLimitClock.status`.

    running ──pause──▶ paused ──resume──▶ running        running ──extend──▶ running
    running / paused ──stop──▶ stopped

A clock is created running (clock_start). Extending does not change the status but is still an
edge of the table: it is allowed only while running, and its conditional UPDATE writes the new
extension and due moments.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zwfw.core.state import StateMachine

from ..models import ClockStatus

C = ClockStatus

CLOCK_STATES = StateMachine(
    name="calendar.clock",
    transitions={
        "pause": {C.RUNNING: {C.PAUSED}},
        "resume": {C.PAUSED: {C.RUNNING}},
        "extend": {C.RUNNING: {C.RUNNING}},
        "stop": {C.RUNNING: {C.STOPPED}, C.PAUSED: {C.STOPPED}},
    },
    labels={"pause": _("暂停计时"), "resume": _("恢复计时"), "extend": _("延期"), "stop": _("停止计时")},
    errors={
        "pause": (_("只有计时中的时限可以暂停"), "clock_not_running"),
        "resume": (_("只有暂停中的时限可以恢复计时"), "clock_not_paused"),
        "extend": (_("只有计时中的时限可以延期"), "clock_not_running"),
        "stop": (_("该时限已停止"), "clock_stopped"),
    },
    conflict_message=_("该时限已被他人处理，请刷新后重试"),
    conflict_code="clock_changed",
)

# The stored results of limits.clock_schedule, written with every move.
SCHEDULE_FIELDS = ("due_date", "due_at", "warn_at", "calendar_version")
