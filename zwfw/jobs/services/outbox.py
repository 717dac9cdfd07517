"""The transactional outbox (docs/adr/0015-outbox.md).

A service that causes a side effect calls `outbox_put` inside its own transaction; the row commits
or rolls back with the change. After commit a job delivers it through the handler registered for
its kind; a periodic sweep delivers whatever the after-commit enqueue missed (queue down, process
killed). Delivery is at least once: a claimed message whose worker died is taken over when its
lease ends, so handlers are idempotent under the message's dedupe key.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.constants import OnConflict
from django.utils.translation import gettext as _

from zwfw.accounts.models import Role
from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import PermissionDenied, StateError
from zwfw.core.masking import mask_text

from ..models import OutboxMessage, OutboxStatus
from ..registry import handler_for
from .state import OUTBOX_STATES

logger = logging.getLogger(__name__)


def outbox_put(*, kind: str, payload: dict, dedupe_key: str, now: dt.datetime | None = None) -> OutboxMessage:
    """Record a side effect inside the caller's transaction; it is delivered after commit.

    `payload` must be JSON (ids and short texts; no personal data: handlers read it from the
    rows). The same `dedupe_key` twice records one message (the first).
    """
    if not connection.in_atomic_block:
        raise RuntimeError("outbox_put must be called inside transaction.atomic()")
    handler_for(kind)  # an unknown kind fails here, in the causing request, not later in a worker
    now = now or clock.now()
    message = OutboxMessage(kind=kind, payload=payload, dedupe_key=dedupe_key, next_attempt_at=now, created_at=now)
    # One statement, no savepoint: INSERT … ON CONFLICT DO NOTHING RETURNING id (PostgreSQL;
    # INSERT OR IGNORE … RETURNING on SQLite). A conflict returns no row: the first message stands.
    meta = OutboxMessage._meta
    rows = OutboxMessage.objects._insert(
        [message], fields=[f for f in meta.concrete_fields if not f.primary_key], returning_fields=[meta.pk],
        on_conflict=OnConflict.IGNORE)
    if not rows or rows[0] is None:
        return OutboxMessage.objects.get(dedupe_key=dedupe_key)
    message.pk = rows[0][0]
    message._state.adding = False
    transaction.on_commit(partial(enqueue_delivery, message.pk))
    return message


def enqueue_delivery(message_id: int) -> None:
    """Hand one message to the queue. A queue that is down loses nothing: the sweep delivers it."""
    from ..tasks import outbox_deliver_task

    try:
        outbox_deliver_task(message_id)
    except Exception:
        logger.warning("outbox message %s not queued; the periodic sweep will deliver it", message_id,
                       exc_info=True)


def outbox_claim(*, message_id: int, now: dt.datetime) -> bool:
    """Take a due message for this worker until its lease ends. One conditional UPDATE, so of two
    workers racing for the same message exactly one matches the row."""
    lease_end = now + dt.timedelta(seconds=settings.ZWFW_OUTBOX_LEASE_SECONDS)
    return bool(OUTBOX_STATES.move_where(
        OutboxMessage.objects.filter(pk=message_id, next_attempt_at__lte=now), action="claim",
        to=OutboxStatus.SENDING, attempts=F("attempts") + 1, next_attempt_at=lease_end,
    ))


def retry_delay(attempts: int) -> dt.timedelta:
    """Exponential back-off: base, 2×base, 4×base … capped."""
    seconds = settings.ZWFW_OUTBOX_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, settings.ZWFW_OUTBOX_BACKOFF_MAX_SECONDS))


def _ours(message: OutboxMessage):
    # Still this worker's claim: a takeover after the lease would have bumped `attempts`.
    return OutboxMessage.objects.filter(pk=message.pk, attempts=message.attempts)


def _mark_delivered(message: OutboxMessage, now: dt.datetime) -> None:
    OUTBOX_STATES.move_where(_ours(message), action="deliver", to=OutboxStatus.DELIVERED, delivered_at=now,
                             last_error="")


def _mark_failed(message: OutboxMessage, exc: Exception, now: dt.datetime) -> str:
    error = mask_text(f"{type(exc).__name__}: {exc}")[:2000]
    if message.attempts >= settings.ZWFW_OUTBOX_MAX_ATTEMPTS:
        status, next_at = OutboxStatus.DEAD, now
    else:
        status, next_at = OutboxStatus.PENDING, now + retry_delay(message.attempts)
    OUTBOX_STATES.move_where(_ours(message), action="fail", to=status, next_attempt_at=next_at, last_error=error)
    logger.warning("outbox message %s (%s) attempt %s failed: %s -> %s", message.pk, message.kind,
                   message.attempts, error, status)
    return status


def outbox_deliver(*, message_id: int, now: dt.datetime | None = None) -> str | None:
    """Deliver one message if it is due and no other worker holds it. Returns the new status, or
    None when the message was not taken (delivered, dead, not yet due, or claimed elsewhere)."""
    now = now or clock.now()
    if not outbox_claim(message_id=message_id, now=now):
        return None
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        handler_for(message.kind)(payload=message.payload, dedupe_key=message.dedupe_key, now=now)
    except Exception as exc:
        return _mark_failed(message, exc, now)
    _mark_delivered(message, now)
    return OutboxStatus.DELIVERED


def outbox_due(*, now: dt.datetime):
    """Messages a worker may take now: pending ones whose time has come, and claimed ones whose
    lease ended (their worker died)."""
    return OutboxMessage.objects.filter(
        Q(status=OutboxStatus.PENDING) | Q(status=OutboxStatus.SENDING), next_attempt_at__lte=now
    )


def outbox_deliver_due(*, now: dt.datetime | None = None, limit: int = 500) -> int:
    """The sweep: deliver up to `limit` due messages, oldest first. Returns how many were taken."""
    now = now or clock.now()
    ids = list(outbox_due(now=now).order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
    return sum(outbox_deliver(message_id=pk, now=now) is not None for pk in ids)


def outbox_retry(*, actor, message: OutboxMessage, now: dt.datetime | None = None) -> OutboxMessage:
    """An administrator sends a dead letter again (fresh attempts), audited."""
    if not actor.has_role(Role.SYSTEM_ADMIN):
        raise PermissionDenied(_("只有系统管理员可以重新投递消息"))
    now = now or clock.now()
    with transaction.atomic():
        updated = OUTBOX_STATES.move_where(OutboxMessage.objects.filter(pk=message.pk), action="retry",
                                           to=OutboxStatus.PENDING, attempts=0, next_attempt_at=now)
        if not updated:
            raise StateError(_("只有投递失败的消息可以重新投递"), code="outbox_not_dead")
        message.refresh_from_db()
        audit_record(actor=actor, action="outbox.retry", target=message, role=Role.SYSTEM_ADMIN, now=now,
                     changes={"status": [OutboxStatus.DEAD, OutboxStatus.PENDING], "kind": message.kind,
                              "last_error": message.last_error})
        transaction.on_commit(partial(enqueue_delivery, message.pk))
    return message
