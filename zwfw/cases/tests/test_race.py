"""Two clerks acting on one case at once: exactly one wins, the others get a clear refusal
(issue 8 acceptance: 20 concurrent accept/refuse actions on one case, repeated 100 times)."""

from __future__ import annotations

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from zwfw.cases.models import Case, CaseEvent, CaseStatus, Channel
from zwfw.cases.services.acceptance import case_accept, case_reject
from zwfw.cases.services.drafting import case_draft_create, case_material_file_add, case_submit
from zwfw.core.errors import DomainError
from zwfw.files.tests import samples

from .conftest import FORM, NOW

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 100
RACERS = 20


def _received_case(citizen, item) -> Case:
    case = case_draft_create(actor=citizen, item=item, channel=Channel.PC, now=NOW, form_data=FORM)
    for material in case.materials.all():
        if material.missing:
            case_material_file_add(actor=citizen, material=material, content=SimpleUploadedFile("a.pdf", samples.PDF),
                                   name="a.pdf", now=NOW)
    return case_submit(actor=citizen, case=case, now=NOW)


def _race(case: Case, clerk) -> list[str]:
    """RACERS threads decide `case` at once (half accept, half refuse); returns each outcome."""
    barrier = threading.Barrier(RACERS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def racer(i: int) -> None:
        try:
            barrier.wait()
            target = Case.objects.get(pk=case.pk)
            if i % 2:
                case_accept(actor=clerk, case=target, now=NOW)
            else:
                case_reject(actor=clerk, case=target, reasons="申请材料不符合法定形式", now=NOW)
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


def test_exactly_one_of_twenty_concurrent_decisions_wins(catalog_flushable, citizen, item, clerk, hall):
    for round_no in range(ROUNDS):
        case = _received_case(citizen, item)
        outcomes = _race(case, clerk)
        assert outcomes.count("won") == 1, (round_no, outcomes)
        assert set(outcomes) - {"won"} <= {"case_not_received", "case_decided", "case_changed"}, outcomes
        decided = Case.objects.get(pk=case.pk)
        assert decided.status in (CaseStatus.ACCEPTED, CaseStatus.REJECTED)
        assert CaseEvent.objects.filter(case=case, action__in=["accept", "reject"]).count() == 1
