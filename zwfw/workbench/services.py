"""Writes started from the workbench."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from zwfw.accounts.models import Role, User
from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.audit_runs import audit_verification_run
from zwfw.core.errors import PermissionDenied
from zwfw.core.models import AuditVerification, VerificationSource


def audit_chain_check(*, actor: User, now: dt.datetime | None = None) -> AuditVerification:
    """Verify the whole audit chain, store the run (its result and time are shown to the auditor)
    and record that the auditor did so.

    等保 2.0 (GB/T 22239-2019) 8.1.4.3: audit records are protected and their integrity checked;
    the check itself is an auditor's action, so it is recorded like any other.
    """
    if not actor.has_role(Role.SECURITY_AUDITOR):
        raise PermissionDenied()
    now = now or clock.now()
    # The chain covers sealed events: the run seals what has committed so far first (ADR 0019).
    run = audit_verification_run(actor=actor, source=VerificationSource.WORKBENCH, now=now)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="audit.verify",
            role=Role.SECURITY_AUDITOR,
            object_type="core.auditevent",
            object_repr="审计链完整性校验",
            changes={"events_checked": run.events_checked, "problems": len(run.problems)},
            now=now,
        )
    return run


def audit_export_record(*, actor: User, filters: dict, file_format: str, rows: int, now: dt.datetime | None = None) -> None:
    """Record that the auditor exported the trail (what was filtered, how many rows, which format)."""
    if not actor.has_role(Role.SECURITY_AUDITOR):
        raise PermissionDenied()
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="audit.export",
            role=Role.SECURITY_AUDITOR,
            object_type="core.auditevent",
            object_repr="审计记录导出",
            changes={"filters": {k: v for k, v in filters.items() if v}, "format": file_format, "rows": rows},
            now=now,
        )
