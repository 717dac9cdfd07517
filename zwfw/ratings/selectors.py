"""Reads of 好差评, always scoped to the viewer (zwfw.accounts.scope): an applicant sees the
ratings of the cases they may see; department staff their department's; the supervision office
its region subtree's; the system administrator everything. Public figures are in stats.py."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from zwfw.accounts.scope import NOTHING, Scope
from zwfw.cases.models import Case
from zwfw.cases.selectors import case_visibility
from zwfw.core.clock import SHANGHAI
from zwfw.core.errors import NotFound

from .models import Appeal, AppealStatus, CommentStatus, Rating, WorkOrder, WorkOrderStatus

OPEN_ORDERS = (WorkOrderStatus.OPEN, WorkOrderStatus.CALLED_BACK, WorkOrderStatus.SUBMITTED, WorkOrderStatus.RETURNED)


def _staff_q(scope: Scope, path: str = "") -> Q:
    """Department staff: their department; the supervision office: the region subtree."""
    prefix = f"{path}__" if path else ""
    return scope.department_q(f"{prefix}department")


def rating_visibility(viewer) -> Q:
    scope = Scope.for_viewer(viewer)
    if scope.is_anonymous or scope.is_admin and not scope.everything:
        return NOTHING
    if scope.is_applicant:
        return Q(case__in=Case.objects.filter(case_visibility(viewer)).values("pk"))
    return _staff_q(scope)


def period_q(start: dt.date | None, end: dt.date | None, path: str = "rated_at") -> Q:
    """Ratings given on China dates start … end (both included)."""
    q = Q()
    if start:
        q &= Q(**{f"{path}__gte": dt.datetime.combine(start, dt.time(), tzinfo=SHANGHAI)})
    if end:
        q &= Q(**{f"{path}__lt": dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=SHANGHAI)})
    return q


def ratings_for(viewer, *, department=None, center=None, window=None, staff=None, level: int | None = None,
                bad_only: bool = False, start: dt.date | None = None, end: dt.date | None = None,
                case=None) -> QuerySet[Rating]:
    """The drill-down under every statistic: the viewer's ratings, narrowed by the row clicked."""
    qs = Rating.objects.filter(rating_visibility(viewer)).filter(period_q(start, end))
    for name, value in (("department_id", department), ("service_center_id", center), ("window_id", window),
                        ("staff_id", staff), ("level", level), ("case_id", case)):
        if value not in (None, ""):
            qs = qs.filter(**{name: value})
    if bad_only:
        qs = qs.filter(level__gte=4)
    return qs.select_related("case", "department", "service_center", "window", "staff").order_by("-rated_at", "-pk")


def rating_get(viewer, pk) -> Rating:
    try:
        return ratings_for(viewer).get(pk=int(pk))
    except (Rating.DoesNotExist, TypeError, ValueError):
        raise NotFound(_("未找到该评价，或您无权查看"), code="rating_not_found") from None


def work_orders_for(viewer, *, open_only: bool = False) -> QuerySet[WorkOrder]:
    scope = Scope.for_viewer(viewer)
    if not scope.is_staff:
        return WorkOrder.objects.none()
    qs = WorkOrder.objects.filter(_staff_q(scope)).select_related("rating__case", "department", "region")
    if open_only:
        qs = qs.filter(status__in=OPEN_ORDERS)
    return qs.order_by("due_at", "pk")


def work_order_get(viewer, pk) -> WorkOrder:
    try:
        return work_orders_for(viewer).get(pk=int(pk))
    except (WorkOrder.DoesNotExist, TypeError, ValueError):
        raise NotFound(_("未找到该工单，或您无权查看"), code="work_order_not_found") from None


def appeals_for(viewer, *, pending_only: bool = False) -> QuerySet[Appeal]:
    scope = Scope.for_viewer(viewer)
    if not scope.is_staff:
        return Appeal.objects.none()
    qs = Appeal.objects.filter(_staff_q(scope, "rating")).select_related("rating__case", "rating__department")
    if pending_only:
        qs = qs.filter(status=AppealStatus.PENDING)
    return qs.order_by("-filed_at", "-pk")


def appeal_get(viewer, pk) -> Appeal:
    try:
        return appeals_for(viewer).get(pk=int(pk))
    except (Appeal.DoesNotExist, TypeError, ValueError):
        raise NotFound(_("未找到该申诉，或您无权查看"), code="appeal_not_found") from None


def comments_to_moderate(viewer) -> QuerySet[Rating]:
    scope = Scope.for_viewer(viewer)
    if not scope.region_wide and not scope.everything:
        return Rating.objects.none()
    return (Rating.objects.filter(_staff_q(scope), comment_status=CommentStatus.PENDING).exclude(comment="")
            .select_related("case", "department").order_by("rated_at", "pk"))
