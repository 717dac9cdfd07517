"""Sweeps on several workers at once raise and send each card once (the unique constraint on
(clock, level) decides; only the inserting transaction notifies). Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from zwfw.core.models import AuditEvent
from zwfw.notifications.models import Delivery, Notification
from zwfw.supervision.models import Card, Level
from zwfw.supervision.services import rule_defaults_ensure, supervision_sweep

from .conftest import accepted_case, at, received_case

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 4
ROUNDS = 5


def _race(now) -> list:
    barrier = threading.Barrier(WORKERS)
    outcomes: list = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            barrier.wait()
            result = supervision_sweep(now=now).raised
        except Exception as exc:  # noqa: BLE001 — reported in the assertion below
            result = repr(exc)
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def test_concurrent_sweeps_raise_and_send_each_card_once(catalog_flushable, citizen, item, clerk, hall):
    rule_defaults_ensure(now=at(2))
    cases = [accepted_case(citizen, item, clerk) for _ in range(3)]
    received_case(citizen, item)  # one left unaccepted: its acceptance clock
    for round_no, now in enumerate([at(9), at(9, 15), at(11), at(11, 15), at(12)][:ROUNDS]):
        outcomes = _race(now)
        assert all(isinstance(o, int) for o in outcomes), outcomes
        if round_no == 0:
            assert sum(outcomes) == 4, outcomes  # 3 promised yellow + 1 acceptance yellow
    assert Card.objects.filter(level=Level.YELLOW).count() == 4
    assert Card.objects.filter(level=Level.RED).count() == 4  # 3 promised + 1 acceptance
    assert AuditEvent.objects.filter(action="card.raise").count() == 8
    assert Notification.objects.filter(template="supervision.card_issued", recipient=clerk).count() == 6
    assert Delivery.objects.filter(notification__template="supervision.card_issued").count() == Notification.objects.filter(
        template="supervision.card_issued").count()
    assert len(cases) == 3
