"""Twenty staff of the department press 认领 on one case at once: exactly one gets the step, the
others are told it was claimed (the conditional UPDATE decides, not a check in Python)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from zwfw.accounts.models import Role
from zwfw.cases.models import Case, CaseEvent, CaseStep
from zwfw.cases.services.steps import step_claim
from zwfw.catalog.tests.conftest import make_user
from zwfw.core.errors import DomainError

from .conftest import NOW
from .steps_fixtures import *  # noqa: F403 — the step fixtures
from .steps_fixtures import accepted

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 10
RACERS = 20


def _race(case: Case, staff: list) -> list[str]:
    barrier = threading.Barrier(len(staff))
    outcomes: list[str] = []
    lock = threading.Lock()

    def racer(user) -> None:
        try:
            barrier.wait()
            step_claim(actor=user, case=Case.objects.get(pk=case.pk), now=NOW)
            result = "won"
        except DomainError as exc:
            assert exc.message, "a refusal must say why"
            result = exc.code
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=racer, args=(u,)) for u in staff]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def test_exactly_one_of_twenty_concurrent_claims_wins(catalog_flushable, citizen, steps_item, clerk, hall,
                                                      approval_dept):
    staff = [make_user(f"racer_{i}", Role.APPROVER, department=approval_dept) for i in range(RACERS)]
    for round_no in range(ROUNDS):
        case = accepted(citizen, steps_item, clerk)
        outcomes = _race(case, staff)
        assert outcomes.count("won") == 1, (round_no, outcomes)
        assert set(outcomes) - {"won"} <= {"step_claimed", "case_changed"}, outcomes
        step = CaseStep.objects.get(case=case, position=1)
        assert step.assignee_id in {u.pk for u in staff}
        assert CaseEvent.objects.filter(case=case, action="step_claim").count() == 1
        assert Case.objects.get(pk=case.pk).revision == case.revision + 1
