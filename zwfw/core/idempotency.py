"""Idempotent requests: the same `Idempotency-Key` replays the first answer (IETF draft
"The Idempotency-Key HTTP Header Field"; in the browser, a hidden form token does the same).

The record is inserted first, inside the transaction that does the work, so:
- a retry after a commit finds the record and gets the stored answer (201 and the same case);
- a concurrent duplicate blocks on the key's unique index until the first commits, then
  replays (PostgreSQL), or waits for the write lock and finds the record (SQLite, IMMEDIATE);
- a request that failed or was killed before commit left no record: its retry runs afresh.
The same key with a different request is refused (a client bug, never silently replayed).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from . import clock
from .errors import Conflict, ValidationFailed
from .models import IdempotencyRecord
from .transactions import unit_of_work

KEY = re.compile(r"^[A-Za-z0-9._:\-]{8,100}$")


def request_fingerprint(*, method: str, path: str, data, files: Iterable[tuple[str, bytes]] = ()) -> str:
    """A digest of what the request asks for: method, path, body and the files' contents."""
    h = hashlib.sha256()
    h.update(f"{method.upper()} {path}\n".encode())
    h.update(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode())
    for name, content in sorted(files):
        h.update(f"\n{name}:".encode())
        h.update(hashlib.sha256(content).digest())
    return h.hexdigest()


def key_check(key: str) -> str:
    key = (key or "").strip()
    if not KEY.fullmatch(key):
        raise ValidationFailed.on("Idempotency-Key", _("幂等键应为 8–100 位字母、数字或 ._:- 符号"),
                                  code="idempotency_key_invalid")
    return key


def _replay(record: IdempotencyRecord, fingerprint: str) -> tuple[int, dict, bool]:
    if record.fingerprint != fingerprint:
        raise Conflict(_("该幂等键已用于另一个不同的请求，请为新请求使用新的幂等键"), code="idempotency_key_reused")
    return record.status_code, record.body, True


_CLAIM_COLUMNS = ("user_id_value", "key", "fingerprint", "status_code", "body", "created_at")
_CREATED_AT = IdempotencyRecord._meta.get_field("created_at")


def _claim(user_id, key: str, fingerprint: str, now: dt.datetime) -> int | None:
    """Insert the key's record and return its id, or None if the key is already recorded.

    One `INSERT … ON CONFLICT DO NOTHING RETURNING id` (PostgreSQL, SQLite ≥ 3.35): no savepoint
    around an insert that may fail, so a first request — the usual case — costs one statement,
    not three. A concurrent duplicate still waits on the unique index until the first commits
    (PostgreSQL) or for the write lock (SQLite), then finds the key taken."""
    if not connection.features.can_return_columns_from_insert:
        try:
            with transaction.atomic():
                return IdempotencyRecord.objects.create(user_id_value=user_id, key=key, fingerprint=fingerprint,
                                                        created_at=now).pk
        except IntegrityError:
            return None
    qn = connection.ops.quote_name
    body = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    sql = (
        f"INSERT INTO {qn(IdempotencyRecord._meta.db_table)} ({', '.join(qn(c) for c in _CLAIM_COLUMNS)}) "  # noqa: S608 - constant names
        f"VALUES (%s, %s, %s, 0, {body}, %s) ON CONFLICT ({qn('user_id_value')}, {qn('key')}) DO NOTHING "
        f"RETURNING {qn('id')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id, key, fingerprint, "{}", _CREATED_AT.get_db_prep_save(now, connection)])
        row = cursor.fetchone()
    return row[0] if row else None


def idempotent_call(*, user, key: str, fingerprint: str, run: Callable[[], tuple[int, dict]],
                    now: dt.datetime | None = None) -> tuple[int, dict, bool]:
    """Run `run()` (returning status code and JSON body) once per (user, key); returns
    (status, body, replayed)."""
    key = key_check(key)
    user_id = getattr(user, "pk", None)
    # No look-up first: the insert below finds a recorded answer (unique index) at the same cost,
    # so a first request — the usual case — runs one statement less.
    with unit_of_work():
        record_id = _claim(user_id, key, fingerprint, now or clock.now())
        duplicate = record_id is None
        if not duplicate:
            status_code, body = run()
            IdempotencyRecord.objects.filter(pk=record_id).update(status_code=status_code, body=body)
    if duplicate:
        return _replay(IdempotencyRecord.objects.get(user_id_value=user_id, key=key), fingerprint)
    return status_code, body, False


def idempotency_prune(*, older_than: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Forget answers older than `older_than` (clients retry for minutes, not weeks)."""
    cutoff = (now or clock.now()) - older_than
    deleted, _by_model = IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted
