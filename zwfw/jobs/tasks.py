"""huey tasks: deliver one outbox message after commit; sweep due messages every minute; seal and
checkpoint the audit chain every minute. Domain apps keep their own periodic jobs in their
`tasks.py` (huey's Django integration discovers them), using `fresh_connection`.

Tasks only call a service. Retries are the outbox's (with back-off and dead letters), not huey's,
so a message's history lives in the database where an administrator can see it.
"""

from __future__ import annotations

from functools import wraps

from django.db import close_old_connections, connection
from huey import crontab
from huey.contrib.djhuey import HUEY

from zwfw.core.audit import audit_seal
from zwfw.core.audit_checkpoint import audit_checkpoint_write

from .services.outbox import outbox_deliver, outbox_deliver_due


def fresh_connection(fn):
    """Drop stale database connections around a task, as a request does. Not inside an open
    transaction (a test running the task in-process), where closing would break it."""

    @wraps(fn)
    def inner(*args, **kwargs):
        if not connection.in_atomic_block:
            close_old_connections()
        try:
            return fn(*args, **kwargs)
        finally:
            if not connection.in_atomic_block:
                close_old_connections()

    return inner


@HUEY.task(name="zwfw.outbox.deliver")
@fresh_connection
def outbox_deliver_task(message_id: int) -> None:
    outbox_deliver(message_id=message_id)


@HUEY.periodic_task(crontab(minute="*"), name="zwfw.outbox.sweep")
@fresh_connection
def outbox_sweep_task() -> None:
    outbox_deliver_due()


# ADR 0019: the seal interval and the checkpoint interval bound what someone with database access
# could alter or cut unnoticed, so both run every minute (the finest crontab step).
@HUEY.periodic_task(crontab(minute="*"), name="zwfw.audit.seal_and_checkpoint")
@fresh_connection
def audit_upkeep_task() -> None:
    audit_seal()
    audit_checkpoint_write()



# Idempotency answers are kept for ZWFW_IDEMPOTENCY_KEEP_DAYS (docs/adr/0025), then forgotten.
@HUEY.periodic_task(crontab(minute="17", hour="3"), name="zwfw.idempotency.prune")
@fresh_connection
def idempotency_prune_task() -> None:
    import datetime as dt

    from django.conf import settings

    from zwfw.core.idempotency import idempotency_prune

    idempotency_prune(older_than=dt.timedelta(days=settings.ZWFW_IDEMPOTENCY_KEEP_DAYS))
