"""Deciders acting on one case at once: exactly one decision, the others a clear refusal
(issue 9 acceptance: 20 concurrent decide actions on one case, repeated 100 times)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from zwfw.calendar.models import TimeLimitClock
from zwfw.cases.models import Case, CaseEvent, CaseStatus, ResultCertificate
from zwfw.cases.services.decision import case_decide
from zwfw.core.errors import DomainError
from zwfw.jobs.models import OutboxMessage

from .decided import accepted_case

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 100
RACERS = 20
CERT = {"name": "节能审查意见", "number": "节审-1"}


def _race(case: Case, deciders) -> list[str]:
    """RACERS threads decide `case` at once (half approve with a certificate, half deny)."""
    barrier = threading.Barrier(RACERS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def racer(i: int) -> None:
        try:
            barrier.wait()
            target = Case.objects.get(pk=case.pk)
            if i % 2:
                case_decide(actor=deciders[i % len(deciders)], case=target, outcome="approve", reasons="符合法定条件",
                            certificate=CERT)
            else:
                case_decide(actor=deciders[i % len(deciders)], case=target, outcome="deny", reasons="不符合法定条件")
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


def test_exactly_one_of_twenty_concurrent_decisions_wins(catalog_flushable, citizen, item, clerk, hall, head,
                                                         approver):
    for round_no in range(ROUNDS):
        case = accepted_case(citizen, item, clerk)
        outcomes = _race(case, [head, approver])
        assert outcomes.count("won") == 1, (round_no, outcomes)
        assert set(outcomes) - {"won"} <= {"case_not_accepted", "case_changed"}, outcomes
        decided = Case.objects.get(pk=case.pk)
        assert decided.status == CaseStatus.DECIDED
        assert CaseEvent.objects.filter(case=case, action="decide").count() == 1
        assert TimeLimitClock.objects.filter(owner_type="cases.case", owner_id=str(case.pk),
                                             purpose="delivery").count() == 1
        assert ResultCertificate.objects.filter(case=case).count() == (decided.decision == "approve")
        event = CaseEvent.objects.get(case=case, action="decide")
        assert OutboxMessage.objects.filter(dedupe_key=f"case-notice:{event.pk}").count() == 1
