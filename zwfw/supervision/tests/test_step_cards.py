"""A step over its own limit (单个环节时限) gets its card like any clock, answered for by whoever
took the step — or, unclaimed, by the department's heads."""

from __future__ import annotations

import pytest

from zwfw.accounts.models import Role
from zwfw.cases.models import CaseStep
from zwfw.cases.services.steps import step_claim
from zwfw.cases.tests.conftest import publish_item
from zwfw.supervision.models import Card, Level
from zwfw.supervision.services import supervision_sweep

from .conftest import accepted_case, at, make_user

pytestmark = pytest.mark.django_db


def test_an_overdue_step_raises_a_yellow_card_for_its_handler(citizen, clerk, hall, editor, reviewer, approval_dept, head):
    item = publish_item(editor, reviewer, approval_dept, base_code="000104009000", name="环节监察事项")
    approver = make_user("approver_card", Role.APPROVER, department=approval_dept)
    case = accepted_case(citizen, item, clerk)
    step = CaseStep.objects.get(case=case, status="current")
    assert (step.name, step.working_days) == ("审查", 3)
    step_claim(actor=approver, case=case, now=at(3, 11))
    supervision_sweep(now=at(9))  # 3 working days from Tuesday 3 March ran out on Friday 6 March
    # A single step over its own share is a yellow card (issue 10 point 1; ADR 0035), never red.
    card = Card.objects.get(clock=step.clock, level=Level.YELLOW)
    assert not Card.objects.filter(clock=step.clock, level=Level.RED).exists()
    assert card.responsible == approver and card.department == approval_dept
    assert case.number in card.summary
