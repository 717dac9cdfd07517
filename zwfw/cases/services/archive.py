"""Sealing a final case for the archive (归档封存, ADR 0033).

A case that reached a final state (办结, 不予受理, 撤回) may still be owed a document: its written
notice is rendered after commit by the outbox (`notices.notice_issue`), which links the document
to the timeline entry (and the acceptance notice to the case). So the seal waits until nothing is
owed, then sets `archived_at` once — in the transaction of the final move when nothing is owed
(即办件 settled, withdrawal), in the notice's transaction when that was the last thing owed, and
by the periodic sweep (`cases_seal_due`) for anything left behind (a notice redelivered after a
failure). From the seal on, the database refuses every change to the case and its rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction

from zwfw.core import clock
from zwfw.core.audit import audit_record

from ..freeze import FINAL_STATUSES
from ..models import Case
from .notices import NOTICE_BY_ACTION

# Timeline entries whose document is issued after commit: a final case waits for each of them.
# The decision context adds the actions of its documents (决定书, 送达回证 …).
DOCUMENT_OWED_ACTIONS: set[str] = set(NOTICE_BY_ACTION) | {
    "decide",  # 决定书 (services.decision)
    "special_procedure_start", "extension_approve",  # 特别程序告知书, 延长审批期限告知书 (services.procedures)
}
# Further "is something still owed?" checks, for documents linked elsewhere than the timeline.
OWED_CHECKS: list[Callable[[Case], bool]] = []


def case_owes(case: Case) -> bool:
    """Whether a document the case is owed has not been issued yet."""
    if case.events.filter(action__in=DOCUMENT_OWED_ACTIONS, document__isnull=True).exists():
        return True
    return any(check(case) for check in OWED_CHECKS)


def case_seal(*, case: Case, actor=None, now: dt.datetime) -> bool:
    """Seal `case` inside the caller's transaction if it is final and owed nothing. Returns whether
    this call sealed it (a second call, or one that finds the case still open, changes nothing)."""
    if case.status not in FINAL_STATUSES or case.archived_at is not None or case_owes(case):
        return False
    # Conditional: of two transactions that both see the case unsealed, one seals.
    sealed = Case.objects.filter(pk=case.pk, status=case.status, archived_at__isnull=True).update(archived_at=now)
    if not sealed:
        return False
    case.archived_at = now
    audit_record(actor=actor, action="cases.case.archive", target=case, now=now,
                 changes={"status": case.status, "archived_at": now})
    return True


def cases_seal_due(*, now: dt.datetime | None = None, batch: int = 500) -> int:
    """The sweep: final cases not yet sealed (index status, archived_at), each in its own
    transaction; a case still owed a notice stays for a later run."""
    now = now or clock.now()
    ids = list(Case.objects.filter(status__in=FINAL_STATUSES, archived_at__isnull=True)
               .order_by("pk").values_list("pk", flat=True)[:batch])
    done = 0
    for pk in ids:
        with transaction.atomic():
            case = Case.objects.select_for_update(of=("self",)).filter(pk=pk).first()
            if case is not None and case_seal(case=case, now=now):
                done += 1
    return done
