"""Reads behind the accounts pages: the three administrators see every staff account (ADR 0006,
0026); what each may do to one account comes from the role tables in zwfw.accounts.roles."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q

from zwfw.accounts.models import Role, User
from zwfw.accounts.roles import ACCOUNT_READERS, grantable_roles, manages_account
from zwfw.accounts.scope import Scope
from zwfw.accounts.selectors import staff_get
from zwfw.core.errors import PermissionDenied
from zwfw.organizations.models import Department, Region, ServiceCenter, ServicePoint, Window

PAGE_SIZE = 30


def require_reader(viewer: User) -> Scope:
    """The accounts pages are the three administrators' (ACCOUNT_READERS); others get 403."""
    scope = Scope.for_viewer(viewer)
    if not scope.has(*ACCOUNT_READERS):
        raise PermissionDenied()
    return scope


def staff_page(*, viewer: User, q: str = "", department: str = "", role: str = "", status: str = "",
               page: int = 1) -> Page:
    """Staff accounts filtered by name, department, role and status, 30 a page."""
    scope = require_reader(viewer)
    qs = scope.staff().select_related("department", "region", "window", "service_point")
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(full_name__icontains=q))
    if department.isdigit():
        qs = qs.filter(department_id=int(department))
    if role in Role.values:
        qs = qs.filter(role_grants__role=role)
    if status == "active":
        qs = qs.filter(is_active=True)
    elif status == "inactive":
        qs = qs.filter(is_active=False)
    qs = qs.prefetch_related("role_grants").order_by("-is_active", "department__code", "username").distinct()
    return Paginator(qs, PAGE_SIZE).get_page(page)


@dataclass(frozen=True)
class AccountActions:
    """What the viewer may do to one account (the page shows only these buttons)."""

    manage: bool        # edit, disable, reset the password
    deactivate: bool
    grantable: list[Role]
    revocable: list[Role]


def account_get(*, viewer: User, pk) -> tuple[User, AccountActions]:
    require_reader(viewer)
    user = staff_get(viewer, pk)
    own = user.pk == viewer.pk
    manage = manages_account(viewer, user.role_set) and not own
    grantable = set() if own else grantable_roles(viewer)
    return user, AccountActions(
        manage=manage,
        deactivate=manage and user.is_active,
        grantable=[r for r in Role if r in grantable and r not in user.role_set],
        revocable=[r for r in Role if r in grantable and r in user.role_set],
    )


def scope_choices() -> dict:
    """Departments, regions, centers, windows and points an account may be assigned to."""
    departments = Department.objects.filter(is_active=True).select_related("region").order_by("region_id", "code")
    used = set(Department.objects.values_list("region_id", flat=True))
    used |= set(ServiceCenter.objects.values_list("region_id", flat=True))
    used |= set(ServicePoint.objects.values_list("region_id", flat=True))
    codes = {code for region_code in used for code in Region(code=region_code).ancestor_codes()}
    return {
        "department": departments,
        "region": Region.objects.filter(code__in=codes).order_by("code"),
        "service_center": ServiceCenter.objects.filter(is_active=True).order_by("region_id", "name"),
        "window": Window.objects.filter(is_active=True).select_related("center").order_by("center__name", "number"),
        "service_point": ServicePoint.objects.filter(is_active=True).order_by("region_id", "name"),
    }
