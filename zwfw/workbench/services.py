"""Writes started from the workbench."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from zwfw.accounts.models import Role, User
from zwfw.core import clock
from zwfw.core.audit import ChainProblem, audit_record, audit_seal, audit_verify
from zwfw.core.errors import PermissionDenied
from zwfw.core.models import AuditEvent


@dataclass(frozen=True)
class AuditCheck:
    checked_at: dt.datetime
    events_checked: int
    problems: list[ChainProblem]

    @property
    def intact(self) -> bool:
        return not self.problems


def audit_chain_check(*, actor: User, now: dt.datetime | None = None) -> AuditCheck:
    """Verify the whole audit chain and record that the auditor did so.

    等保 2.0 (GB/T 22239-2019) 8.1.4.3: audit records are protected and their integrity checked;
    the check itself is an auditor's action, so it is recorded like any other.
    """
    if not actor.has_role(Role.SECURITY_AUDITOR):
        raise PermissionDenied()
    now = now or clock.now()
    # The chain covers sealed events: seal what has committed so far first (ADR 0019).
    audit_seal()
    with transaction.atomic():
        checked = AuditEvent.objects.filter(chain_seq__isnull=False).count()
        problems = audit_verify()
        audit_record(
            actor=actor,
            action="audit.verify",
            role=Role.SECURITY_AUDITOR,
            object_type="core.auditevent",
            object_repr="审计链完整性校验",
            changes={"events_checked": checked, "problems": len(problems)},
            now=now,
        )
    return AuditCheck(checked_at=now, events_checked=checked, problems=problems)
