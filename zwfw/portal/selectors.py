"""Reads for the public portal.

The service network (halls, windows, village points, kiosks) and the department list are public
information (政务公开), so these selectors take no viewer. They never return staff: the portal
shows no staff names or staff phones. The network itself is the organizations context's
`network_overview`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from zwfw.organizations.models import (
    Department,
    Kiosk,
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


def service_network() -> NetworkOverview:
    """Every active center with its public facts, grouped by kind (hall, branch, town)."""
    return network_overview(viewer=None)


def network_summary() -> NetworkSummary:
    return NetworkSummary(
        departments=Department.objects.filter(is_active=True).count(),
        centers=ServiceCenter.objects.filter(is_active=True).count(),
        windows=Window.objects.filter(is_active=True).count(),
        points=ServicePoint.objects.filter(is_active=True).count(),
        kiosks=Kiosk.objects.filter(is_active=True).count(),
    )


def department_list(*, query: str = "", with_item_counts: bool = False) -> QuerySet[Department]:
    """Active departments, optionally those whose name or short name contains `query`; with
    `item_count`, the number of their items with a published guide (the public catalog)."""
    departments = Department.objects.filter(is_active=True).select_related("region").order_by("region_id", "code")
    if with_item_counts:
        departments = departments.annotate(item_count=Count(
            "catalog_items", filter=Q(catalog_items__current_version__isnull=False, catalog_items__status="active"),
        ))
    query = query.strip()[:MAX_QUERY_LENGTH]
    if query:
        departments = departments.filter(Q(name__icontains=query) | Q(short_name__icontains=query))
    return departments
