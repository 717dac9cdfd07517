"""The audit trail keeps only the indexes its readers use (ADR 0019, decision 8): each one is
written by every audited write and again by the event's seal."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def _indexed_columns() -> list[tuple[str, ...]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "core_auditevent")
    return sorted(tuple(c["columns"]) for c in constraints.values() if c["index"] or c["unique"] or c["primary_key"])


def test_one_index_per_reader_and_no_unused_like_indexes():
    columns = _indexed_columns()
    # seq (key, and the unsealed work list), chain_seq (unique), action, (object_type, object_id),
    # actor_id, occurred_at: nothing on object_id alone, no LIKE twins of action and object_id.
    assert columns == sorted([("seq",), ("seq",), ("chain_seq",), ("action",), ("object_type", "object_id"),
                              ("actor_id",), ("occurred_at",)]), columns


def test_the_append_only_triggers_survive_the_index_migration():
    from django.db import transaction

    from zwfw.core.audit import audit_record
    from zwfw.core.models import AuditEvent

    with transaction.atomic():
        event = audit_record(actor=None, action="bench.write", object_type="t", object_id="1")
    with pytest.raises(Exception), transaction.atomic():  # noqa: B017, PT011 - either database's refusal
        AuditEvent.objects.filter(seq=event.seq).update(action="edited")
    assert AuditEvent.objects.get(seq=event.seq).action == "bench.write"
