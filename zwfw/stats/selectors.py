"""Reads behind the dashboards, always for a supervisor's region subtree (ADR 0021, 0036).

Figures come from the rollups (`CaseDayRollup`) — never from scanning cases — plus two snapshot
counts read through indexes: overdue now (running promised clocks with `due_at` < now, the
supervision index) and the cards of the period. The drill-down (`drill_cases`) turns one figure
back into the cases behind it, with the same definitions as `facts.case_facts`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import BigIntegerField, Count, F, Q, QuerySet, Sum
from django.db.models.functions import Cast, TruncDate, TruncMonth
from django.utils.translation import gettext as _

from zwfw.accounts.models import Role
from zwfw.accounts.scope import Scope
from zwfw.calendar.limits import LimitUnit
from zwfw.calendar.models import ClockStatus, TimeLimitClock
from zwfw.core.clock import SHANGHAI
from zwfw.core.errors import NotFound, PermissionDenied, ValidationFailed
from zwfw.organizations.models import CenterKind, Department, Region, ServiceCenter

from .assessment import assessment_score
from .facts import ONLINE, OPEN
from .figures import Figures
from .models import METRICS, CaseDayRollup

GROUPS = ("department", "center", "kind", "region")
NO_CENTER_KIND = "online"
MAX_PERIOD_DAYS = 3660


@dataclass(frozen=True)
class Where:
    """The part of the viewer's subtree a dashboard looks at, and its period (China dates)."""

    region: Region
    start: dt.date
    end: dt.date
    department_id: int | None = None
    center_id: int | None = None  # 0 = no center (online)
    center_kind: str | None = None

    @property
    def prefix(self) -> str:
        return self.region.prefix

    def moments(self) -> tuple[dt.datetime, dt.datetime]:
        start = dt.datetime.combine(self.start, dt.time(), tzinfo=SHANGHAI)
        end = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), tzinfo=SHANGHAI)
        return start, end


def supervisor_scope(viewer) -> Scope:
    scope = Scope.for_viewer(viewer)
    if not (scope.has(Role.SUPERVISOR) and scope.region is not None):
        raise PermissionDenied(_("只有电子监察人员可以查看监察统计"), code="not_supervisor")
    return scope


def dashboard_where(viewer, *, start: dt.date, end: dt.date, region_code: str | None = None,
                    department_id: int | None = None, center_id: int | None = None,
                    center_kind: str | None = None) -> Where:
    """The viewer's subtree, or a region inside it (another region: "not found")."""
    scope = supervisor_scope(viewer)
    if end < start:
        raise ValidationFailed.on("end", _("结束日期不能早于开始日期"), code="period_invalid")
    if (end - start).days > MAX_PERIOD_DAYS:
        raise ValidationFailed.on("start", _("统计期间最长十年"), code="period_too_long")
    region = scope.region
    if region_code and region_code != region.code:
        region = Region.objects.filter(pk=region_code).first()
        if region is None or not scope.covers_region(region):
            raise NotFound(_("未找到该区划"), code="region_not_found")
    if department_id is not None and not Department.objects.filter(
            pk=department_id, region__code__startswith=region.prefix).exists():
        raise NotFound(_("未找到该部门"), code="department_not_found")
    if center_id and not ServiceCenter.objects.filter(pk=center_id, region__code__startswith=region.prefix).exists():
        raise NotFound(_("未找到该服务中心"), code="center_not_found")
    if center_kind is not None and center_kind not in {*CenterKind.values, NO_CENTER_KIND}:
        raise ValidationFailed.on("center_kind", _("服务中心类型不正确"), code="center_kind_invalid")
    return Where(region=region, start=start, end=end, department_id=department_id, center_id=center_id,
                 center_kind=center_kind)


def _centers_of_kind(where: Where, kind: str) -> list[int]:
    if kind == NO_CENTER_KIND:
        return [0]
    return list(ServiceCenter.objects.filter(region__code__startswith=where.prefix, kind=kind)
                .values_list("pk", flat=True))


def _prefix_range(field: str, prefix: str) -> Q:
    """A region-code prefix as a range (codes are digits; ":" sorts right after "9"), so the
    (region_code, day) index serves it on both databases — LIKE 'x%' does not under SQLite's
    case-insensitive LIKE or a non-C collation on PostgreSQL."""
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + ":"})


def _rollups(where: Where, *, period: bool = True) -> QuerySet:
    qs = CaseDayRollup.objects.filter(_prefix_range("region_code", where.prefix))
    if period:
        qs = qs.filter(day__gte=where.start, day__lte=where.end)
    if where.department_id is not None:
        qs = qs.filter(department_id=where.department_id)
    if where.center_id is not None:
        qs = qs.filter(center_id=where.center_id)
    if where.center_kind is not None:
        qs = qs.filter(center_id__in=_centers_of_kind(where, where.center_kind))
    return qs


def _clocks(where: Where, now: dt.datetime) -> QuerySet:
    """Running promised clocks of cases past their due moment: through (status, due_at)."""
    qs = TimeLimitClock.objects.filter(status=ClockStatus.RUNNING, due_at__lt=now, owner_type="cases.case",
                                       purpose="promised", region__code__startswith=where.prefix)
    if where.department_id is not None:
        qs = qs.filter(department_id=where.department_id)
    if where.center_id is not None:
        qs = qs.filter(service_center_id=where.center_id or None)
    if where.center_kind is not None:
        qs = (qs.filter(service_center__isnull=True) if where.center_kind == NO_CENTER_KIND
              else qs.filter(service_center__kind=where.center_kind))
    return qs


def _cards(where: Where):
    from zwfw.supervision.models import Card, CardStatus

    start, end = where.moments()
    qs = Card.objects.filter(region__code__startswith=where.prefix)
    if where.department_id is not None:
        qs = qs.filter(department_id=where.department_id)
    raised = qs.filter(raised_at__gte=start, raised_at__lt=end)
    closed = qs.filter(closed_at__gte=start, closed_at__lt=end)
    answered = None
    if any(f.name == "answered_at" for f in Card._meta.get_fields()):
        answered = qs.filter(answered_at__gte=start, answered_at__lt=end)
    return raised, closed.filter(status=CardStatus.ESCALATED), closed.filter(status=CardStatus.CANCELLED), answered


def _sums() -> dict:
    return {m: Sum(m) for m in METRICS}


def figures_total(where: Where, *, now: dt.datetime) -> Figures:
    f = Figures()
    f.add(_rollups(where).aggregate(**_sums()))
    f.in_progress = _rollups(where, period=False).aggregate(n=Sum("open"))["n"] or 0
    f.overdue_now = _clocks(where, now).count()
    if where.center_id is None and where.center_kind is None:
        raised, escalated, cancelled, answered = _cards(where)
        f.cards_raised, f.cards_escalated, f.cards_cancelled = raised.count(), escalated.count(), cancelled.count()
        f.cards_answered = answered.count() if answered is not None else None
    return f


@dataclass
class Row:
    key: str
    label: str
    figures: Figures
    filters: dict
    score: float = 0.0


def _labels(group: str, keys, where: Where) -> dict:
    if group == "department":
        return dict(Department.objects.filter(pk__in=keys).values_list("pk", "name"))
    if group == "center":
        labels = dict(ServiceCenter.objects.filter(pk__in=keys).values_list("pk", "name"))
        labels[0] = _("网上申请（未经服务中心）")
        return labels
    if group == "kind":
        return {**{k: str(v) for k, v in CenterKind.choices}, NO_CENTER_KIND: _("网上申请（未经服务中心）")}
    return dict(Region.objects.filter(pk__in=keys).values_list("pk", "name"))


def figures_by(where: Where, *, group: str, now: dt.datetime) -> list[Row]:
    """The figures of each department / center / kind of center / region of `where`, ranked by
    the assessment score (考核), best first."""
    if group not in GROUPS:
        raise ValidationFailed.on("group", _("分组方式不正确"), code="group_invalid")
    column = {"department": "department_id", "center": "center_id", "kind": "center_id", "region": "region_code"}[group]
    clock_column = {"department": "department_id", "center": "service_center_id", "kind": "service_center__kind",
                    "region": "region_id"}[group]
    kinds = dict(ServiceCenter.objects.filter(region__code__startswith=where.prefix).values_list("pk", "kind"))

    def fold(key):
        if group == "kind":
            return kinds.get(key, NO_CENTER_KIND) if key else NO_CENTER_KIND
        if group == "center":
            return key or 0
        return key

    rows: dict = {}
    for r in _rollups(where).values(column).annotate(**_sums()):
        rows.setdefault(fold(r[column]), Figures()).add(r)
    for r in _rollups(where, period=False).values(column).annotate(n=Sum("open")):
        if r["n"]:
            rows.setdefault(fold(r[column]), Figures()).in_progress += r["n"]
    for r in _clocks(where, now).values(clock_column).annotate(n=Count("pk")):
        rows.setdefault(fold(r[clock_column]), Figures()).overdue_now += r["n"]
    if group == "department":
        raised, escalated, cancelled, answered = _cards(where)
        for name, qs in (("cards_raised", raised), ("cards_escalated", escalated), ("cards_cancelled", cancelled),
                         ("cards_answered", answered)):
            if qs is None:
                continue
            for key in rows:
                setattr(rows[key], name, 0)
            for r in qs.values("department_id").annotate(n=Count("pk")):
                fig = rows.setdefault(r["department_id"], Figures())
                setattr(fig, name, r["n"])
    labels = _labels(group, list(rows), where)
    filter_name = {"department": "department", "center": "center", "kind": "kind", "region": "region"}[group]
    out = [Row(key=str(k), label=str(labels.get(k, k)), figures=f, filters={filter_name: k}, score=assessment_score(f))
           for k, f in rows.items()]
    out.sort(key=lambda row: (-row.score, row.label))
    return out


def trend_by_month(where: Where) -> list[tuple[str, Figures]]:
    months: dict[str, Figures] = {}
    # Summed by the database per month: a year of a county is ~10⁵ rollup rows, twelve come back.
    for r in _rollups(where).annotate(month=TruncMonth("day")).values("month").annotate(**_sums()):
        months.setdefault(r["month"].strftime("%Y-%m"), Figures()).add(r)
    return sorted(months.items())


# --- drill-down ---------------------------------------------------------------------------

DRILLABLE = (*METRICS, "in_progress", "overdue_now")


def drill_cases(viewer, where: Where, *, metric: str, now: dt.datetime) -> QuerySet:
    """The cases behind one figure of `where` (same definitions as facts.case_facts)."""
    from zwfw.cases.models import Case

    if metric not in DRILLABLE or metric in ("days_used", "days_promised", "days_statutory"):
        raise ValidationFailed.on("metric", _("该指标不能查看明细"), code="metric_invalid")
    supervisor_scope(viewer)
    qs = Case.objects.filter(region__code__startswith=where.prefix)
    if where.department_id is not None:
        qs = qs.filter(department_id=where.department_id)
    if where.center_id is not None:
        qs = qs.filter(service_center_id=where.center_id or None)
    if where.center_kind is not None:
        qs = (qs.filter(service_center__isnull=True) if where.center_kind == NO_CENTER_KIND
              else qs.filter(service_center__kind=where.center_kind))
    start, end = where.moments()
    if metric == "overdue_now":
        # From the overdue clocks (the index's small side) to their cases, not case by case.
        owners = _clocks(where, now).annotate(case_id=Cast("owner_id", BigIntegerField())).values("case_id")
        return qs.filter(pk__in=owners)
    if metric == "in_progress":
        return qs.filter(status__in=OPEN)
    if metric in ("received", "online", "proxy_point", "open"):
        qs = qs.filter(received_at__gte=start, received_at__lt=end).exclude(status__in=("draft", "pre_review"))
        return {"received": qs, "online": qs.filter(channel__in=ONLINE), "proxy_point": qs.filter(channel="proxy_point"),
                "open": qs.filter(status__in=OPEN)}[metric]
    if metric in ("accepted", "deemed"):
        qs = qs.filter(accepted_at__gte=start, accepted_at__lt=end, status__in=("accepted", "concluded"))
        return qs.filter(deemed_accepted=True) if metric == "deemed" else qs
    if metric == "rejected":
        return qs.filter(rejected_at__gte=start, rejected_at__lt=end, status="rejected")
    qs = qs.filter(concluded_at__gte=start, concluded_at__lt=end, status="concluded")
    if metric == "concluded":
        return qs
    if metric == "one_visit":
        return qs.filter(version__max_visits__lte=1)
    if metric == "speed_base":
        return qs.filter(accepted_at__isnull=False, version__promised_limit__isnull=False,
                         version__statutory_limit__isnull=False,
                         version__promised_limit_unit=LimitUnit.WORKING_DAYS,
                         version__statutory_limit_unit=LimitUnit.WORKING_DAYS)
    qs = qs.filter(promised_by__isnull=False).annotate(done_on=TruncDate("concluded_at", tzinfo=SHANGHAI))
    return {"timed": qs, "on_time": qs.filter(done_on__lte=F("promised_by")),
            "ahead": qs.filter(done_on__lt=F("promised_by")), "late": qs.filter(done_on__gt=F("promised_by"))}[metric]


__all__ = ["GROUPS", "DRILLABLE", "Where", "Q", "dashboard_where", "drill_cases", "figures_by", "figures_total",
           "supervisor_scope", "trend_by_month"]
