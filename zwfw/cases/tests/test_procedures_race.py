"""Concurrent acts on one case's time limits: several staff starting a special procedure at once
start exactly one (the clocks are paused once); several heads approving one extension at once
extend the limit once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from zwfw.accounts.models import Role
from zwfw.calendar.models import ClockPause, TimeLimitClock
from zwfw.cases.models import Case, CaseExtension, CaseSpecialProcedure
from zwfw.cases.services.acceptance import case_accept
from zwfw.cases.services.drafting import case_submit
from zwfw.cases.services.procedures import (
    case_extension_decide,
    case_extension_request,
    special_procedure_start,
)
from zwfw.catalog.tests.conftest import make_user
from zwfw.core.errors import DomainError

from .test_acceptance import online_case
from .test_procedures import ACCEPTED_AT, REVIEW_FROM

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 5
RACERS = 8


def _race(run) -> list[str]:
    barrier = threading.Barrier(RACERS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def racer(i: int) -> None:
        try:
            barrier.wait()
            run(i)
            result = "won"
        except DomainError as exc:
            assert exc.message, "a refusal must say why"
            result = exc.code
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=racer, args=(i,)) for i in range(RACERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


@pytest.fixture
def clean_cases(catalog_flushable):
    yield
    CaseExtension.objects.all().delete()
    CaseSpecialProcedure.objects.all().delete()
    Case.objects.all().delete()


def test_concurrent_starts_and_approvals_act_once(clean_cases, citizen, item, clerk, approval_dept, hall):
    approver = make_user("approver_race", Role.APPROVER, department=approval_dept)
    heads = [make_user(f"head_race{i}", Role.DEPARTMENT_HEAD, department=approval_dept) for i in range(RACERS)]
    for round_no in range(ROUNDS):
        case = online_case(citizen, item)
        case_submit(actor=citizen, case=case, now=ACCEPTED_AT)
        case_accept(actor=clerk, case=case, now=ACCEPTED_AT)
        extension = case_extension_request(actor=approver, case=case, days=3, reason="复杂", now=ACCEPTED_AT)

        def approve(i, case_pk=case.pk, extension=extension):
            case_extension_decide(actor=heads[i], case=Case.objects.get(pk=case_pk), extension=extension,
                                  approve=True, now=ACCEPTED_AT)

        approvals = _race(approve)
        assert approvals.count("won") == 1, (round_no, approvals)
        assert set(approvals) - {"won"} <= {"extension_decided", "extension_changed", "case_changed"}, approvals
        clocks = TimeLimitClock.objects.filter(owner_id=str(case.pk), purpose__in=["statutory", "promised"])
        assert sorted(clocks.values_list("extension_days", flat=True)) == [3, 3]

        def start(i, case_pk=case.pk):
            special_procedure_start(actor=approver, case=Case.objects.get(pk=case_pk), kind="testing", reason="送检",
                                    expected_duration=3, now=REVIEW_FROM)

        starts = _race(start)
        assert starts.count("won") == 1, (round_no, starts)
        assert set(starts) - {"won"} <= {"special_procedure_running", "clock_not_running", "case_changed"}, starts
        assert CaseSpecialProcedure.objects.filter(case=case).count() == 1
        assert ClockPause.objects.filter(clock__in=clocks).count() == 2
