"""Reading cases, always for a viewer (ADR 0021): an applicant sees their own, a clerk what their
center or department may see, a supervisor their region; anything else is "not found"."""

from __future__ import annotations

import datetime as dt
import hmac

from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from zwfw.accounts.acting import agent_grants
from zwfw.accounts.models import Role
from zwfw.accounts.scope import NOTHING, Scope
from zwfw.calendar.models import ClockStatus, TimeLimitClock
from zwfw.core.errors import NotFound

from .models import Case, CaseStatus, CaseStep, Channel
from .services.drafting import ACCEPTANCE_CLOCK, OWNER_TYPE

WALK_IN = (Channel.WINDOW, Channel.KIOSK, Channel.POST)
DECISION_PENDING = (CaseStatus.PRE_REVIEW, CaseStatus.RECEIVED, CaseStatus.SUPPLEMENT)


def _center_id(user) -> int | None:
    return user.service_center_id or (user.window.center_id if user.window_id else None)


def case_visibility(viewer) -> Q:
    """The cases `viewer` may see, as one condition (several roles add up)."""
    scope = Scope.for_viewer(viewer)
    if scope.is_anonymous:
        return NOTHING
    if scope.is_applicant:
        # Their own cases, their enterprises' (as legal representative), and an enterprise's cases
        # of the items an authorisation in force covers (as its agent; revoked → no longer).
        grants = agent_grants(viewer).filter(Q(item__isnull=True) | Q(item=OuterRef("item")),
                                            enterprise=OuterRef("applicant"))
        return (Q(applicant__user_id=scope.user_id) | Q(applicant__enterprise_account__representative=scope.user_id)
                | Exists(grants))
    q = NOTHING
    staff_q = NOTHING
    if scope.has(Role.WINDOW_CLERK):
        center = _center_id(viewer)
        if center:
            staff_q |= Q(service_center_id=center)
        if scope.department is not None:
            staff_q |= Q(department_id=scope.department.pk)
    if scope.has(Role.APPROVER, Role.DEPARTMENT_HEAD) and scope.department is not None:
        staff_q |= Q(department_id=scope.department.pk)
        # A joint department (会签/并联) sees the cases that have a step for it.
        staff_q |= Exists(CaseStep.objects.filter(case=OuterRef("pk"), joint_department_id=scope.department.pk))
    if scope.region_wide:
        staff_q |= Q(region__code__startswith=scope.region.prefix)
    # Staff do not see an applicant's unsubmitted online draft; walk-in drafts are the clerk's own work.
    q |= staff_q & (~Q(status=CaseStatus.DRAFT) | Q(channel__in=WALK_IN))
    if scope.has(Role.PROXY_AGENT):
        q |= Q(proxy_id=scope.user_id)
    return q


def cases_for(viewer) -> QuerySet[Case]:
    return Case.objects.filter(case_visibility(viewer)).select_related(
        "applicant", "department", "region", "service_center", "item")


def case_get(*, viewer, case_id) -> Case:
    try:
        return cases_for(viewer).select_related("version", "window", "service_point", "supplement").get(pk=int(case_id))
    except (Case.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("未找到该办件"), code="case_not_found") from None


def acceptance_queue(viewer) -> QuerySet[Case]:
    """Cases waiting for an acceptance decision that the clerk may take, the nearest deemed-
    acceptance deadline first (supplement waits and pre-reviews after, by age)."""
    scope = Scope.for_viewer(viewer)
    if not scope.has(Role.WINDOW_CLERK):
        return Case.objects.none()
    clocks = TimeLimitClock.objects.filter(owner_type=OWNER_TYPE, purpose=ACCEPTANCE_CLOCK,
                                           owner_id=_cast_pk()).values("due_at")[:1]
    return (cases_for(viewer).filter(status__in=DECISION_PENDING)
            .annotate(deemed_due_at=clocks)
            .order_by(F("deemed_due_at").asc(nulls_last=True), "received_at", "pk"))


def _cast_pk():
    return Cast(OuterRef("pk"), output_field=CharField())


def case_clocks(case: Case) -> dict[str, TimeLimitClock]:
    return {c.purpose: c for c in TimeLimitClock.objects.filter(owner_type=OWNER_TYPE, owner_id=str(case.pk))}


def deemed_acceptance_due(case: Case) -> dt.datetime | None:
    row = TimeLimitClock.objects.filter(owner_type=OWNER_TYPE, owner_id=str(case.pk), purpose=ACCEPTANCE_CLOCK,
                                        status__in=[ClockStatus.RUNNING, ClockStatus.PAUSED]).first()
    return row.due_at if row else None


def case_public_lookup(*, number: str, query_code: str) -> Case:
    """Anyone with the number and the 6-digit query code printed on the receipt: status and
    dates only (the page shows nothing personal). Both wrong and unknown answer the same."""
    number, query_code = (number or "").strip(), (query_code or "").strip()
    case = Case.objects.filter(number=number).exclude(status=CaseStatus.DRAFT).first() if number else None
    expected = case.query_code if case is not None else "000000"
    if not (query_code and hmac.compare_digest(expected.encode(), query_code.encode())) or case is None:
        raise NotFound(_("办件编号或查询码不正确"), code="case_lookup_failed")
    return case
