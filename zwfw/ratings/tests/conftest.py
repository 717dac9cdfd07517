"""Fixtures for the 好差评 tests: the case tests' county, hall, window and citizen; a 即办件
concluded on the spot on Tuesday 3 March 2026 (status CONCLUDED), an accepted promised case, the
responsible department's staff and head, and the county's supervision office."""

from __future__ import annotations

import datetime as dt

import pytest

from zwfw.accounts.models import Role
from zwfw.cases.services.acceptance import case_settle
from zwfw.core.clock import SHANGHAI
from zwfw.organizations.models import Window
from zwfw.supervision.tests.conftest import (  # noqa: F401 — fixtures shared with the case tests
    FORM,
    NOW,
    accepted_case,
    approval_dept,
    calendar,
    catalog_flushable,
    citizen,
    clerk,
    county,
    draft,
    editor,
    hall,
    immediate_item,
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


def at(day: int, hour: int = 10, month: int = 3, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def concluded_case(citizen, immediate_item, clerk, window, approval_dept, now=NOW):
    Window.objects.filter(pk=window.pk).update(chief_representative=clerk, department=approval_dept)
    case = received_case(citizen, immediate_item, now)
    return case_settle(actor=clerk, case=case, result_note="当场办结", now=now)


@pytest.fixture
def concluded(citizen, immediate_item, clerk, window, approval_dept):
    return concluded_case(citizen, immediate_item, clerk, window, approval_dept)


@pytest.fixture
def accepted(citizen, item, clerk, hall):
    return accepted_case(citizen, item, clerk)


@pytest.fixture
def dept_staff(approval_dept):
    return make_user("staff_xzsp", Role.APPROVER, department=approval_dept)


@pytest.fixture
def head(approval_dept):
    return make_user("head_xzsp", Role.DEPARTMENT_HEAD, department=approval_dept)


@pytest.fixture
def outsider_staff(other_dept):
    return make_user("staff_mz", Role.APPROVER, department=other_dept)
