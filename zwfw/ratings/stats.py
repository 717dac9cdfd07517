"""好差评 statistics: satisfaction rate, bad ratings, rectification on time, call-back rate —
by department, service center, window or staff member and by period, for the viewer's ratings
(selectors.rating_visibility); and the public figures of a department or a center.

Definitions (docs/adr/0034-ratings-and-rectification.md):
- counted ratings: not removed on appeal, not default ratings (those are counted apart, `defaults`);
- 满意率 = counted ratings of level 1–3 (非常满意, 满意, 基本满意) / counted ratings;
- 差评数 = counted ratings of level 4–5;
- 按期整改率 = closed work orders closed on time / closed work orders (of the counted bad ratings);
- 回访率 = counted real-name bad ratings whose work order records a call-back that reached the
  applicant / counted real-name bad ratings (must be 100 %).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet

from .models import CommentStatus, Rating, RatingStatus, WorkOrderStatus
from .selectors import period_q, rating_visibility

GROUPS = {
    "department": ("department_id", "department__name"),
    "center": ("service_center_id", "service_center__name"),
    "window": ("window_id", "window__name"),
    "staff": ("staff_id", "staff__full_name"),
}
COUNTED = Q(is_default=False) & ~Q(status=RatingStatus.REMOVED)
BAD = Q(level__gte=4)


@dataclass(frozen=True)
class Figures:
    key: int | None
    name: str
    ratings: int
    satisfied: int
    bad: int
    defaults: int
    closed: int
    closed_on_time: int
    real_name_bad: int
    called_back: int

    @staticmethod
    def _rate(part: int, whole: int) -> Decimal | None:
        if not whole:
            return None
        return (Decimal(part * 100) / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return self._rate(self.satisfied, self.ratings)

    @property
    def on_time_rate(self) -> Decimal | None:
        return self._rate(self.closed_on_time, self.closed)

    @property
    def callback_rate(self) -> Decimal | None:
        return self._rate(self.called_back, self.real_name_bad)


AGGREGATES = {
    "ratings": Count("pk", filter=COUNTED),
    "satisfied": Count("pk", filter=COUNTED & Q(level__lte=3)),
    "bad": Count("pk", filter=COUNTED & BAD),
    "defaults": Count("pk", filter=Q(is_default=True) & ~Q(status=RatingStatus.REMOVED)),
    "closed": Count("pk", filter=COUNTED & BAD & Q(work_order__status=WorkOrderStatus.CLOSED)),
    "closed_on_time": Count("pk", filter=COUNTED & BAD & Q(work_order__status=WorkOrderStatus.CLOSED,
                                                           work_order__on_time=True)),
    "real_name_bad": Count("pk", filter=COUNTED & BAD & Q(real_name=True)),
    "called_back": Count("pk", filter=COUNTED & BAD & Q(real_name=True, work_order__called_back_at__isnull=False)),
}


def _figures(qs: QuerySet[Rating], key=None, name: str = "") -> Figures:
    row = qs.aggregate(**AGGREGATES)
    return Figures(key=key, name=name, **row)


def rating_statistics(viewer, *, by: str = "department", start: dt.date | None = None,
                      end: dt.date | None = None) -> tuple[list[Figures], Figures]:
    """(one row per group, the total) over the viewer's ratings in the period."""
    if by not in GROUPS:
        by = "department"
    key, name = GROUPS[by]
    qs = Rating.objects.filter(rating_visibility(viewer)).filter(period_q(start, end))
    rows = [Figures(key=r.pop(key), name=r.pop(name) or "", **r)
            for r in qs.values(key, name).annotate(**AGGREGATES).order_by(name, key)]
    return rows, _figures(qs, name="合计")


def public_figures(*, department=None, center=None) -> Figures:
    """A department's or a center's aggregate: counts only, no person, no case."""
    qs = Rating.objects.all()
    if department is not None:
        qs = qs.filter(department=department)
    if center is not None:
        qs = qs.filter(service_center=center)
    return _figures(qs)


def public_comments(*, department=None, center=None, limit: int = 20) -> list[dict]:
    """Comments the supervision office published: text, level and date only."""
    qs = Rating.objects.filter(COUNTED, comment_status=CommentStatus.PUBLISHED).exclude(comment="")
    if department is not None:
        qs = qs.filter(department=department)
    if center is not None:
        qs = qs.filter(service_center=center)
    return [{"comment": r.comment, "level": r.get_level_display(), "rated_on": r.rated_at}
            for r in qs.order_by("-rated_at", "-pk")[:limit]]


def public_figures_by(by: str) -> dict[int, Figures]:
    """Every department's (by="department") or center's (by="center") figures in one query."""
    key, _name = GROUPS[by]
    return {r.pop(key): Figures(key=None, name="", **r)
            for r in Rating.objects.exclude(**{f"{key}__isnull": True}).values(key).annotate(**AGGREGATES)
            .order_by(key)}
