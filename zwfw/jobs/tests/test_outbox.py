import datetime as dt

import pytest
from django.db import transaction

from zwfw.core.errors import PermissionDenied, StateError
from zwfw.core.models import AuditEvent
from zwfw.jobs.models import OutboxMessage, OutboxStatus
from zwfw.jobs.services import outbox_deliver, outbox_put, outbox_retry
from zwfw.jobs.services.outbox import outbox_claim
from zwfw.jobs.testing import outbox_drain, queue_run

from .conftest import CALLS, NOW

pytestmark = pytest.mark.django_db


class Boom(Exception):
    pass


def put(key="k1", kind="test.record", **payload):
    with transaction.atomic():
        return outbox_put(kind=kind, payload=payload, dedupe_key=key, now=NOW)


def test_committed_message_is_queued_after_commit_and_delivered_by_the_queue(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = put(n=1)
    assert len(callbacks) == 1
    assert CALLS == []  # nothing happens inside the transaction
    assert queue_run() == 1  # the task went through the real queue (SQLite file or Redis)
    assert CALLS == [("k1", {"n": 1})]
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.DELIVERED, 1)


def test_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Boom), transaction.atomic():
        outbox_put(kind="test.record", payload={}, dedupe_key="k1", now=NOW)
        raise Boom
    assert callbacks == []
    assert OutboxMessage.objects.count() == 0
    assert queue_run() == 0 and outbox_drain(now=NOW) == 0
    assert CALLS == []


def test_unknown_kind_is_refused_in_the_causing_transaction():
    with pytest.raises(LookupError), transaction.atomic():
        outbox_put(kind="test.nobody", payload={}, dedupe_key="k1", now=NOW)
    assert OutboxMessage.objects.count() == 0


def test_same_dedupe_key_records_one_message():
    first = put(n=1)
    second = put(n=2)
    assert second.pk == first.pk and OutboxMessage.objects.get().payload == {"n": 1}


def test_sweep_delivers_what_the_lost_enqueue_missed():
    put("a")
    put("b")  # no on-commit hooks in the test transaction: as if the enqueue were lost
    assert outbox_drain(now=NOW) == 2
    assert sorted(k for k, _p in CALLS) == ["a", "b"]
    assert outbox_drain(now=NOW) == 0  # delivered messages are not taken again


def test_two_workers_claim_a_message_once():
    message = put()
    assert outbox_claim(message_id=message.pk, now=NOW) is True
    assert outbox_claim(message_id=message.pk, now=NOW) is False
    assert outbox_deliver(message_id=message.pk, now=NOW) is None
    assert CALLS == []


def test_worker_killed_after_the_effect_delivers_again_when_the_lease_ends(settings):
    message = put()
    # The worker claimed and ran the handler, then died before marking the message delivered.
    assert outbox_claim(message_id=message.pk, now=NOW)
    from zwfw.jobs.registry import handler_for

    handler_for("test.record")(payload={}, dedupe_key="k1", now=NOW)
    assert outbox_drain(now=NOW) == 0  # within the lease nobody else takes it
    later = NOW + dt.timedelta(seconds=settings.ZWFW_OUTBOX_LEASE_SECONDS + 1)
    assert outbox_drain(now=later) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.DELIVERED, 2)
    assert [k for k, _p in CALLS] == ["k1", "k1"]  # at least once: the consumer dedupes (see notifications)


def test_failures_back_off_exponentially_then_become_dead_letters(settings):
    settings.ZWFW_OUTBOX_MAX_ATTEMPTS = 3
    settings.ZWFW_OUTBOX_BACKOFF_SECONDS = 30
    message = put(kind="test.flaky", fail=5)
    assert outbox_deliver(message_id=message.pk, now=NOW) == OutboxStatus.PENDING
    message.refresh_from_db()
    assert message.next_attempt_at == NOW + dt.timedelta(seconds=30)
    assert message.last_error == "ConnectionError: 短信网关 138****5678 无响应"  # masked
    assert outbox_drain(now=NOW + dt.timedelta(seconds=29)) == 0  # not yet due
    t2 = NOW + dt.timedelta(seconds=30)
    assert outbox_deliver(message_id=message.pk, now=t2) == OutboxStatus.PENDING
    message.refresh_from_db()
    assert message.next_attempt_at == t2 + dt.timedelta(seconds=60)
    t3 = t2 + dt.timedelta(seconds=60)
    assert outbox_deliver(message_id=message.pk, now=t3) == OutboxStatus.DEAD
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.DEAD, 3)
    assert outbox_drain(now=t3 + dt.timedelta(days=1)) == 0  # dead letters wait for a person
    assert CALLS == []


def test_flaky_message_is_delivered_on_a_retry(settings):
    settings.ZWFW_OUTBOX_BACKOFF_SECONDS = 30
    message = put(kind="test.flaky", fail=1)
    assert outbox_drain(now=NOW) == 1
    assert outbox_drain(now=NOW + dt.timedelta(seconds=30)) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (OutboxStatus.DELIVERED, 2, "")
    assert [k for k, _p in CALLS] == ["k1"]


def _dead(settings):
    settings.ZWFW_OUTBOX_MAX_ATTEMPTS = 1
    message = put(kind="test.flaky", fail=1)
    outbox_deliver(message_id=message.pk, now=NOW)
    message.refresh_from_db()
    assert message.status == OutboxStatus.DEAD
    return message


def test_administrator_retries_a_dead_letter_audited(settings, sysadmin):
    message = _dead(settings)
    outbox_retry(actor=sysadmin, message=message, now=NOW)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 0)
    event = AuditEvent.objects.get(action="outbox.retry")
    assert (event.actor_id, event.object_id) == (sysadmin.pk, str(message.pk))
    assert outbox_drain(now=NOW) == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.DELIVERED and [k for k, _p in CALLS] == ["k1"]


def test_retry_by_non_admin_or_of_a_live_message_changes_nothing(settings, sysadmin, clerk):
    message = _dead(settings)
    with pytest.raises(PermissionDenied):
        outbox_retry(actor=clerk, message=message, now=NOW)
    message.refresh_from_db()
    assert message.status == OutboxStatus.DEAD
    live = put("k2")
    with pytest.raises(StateError) as info:
        outbox_retry(actor=sysadmin, message=live, now=NOW)
    assert info.value.code == "outbox_not_dead"
    assert not AuditEvent.objects.filter(action="outbox.retry").exists()
