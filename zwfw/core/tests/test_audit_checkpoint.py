import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import transaction

from zwfw.core.audit import audit_record, audit_seal, audit_verify
from zwfw.core.audit_checkpoint import (
    Checkpoint,
    FileWitness,
    SyslogWitness,
    audit_checkpoint_write,
    checkpoint_sign,
    checkpoint_signature_valid,
    checkpoints_read,
    witness,
)
from zwfw.core.models import AuditChainHead

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 2, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def _write(n):
    for i in range(n):
        with transaction.atomic():
            audit_record(actor=None, action="test.write", object_id=str(i))
    audit_seal()


def _path(settings) -> Path:
    return Path(settings.ZWFW_AUDIT_CHECKPOINT.removeprefix("file://"))


class MemoryWitness:
    rows: list = []

    def write(self, checkpoint):
        MemoryWitness.rows.append(checkpoint)

    def read(self):
        return list(MemoryWitness.rows)


def test_checkpoint_write_signs_the_head_and_appends_it_to_the_file(settings):
    _write(2)
    cp = audit_checkpoint_write(now=NOW)
    head = AuditChainHead.objects.get(id=1)
    assert (cp.chain_seq, cp.digest, cp.at) == (2, head.last_hash, "2026-11-02T00:30:00.000000Z")
    assert checkpoint_signature_valid(cp)
    _write(1)
    audit_checkpoint_write(now=NOW + dt.timedelta(minutes=5))
    rows = [json.loads(line) for line in _path(settings).read_text().splitlines()]
    assert [r["chain_seq"] for r in rows] == [2, 3]
    assert checkpoints_read() == [Checkpoint.from_dict(r) for r in rows]
    assert audit_verify() == []


def test_no_checkpoint_for_an_empty_chain(settings):
    assert audit_checkpoint_write(now=NOW) is None
    assert not _path(settings).exists()


def test_signature_covers_position_digest_and_time():
    cp = checkpoint_sign(chain_seq=7, digest="ab" * 32, at=NOW)
    assert checkpoint_signature_valid(cp)
    for forged in (
        Checkpoint(8, cp.digest, cp.at, cp.signature),
        Checkpoint(7, "cd" * 32, cp.at, cp.signature),
        Checkpoint(7, cp.digest, "2026-11-03T00:00:00.000000Z", cp.signature),
    ):
        assert not checkpoint_signature_valid(forged)
    assert not checkpoint_signature_valid(cp, key=bytes(16))


def test_a_forged_checkpoint_is_reported_not_trusted(settings):
    _write(2)
    forged = checkpoint_sign(chain_seq=9, digest="ab" * 32, at=NOW, key=bytes(16))
    FileWitness(_path(settings)).write(forged.as_dict())
    assert [(p.seq, p.kind) for p in audit_verify()] == [(9, "checkpoint_forged")]


def test_witness_by_setting(settings, tmp_path):
    assert isinstance(witness("syslog"), SyslogWitness)
    file_witness = witness(f"file://{tmp_path}/cp.jsonl")
    assert isinstance(file_witness, FileWitness) and file_witness.path == tmp_path / "cp.jsonl"
    assert isinstance(witness(f"{__name__}.MemoryWitness"), MemoryWitness)
    with pytest.raises(ImproperlyConfigured):
        witness("ftp")


def test_a_witness_class_named_by_dotted_path_receives_and_returns_checkpoints(settings):
    settings.ZWFW_AUDIT_CHECKPOINT = f"{__name__}.MemoryWitness"
    MemoryWitness.rows = []
    _write(1)
    audit_checkpoint_write(now=NOW)
    assert [r["chain_seq"] for r in MemoryWitness.rows] == [1]
    assert [cp.chain_seq for cp in checkpoints_read()] == [1]


def test_syslog_witness_sends_one_line(monkeypatch):
    import syslog

    sent = []
    monkeypatch.setattr(syslog, "openlog", lambda *a: None)
    monkeypatch.setattr(syslog, "syslog", lambda priority, message: sent.append(message))
    SyslogWitness().write({"chain_seq": 1, "digest": "d", "at": "t", "signature": "s"})
    assert sent == ['checkpoint {"at": "t", "chain_seq": 1, "digest": "d", "signature": "s"}']
    assert SyslogWitness().read() == []


def test_checkpoint_command_seals_then_writes(settings, capsys):
    with transaction.atomic():
        audit_record(actor=None, action="test.write")
    call_command("audit", "checkpoint")
    assert capsys.readouterr().out.startswith("已写出检查点：第 1 条")
    assert [cp.chain_seq for cp in checkpoints_read()] == [1]


def test_verify_command_reads_collected_checkpoints_from_a_file(settings, tmp_path, capsys):
    settings.ZWFW_AUDIT_CHECKPOINT = "syslog"  # write-only: verify is given the collected copy
    _write(2)
    collected = tmp_path / "collected.jsonl"
    FileWitness(collected).write(checkpoint_sign(chain_seq=2, digest="ab" * 32, at=NOW).as_dict())
    with pytest.raises(SystemExit) as exc:
        from zwfw.cli import main

        main(["audit", "verify", "--checkpoints", str(collected)])
    assert exc.value.code == 1
    assert "checkpoint_mismatch" in capsys.readouterr().err
