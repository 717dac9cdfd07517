"""Reads for the staff workbench, each scoped to the viewer and guarded by the viewer's roles.

Personal data leaves here only masked: colleagues' phones are `Sealed` values (str() is the
mask) and free text from the audit trail goes through mask_text.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zwfw.accounts.models import AccountKind, ApiToken, LoginThrottle, Role, RoleGrant, User
from zwfw.accounts.roles import DEPARTMENT_ROLES
from zwfw.accounts.scope import Scope
from zwfw.core import clock
from zwfw.core.audit_labels import action_label, object_label
from zwfw.core.errors import PermissionDenied
from zwfw.core.masking import mask_name, mask_text
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
    chain_seq: int | None
    occurred_at: dt.datetime
    action: str  # the code, for the export and a tooltip
    action_label: str
    actor: str
    actor_role: str
    object_type: str
    object_type_label: str
    object: str
    object_id: str
    ip_address: str
    changes: str


@dataclass(frozen=True)
class AuditFilters:
    """The auditor's filters: who (name or account), what (action code), when (China dates,
    inclusive), object (type and name or ID). Empty values filter nothing."""

    who: str = ""
    action: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    object_type: str = ""
    object: str = ""


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min), clock.SHANGHAI)


def audit_events(*, viewer: User, filters: AuditFilters | None = None):
    """The audit trail, newest first, filtered; only the security auditor reads it (三员分立)."""
    _require(viewer, Role.SECURITY_AUDITOR)
    f = filters or AuditFilters()
    events = AuditEvent.objects.order_by("-seq")
    if f.who:
        who = f.who.strip()
        ids = User.objects.filter(Q(full_name__icontains=who) | Q(username__icontains=who)).values("pk")
        events = events.filter(Q(actor_id__in=ids) | Q(actor_name__icontains=who))
    if f.action:
        events = events.filter(action=f.action)
    if f.date_from:
        events = events.filter(occurred_at__gte=_day_start(f.date_from))
    if f.date_to:
        events = events.filter(occurred_at__lt=_day_start(f.date_to + dt.timedelta(days=1)))
    if f.object_type:
        events = events.filter(object_type=f.object_type)
    if f.object:
        text = f.object.strip()
        events = events.filter(Q(object_id=text) | Q(object_repr__icontains=text))
    return events


def audit_object_types(*, viewer: User) -> list[tuple[str, str]]:
    """(object type, Chinese name) of every type present in the trail, for the filter."""
    _require(viewer, Role.SECURITY_AUDITOR)
    types = AuditEvent.objects.exclude(object_type="").values_list("object_type", flat=True).distinct()
    return sorted(((t, object_label(t)) for t in types), key=lambda pair: pair[1])


USER_TYPE = "accounts.user"


def _user_id(event: AuditEvent) -> int | None:
    return int(event.object_id) if event.object_type == USER_TYPE and event.object_id.isdigit() else None


def _people_names(events: list[AuditEvent]) -> dict[int, str]:
    """Display names of the actors of `events`, and of the accounts they acted on, in one query:
    staff by name, citizens and enterprises by a masked name and their account kind (个人信息 is
    masked for the auditor too)."""
    ids = {e.actor_id for e in events if e.actor_id is not None} | {_user_id(e) for e in events} - {None}
    names = {}
    for user in User.objects.filter(pk__in=ids).only("pk", "username", "full_name", "kind"):
        if user.kind == AccountKind.STAFF:
            names[user.pk] = user.full_name or user.username
        else:
            kind = AccountKind(user.kind).label
            names[user.pk] = f"{mask_name(user.full_name)}（{kind}）" if user.full_name else str(kind)
    return names


def _object_text(event: AuditEvent, names: dict[int, str]) -> str:
    if event.object_type == USER_TYPE:
        # An account is a person: its display name (masked for citizens), or, if the account is
        # gone, the recorded name masked.
        return names.get(_user_id(event)) or mask_name(event.object_repr)
    return mask_text(event.object_repr)


def audit_rows(events) -> list[AuditRow]:
    """Rows as the auditor reads them: Chinese action and object names, display names, free text
    masked."""
    events = list(events)
    names = _people_names(events)
    rows = []
    for e in events:
        actor = _("系统") if e.actor_id is None else names.get(e.actor_id) or mask_text(e.actor_name) or "—"
        rows.append(
            AuditRow(
                seq=e.seq,
                chain_seq=e.chain_seq,
                occurred_at=e.occurred_at,
                action=e.action,
                action_label=action_label(e.action),
                actor=actor,
                actor_role=_role_label(e.actor_role),
                object_type=e.object_type,
                object_type_label=object_label(e.object_type),
                object=_object_text(e, names),
                object_id=e.object_id,
                ip_address=e.ip_address,
                changes=mask_text(json.dumps(e.changes, ensure_ascii=False, sort_keys=True)) if e.changes else "",
            )
        )
    return rows


def audit_recent(*, viewer: User, limit: int = AUDIT_PAGE_SIZE) -> list[AuditRow]:
    """The latest audit events, newest first, as the auditor reads them."""
    return audit_rows(audit_events(viewer=viewer)[:limit])


def _role_label(value: str) -> str:
    return str(Role(value).label) if value in Role.values else value
