"""Reads for the staff workbench, each scoped to the viewer and guarded by the viewer's roles.

Personal data leaves here only masked: colleagues' phones are `Sealed` values (str() is the
mask) and free text from the audit trail goes through mask_text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count

from zwfw.accounts.models import AccountKind, ApiToken, LoginThrottle, Role, RoleGrant, User
from zwfw.accounts.roles import DEPARTMENT_ROLES
from zwfw.accounts.scope import Scope
from zwfw.core import clock
from zwfw.core.errors import PermissionDenied
from zwfw.core.masking import mask_text
from zwfw.core.models import AuditEvent
from zwfw.organizations.models import Department, Kiosk, Region, ServiceCenter, ServicePoint, Window

AUDIT_PAGE_SIZE = 20


def _require(viewer: User, *roles: str) -> Scope:
    scope = Scope.for_viewer(viewer)
    if not scope.has(*roles):
        raise PermissionDenied()
    return scope


def workbench_roles(*, viewer: User) -> list[Role]:
    """The viewer's roles in the fixed order of Role (one workbench tab each)."""
    scope = Scope.for_viewer(viewer)
    return [role for role in Role if scope.has(role)]


@dataclass(frozen=True)
class DepartmentOverview:
    department: Department | None
    windows: list[Window]
    colleagues: list[User]


def department_overview(*, viewer: User) -> DepartmentOverview:
    scope = _require(viewer, *DEPARTMENT_ROLES)
    department = scope.department
    if department is None:
        return DepartmentOverview(department=None, windows=[], colleagues=[])
    windows = list(scope.windows().filter(department=department).order_by("center__name", "number"))
    colleagues = list(
        scope.staff().filter(department=department, is_active=True)
        .select_related("window")
        .order_by("full_name", "username")
    )
    return DepartmentOverview(department=department, windows=windows, colleagues=colleagues)


@dataclass(frozen=True)
class RegionOverview:
    region: Region | None
    departments: list[Department]
    centers: list[ServiceCenter]


def region_overview(*, viewer: User) -> RegionOverview:
    """Departments and centers in the viewer's region subtree (电子监察 watches its own area)."""
    scope = _require(viewer, Role.SUPERVISOR)
    region = scope.region
    if region is None:
        return RegionOverview(region=None, departments=[], centers=[])
    departments = list(scope.departments().filter(scope.region_q()).order_by("region_id", "code"))
    centers = list(
        scope.service_centers().filter(scope.region_q())
        .annotate(window_count=Count("windows"))
        .order_by("region_id", "kind", "name")
    )
    return RegionOverview(region=region, departments=departments, centers=centers)


def proxy_point(*, viewer: User) -> ServicePoint | None:
    scope = _require(viewer, Role.PROXY_AGENT)
    return scope.service_point


def system_counts(*, viewer: User) -> list[tuple[str, int]]:
    """Sizes of the organisation and account tables, for the system administrator."""
    _require(viewer, Role.SYSTEM_ADMIN)
    accounts = dict(User.objects.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    return [
        (Region._meta.verbose_name, Region.objects.count()),
        (Department._meta.verbose_name, Department.objects.count()),
        (ServiceCenter._meta.verbose_name, ServiceCenter.objects.count()),
        (Window._meta.verbose_name, Window.objects.count()),
        (ServicePoint._meta.verbose_name, ServicePoint.objects.count()),
        (Kiosk._meta.verbose_name, Kiosk.objects.count()),
        *[(kind.label, accounts.get(kind.value, 0)) for kind in AccountKind],
    ]


@dataclass(frozen=True)
class SecurityOverview:
    grants: list[tuple[str, int]]
    locked_sign_ins: int
    active_tokens: int


def security_overview(*, viewer: User, now: dt.datetime | None = None) -> SecurityOverview:
    _require(viewer, Role.SECURITY_ADMIN)
    now = now or clock.now()
    counts = dict(RoleGrant.objects.values_list("role").annotate(n=Count("id")).values_list("role", "n"))
    return SecurityOverview(
        grants=[(role.label, counts.get(role.value, 0)) for role in Role],
        locked_sign_ins=LoginThrottle.objects.filter(locked_until__gt=now).count(),
        active_tokens=ApiToken.objects.filter(revoked_at__isnull=True, expires_at__gt=now).count(),
    )


@dataclass(frozen=True)
class AuditRow:
    seq: int
    occurred_at: dt.datetime
    action: str
    actor: str
    actor_role: str
    object_type: str
    object: str


def audit_recent(*, viewer: User, limit: int = AUDIT_PAGE_SIZE) -> list[AuditRow]:
    """The latest audit events, newest first, with free text masked."""
    _require(viewer, Role.SECURITY_AUDITOR)
    events = AuditEvent.objects.order_by("-seq").only(
        "seq", "occurred_at", "action", "actor_name", "actor_role", "object_type", "object_repr"
    )[:limit]
    return [
        AuditRow(
            seq=e.seq,
            occurred_at=e.occurred_at,
            action=e.action,
            actor=mask_text(e.actor_name) or "—",
            actor_role=_role_label(e.actor_role),
            object_type=e.object_type,
            object=mask_text(e.object_repr),
        )
        for e in events
    ]


def _role_label(value: str) -> str:
    return str(Role(value).label) if value in Role.values else value
