"""Writing and verifying the audit chain.

Every service calls `audit_record` inside its own transaction, so the event and the change
commit or roll back together (STYLE habit 5). The chain hash is SM3 over the previous hash and
a canonical JSON of the event (等保 2.0 8.1.4.3 安全审计: 审计记录应受到保护，避免非预期的删除、修改或覆盖).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import connection, transaction

from . import clock
from .context import current_request_context
from .crypto import sm3_hex
from .models import AuditChainHead, AuditEvent

GENESIS = "0" * 64


def _canonical(event: AuditEvent) -> bytes:
    occurred = event.occurred_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    payload = {
        "seq": int(event.seq),
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


def compute_hash(event: AuditEvent) -> str:
    return sm3_hex(_canonical(event))


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
    """Append one event to the chain. Must run inside the caller's transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record must be called inside transaction.atomic()")
    request_ctx = current_request_context()
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or str(target.pk)
        object_repr = object_repr or str(target)[:200]
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(id=1)
    event = AuditEvent(
        seq=head.last_seq + 1,
        occurred_at=now or clock.now(),
        actor_id=getattr(actor, "pk", None),
        actor_name=(getattr(actor, "get_username", lambda: "")() or "")[:150] if actor else "",
        actor_role=role or (request_ctx.role if request_ctx else ""),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:200],
        changes=_plain(changes or {}),
        ip_address=ip if ip is not None else (request_ctx.ip if request_ctx else ""),
        prev_hash=head.last_hash,
    )
    event.hash = compute_hash(event)
    event.save(force_insert=True)
    head.last_seq = event.seq
    head.last_hash = event.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return event


def diff(before: dict, after: dict) -> dict:
    """Field-by-field change set {field: [old, new]} of two plain dicts."""
    keys = sorted(set(before) | set(after))
    return {k: [_plain(before.get(k)), _plain(after.get(k))] for k in keys if before.get(k) != after.get(k)}


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    kind: str  # "missing", "hash_mismatch", "link_broken", "head_mismatch"
    detail: str


def _iter_events(batch: int = 2000) -> Iterator[AuditEvent]:
    last = 0
    while True:
        rows = list(AuditEvent.objects.filter(seq__gt=last).order_by("seq")[:batch])
        if not rows:
            return
        yield from rows
        last = rows[-1].seq


def audit_verify(events: Iterable[AuditEvent] | None = None) -> list[ChainProblem]:
    """Walk the chain from the genesis; return every break found (empty list = intact)."""
    problems: list[ChainProblem] = []
    expected_seq = 1
    prev_hash = GENESIS
    with transaction.atomic():
        for event in events if events is not None else _iter_events():
            if event.seq != expected_seq:
                problems.append(
                    ChainProblem(expected_seq, "missing", f"第 {expected_seq}–{event.seq - 1} 条记录缺失")
                )
            if event.prev_hash != prev_hash:
                problems.append(ChainProblem(event.seq, "link_broken", "与前一条记录的链接不符"))
            if compute_hash(event) != event.hash:
                problems.append(ChainProblem(event.seq, "hash_mismatch", "记录内容与其哈希不符（被修改）"))
            prev_hash = event.hash
            expected_seq = event.seq + 1
        head = AuditChainHead.objects.filter(id=1).first()
        if head is None and expected_seq > 1:
            # Events exist but the head is gone: trailing rows may have been cut with it.
            problems.append(ChainProblem(expected_seq - 1, "head_mismatch", "链头记录缺失（末尾记录可能被删除）"))
        elif head is not None and (head.last_seq != expected_seq - 1 or head.last_hash != prev_hash):
            problems.append(
                ChainProblem(head.last_seq, "head_mismatch", "链尾与链头不符（末尾记录被删除）")
            )
    return problems
