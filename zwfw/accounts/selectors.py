"""Reads of the accounts context, always scoped to the viewer (docs/adr/0006-role-separation.md)."""

from __future__ import annotations

from django.db.models import QuerySet

from zwfw.core.errors import NotFound, PermissionDenied

from .models import Applicant, User
from .roles import APPLICANT_LOOKUP_ROLES
from .scope import Scope
from .services._common import id_number_digest
from .validation import id_number_validate


def _is_staff(viewer) -> bool:
    return Scope.for_viewer(viewer).is_staff


def staff_visible_to(viewer: User) -> QuerySet[User]:
    """Staff accounts the viewer may see (the rule is `Scope.staff`, ADR 0006 and 0021)."""
    return Scope.for_viewer(viewer).staff()


def staff_get(viewer: User, pk) -> User:
    """One visible staff account; the same NotFound for a missing one and a hidden one."""
    try:
        return staff_visible_to(viewer).get(pk=int(pk))
    except (User.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def applicants_visible_to(viewer: User) -> QuerySet[Applicant]:
    """Applicants the viewer may see, values masked unless revealed through the audited service
    (the rule is `Scope.applicants`: own record, jurisdiction subtree, none for 三员)."""
    return Scope.for_viewer(viewer).applicants()


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
