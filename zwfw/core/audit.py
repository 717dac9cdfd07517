"""Writing, sealing and verifying the audit trail (ADR 0019).

Every service calls `audit_record` inside its own transaction, so the event and the change
commit or roll back together (STYLE habit 5). Writing takes no lock: the database numbers the
event (`seq`). The sealer, `audit_seal`, run by a periodic job and by `zwfw audit verify`, then
appends events to one chain in order, under the only lock (the chain head, held by one sealer):
each sealed event gets `chain_seq` and `hash = HMAC-SM3(ZWFW_AUDIT_KEY, canonical JSON of the
event including prev_hash)`. The key lives outside the database, so someone who can write to the
database cannot recompute a valid chain after an edit; signed checkpoints of the head written
outside the database (`zwfw.core.audit_checkpoint`) catch a shortened or replaced chain
(等保 2.0 8.1.4.3 安全审计: 审计记录应受到保护，避免非预期的删除、修改或覆盖).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import SimpleNamespace

from cryptography.hazmat.primitives import hashes, hmac
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models.base import ModelState

from . import clock
from .context import current_request_context
from .models import AuditChainHead, AuditEvent

GENESIS = "0" * 64
SEAL_BATCH = 1000


def audit_key() -> bytes:
    """ZWFW_AUDIT_KEY as bytes: at least 32 hex characters (128 bits), never stored in the database."""
    raw = settings.ZWFW_AUDIT_KEY
    try:
        key = bytes.fromhex(raw)
    except ValueError as exc:
        raise ImproperlyConfigured("ZWFW_AUDIT_KEY must be hex characters") from exc
    if len(key) < 16:
        raise ImproperlyConfigured("ZWFW_AUDIT_KEY must be at least 32 hex characters (128 bits)")
    return key


def keyed_digest(purpose: bytes, data: bytes, key: bytes | None = None) -> str:
    """HMAC-SM3 (hex) of `data`; `purpose` separates event digests from checkpoint signatures."""
    mac = hmac.HMAC(key if key is not None else audit_key(), hashes.SM3())
    mac.update(purpose + b"\x00" + data)
    return mac.finalize().hex()


def canonical(event: AuditEvent) -> bytes:
    occurred = event.occurred_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    payload = {
        "seq": int(event.seq),
        "chain_seq": event.chain_seq,
        "occurred_at": occurred,
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "actor_role": event.actor_role,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "changes": event.changes,
        "ip_address": event.ip_address,
        "prev_hash": event.prev_hash,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def compute_hash(event: AuditEvent, key: bytes | None = None) -> str:
    return keyed_digest(b"zwfw-audit-event-v2", canonical(event), key)


def _plain(value):
    """Make a change value JSON-stable (dates, decimals, model instances become strings)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return str(value)


def audit_record(
    *,
    actor,
    action: str,
    target=None,
    changes: dict | None = None,
    role: str = "",
    ip: str | None = None,
    now: dt.datetime | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
) -> AuditEvent:
    """Write one event in the caller's transaction (it rolls back with it). Takes no lock: the
    event is numbered by the database and sealed into the chain later by `audit_seal`."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must be called inside transaction.atomic()")
    request_ctx = current_request_context()
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or str(target.pk)
        object_repr = object_repr or str(target)[:200]
    values = {
        "occurred_at": now or clock.now(),
        "actor_id": getattr(actor, "pk", None),
        "actor_name": (getattr(actor, "get_username", lambda: "")() or "")[:150] if actor else "",
        "actor_role": role or (request_ctx.role if request_ctx else ""),
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "object_repr": object_repr[:200],
        # _plain turns a Sealed value into its mask (str() of Sealed), so no clear personal data
        # reaches the trail.
        "changes": _plain(changes or {}),
        "ip_address": ip if ip is not None else (request_ctx.ip if request_ctx else ""),
    }
    return _insert_event(values)


_INSERT_COLUMNS = (
    "occurred_at", "actor_id", "actor_name", "actor_role", "action", "object_type", "object_id",
    "object_repr", "changes", "ip_address", "prev_hash", "hash",
)
_insert_sql: dict[str, str] = {}


def _insert_statement() -> str:
    """One INSERT per database vendor, built once: the audited write is the hottest statement of
    the platform, so it skips model construction and the ORM's insert compiler (ADR 0019)."""
    vendor = connection.vendor
    if vendor not in _insert_sql:
        qn = connection.ops.quote_name
        cast = {"changes": "%s::jsonb"} if vendor == "postgresql" else {}
        returning = (
            f" RETURNING {qn('seq')}" if connection.features.can_return_columns_from_insert else ""
        )
        _insert_sql[vendor] = (
            f"INSERT INTO {qn(AuditEvent._meta.db_table)} ({', '.join(qn(c) for c in _INSERT_COLUMNS)}) "  # noqa: S608 - constant names
            f"VALUES ({', '.join(cast.get(c, '%s') for c in _INSERT_COLUMNS)}){returning}"
        )
    return _insert_sql[vendor]


_OCCURRED_AT = AuditEvent._meta.get_field("occurred_at")


# Django turns psycopg's automatic preparation off (prepare_threshold None). Our cursor asks for
# preparation explicitly; a connection left at None gets a threshold no query reaches, so only
# statements that ask (this one) are prepared, and Django's own cursors, which bind in the
# client, never are.
_PREPARE_ONLY_WHEN_ASKED = 2**31 - 1
_prepared_cursor_class = None


def _insert_cursor():
    """A cursor for the event INSERT. On PostgreSQL with psycopg 3 (and ZWFW_AUDIT_PREPARE) it
    binds parameters on the server and prepares the statement once per connection: the server
    parses and plans it once, and the client no longer quotes every value. It is wrapped like any
    Django cursor, so query logging and execute wrappers still see it."""
    global _prepared_cursor_class
    if connection.vendor != "postgresql" or not settings.ZWFW_AUDIT_PREPARE:
        return connection.cursor()
    if _prepared_cursor_class is None:
        from django.db.backends.postgresql.base import is_psycopg3

        if not is_psycopg3:
            return connection.cursor()
        from django.db.backends.postgresql.base import ServerBindingCursor

        class PreparedCursor(ServerBindingCursor):
            log_query = False

            def execute(self, query, params=None, *, prepare=None, binary=None):
                result = super().execute(query, params, prepare=True, binary=binary)
                if self.log_query:
                    # Django's debug cursor logs `cursor._query.query`, which psycopg keeps only
                    # for client-side binding: leave the statement's text there for the log.
                    self._query = SimpleNamespace(query=query.encode())
                return result

        _prepared_cursor_class = PreparedCursor
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        raw.prepare_threshold = _PREPARE_ONLY_WHEN_ASKED
    cursor = _prepared_cursor_class(raw)
    cursor.log_query = connection.queries_logged
    return connection._prepare_cursor(cursor)


def _insert_event(values: dict) -> AuditEvent:
    """Insert the event with one statement and hand back an AuditEvent that reads like a saved
    one (pk set, not `adding`) without running the model's constructor."""
    # The field's own preparation keeps the ORM's datetime handling (aware → UTC on SQLite,
    # naive values made aware with a warning); the change set is JSON like JSONField writes it.
    occurred_db = _OCCURRED_AT.get_db_prep_save(values["occurred_at"], connection)
    params = [values[c] for c in _INSERT_COLUMNS[:-2]] + ["", ""]
    params[0] = occurred_db
    params[8] = json.dumps(values["changes"])
    with _insert_cursor() as cursor:
        cursor.execute(_insert_statement(), params)
        seq = cursor.fetchone()[0] if connection.features.can_return_columns_from_insert else cursor.lastrowid
    event = AuditEvent.__new__(AuditEvent)
    state = ModelState()
    state.adding, state.db = False, connection.alias
    event.__dict__.update(values, seq=seq, chain_seq=None, prev_hash="", hash="", _state=state)
    return event


def diff(before: dict, after: dict) -> dict:
    """Field-by-field change set {field: [old, new]} of two plain dicts."""
    keys = sorted(set(before) | set(after))
    return {k: [_plain(before.get(k)), _plain(after.get(k))] for k in keys if before.get(k) != after.get(k)}


def _write_seals(events: list[AuditEvent]) -> None:
    """One UPDATE … FROM (VALUES …) per chunk on PostgreSQL (bulk_update's CASE per row grows
    quadratically with the batch), executemany on SQLite; only the seal columns are written."""
    rows = [(e.seq, e.chain_seq, e.prev_hash, e.hash) for e in events]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for i in range(0, len(rows), 500):
                chunk = rows[i : i + 500]
                values = ", ".join(["(%s::bigint, %s::bigint, %s, %s)"] * len(chunk))  # placeholders only
                sql = (
                    "UPDATE core_auditevent AS e SET chain_seq = v.chain_seq, prev_hash = v.prev_hash, hash = v.hash"  # noqa: S608
                    " FROM (VALUES " + values + ") AS v(seq, chain_seq, prev_hash, hash) WHERE e.seq = v.seq"
                )
                cursor.execute(
                    sql,
                    [value for row in chunk for value in row],
                )
        else:
            cursor.executemany(
                "UPDATE core_auditevent SET chain_seq = %s, prev_hash = %s, hash = %s WHERE seq = %s",
                [(c, p, h, seq) for seq, c, p, h in rows],
            )


def _seal_one_batch(batch: int) -> int:
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(id=1)
        # Read after taking the lock: a second sealer waits here and then sees our work.
        pending = list(AuditEvent.objects.filter(chain_seq__isnull=True).order_by("seq")[:batch])
        if not pending:
            return 0
        key = audit_key()
        position, prev = head.last_seq, head.last_hash
        for event in pending:
            position += 1
            event.chain_seq, event.prev_hash = position, prev
            event.hash = prev = compute_hash(event, key)
        _write_seals(pending)
        head.last_seq, head.last_hash = position, prev
        head.save(update_fields=["last_seq", "last_hash"])
        return len(pending)


def audit_seal(*, batch: int = SEAL_BATCH) -> int:
    """Seal every committed, unsealed event into the chain, `batch` events per transaction, in
    the order they were numbered; return how many were sealed. Safe to run concurrently (the
    chain head serialises sealers) and from a periodic job. An event whose transaction commits
    after a later-numbered one was sealed simply takes the next chain position."""
    total = 0
    while sealed := _seal_one_batch(batch):
        total += sealed
        if sealed < batch:
            break
    return total


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    kind: str  # "missing", "hash_mismatch", "link_broken", "head_mismatch", "checkpoint_*"
    detail: str


@dataclass(frozen=True)
class Unsealed:
    count: int
    oldest: dt.datetime | None


def audit_unsealed() -> Unsealed:
    """How many events wait to be sealed, and when the oldest of them occurred."""
    pending = AuditEvent.objects.filter(chain_seq__isnull=True)
    oldest = pending.order_by("seq").values_list("occurred_at", flat=True).first()
    return Unsealed(count=pending.count(), oldest=oldest)


def _iter_sealed(batch: int = 2000) -> Iterator[AuditEvent]:
    last = 0
    while True:
        rows = list(AuditEvent.objects.filter(chain_seq__gt=last).order_by("chain_seq")[:batch])
        if not rows:
            return
        yield from rows
        last = rows[-1].chain_seq


def audit_verify(events: Iterable[AuditEvent] | None = None, *, checkpoints=None) -> list[ChainProblem]:
    """Walk the sealed chain from the genesis; return every break found (empty list = intact).

    Checks positions, links and each keyed digest, the head against the tail, and every signed
    checkpoint (from the configured witness unless `checkpoints` is given) against the chain.
    Unsealed events are not part of the chain yet: see `audit_unsealed`.
    """
    from .audit_checkpoint import checkpoint_problems, checkpoints_read

    problems: list[ChainProblem] = []
    expected_seq = 1
    prev_hash = GENESIS
    key = audit_key()
    marks = checkpoints if checkpoints is not None else checkpoints_read()
    wanted = {cp.chain_seq for cp in marks}
    seen: dict[int, str] = {}
    with transaction.atomic():
        for event in events if events is not None else _iter_sealed():
            if event.chain_seq != expected_seq:
                problems.append(
                    ChainProblem(expected_seq, "missing", f"第 {expected_seq}–{event.chain_seq - 1} 条记录缺失")
                )
            if event.prev_hash != prev_hash:
                problems.append(ChainProblem(event.chain_seq, "link_broken", "与前一条记录的链接不符"))
            if compute_hash(event, key) != event.hash:
                problems.append(ChainProblem(event.chain_seq, "hash_mismatch", "记录内容与其签名摘要不符（被修改或重算）"))
            if event.chain_seq in wanted:
                seen[event.chain_seq] = event.hash
            prev_hash = event.hash
            expected_seq = event.chain_seq + 1
        head = AuditChainHead.objects.filter(id=1).first()
        if head is None and expected_seq > 1:
            # Events exist but the head is gone: trailing rows may have been cut with it.
            problems.append(ChainProblem(expected_seq - 1, "head_mismatch", "链头记录缺失（末尾记录可能被删除）"))
        elif head is not None and (head.last_seq != expected_seq - 1 or head.last_hash != prev_hash):
            problems.append(ChainProblem(head.last_seq, "head_mismatch", "链尾与链头不符（末尾记录被删除）"))
    problems += checkpoint_problems(marks, seen, key)
    return problems
