"""Two (here: eight) workers racing for one message: exactly one claims it, on either database."""

import threading

import pytest
from django.db import connection, transaction

from zwfw.jobs.models import OutboxMessage, OutboxStatus
from zwfw.jobs.services import outbox_put
from zwfw.jobs.services.outbox import outbox_claim

from .conftest import NOW

WORKERS = 8


@pytest.mark.django_db(transaction=True)
def test_racing_workers_claim_a_message_once():
    with transaction.atomic():
        message = outbox_put(kind="test.record", payload={}, dedupe_key="race", now=NOW)
    barrier = threading.Barrier(WORKERS)
    results: list[bool] = []

    def worker():
        try:
            barrier.wait()
            results.append(outbox_claim(message_id=message.pk, now=NOW))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * (WORKERS - 1) + [True]
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (OutboxStatus.SENDING, 1)
