"""What every case service shares: who may act in which capacity, the timeline entry, the move."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zwfw.accounts.models import AccountKind, Role
from zwfw.core.audit import audit_record
from zwfw.core.errors import Conflict, NotFound

from ..models import Case, CaseEvent
from .state import CASE_STATES

# In which capacity an account acts on a case (recorded on every timeline entry).
APPLICANT = "applicant"
AGENT = "agent"
PROXY = "proxy"
CLERK = "clerk"
SYSTEM = "system"
CAPACITY_LABELS = {APPLICANT: gettext_lazy("申请人"), AGENT: gettext_lazy("经办人"), PROXY: gettext_lazy("代办员"),
                   CLERK: gettext_lazy("窗口人员"), SYSTEM: gettext_lazy("系统")}


def applicant_capacity(actor, case: Case) -> str | None:
    """The capacity in which `actor` may act as the applicant's side on `case`, or None."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return None
    if actor.kind in (AccountKind.CITIZEN, AccountKind.ENTERPRISE):
        if case.applicant.user_id == actor.pk:
            return APPLICANT
        if case.agent_id == actor.pk:
            return AGENT
        return None
    if actor.has_role(Role.PROXY_AGENT) and case.proxy_id == actor.pk:
        return PROXY
    return None


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


def require_applicant_side(actor, case: Case) -> str:
    capacity = applicant_capacity(actor, case)
    if capacity is None:
        raise NotFound(_("未找到该办件"), code="case_not_found")
    return capacity


def require_fresh(case: Case, revision: int | None) -> None:
    """Refuse an action taken on an older reading of the case (a stale page or API client)."""
    if revision is not None and int(revision) != case.revision:
        raise Conflict(_("该办件已有更新，请刷新页面后再操作"), code="case_stale")


def locked(case: Case) -> Case:
    """The case re-read inside the caller's transaction (select_for_update where supported)."""
    try:
        return Case.objects.select_for_update().select_related("applicant", "version", "department", "region").get(
            pk=case.pk)
    except Case.DoesNotExist:
        raise NotFound(_("未找到该办件"), code="case_not_found") from None


def move(case: Case, *, action: str, to: str, actor, capacity: str, now: dt.datetime, note: str = "",
         public: bool = True, document=None, changes: dict | None = None, **fields) -> CaseEvent:
    """Take one edge of the case's machine, bump its revision, write the timeline entry and the
    audit event — inside the caller's transaction."""
    moved = CASE_STATES.move(case, action=action, to=to, guard={"revision": case.revision},
                             revision=case.revision + 1, updated_at=now, **fields)
    event = CaseEvent.objects.create(
        case=case, at=now, action=action, label=str(CASE_STATES.labels.get(action, action)), status_after=to,
        actor=actor if getattr(actor, "pk", None) else None, acting_as=capacity, note=note, public=public,
        document=document,
    )
    audit_record(actor=actor, action=f"cases.case.{action}", target=case, now=now,
                 changes={"status": moved.change, "capacity": capacity, **(changes or {})})
    return event
