"""Reads of the accounts context, always scoped to the viewer (docs/adr/0006-role-separation.md)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from zwfw.core.errors import NotFound, PermissionDenied

from .models import AccountKind, Applicant, Role, User
from .roles import ADMIN_ROLES, APPLICANT_LOOKUP_ROLES, APPLICANT_SERVING_ROLES, DEPARTMENT_ROLES
from .services._common import id_number_digest
from .services.applicants import jurisdiction_region
from .validation import id_number_validate


def _is_staff(viewer) -> bool:
    return bool(viewer and viewer.is_authenticated and viewer.is_active and viewer.kind == AccountKind.STAFF)


def staff_visible_to(viewer: User) -> QuerySet[User]:
    """Staff accounts the viewer may see.

    The three administrators see every account (they run accounts, grants and the audit);
    电子监察 sees the staff of its region subtree; department roles see their own department;
    everyone on the staff sees themself; citizens and enterprises see no staff.
    """
    staff = User.objects.filter(kind=AccountKind.STAFF)
    if not _is_staff(viewer):
        return staff.none()
    if viewer.has_role(*ADMIN_ROLES):
        return staff
    visible = Q(pk=viewer.pk)
    if viewer.has_role(Role.SUPERVISOR) and viewer.region_id:
        prefix = viewer.region.prefix
        visible |= (Q(region__code__startswith=prefix) | Q(department__region__code__startswith=prefix)
                    | Q(service_point__region__code__startswith=prefix))
    if viewer.has_role(*DEPARTMENT_ROLES) and viewer.department_id:
        visible |= Q(department_id=viewer.department_id)
    return staff.filter(visible)


def staff_get(viewer: User, pk) -> User:
    """One visible staff account; the same NotFound for a missing one and a hidden one."""
    try:
        return staff_visible_to(viewer).get(pk=int(pk))
    except (User.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def applicants_visible_to(viewer: User) -> QuerySet[Applicant]:
    """Applicants the viewer may see (values masked unless revealed through the audited service).

    A citizen or enterprise sees its own applicant record. Staff who serve applicants see those
    registered in their jurisdiction's region subtree (until cases widen this to "applicants of
    cases I may see"). The three administrators hold no business data (三员分立) and see none.
    """
    applicants = Applicant.objects.all()
    if not (viewer and viewer.is_authenticated and viewer.is_active):
        return applicants.none()
    if viewer.kind != AccountKind.STAFF:
        return applicants.filter(user=viewer)
    if not viewer.has_role(*APPLICANT_SERVING_ROLES):
        return applicants.none()
    region = viewer.region if viewer.has_role(Role.SUPERVISOR) and viewer.region_id else jurisdiction_region(viewer)
    if region is None:
        return applicants.none()
    return applicants.filter(region__code__startswith=region.prefix)


def applicant_get(viewer: User, pk) -> Applicant:
    try:
        return applicants_visible_to(viewer).get(pk=int(pk))
    except (Applicant.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def applicant_find_by_id_number(*, viewer: User, id_number: str) -> Applicant | None:
    """Exact lookup by the ID number a person presents at a window or proxy point (一窗受理 serves
    people from anywhere, so this is not limited to the jurisdiction). Front-desk roles only."""
    if not (_is_staff(viewer) and viewer.has_role(*APPLICANT_LOOKUP_ROLES)):
        raise PermissionDenied()
    number = id_number_validate(id_number)
    return Applicant.objects.filter(id_number_digest=id_number_digest(number)).first()
