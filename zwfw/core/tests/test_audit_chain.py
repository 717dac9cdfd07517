import pytest
from django.core.management import call_command
from django.db import DatabaseError, transaction

from zwfw.core.audit import audit_record, audit_verify
from zwfw.core.models import AuditEvent
from zwfw.core.testing import audit_triggers_disabled

pytestmark = pytest.mark.django_db


def _write(n):
    for i in range(n):
        with transaction.atomic():
            audit_record(actor=None, action="test.write", object_type="t", object_id=str(i), changes={"i": i})


def test_intact_chain_verifies():
    _write(5)
    assert audit_verify() == []
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == [1, 2, 3, 4, 5]


@pytest.mark.django_db(transaction=True)
def test_record_outside_transaction_is_refused():
    with pytest.raises(RuntimeError):
        audit_record(actor=None, action="test.write")


def test_triggers_refuse_update_and_delete():
    _write(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).update(action="tampered")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).delete()
    assert AuditEvent.objects.get(seq=1).action == "test.write"


def test_edited_row_is_detected():
    _write(4)
    with audit_triggers_disabled():
        AuditEvent.objects.filter(seq=2).update(changes={"i": 99})
    problems = audit_verify()
    assert [(p.seq, p.kind) for p in problems] == [(2, "hash_mismatch")]


def test_deleted_middle_row_is_detected():
    _write(4)
    with audit_triggers_disabled():
        AuditEvent.objects.filter(seq=3).delete()
    kinds = {(p.seq, p.kind) for p in audit_verify()}
    assert (3, "missing") in kinds
    assert (4, "link_broken") in kinds


def test_deleted_last_row_is_detected():
    _write(3)
    with audit_triggers_disabled():
        AuditEvent.objects.filter(seq=3).delete()
    assert [p.kind for p in audit_verify()] == ["head_mismatch"]


def test_verify_command_exit_codes(capsys):
    _write(2)
    call_command("audit", "verify")
    assert "共 2 条记录" in capsys.readouterr().out
    with audit_triggers_disabled():
        AuditEvent.objects.filter(seq=1).update(actor_name="mallory")
    with pytest.raises(SystemExit) as exc:
        from zwfw.cli import main

        main(["audit", "verify"])
    assert exc.value.code == 1


def test_deleted_last_rows_and_chain_head_are_detected():
    from zwfw.core.models import AuditChainHead

    _write(3)
    with audit_triggers_disabled():
        AuditEvent.objects.filter(seq=3).delete()
        AuditChainHead.objects.all().delete()  # an attacker who also drops the triggers
    assert [p.kind for p in audit_verify()] == ["head_mismatch"]


def test_chain_head_cannot_be_deleted():
    from zwfw.core.models import AuditChainHead

    _write(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditChainHead.objects.all().delete()
    assert AuditChainHead.objects.get(id=1).last_seq == 1
