"""Archived cases, for the archivist (档案管理员) of a department (its cases) or of a region (the
cases of its subtree). Only sealed cases: an open file is not the archive's yet. Anything else
answers "not found" (ADR 0021)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from zwfw.accounts.models import Role
from zwfw.accounts.scope import NOTHING, Scope
from zwfw.core.errors import NotFound

from ..models import Case


def archive_visibility(viewer) -> Q:
    scope = Scope.for_viewer(viewer)
    if scope.is_anonymous or not scope.has(Role.ARCHIVIST):
        return NOTHING
    if scope.department is not None:
        return Q(department_id=scope.department.pk)
    if scope.region is not None:
        return Q(region__code__startswith=scope.region.prefix)
    return NOTHING


def archived_cases_for(viewer) -> QuerySet[Case]:
    return (Case.objects.filter(archive_visibility(viewer), archived_at__isnull=False)
            .select_related("applicant", "department", "region").order_by("-archived_at", "-pk"))


def archived_case_get(*, viewer, case_id) -> Case:
    try:
        return archived_cases_for(viewer).select_related(
            "version", "item", "service_center", "window", "service_point", "accept_notice", "accepted_by",
            "agent", "proxy").get(pk=int(case_id))
    except (Case.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("未找到该办件"), code="case_not_found") from None
