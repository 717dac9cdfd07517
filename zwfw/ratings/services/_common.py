"""Shared checks of the 好差评 services: who acts for a department or as its reviewer."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zwfw.accounts.models import Role, User
from zwfw.accounts.roles import DEPARTMENT_ROLES
from zwfw.accounts.scope import Scope
from zwfw.core.errors import NotFound, PermissionDenied, ValidationFailed
from zwfw.organizations.models import region_ancestor_codes

SUPERVISION_OFFICE = Role.SUPERVISOR  # 督查（电子监察）室 reviews work orders, appeals and comments


def require_department_staff(actor, department) -> Scope:
    """Staff of the responsible department (any department role) act on its work orders."""
    scope = Scope.for_viewer(actor)
    if not (scope.has(*DEPARTMENT_ROLES) and scope.department is not None):
        raise PermissionDenied(_("只有责任部门的工作人员可以处理差评整改"), code="not_department_staff")
    if scope.department.pk != department.pk:
        raise NotFound(_("未找到该工单，或您无权查看"), code="not_found")
    return scope


def require_reviewer(actor, region) -> Scope:
    scope = Scope.for_viewer(actor)
    if not (scope.has(SUPERVISION_OFFICE) and scope.region is not None):
        raise PermissionDenied(_("只有督查（电子监察）人员可以审核"), code="not_reviewer")
    if not scope.covers_region(region):
        raise NotFound(_("未找到该对象，或您无权查看"), code="not_found")
    return scope


def text_required(value: str, *, field: str, label: str, limit: int, code: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed.on(field, _("请填写%s") % label, code=f"{code}_required")
    if len(value) > limit:
        raise ValidationFailed.on(field, _("%(label)s不能超过 %(n)s 个字") % {"label": label, "n": limit},
                                  code=f"{code}_too_long")
    return value


def department_heads(department) -> list[User]:
    return list(User.objects.filter(department=department, is_active=True,
                                    role_grants__role=Role.DEPARTMENT_HEAD).distinct().order_by("pk"))


def region_reviewers(region) -> list[User]:
    return list(User.objects.filter(region__in=region_ancestor_codes(region.pk), is_active=True,
                                    role_grants__role=SUPERVISION_OFFICE).distinct().order_by("pk"))
