"""One access scope: what part of the platform a viewer acts for (docs/adr/0021-one-access-scope.md).

`Scope.for_viewer(user)` is the only place that turns an account (its kind, roles, department,
region and proxy point) into the set of things it may see. Every selector that takes a viewer
asks it; contexts build their own narrower views on top (the catalog's `CatalogScope`).

Who covers what (ADR 0006, 三员分立):

| viewer | jurisdiction (region subtree) | departments | network places | staff | applicants |
|---|---|---|---|---|---|
| anonymous | — | — | — | — | — |
| citizen / enterprise | — | — | — | — | its own record |
| department roles | the department's region | its own | its department's windows | its department | serving roles: jurisdiction |
| supervisor (电子监察) | its region | all in the subtree | all in the subtree | the subtree's | the subtree's |
| proxy agent (代办员) | its point's region | — | its own point | itself | its point's region |
| system admin | everything | all (also stopped) | all (also stopped) | all accounts | none |
| security admin / auditor | — | — | — | all accounts | none |

Everyone on the staff also sees themself. The network itself (addresses, hours) is public; the
scope decides who also sees the places that were stopped (`sees_inactive`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from zwfw.organizations.models import Department, Region, ServiceCenter, ServicePoint, Window

from .models import AccountKind, Applicant, Role, User
from .roles import ADMIN_ROLES, APPLICANT_SERVING_ROLES, DEPARTMENT_ROLES

NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Scope:
    """What one viewer acts for. Build it with `Scope.for_viewer(user)`; never by hand in views."""

    user_id: int | None = None
    kind: str | None = None  # AccountKind of a signed-in, active account; None for anyone else
    roles: frozenset[str] = frozenset()
    region: Region | None = None  # the jurisdiction: own region, else department's, else point's
    department: Department | None = None
    service_point: ServicePoint | None = None
    # Django's superuser flag: carried for information only. There is no django-admin site any
    # more (ADR 0028); the flag is not a role and opens nothing (三员分立).
    superuser: bool = False

    @classmethod
    def for_viewer(cls, user) -> Scope:
        """The scope of `user` (None, AnonymousUser, an inactive account: the empty scope).

        Kept on the user object for the rest of the request, rebuilt if its roles or its
        department, region or point changed meanwhile.
        """
        if not (user is not None and getattr(user, "is_authenticated", False) and user.is_active):
            return ANONYMOUS
        key = (user.pk, user.kind, user.role_set, user.region_id, user.department_id, user.service_point_id,
               user.is_superuser)
        cached = getattr(user, "_scope_cache", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        if user.kind != AccountKind.STAFF:
            scope = cls(user_id=user.pk, kind=user.kind)
        else:
            department = user.department if user.department_id else None
            point = user.service_point if user.service_point_id else None
            region = user.region if user.region_id else (
                department.region if department else (point.region if point else None))
            scope = cls(user_id=user.pk, kind=user.kind, roles=user.role_set, region=region,
                        department=department, service_point=point, superuser=user.is_superuser)
        user._scope_cache = (key, scope)
        return scope

    # --- who ---------------------------------------------------------------------------------

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    @property
    def is_staff(self) -> bool:
        return self.kind == AccountKind.STAFF

    @property
    def is_applicant(self) -> bool:
        """A citizen or enterprise account: it sees its own records only."""
        return self.kind in (AccountKind.CITIZEN, AccountKind.ENTERPRISE)

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_admin(self) -> bool:
        """One of the three administrators (三员): all accounts, no business data."""
        return self.has(*ADMIN_ROLES)

    @property
    def everything(self) -> bool:
        """The system administrator runs the whole platform's structure (catalog, network,
        calendar). The security administrator and the auditor do not (三员分立)."""
        return self.has(Role.SYSTEM_ADMIN)

    @property
    def sees_inactive(self) -> bool:
        """Stopped departments, centers, windows and points are shown to the system administrator only."""
        return self.everything

    @property
    def region_wide(self) -> bool:
        """A supervisor's work covers its whole region subtree, not one department."""
        return self.has(Role.SUPERVISOR) and self.region is not None

    @property
    def department_bound(self) -> bool:
        return self.has(*DEPARTMENT_ROLES) and self.department is not None

    # --- the region subtree ------------------------------------------------------------------

    def covers_region(self, region: Region) -> bool:
        """Whether `region` lies in the viewer's jurisdiction subtree (always, for `everything`)."""
        if self.everything:
            return True
        return self.region is not None and region.code.startswith(self.region.prefix)

    def region_q(self, path: str = "region") -> Q:
        """Rows whose region (at `path`; "" for Region itself) lies in the jurisdiction subtree."""
        if self.everything:
            return Q()
        if self.region is None:
            return NOTHING
        return Q(**{_at(path, "code__startswith"): self.region.prefix})

    def regions(self) -> QuerySet[Region]:
        return Region.objects.filter(self.region_q(""))

    # --- departments and places the viewer acts for ---------------------------------------------

    def department_q(self, path: str = "department") -> Q:
        """Rows of the departments the viewer acts for (at `path`; "" for Department itself): all
        (system admin), those of the subtree (supervisor), its own (department roles); several
        roles add up."""
        if self.everything:
            return Q()
        q = NOTHING
        if self.region_wide:
            q |= Q(**{_at(path, "region__code__startswith"): self.region.prefix})
        if self.department_bound:
            q |= Q(**{_at(path, "pk"): self.department.pk})
        return q

    def departments(self) -> QuerySet[Department]:
        return self._network(Department.objects.select_related("region"), self.department_q(""))

    def service_centers(self) -> QuerySet[ServiceCenter]:
        """Centers where the viewer works: the subtree's (supervisor), those with a window or the
        branch of its department (department roles), its point's center (proxy agent)."""
        q = Q() if self.everything else NOTHING
        if not self.everything:
            if self.region_wide:
                q |= self.region_q()
            if self.department_bound:
                q |= (Q(pk__in=Window.objects.filter(department=self.department).values("center_id"))
                      | Q(department=self.department))
            if self.has(Role.PROXY_AGENT) and self.service_point is not None and self.service_point.center_id:
                q |= Q(pk=self.service_point.center_id)
        return self._network(ServiceCenter.objects.select_related("region", "department"), q)

    def windows(self) -> QuerySet[Window]:
        """Windows the viewer works at: the subtree's (supervisor), its department's (department roles)."""
        q = Q() if self.everything else NOTHING
        if not self.everything:
            if self.region_wide:
                q |= self.region_q("center__region")
            if self.department_bound:
                q |= Q(department=self.department)
        qs = self._network(Window.objects.select_related("center", "department"), q)
        return qs if self.sees_inactive else qs.filter(center__is_active=True)

    def service_points(self) -> QuerySet[ServicePoint]:
        """Proxy points the viewer works for: the subtree's (supervisor), its own (proxy agent)."""
        q = Q() if self.everything else NOTHING
        if not self.everything:
            if self.region_wide:
                q |= self.region_q()
            if self.has(Role.PROXY_AGENT) and self.service_point is not None:
                q |= Q(pk=self.service_point.pk)
        return self._network(ServicePoint.objects.select_related("region", "center"), q)

    def _network(self, qs: QuerySet, q: Q) -> QuerySet:
        qs = qs.filter(q)
        return qs if self.sees_inactive else qs.filter(is_active=True)

    # --- people ------------------------------------------------------------------------------

    def staff(self) -> QuerySet[User]:
        """Staff accounts the viewer may see (ADR 0006)."""
        staff = User.objects.filter(kind=AccountKind.STAFF)
        if not self.is_staff:
            return staff.none()
        if self.is_admin:
            return staff
        q = Q(pk=self.user_id)
        if self.region_wide:
            prefix = self.region.prefix
            q |= (Q(region__code__startswith=prefix) | Q(department__region__code__startswith=prefix)
                  | Q(service_point__region__code__startswith=prefix))
        if self.department_bound:
            q |= Q(department=self.department)
        return staff.filter(q)

    def applicants(self) -> QuerySet[Applicant]:
        """Applicants the viewer may see: its own record (citizen, enterprise); those registered in
        the jurisdiction subtree (staff who serve applicants); none (administrators, 三员)."""
        applicants = Applicant.objects.all()
        if self.is_applicant:
            return applicants.filter(user_id=self.user_id)
        if not (self.is_staff and self.has(*APPLICANT_SERVING_ROLES)) or self.region is None:
            return applicants.none()
        return applicants.filter(region__code__startswith=self.region.prefix)

    def owns(self, applicant: Applicant) -> bool:
        """Whether `applicant` is the viewer's own record (a citizen's or an enterprise's account)."""
        return self.is_applicant and applicant.user_id == self.user_id

    def own_q(self, path: str = "applicant") -> Q:
        """Rows (cases, ratings …) whose applicant at `path` ("" for Applicant itself) is the
        viewer's own record; nothing for staff (they see applicants through `applicants()`)."""
        return Q(**{_at(path, "user_id"): self.user_id}) if self.is_applicant else NOTHING


def _at(path: str, lookup: str) -> str:
    return f"{path}__{lookup}" if path else lookup


ANONYMOUS = Scope()
