import datetime as dt

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import DatabaseError, transaction

from zwfw.core.audit import audit_key, audit_record, audit_seal, audit_unsealed, audit_verify
from zwfw.core.models import AuditChainHead, AuditEvent
from zwfw.core.testing import audit_triggers_disabled

pytestmark = pytest.mark.django_db


def _write(n):
    for i in range(n):
        with transaction.atomic():
            audit_record(actor=None, action="test.write", object_type="t", object_id=str(i), changes={"i": i})


def _chain():
    return list(AuditEvent.objects.order_by("seq").values_list("object_id", "chain_seq"))


def test_record_writes_an_unsealed_event_and_the_sealer_chains_it_in_order():
    _write(3)
    assert _chain() == [("0", None), ("1", None), ("2", None)]
    assert set(AuditEvent.objects.values_list("hash", "prev_hash")) == {("", "")}
    assert audit_seal() == 3
    assert _chain() == [("0", 1), ("1", 2), ("2", 3)]
    events = list(AuditEvent.objects.order_by("chain_seq"))
    assert events[0].prev_hash == "0" * 64
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    head = AuditChainHead.objects.get(id=1)
    assert (head.last_seq, head.last_hash) == (3, events[-1].hash)
    assert audit_seal() == 0
    assert audit_verify() == []


def test_sealing_in_batches_gives_the_same_chain():
    _write(5)
    assert audit_seal(batch=2) == 5
    assert [c for _, c in _chain()] == [1, 2, 3, 4, 5]
    assert audit_verify() == []


def test_an_event_committed_after_later_numbers_were_sealed_takes_the_next_position():
    # Concurrent writers can commit out of numbering order: a late commit with a lower number
    # must still be sealed, after the events already in the chain.
    with transaction.atomic():
        AuditEvent.objects.create(seq=1000, occurred_at="2026-11-02T08:00:00+08:00", action="late.b")
        AuditEvent.objects.create(seq=1001, occurred_at="2026-11-02T08:00:00+08:00", action="late.c")
    audit_seal()
    with transaction.atomic():
        AuditEvent.objects.create(seq=999, occurred_at="2026-11-02T08:00:00+08:00", action="late.a")
    assert audit_unsealed().count == 1
    assert audit_seal() == 1
    assert list(AuditEvent.objects.order_by("chain_seq").values_list("seq", "chain_seq")) == [
        (1000, 1),
        (1001, 2),
        (999, 3),
    ]
    assert audit_verify() == []


def test_record_rolls_back_with_the_callers_transaction():
    _write(1)
    with pytest.raises(RuntimeError, match="caller failed"), transaction.atomic():
        audit_record(actor=None, action="test.rolled_back")
        raise RuntimeError("caller failed")
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["test.write"]


def test_unsealed_reports_count_and_oldest():
    assert audit_unsealed().count == 0 and audit_unsealed().oldest is None
    with transaction.atomic():
        first = audit_record(actor=None, action="a", now=dt.datetime.fromisoformat("2026-11-02T08:00:00+08:00"))
        audit_record(actor=None, action="b")
    pending = audit_unsealed()
    assert (pending.count, pending.oldest) == (2, first.occurred_at)


@pytest.mark.django_db(transaction=True)
def test_record_outside_transaction_is_refused():
    with pytest.raises(RuntimeError):
        audit_record(actor=None, action="test.write")
    assert AuditEvent.objects.count() == 0


def test_triggers_refuse_update_and_delete():
    _write(1)
    audit_seal()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().update(action="tampered")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().update(hash="f" * 64)  # a sealed row is never resealed
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert list(AuditEvent.objects.values_list("action", "chain_seq")) == [("test.write", 1)]


CONTENT_VALUES = {
    "seq": 987654,
    "occurred_at": "2020-01-01T00:00:00+00:00",
    "actor_id": 42,
    "actor_name": "mallory",
    "actor_role": "admin",
    "action": "tampered",
    "object_type": "x",
    "object_id": "x",
    "object_repr": "x",
    "changes": {"x": 1},
    "ip_address": "6.6.6.6",
}


@pytest.mark.parametrize("field", [f.name for f in AuditEvent._meta.concrete_fields if f.name not in AuditEvent.SEAL_FIELDS])
def test_sealing_update_may_not_change_any_other_column(field):
    # Every content column is covered by the triggers on both databases; a new column that is
    # not must fail here (add it to CONTENT_COLUMNS in migration core 0005's successor).
    _write(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().update(chain_seq=1, hash="f" * 64, **{field: CONTENT_VALUES[field]})
    assert list(AuditEvent.objects.values_list("action", "chain_seq", "hash")) == [("test.write", None, "")]


def test_edited_row_is_detected():
    _write(4)
    audit_seal()
    with audit_triggers_disabled():
        AuditEvent.objects.filter(chain_seq=2).update(changes={"i": 99})
    assert [(p.seq, p.kind) for p in audit_verify()] == [(2, "hash_mismatch")]


def test_deleted_middle_row_is_detected():
    _write(4)
    audit_seal()
    with audit_triggers_disabled():
        AuditEvent.objects.filter(chain_seq=3).delete()
    assert [(p.seq, p.kind) for p in audit_verify()] == [(3, "missing"), (4, "link_broken")]


def test_deleted_last_row_is_detected():
    _write(3)
    audit_seal()
    with audit_triggers_disabled():
        AuditEvent.objects.filter(chain_seq=3).delete()
    assert [p.kind for p in audit_verify()] == ["head_mismatch"]


def test_deleted_last_rows_and_chain_head_are_detected():
    _write(3)
    audit_seal()
    with audit_triggers_disabled():
        AuditEvent.objects.filter(chain_seq=3).delete()
        AuditChainHead.objects.all().delete()  # an attacker who also drops the triggers
    assert [p.kind for p in audit_verify()] == ["head_mismatch"]


def test_chain_head_cannot_be_deleted():
    _write(1)
    audit_seal()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditChainHead.objects.all().delete()
    assert AuditChainHead.objects.get(id=1).last_seq == 1


def test_verify_command_seals_first_and_exits_1_on_a_break(capsys):
    _write(2)
    call_command("audit", "verify")
    assert "共 2 条记录" in capsys.readouterr().out
    assert audit_unsealed().count == 0
    with audit_triggers_disabled():
        AuditEvent.objects.filter(chain_seq=1).update(actor_name="mallory")
    with pytest.raises(SystemExit) as exc:
        from zwfw.cli import main

        main(["audit", "verify"])
    assert exc.value.code == 1


def test_verify_command_no_seal_reports_the_backlog(capsys):
    _write(2)
    call_command("audit", "verify", "--no-seal")
    out = capsys.readouterr().out
    assert "共 0 条记录" in out and "另有 2 条待封存记录" in out
    assert audit_unsealed().count == 2


def test_seal_command(capsys):
    _write(3)
    call_command("audit", "seal")
    assert capsys.readouterr().out.strip() == "已封存 3 条记录"
    assert audit_unsealed().count == 0


@pytest.mark.parametrize("bad", ["0011", "zz" * 16, "00112233445566778899aabbccddee"])
def test_short_or_malformed_audit_key_is_refused(settings, bad):
    settings.ZWFW_AUDIT_KEY = bad
    with pytest.raises(ImproperlyConfigured):
        audit_key()
    assert [m.id for m in run_checks() if m.id == "zwfw.E001"] == ["zwfw.E001"]


def test_audit_key_check_is_clean_with_a_good_key(settings):
    settings.ZWFW_AUDIT_KEY = "00" * 32
    assert [m.id for m in run_checks() if m.id == "zwfw.E001"] == []
