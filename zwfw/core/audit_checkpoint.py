"""Signed checkpoints of the audit chain's head, kept outside the database (ADR 0019).

Someone who can write to the database can cut the chain's tail and move the head back, or
replace the whole trail (TRUNCATE). A checkpoint — chain position, its digest, the time, and an
HMAC-SM3 signature with ZWFW_AUDIT_KEY — written periodically to a witness the database cannot
reach lets `zwfw audit verify` prove that the checkpointed position still exists with exactly
that digest. Events sealed after the last checkpoint are protected by the next one, so the
checkpoint interval bounds what a database-only attacker can remove unnoticed.

ZWFW_AUDIT_CHECKPOINT chooses the witness:
- ``file:///path/to/file.jsonl`` (default: ``data/audit-checkpoints.jsonl``): one JSON object a
  line, appended and fsynced; keep the file on a different host or an append-only mount.
- ``syslog``: one line to the local syslog (ident ``zwfw-audit``), to be forwarded to a log
  server; it cannot be read back, so verify takes the collected lines with ``--checkpoints FILE``.
- a dotted path to a class with ``write(checkpoint: dict) -> None`` and ``read() -> list[dict]``
  (a witness service of the province, for example).
"""

from __future__ import annotations

import datetime as dt
import hmac as std_hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from . import clock
from .audit import ChainProblem, audit_key, keyed_digest
from .models import AuditChainHead

PURPOSE = b"zwfw-audit-checkpoint-v1"


@dataclass(frozen=True)
class Checkpoint:
    chain_seq: int
    digest: str
    at: str  # ISO 8601, UTC
    signature: str

    def as_dict(self) -> dict:
        return {"chain_seq": self.chain_seq, "digest": self.digest, "at": self.at, "signature": self.signature}

    @classmethod
    def from_dict(cls, data: dict) -> Checkpoint:
        return cls(int(data["chain_seq"]), str(data["digest"]), str(data["at"]), str(data["signature"]))


def _signed_part(chain_seq: int, digest: str, at: str) -> bytes:
    return json.dumps({"chain_seq": chain_seq, "digest": digest, "at": at}, sort_keys=True).encode("ascii")


def checkpoint_sign(*, chain_seq: int, digest: str, at: dt.datetime, key: bytes | None = None) -> Checkpoint:
    stamp = at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return Checkpoint(chain_seq, digest, stamp, keyed_digest(PURPOSE, _signed_part(chain_seq, digest, stamp), key))


def checkpoint_signature_valid(cp: Checkpoint, key: bytes | None = None) -> bool:
    expected = keyed_digest(PURPOSE, _signed_part(cp.chain_seq, cp.digest, cp.at), key)
    return std_hmac.compare_digest(expected, cp.signature)


class FileWitness:
    """Appends one JSON line per checkpoint and fsyncs it."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)

    def write(self, checkpoint: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="ascii") as fh:
            fh.write(json.dumps(checkpoint, sort_keys=True) + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def read(self) -> list[dict]:
        if not self.path.exists():
            return []
        lines = self.path.read_text(encoding="ascii").splitlines()
        return [json.loads(line) for line in lines if line.strip()]


class SyslogWitness:
    """Sends each checkpoint to syslog (forwarded off the host by the deployment); write-only."""

    def write(self, checkpoint: dict) -> None:
        import syslog

        syslog.openlog("zwfw-audit", 0, syslog.LOG_AUTH)
        syslog.syslog(syslog.LOG_NOTICE, "checkpoint " + json.dumps(checkpoint, sort_keys=True))

    def read(self) -> list[dict]:
        return []


def default_checkpoint_path() -> Path:
    return Path(settings.BASE_DIR) / "data" / "audit-checkpoints.jsonl"


def witness(spec: str | None = None):
    """The witness named by ZWFW_AUDIT_CHECKPOINT (or `spec`)."""
    spec = spec if spec is not None else settings.ZWFW_AUDIT_CHECKPOINT
    if not spec:
        return FileWitness(default_checkpoint_path())
    if spec.startswith("file://"):
        path = unquote(urlparse(spec).path)
        if not path:
            raise ImproperlyConfigured("ZWFW_AUDIT_CHECKPOINT file:// needs an absolute path")
        return FileWitness(path)
    if spec == "syslog":
        return SyslogWitness()
    if "." in spec:
        return import_string(spec)()
    raise ImproperlyConfigured(f"ZWFW_AUDIT_CHECKPOINT: unknown witness {spec!r}")


def audit_checkpoint_write(*, now: dt.datetime | None = None) -> Checkpoint | None:
    """Sign the sealed chain's head and hand it to the witness; None while the chain is empty.

    Plain function for the periodic job (seal first, then checkpoint) and `zwfw audit checkpoint`.
    """
    head = AuditChainHead.objects.filter(id=1).first()
    if head is None or head.last_seq == 0:
        return None
    cp = checkpoint_sign(chain_seq=head.last_seq, digest=head.last_hash, at=now or clock.now())
    witness().write(cp.as_dict())
    return cp


def checkpoints_read(source: str | None = None) -> list[Checkpoint]:
    """Checkpoints from the configured witness, or from a file of collected lines (`source`)."""
    rows = FileWitness(source).read() if source else witness().read()
    return [Checkpoint.from_dict(row) for row in rows]


def checkpoint_problems(marks: list[Checkpoint], seen: dict[int, str], key: bytes | None = None) -> list[ChainProblem]:
    """Compare each checkpoint with the digests found at its position while walking the chain."""
    key = key if key is not None else audit_key()
    problems = []
    for cp in marks:
        if not checkpoint_signature_valid(cp, key):
            problems.append(ChainProblem(cp.chain_seq, "checkpoint_forged", f"检查点签名无效（{cp.at}）"))
        elif cp.chain_seq not in seen:
            problems.append(
                ChainProblem(cp.chain_seq, "checkpoint_missing", f"检查点（{cp.at}）记录的第 {cp.chain_seq} 条已不在链中（链被截短或清空）")
            )
        elif seen[cp.chain_seq] != cp.digest:
            problems.append(
                ChainProblem(cp.chain_seq, "checkpoint_mismatch", f"第 {cp.chain_seq} 条与检查点（{cp.at}）的摘要不符（链被重建）")
            )
    return problems
