"""Reads of the organisations context.

The structure of the service network (regions, departments, centers, windows, points, kiosks) is
public: it is printed in every service guide (办事指南: 办理地点、办公时间、咨询电话), so any viewer,
signed in or not, may read the active part of it; system administrators also see what was stopped.
The staff stationed at each place are personal data: a viewer sees only the staff members the
viewer's access scope (`zwfw.accounts.scope.Scope`, ADR 0021) lets them see.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from zwfw.accounts.scope import Scope
from zwfw.core.errors import NotFound

from .identifiers import region_code_normalize
from .models import CenterKind, Department, Kiosk, Region, ServiceCenter, ServicePoint, Window


def _active_unless_admin(qs: QuerySet, viewer) -> QuerySet:
    return qs if Scope.for_viewer(viewer).sees_inactive else qs.filter(is_active=True)


# --- regions ---------------------------------------------------------------------------------

def region_subtree(region: Region) -> QuerySet[Region]:
    """The region and every region below it (by code prefix)."""
    return Region.objects.filter(code__startswith=region.prefix)


def region_get(*, viewer, code: str) -> Region:
    full = region_code_normalize(code)
    region = Region.objects.filter(code=full).select_related("parent").first() if full else None
    if region is None:
        raise NotFound(f"行政区划代码 {code} 不存在", code="region_not_found")
    return region


def region_from_query(request, *, viewer=None, param: str = "region") -> Region | None:
    """The region named by an optional query parameter (6/9/12-digit code), or None when absent."""
    code = request.query_params.get(param)
    return region_get(viewer=viewer, code=code) if code else None


def region_from_query_or_home(request, *, viewer=None, param: str = "region") -> Region | None:
    """For public exports and statistics: the region named by `?region=`, every region for
    `?region=all`, and the deployment's home region when the parameter is absent (ADR 0023)."""
    from .home import home_region

    code = request.query_params.get(param)
    if code == "all":
        return None
    return region_get(viewer=viewer, code=code) if code else home_region()


def regions_list(*, viewer, level: str | None = None, parent: Region | None = None,
                 q: str | None = None) -> QuerySet[Region]:
    """Regions, filtered by level, direct parent, and a name or code fragment."""
    qs = Region.objects.all()
    if level:
        qs = qs.filter(level=level)
    if parent is not None:
        qs = qs.filter(parent=parent)
    if q:
        q = q.strip()
        qs = qs.filter(Q(name__contains=q) | Q(code__startswith=q))
    return qs


def _in_region(qs: QuerySet, region: Region | None, field: str = "region") -> QuerySet:
    return qs if region is None else qs.filter(**{f"{field}__code__startswith": region.prefix})


# --- departments and places --------------------------------------------------------------------

def departments_visible(viewer, *, region: Region | None = None, q: str | None = None) -> QuerySet[Department]:
    qs = _in_region(_active_unless_admin(Department.objects.select_related("region"), viewer), region)
    if q:
        qs = qs.filter(Q(name__contains=q.strip()) | Q(short_name__contains=q.strip()) | Q(code=q.strip()))
    return qs


def service_centers_visible(viewer, *, region: Region | None = None, kind: str | None = None,
                            department: Department | None = None) -> QuerySet[ServiceCenter]:
    qs = ServiceCenter.objects.select_related("region", "department", "parent")
    qs = _in_region(_active_unless_admin(qs, viewer), region)
    if kind:
        qs = qs.filter(kind=kind)
    if department is not None:
        qs = qs.filter(department=department)
    return qs


def windows_visible(viewer, *, center: ServiceCenter | None = None, department: Department | None = None,
                    kind: str | None = None, region: Region | None = None) -> QuerySet[Window]:
    qs = Window.objects.select_related("center", "department", "chief_representative")
    qs = _in_region(_active_unless_admin(qs, viewer), region, "center__region")
    if not Scope.for_viewer(viewer).sees_inactive:
        qs = qs.filter(center__is_active=True)
    if center is not None:
        qs = qs.filter(center=center)
    if department is not None:
        qs = qs.filter(department=department)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def service_points_visible(viewer, *, region: Region | None = None,
                           center: ServiceCenter | None = None) -> QuerySet[ServicePoint]:
    qs = _in_region(_active_unless_admin(ServicePoint.objects.select_related("region", "center"), viewer), region)
    return qs if center is None else qs.filter(center=center)


def kiosks_visible(viewer, *, region: Region | None = None, center: ServiceCenter | None = None) -> QuerySet[Kiosk]:
    qs = Kiosk.objects.select_related("region", "center", "point")
    qs = _in_region(_active_unless_admin(qs, viewer), region)
    return qs if center is None else qs.filter(center=center)


# --- staff stationed at a place (personal data) --------------------------------------------------

STAFF_FIELD = {Department: "department", ServiceCenter: "service_center", Window: "window",
               ServicePoint: "service_point"}


def staff_stationed(*, viewer, place) -> list:
    """Staff members stationed at a department, center, window or point whom the viewer may see."""
    field = STAFF_FIELD.get(type(place))
    if field is None:
        return []
    return list(Scope.for_viewer(viewer).staff().filter(**{field: place, "is_active": True}).order_by("full_name", "pk"))


def staff_visible_ids(*, viewer, ids) -> set[int]:
    """Which of the given staff ids the viewer may see (one query for a whole page)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return set()
    return set(Scope.for_viewer(viewer).staff().filter(pk__in=wanted).values_list("pk", flat=True))


def staff_member_for_assignment(*, viewer, pk: int):
    """A staff account an administrator names as chief representative, or None.

    Administrators assign across departments, so this is not narrowed by the staff scope; the
    window services then check the member belongs to the right department.
    """
    if not Scope.for_viewer(viewer).everything:
        return None
    return get_user_model().objects.filter(pk=pk).first()


# --- the whole network of a region, for the portal's map and handbook (服务网点一张图) ------------

@dataclass(frozen=True)
class NetworkOverview:
    region: Region | None
    halls: list[ServiceCenter]  # county/city halls, each with .active_windows and .active_kiosks
    branches: list[ServiceCenter]  # department branch halls, each with .active_windows and .active_kiosks
    towns: list[ServiceCenter]  # town convenience centers, each with .active_points (each with .active_kiosks)
    points: list[ServicePoint]  # every proxy point in the region (also those under no town center)
    kiosks: list[Kiosk]


def network_overview(*, viewer, region: Region | None = None) -> NetworkOverview:
    """Every active place of the service network in a region (or everywhere), in a fixed number of
    queries. Public information (政务公开): it carries no staff."""
    windows = Window.objects.filter(is_active=True).select_related("department").order_by("number")
    points = ServicePoint.objects.filter(is_active=True).order_by("region_id", "name")
    centers = list(
        _in_region(ServiceCenter.objects.filter(is_active=True), region)
        .select_related("region", "department")
        .prefetch_related(Prefetch("windows", queryset=windows, to_attr="active_windows"),
                          Prefetch("points", queryset=points, to_attr="active_points"))
        .order_by("region_id", "kind", "name")
    )
    all_points = list(_in_region(points.select_related("region", "center"), region))
    kiosks = list(_in_region(Kiosk.objects.filter(is_active=True), region)
                  .select_related("region", "center", "point").order_by("region_id", "serial_number"))
    # Hang each kiosk on its center or point from the list already read (no query per place).
    by_center: dict[int, list[Kiosk]] = {}
    by_point: dict[int, list[Kiosk]] = {}
    for kiosk in kiosks:
        if kiosk.center_id:
            by_center.setdefault(kiosk.center_id, []).append(kiosk)
        if kiosk.point_id:
            by_point.setdefault(kiosk.point_id, []).append(kiosk)
    for center in centers:
        center.active_kiosks = by_center.get(center.pk, [])
        for point in center.active_points:
            point.active_kiosks = by_point.get(point.pk, [])
    for point in all_points:
        point.active_kiosks = by_point.get(point.pk, [])
    return NetworkOverview(
        region=region,
        halls=[c for c in centers if c.kind == CenterKind.HALL],
        branches=[c for c in centers if c.kind == CenterKind.BRANCH],
        towns=[c for c in centers if c.kind == CenterKind.TOWN],
        points=all_points,
        kiosks=kiosks,
    )
