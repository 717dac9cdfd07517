"""Reads for the public portal.

The service network (halls, windows, village points, kiosks) and the department list are public
information (政务公开), so these selectors take no viewer. They never return staff: the portal
shows no staff names or staff phones. The network itself is the organizations context's
`network_overview`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet

from zwfw.core.text import strip_control_chars
from zwfw.organizations.home import PUBLIC_FACTS_SECONDS
from zwfw.organizations.models import (
    Department,
    Kiosk,
    Region,
    ServiceCenter,
    ServicePoint,
    Window,
)
from zwfw.organizations.selectors import NetworkOverview, network_overview

# A query longer than this is cut: a search box is not a place for paragraphs.
MAX_QUERY_LENGTH = 50


@dataclass(frozen=True)
class NetworkSummary:
    departments: int
    centers: int
    windows: int
    points: int
    kiosks: int


def service_network(*, region: Region | None = None) -> NetworkOverview:
    """Every active center (in `region`, or everywhere) with its public facts, grouped by kind."""
    return network_overview(viewer=None, region=region)


def _in(qs: QuerySet, region: Region | None, field: str = "region") -> QuerySet:
    return qs if region is None else qs.filter(**{f"{field}__code__startswith": region.prefix})


def network_summary(*, region: Region | None = None) -> NetworkSummary:
    """The home page's counts, kept PUBLIC_FACTS_SECONDS (they change when an administrator adds
    a department or a window, not with visits)."""
    key = f"portal:network_summary:{region.code if region is not None else 'all'}"
    summary = cache.get(key)
    if summary is None:
        summary = _network_summary_read(region)
        cache.set(key, summary, PUBLIC_FACTS_SECONDS)
    return summary


def _network_summary_read(region: Region | None) -> NetworkSummary:
    return NetworkSummary(
        departments=_in(Department.objects.filter(is_active=True), region).count(),
        centers=_in(ServiceCenter.objects.filter(is_active=True), region).count(),
        windows=_in(Window.objects.filter(is_active=True), region, "center__region").count(),
        points=_in(ServicePoint.objects.filter(is_active=True), region).count(),
        kiosks=_in(Kiosk.objects.filter(is_active=True), region).count(),
    )


def department_list(*, query: str = "", with_item_counts: bool = False,
                    region: Region | None = None) -> QuerySet[Department]:
    """Active departments (in `region`, or everywhere), optionally those whose name or short name
    contains `query`; with `item_count`, the number of their items with a published guide."""
    departments = _in(Department.objects.filter(is_active=True), region).select_related("region")
    departments = departments.order_by("region_id", "code")
    if with_item_counts:
        departments = departments.annotate(item_count=Count(
            "catalog_items", filter=Q(catalog_items__current_version__isnull=False, catalog_items__status="active"),
        ))
    query = " ".join(strip_control_chars(query).split())[:MAX_QUERY_LENGTH]
    if query:
        departments = departments.filter(Q(name__icontains=query) | Q(short_name__icontains=query))
    return departments
