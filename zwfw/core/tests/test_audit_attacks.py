"""The three ways someone with write access to the database rewrote history undetected under
ADR 0004 (issue 7, point 10), each now found by `zwfw audit verify`."""

import pytest
from django.db import DatabaseError, connection, transaction

from zwfw.cli import main
from zwfw.core.audit import audit_record, audit_seal, audit_verify, canonical, compute_hash
from zwfw.core.audit_checkpoint import audit_checkpoint_write
from zwfw.core.crypto import sm3_hex
from zwfw.core.models import AuditChainHead, AuditEvent
from zwfw.core.testing import audit_triggers_disabled

pytestmark = pytest.mark.django_db


def _write(n):
    for i in range(n):
        with transaction.atomic():
            audit_record(actor=None, action="test.write", object_id=str(i), changes={"i": i})
    audit_seal()


def _kinds():
    return [(p.seq, p.kind) for p in audit_verify()]


def _verify_exit_code():
    with pytest.raises(SystemExit) as exc:
        main(["audit", "verify"])
    return exc.value.code


def test_attack_a_tail_cut_and_head_moved_back_is_found_by_the_checkpoint():
    _write(5)
    audit_checkpoint_write()
    with audit_triggers_disabled():
        AuditEvent.objects.filter(chain_seq__gte=4).delete()
        tail = AuditEvent.objects.get(chain_seq=3)
        AuditChainHead.objects.filter(id=1).update(last_seq=3, last_hash=tail.hash)
    # Without the checkpoint the shortened chain is consistent in itself ...
    assert audit_verify(checkpoints=[]) == []
    # ... the checkpoint outside the database remembers position 5.
    assert _kinds() == [(5, "checkpoint_missing")]
    assert _verify_exit_code() == 1


def _rebuild(digest):
    """Recompute every link and digest after an edit, as an attacker would, and move the head."""
    prev = "0" * 64
    with audit_triggers_disabled():
        for event in AuditEvent.objects.order_by("chain_seq"):
            event.prev_hash = prev
            event.hash = prev = digest(event)
            AuditEvent.objects.filter(seq=event.seq).update(prev_hash=event.prev_hash, hash=event.hash)
        AuditChainHead.objects.filter(id=1).update(last_hash=prev)


def test_attack_b_chain_rebuilt_with_the_public_hash_function_is_found():
    _write(3)
    with audit_triggers_disabled():
        AuditEvent.objects.filter(chain_seq=2).update(changes={"i": 99})
    _rebuild(lambda event: sm3_hex(canonical(event)))  # plain SM3: what ADR 0004 used
    assert _kinds() == [(1, "hash_mismatch"), (2, "hash_mismatch"), (3, "hash_mismatch")]
    assert _verify_exit_code() == 1


def test_attack_b_chain_rebuilt_with_a_guessed_key_is_found():
    _write(3)
    with audit_triggers_disabled():
        AuditEvent.objects.filter(chain_seq=2).update(changes={"i": 99})
    _rebuild(lambda event: compute_hash(event, key=bytes(16)))
    assert _kinds() == [(1, "hash_mismatch"), (2, "hash_mismatch"), (3, "hash_mismatch")]


def test_attack_b_chain_rebuilt_with_the_real_key_is_still_found_by_the_checkpoint():
    # Even a thief of the key cannot rewrite what a checkpoint has already witnessed.
    _write(3)
    audit_checkpoint_write()
    with audit_triggers_disabled():
        AuditEvent.objects.filter(chain_seq=2).update(changes={"i": 99})
    _rebuild(compute_hash)
    assert _kinds() == [(3, "checkpoint_mismatch")]


def test_emptied_trail_is_found_by_the_checkpoint():
    """The attack of TRUNCATE by other means (the triggers dropped first), on both databases."""
    _write(2)
    audit_checkpoint_write()
    with audit_triggers_disabled():
        AuditEvent.objects.all().delete()
        AuditChainHead.objects.all().delete()
    assert _kinds() == [(2, "checkpoint_missing")]
    assert _verify_exit_code() == 1


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no TRUNCATE; DELETE is refused by the row triggers"
)


@postgres_only
def test_attack_c_truncate_is_refused_by_the_statement_trigger():
    _write(2)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL zwfw.audit_flush = ''")  # what a session outside the test harness has
        for table in ("core_auditevent", "core_auditchainhead"):
            with pytest.raises(DatabaseError, match="cannot be truncated"), transaction.atomic():
                cursor.execute(f"TRUNCATE {table}")
    assert AuditEvent.objects.count() == 2
    assert AuditChainHead.objects.get(id=1).last_seq == 2


@postgres_only
def test_attack_c_flush_is_refused_outside_the_test_harness():
    from django.core.management.color import no_style
    from django.core.management.sql import sql_flush

    _write(1)
    statements = sql_flush(no_style(), connection)  # what `zwfw flush` runs: one TRUNCATE
    with connection.cursor() as cursor, pytest.raises(DatabaseError, match="cannot be truncated"), transaction.atomic():
        for sql in statements:
            cursor.execute(sql)
    assert AuditEvent.objects.count() == 1


@postgres_only
def test_attack_c_truncated_trail_is_found_by_the_checkpoint():
    _write(3)
    audit_checkpoint_write()
    with connection.cursor() as cursor:
        # An attacker who gets past the trigger; the test database's flush door stands for that.
        cursor.execute("SET LOCAL zwfw.audit_flush = 'allow'")
        cursor.execute("TRUNCATE core_auditevent, core_auditchainhead")
    assert AuditEvent.objects.count() == 0
    assert _kinds() == [(3, "checkpoint_missing")]
    assert _verify_exit_code() == 1
