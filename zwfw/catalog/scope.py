"""Which part of the catalog a staff member's pages, reports and actions cover: the catalog's
view of the one access scope (`zwfw.accounts.scope.Scope`, ADR 0021).

- system administrators: the whole catalog (the security administrator and the auditor: none);
- supervisors (电子监察) and catalog reviewers: their region and every region below it (a
  reviewer without a region works for their department's region, as services.permissions does);
- catalog editors and department heads: their own department's items.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from zwfw.accounts.models import Role
from zwfw.accounts.scope import Scope
from zwfw.core.errors import NotFound, PermissionDenied
from zwfw.organizations.models import Department, Region

from .models import ServiceItem
from .services.permissions import can_edit_item, can_publish

CATALOG_STAFF_ROLES = (Role.CATALOG_EDITOR, Role.CATALOG_REVIEWER, Role.SUPERVISOR, Role.SYSTEM_ADMIN,
                       Role.DEPARTMENT_HEAD)


@dataclass(frozen=True)
class CatalogScope:
    everything: bool = False
    region: Region | None = None
    department: Department | None = None

    @property
    def label(self) -> str:
        if self.everything:
            return _("全平台")
        if self.department is not None:
            return self.department.name
        return _("%s及下辖区划") % self.region.name

    def covers_region(self, region: Region) -> bool:
        if self.everything:
            return True
        if self.department is not None:
            return region.code == self.department.region_id
        return region.code.startswith(self.region.prefix)

    def covers_item(self, item: ServiceItem) -> bool:
        """Whether `item` is one of `items()`, decided without a query."""
        if self.everything:
            return True
        if self.department is not None:
            return item.department_id == self.department.pk
        return item.region_id.startswith(self.region.prefix)

    def items(self, qs: QuerySet[ServiceItem] | None = None) -> QuerySet[ServiceItem]:
        qs = ServiceItem.objects.all() if qs is None else qs
        if self.everything:
            return qs
        if self.department is not None:
            return qs.filter(department=self.department)
        return qs.filter(region__code__startswith=self.region.prefix)

    def departments(self) -> QuerySet[Department]:
        qs = Department.objects.filter(is_active=True).select_related("region")
        if self.everything:
            return qs
        if self.department is not None:
            return qs.filter(pk=self.department.pk)
        return qs.filter(region__code__startswith=self.region.prefix)

    def base_regions_q(self) -> Q:
        """Base items that apply to this scope: issued for a region above it (or inside it)."""
        if self.everything:
            return Q()
        region = self.department.region if self.department is not None else self.region
        q = Q(region__code__in=region.ancestor_codes())
        if self.department is None:
            q |= Q(region__code__startswith=region.prefix)
        return q

    def stats_region(self) -> Region | None:
        if self.everything:
            return None
        return self.department.region if self.department is not None else self.region


def catalog_scope(viewer) -> CatalogScope:
    """The viewer's catalog scope; PermissionDenied for anyone without a catalog role."""
    scope = Scope.for_viewer(viewer)
    if not scope.is_staff:
        raise PermissionDenied()
    if scope.everything:
        return CatalogScope(everything=True)
    if scope.has(Role.SUPERVISOR, Role.CATALOG_REVIEWER) and scope.region is not None:
        return CatalogScope(region=scope.region)
    if scope.has(Role.CATALOG_EDITOR, Role.DEPARTMENT_HEAD) and scope.department is not None:
        return CatalogScope(department=scope.department)
    raise PermissionDenied(_("您的账号没有事项管理权限，或尚未关联部门或区划"))


def item_get(*, viewer, item_id: int) -> ServiceItem:
    """One item for a staff page or action: published items are public; the others only for
    their editors, the region's reviewers and viewers whose scope covers them."""
    item = (ServiceItem.objects.select_related("region", "department", "current_version", "base_item")
            .filter(pk=item_id).first())
    if item is None:
        raise NotFound()
    if item.current_version_id or can_edit_item(viewer, item) or can_publish(viewer, item):
        return item
    if scope_covers_item(viewer, item):
        return item
    raise NotFound()


def scope_covers_item(viewer, item: ServiceItem) -> bool:
    """Whether the viewer's catalog scope covers `item` (False for anyone without one)."""
    try:
        return catalog_scope(viewer).covers_item(item)
    except PermissionDenied:
        return False
