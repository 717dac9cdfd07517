"""Fixtures for the dashboard tests: the supervision tests' county, hall, clerk, item and
supervisors, and a hand-counted March 2026 of five cases (see `march`)."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest
from django.db import transaction

from zwfw.calendar.models import ClockStatus
from zwfw.calendar.services.clock import clock_stop
from zwfw.cases.models import CaseStatus
from zwfw.cases.services._common import SYSTEM, locked, move
from zwfw.cases.services.acceptance import PROMISED, STATUTORY, case_clock, case_reject, case_withdraw
from zwfw.cases.services.state import CASE_STATES
from zwfw.supervision.tests.conftest import (  # noqa: F401 — fixtures shared with the supervision tests
    FORM,
    NOW,
    accepted_case,
    approval_dept,
    at,
    calendar,
    catalog_flushable,
    citizen,
    clerk,
    county,
    draft,
    editor,
    hall,
    item,
    make_user,
    neighbour_supervisor,
    now,
    other_dept,
    published,
    received_case,
    reviewer,
    supervisor,
    window,
)


@contextmanager
def conclude_edge():
    """The processing context's 办结 edge (accepted → concluded) is another issue's work; its
    conclusion goes through the same `move()`, which is all the rollups observe. Lent for a test."""
    table = dict(CASE_STATES.transitions)
    object.__setattr__(CASE_STATES, "transitions",
                       {**table, "conclude": {CaseStatus.ACCEPTED: frozenset({CaseStatus.CONCLUDED})}})
    try:
        yield
    finally:
        object.__setattr__(CASE_STATES, "transitions", table)


def conclude(case, when: dt.datetime):
    with conclude_edge(), transaction.atomic():
        case = locked(case)
        for purpose in (PROMISED, STATUTORY):
            running = case_clock(case, purpose)
            if running is not None and running.status != ClockStatus.STOPPED:
                clock_stop(actor=None, clock=running, now=when)
        move(case, action="conclude", to=CaseStatus.CONCLUDED, actor=None, capacity=SYSTEM, now=when,
             concluded_at=when)
    return case


@pytest.fixture
def march(citizen, item, clerk, hall):
    """Five cases of 区行政审批局 (promised 5 working days, statutory 20, at most one visit), all online:
    A accepted 3 Mar, concluded 6 Mar (ahead of the 10 Mar promise, 3 working days used);
    B accepted 3 Mar, concluded 12 Mar (late, 7 working days used); C accepted 3 Mar, still open
    (overdue from 11 Mar); D received 4 Mar and refused; E received 5 Mar and withdrawn."""
    a = accepted_case(citizen, item, clerk, at(3))
    b = accepted_case(citizen, item, clerk, at(3, 11))
    c = accepted_case(citizen, item, clerk, at(3, 14))
    conclude(a, at(6, 15))
    conclude(b, at(12, 9))
    d = received_case(citizen, item, at(4))
    case_reject(actor=clerk, case=d, reasons="不属于本机关职权范围", now=at(4, 11))
    e = received_case(citizen, item, at(5))
    case_withdraw(actor=citizen, case=e, now=at(5, 11))
    return {"a": a, "b": b, "c": c, "d": d, "e": e}
