"""Catalog statistics (the tables the source documents report). Published, active items only."""

from __future__ import annotations

from collections import Counter

from django.db.models import Avg, Count, ExpressionWrapper, F, FloatField, Q

from .models import ChangeKind, ItemChange, ItemStatus, ItemType, OnlineDepth, ServiceItem


def _scope(region):
    qs = ServiceItem.objects.filter(current_version__isnull=False, status=ItemStatus.ACTIVE)
    return qs.filter(region__code__startswith=region.prefix) if region is not None else qs


def catalog_stats(*, viewer, region=None) -> dict:
    """Counts by type and initiated-by (overall and per department), 四办 tags (main items and
    sub-items), shares of 最多跑一次 / online-able (深度Ⅲ+) / fully online (Ⅳ), mean 提速比
    (法定−承诺)/法定 over items with both limits in the same unit, and items delegated to towns.
    Published items are public, so every viewer sees the same figures for a region."""
    qs = _scope(region)
    v = "current_version__"
    total = qs.count()
    by_type = dict(qs.values_list(f"{v}item_type").annotate(n=Count("id")).order_by(f"{v}item_type"))
    by_initiated = dict(qs.values_list(f"{v}initiated_by").annotate(n=Count("id")).order_by(f"{v}initiated_by"))
    departments: dict[str, dict] = {}
    for dept, item_type, initiated, n in (
        qs.values_list("department__name", f"{v}item_type", f"{v}initiated_by")
        .annotate(n=Count("id")).order_by("department__name", f"{v}item_type", f"{v}initiated_by")
    ):
        row = departments.setdefault(dept or "", {"department": dept or "", "total": 0, "by_type": {},
                                                  "by_initiated": {}})
        row["total"] += n
        row["by_type"][item_type] = row["by_type"].get(item_type, 0) + n
        row["by_initiated"][initiated] = row["by_initiated"].get(initiated, 0) + n
    tags = {"main": Counter(), "sub": Counter()}
    for parent_id, item_tags in qs.values_list("parent_id", f"{v}fast_track_tags"):
        tags["sub" if parent_id else "main"].update(item_tags or [])
    shares = qs.aggregate(
        one_visit=Count("id", filter=Q(**{f"{v}max_visits__lte": 1})),
        online=Count("id", filter=Q(**{f"{v}online_depth__in": [OnlineDepth.LEVEL_3, OnlineDepth.LEVEL_4]})),
        fully_online=Count("id", filter=Q(**{f"{v}online_depth": OnlineDepth.LEVEL_4})),
    )
    speedup = qs.filter(**{f"{v}statutory_limit__gt": 0, f"{v}promised_limit__isnull": False,
                           f"{v}statutory_limit_unit": F(f"{v}promised_limit_unit")}).aggregate(
        mean=Avg(ExpressionWrapper(
            (F(f"{v}statutory_limit") - F(f"{v}promised_limit")) * 1.0 / F(f"{v}statutory_limit"),
            output_field=FloatField(),
        )),
        n=Count("id"),
    )
    delegated = ItemChange.objects.filter(kind=ChangeKind.DELEGATE)
    if region is not None:
        delegated = delegated.filter(item__region__code__startswith=region.prefix)

    def share(n: int) -> float:
        return round(n / total, 4) if total else 0.0

    return {
        "total": total,
        "by_type": by_type,
        "by_type_label": {str(ItemType(code).label): n for code, n in by_type.items()},
        "by_initiated": by_initiated,
        "by_department": list(departments.values()),
        "fast_track": {k: dict(sorted(c.items())) for k, c in tags.items()},
        "at_most_one_visit": shares["one_visit"], "at_most_one_visit_share": share(shares["one_visit"]),
        "online": shares["online"], "online_share": share(shares["online"]),
        "fully_online": shares["fully_online"], "fully_online_share": share(shares["fully_online"]),
        "speedup_mean": round(speedup["mean"], 4) if speedup["mean"] is not None else None,
        "speedup_items": speedup["n"],
        "delegated_to_towns": delegated.values("item").distinct().count(),
    }
