"""Verification runs of the audit chain, stored so that the auditor sees the last result and
when it ran (issue 12 point 12). `zwfw audit verify` and the auditor's page both go through
`audit_verification_run`."""

from __future__ import annotations

import datetime as dt

from . import clock
from .audit import audit_seal, audit_unsealed, audit_verify
from .audit_checkpoint import checkpoints_read
from .models import AuditChainHead, AuditVerification, VerificationSource


def audit_verification_run(
    *,
    actor=None,
    source: str = VerificationSource.COMMAND,
    seal: bool = True,
    checkpoints_from: str | None = None,
    now: dt.datetime | None = None,
) -> AuditVerification:
    """Seal pending events (unless `seal=False`), verify the chain against every checkpoint and
    store the run with its problems. Returns the stored run."""
    if seal:
        audit_seal()
    marks = checkpoints_read(checkpoints_from)
    problems = audit_verify(checkpoints=marks)
    head = AuditChainHead.objects.filter(id=1).first()
    return AuditVerification.objects.create(
        ran_at=now or clock.now(),
        source=source,
        actor_id=getattr(actor, "pk", None),
        actor_name=(actor.get_username() if actor is not None else "")[:150],
        events_checked=head.last_seq if head else 0,
        checkpoints=len(marks),
        unsealed=audit_unsealed().count,
        problems=[{"seq": p.seq, "kind": p.kind, "detail": p.detail} for p in problems],
    )


def audit_verification_last() -> AuditVerification | None:
    return AuditVerification.objects.order_by("-ran_at", "-id").first()
