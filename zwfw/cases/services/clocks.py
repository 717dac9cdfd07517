"""The case's own clocks, all at once (concluding or withdrawing a case stops every one of them)."""

from __future__ import annotations

import datetime as dt

from zwfw.calendar.models import ClockStatus, TimeLimitClock
from zwfw.calendar.services.clock import clock_stop

from ..models import Case
from .drafting import OWNER_TYPE


def case_clocks_stop_all(case: Case, *, actor, now: dt.datetime) -> list[str]:
    """Stop every running or paused clock owned by `case` (acceptance, pre-review, statutory,
    promised, delivery, and any other a later context starts on the case); returns their purposes.
    Step clocks are owned by the steps and stopped as each step completes."""
    stopped = []
    clocks = (TimeLimitClock.objects.filter(owner_type=OWNER_TYPE, owner_id=str(case.pk))
              .exclude(status=ClockStatus.STOPPED).order_by("pk"))
    for running in clocks:
        clock_stop(actor=actor, clock=running, now=now)
        stopped.append(running.purpose)
    return stopped
