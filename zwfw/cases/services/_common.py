"""What every case service shares: who may act in which capacity, the timeline entry, the move."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zwfw.accounts.acting import acting_for
from zwfw.accounts.models import Role
from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import Conflict, NotFound

from ..freeze import frozen_error
from ..models import Case, CaseEvent
from ..observers import case_move_begin
from .state import CASE_STATES

# In which capacity an account acts on a case (recorded on every timeline entry).
APPLICANT = "applicant"
LEGAL_REPRESENTATIVE = "legal_representative"
AGENT = "agent"
PROXY = "proxy"
CLERK = "clerk"
APPROVER = "approver"
DEPARTMENT_HEAD = "department_head"
SYSTEM = "system"
CAPACITY_LABELS = {APPLICANT: gettext_lazy("申请人"), LEGAL_REPRESENTATIVE: gettext_lazy("法定代表人"),
                   AGENT: gettext_lazy("经办人"), PROXY: gettext_lazy("代办员"),
                   CLERK: gettext_lazy("窗口人员"), APPROVER: gettext_lazy("审批人员"),
                   DEPARTMENT_HEAD: gettext_lazy("部门负责人"), SYSTEM: gettext_lazy("系统")}


def applicant_capacity(actor, case: Case, *, on=None) -> str | None:
    """The capacity in which `actor` may act as the applicant's side on `case` `on` a moment (now),
    or None: the applicant's own account, an enterprise's legal representative or an agent
    authorised for the item then (accounts.acting), or the proxy agent who submitted it under a
    mandate still in force."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return None
    try:
        acting = acting_for(actor, case.applicant, item=case.item_id and case.item, on=on or clock.now())
    except NotFound:
        return None
    if acting.capacity == "proxy":
        return PROXY if case.proxy_id == actor.pk else None
    return {"self": APPLICANT, "legal_representative": LEGAL_REPRESENTATIVE, "agent": AGENT}[acting.capacity]


def clerk_may_act(actor, case: Case) -> bool:
    """A window clerk acts on any department's case received at their center (一窗受理,
    无差别全科受理) and on their own department's cases."""
    if actor is None or not actor.is_active or not actor.has_role(Role.WINDOW_CLERK):
        return False
    if case.department_id and case.department_id == actor.department_id:
        return True
    center_id = actor.service_center_id or (actor.window.center_id if actor.window_id else None)
    return bool(center_id and case.service_center_id == center_id)


def require_clerk(actor, case: Case) -> None:
    if not clerk_may_act(actor, case):
        # A clerk of another center or department is told nothing about the case.
        raise NotFound(_("未找到该办件"), code="case_not_found")


def require_applicant_side(actor, case: Case, now=None) -> str:
    capacity = applicant_capacity(actor, case, on=now)
    if capacity is None:
        raise NotFound(_("未找到该办件"), code="case_not_found")
    return capacity


def require_fresh(case: Case, revision: int | None) -> None:
    """Refuse an action taken on an older reading of the case (a stale page or API client)."""
    if revision is not None and int(revision) != case.revision:
        raise Conflict(_("该办件已有更新，请刷新页面后再操作"), code="case_stale")


def _transaction_token():
    """An object that stands for the transaction in progress and for no other: Django replaces
    the list of on-commit hooks when a transaction ends (and when a savepoint rolls back, after
    which the case is simply read again). None outside a transaction."""
    return connection.run_on_commit if connection.in_atomic_block else None


def mark_locked(case: Case) -> Case:
    """Note that the current transaction wrote (or locked and read) `case` and keeps this
    instance in step with its row, so `locked` need not read it again in this transaction."""
    case._locked_in = _transaction_token()
    return case


def locked(case: Case) -> Case:
    """The case re-read inside the caller's transaction (select_for_update where supported) —
    unless this very transaction created it a moment ago (`mark_locked`): a row the transaction
    inserted is invisible to others until commit, so it is already as good as locked."""
    token = _transaction_token()
    if token is not None and getattr(case, "_locked_in", None) is token:
        return case
    try:
        # of=("self",): lock the case's row only, not the item, version, region and department
        # rows joined for reading (those would serialise every case of a region on PostgreSQL).
        case = Case.objects.select_for_update(of=("self",)).select_related(
            "applicant", "version", "department", "region", "item").get(pk=case.pk)
    except Case.DoesNotExist:
        raise NotFound(_("未找到该办件"), code="case_not_found") from None
    if case.archived_at is not None:
        # Sealed (ADR 0033): the database would refuse the write; say so before trying.
        raise frozen_error()
    return case


def move(case: Case, *, action: str, to: str, actor, capacity: str, now: dt.datetime, note: str = "",
         public: bool = True, document=None, changes: dict | None = None, **fields) -> CaseEvent:
    """Take one edge of the case's machine, bump its revision, write the timeline entry and the
    audit event — inside the caller's transaction. Observers (the supervision rollups) see the
    case before and after, in the same transaction."""
    finish = case_move_begin(case)
    moved = CASE_STATES.move(case, action=action, to=to, guard={"revision": case.revision},
                             revision=case.revision + 1, updated_at=now, **fields)
    event = CaseEvent.objects.create(
        case=case, at=now, action=action, label=str(CASE_STATES.labels.get(action, action)), status_after=to,
        actor=actor if getattr(actor, "pk", None) else None, acting_as=capacity, note=note, public=public,
        document=document,
    )
    audit_record(actor=actor, action=f"cases.case.{action}", target=case, now=now,
                 changes={"status": moved.change, "capacity": capacity, **(changes or {})})
    for done in finish:
        done(case)
    return event
