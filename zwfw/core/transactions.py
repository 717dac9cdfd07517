"""Transactions of one unit of work without needless savepoints.

A service opens `transaction.atomic()` so that it is atomic when called alone. Nested inside a
caller's transaction, Django makes that a SAVEPOINT … RELEASE pair: two more round trips, useful
only if someone catches the service's error and carries on in the same transaction.

`unit_of_work()` marks a transaction whose every error propagates out of it and rolls all of it
back (an idempotent API request: zwfw.core.idempotency). Inside it, `atomic()` opens no savepoint.
Outside it, `atomic()` is exactly `transaction.atomic()`. Code that catches an error and goes on
(get_or_create, an IntegrityError turned into a Conflict) keeps its own `transaction.atomic()`.
If code inside a unit of work catches an error from `atomic()` and carries on, Django refuses the
next query (TransactionManagementError): loud, never a half-written transaction.
"""

from __future__ import annotations

import contextlib
import contextvars

from django.db import transaction

_flat = contextvars.ContextVar("zwfw_unit_of_work", default=False)


def atomic():
    """`transaction.atomic()`, without a savepoint when nested in a `unit_of_work()`."""
    return transaction.atomic(savepoint=not _flat.get())


@contextlib.contextmanager
def unit_of_work():
    """One transaction in which any error rolls everything back (no inner savepoints)."""
    with transaction.atomic():
        token = _flat.set(True)
        try:
            yield
        finally:
            _flat.reset(token)
