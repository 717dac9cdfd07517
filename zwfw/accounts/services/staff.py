"""Staff accounts and their roles (docs/adr/0006-role-separation.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zwfw.core import clock
from zwfw.core.audit import audit_record, diff
from zwfw.core.errors import Conflict, PermissionDenied, StateError, ValidationFailed
from zwfw.core.fields import Sealed

from ..models import AccountKind, Role, RoleGrant, User
from ..roles import ADMIN_ROLES, DEPARTMENT_ROLES, grantable_roles, manages_account
from ..validation import mobile_validate, username_validate
from ._common import collect, password_errors, phone_digest, raise_if, require_staff, staff_snapshot

_UNSET = object()
SCOPE_FIELDS = ("department", "region", "service_center", "window", "service_point")


def _scope_errors(roles: frozenset[str], scope: dict) -> dict[str, list[str]]:
    """A role needs the scope it acts in: department roles a department, 电子监察 a region,
    代办员 a village proxy point; administrators hold no business role (三员分立)."""
    errors: dict[str, list[str]] = {}
    if roles & DEPARTMENT_ROLES and scope.get("department") is None:
        errors["department"] = [_("事项编辑、审核、窗口、审批和部门负责人角色须指定所属部门。")]
    if Role.SUPERVISOR in roles and scope.get("region") is None:
        errors["region"] = [_("电子监察角色须指定管辖区划。")]
    if Role.ARCHIVIST in roles and scope.get("department") is None and scope.get("region") is None:
        errors["region"] = [_("档案管理员角色须指定所属部门或管辖区划。")]
    if Role.PROXY_AGENT in roles and scope.get("service_point") is None:
        errors["service_point"] = [_("代办员角色须指定代办点。")]
    admin = roles & ADMIN_ROLES
    if len(admin) > 1 or (admin and roles - ADMIN_ROLES):
        errors["roles"] = [_("系统管理员、安全管理员、安全审计员须由不同人员担任，且不得兼任业务角色。")]
    window, department = scope.get("window"), scope.get("department")
    if window is not None and window.department_id and department is not None and window.department_id != department.pk:
        errors["window"] = [_("所选窗口不属于该部门。")]
    return errors


def _check_roles(roles: Iterable[str]) -> frozenset[str]:
    roles = frozenset(str(r) for r in roles)
    unknown = roles - set(Role.values)
    if unknown:
        raise ValidationFailed.on("roles", _("未知的角色：%(r)s") % {"r": "、".join(sorted(unknown))})
    return roles


def _staff_insert(user: User, password: str, now: dt.datetime) -> None:
    """Insert a validated new staff account; a taken user name (even by a race) is a Conflict."""
    user.set_password(password)
    user.password_changed_at = now
    user.date_joined = now
    try:
        with transaction.atomic():
            user.save(force_insert=True)
    except IntegrityError:
        raise Conflict(_("用户名已被使用。"), code="username_taken",
                       field_errors={"username": [_("用户名已被使用。")]}) from None


def staff_create(
    *, actor: User, username: str, full_name: str, password: str, roles: Iterable[str],
    department=None, region=None, service_center=None, window=None, service_point=None,
    phone: str = "", now: dt.datetime | None = None,
) -> User:
    """Create a staff account with its roles. Only the system administrator creates ordinary staff;
    accounts holding an administrator role are created by the security administrator."""
    now = now or clock.now()
    require_staff(actor)
    roles = _check_roles(roles)
    if not manages_account(actor, roles) or not roles <= grantable_roles(actor):
        raise PermissionDenied(_("您无权创建具有这些角色的账号。"))
    scope = {"department": department, "region": region, "service_center": service_center,
             "window": window, "service_point": service_point}
    errors: dict[str, list[str]] = {}
    username = collect(errors, username_validate, username)
    phone = collect(errors, mobile_validate, phone) or ""
    full_name = (full_name or "").strip()
    if not full_name:
        errors["full_name"] = [_("请填写姓名。")]
    errors.update(_scope_errors(roles, scope))
    user = User(username=(username or "").lower(), full_name=full_name, kind=AccountKind.STAFF, **scope)
    if phone:
        user.phone, user.phone_digest = Sealed.of(phone, kind="phone"), phone_digest(phone)
    if messages := password_errors(password, user):
        errors["password"] = messages
    raise_if(errors)
    with transaction.atomic():
        _staff_insert(user, password, now)
        RoleGrant.objects.bulk_create(
            [RoleGrant(user=user, role=r, granted_at=now, granted_by=actor) for r in sorted(roles)]
        )
        audit_record(actor=actor, action="staff.create", target=user,
                     changes={**staff_snapshot(user), "roles": sorted(roles)}, now=now)
    return user


def _require_manages(actor: User, user: User) -> None:
    require_staff(actor)
    if user.kind != AccountKind.STAFF or not manages_account(actor, user.role_set):
        raise PermissionDenied(_("您无权管理该账号。"))


def staff_update(
    *, actor: User, user: User, full_name=_UNSET, phone=_UNSET, department=_UNSET, region=_UNSET,
    service_center=_UNSET, window=_UNSET, service_point=_UNSET, now: dt.datetime | None = None,
) -> User:
    """Change a staff account's name, phone or scope; omitted arguments are left as they are."""
    now = now or clock.now()
    _require_manages(actor, user)
    given = {"department": department, "region": region, "service_center": service_center,
             "window": window, "service_point": service_point}
    scope = {f: (getattr(user, f) if v is _UNSET else v) for f, v in given.items()}
    errors: dict[str, list[str]] = {}
    if full_name is not _UNSET and not (full_name or "").strip():
        errors["full_name"] = [_("请填写姓名。")]
    if phone is not _UNSET:
        phone = collect(errors, mobile_validate, phone) or ""
    errors.update(_scope_errors(user.role_set, scope))
    raise_if(errors)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        before = staff_snapshot(locked)
        for f, v in scope.items():
            setattr(locked, f, v)
        if full_name is not _UNSET:
            locked.full_name = full_name.strip()
        if phone is not _UNSET:
            locked.phone = Sealed.of(phone, kind="phone") if phone else None
            locked.phone_digest = phone_digest(phone)
        locked.save()
        changes = diff(before, staff_snapshot(locked))
        audit_record(actor=actor, action="staff.update", target=locked, changes=changes, now=now)
    return locked


def staff_deactivate(*, actor: User, user: User, now: dt.datetime | None = None) -> User:
    """Disable an account (people leave; accounts are never deleted, the trail keeps them)."""
    now = now or clock.now()
    _require_manages(actor, user)
    if user.pk == actor.pk:
        raise PermissionDenied(_("不能停用自己的账号。"))
    with transaction.atomic():
        if not User.objects.filter(pk=user.pk, is_active=True).update(is_active=False):
            raise StateError(_("该账号已停用。"))
        user.is_active = False
        audit_record(actor=actor, action="staff.deactivate", target=user, changes={"is_active": [True, False]},
                     now=now)
    return user


def _require_grant(actor: User, user: User, role: str) -> None:
    require_staff(actor)
    if user.pk == actor.pk:
        raise PermissionDenied(_("不能变更自己的角色。"))
    if user.kind != AccountKind.STAFF or role not in grantable_roles(actor):
        raise PermissionDenied(_("您无权授予或收回该角色。"))


def role_grant(*, actor: User, user: User, role: str, now: dt.datetime | None = None) -> RoleGrant:
    now = now or clock.now()
    (role,) = _check_roles([role])
    _require_grant(actor, user, role)
    roles = user.role_set | {role}
    raise_if(_scope_errors(roles, {f: getattr(user, f) for f in SCOPE_FIELDS}))
    with transaction.atomic():
        try:
            with transaction.atomic():
                grant = RoleGrant.objects.create(user=user, role=role, granted_at=now, granted_by=actor)
        except IntegrityError:
            raise Conflict(_("该账号已拥有此角色。"), code="role_already_granted") from None
        audit_record(actor=actor, action="role.grant", target=user, changes={"role": role}, now=now)
    user._role_cache = None
    return grant


def role_revoke(*, actor: User, user: User, role: str, now: dt.datetime | None = None) -> None:
    now = now or clock.now()
    (role,) = _check_roles([role])
    _require_grant(actor, user, role)
    with transaction.atomic():
        deleted, _n = RoleGrant.objects.filter(user=user, role=role).delete()
        if not deleted:
            raise StateError(_("该账号没有此角色。"), code="role_not_granted")
        audit_record(actor=actor, action="role.revoke", target=user, changes={"role": role}, now=now)
    user._role_cache = None


def staff_set_password(
    *, actor: User, user: User, password: str, current_password: str | None = None, now: dt.datetime | None = None,
) -> None:
    """Set a password under the policy (AUTH_PASSWORD_VALIDATORS). Changing one's own password needs
    the current one; resetting another's needs the right to manage that account."""
    now = now or clock.now()
    require_staff(actor)
    if actor.pk == user.pk:
        if not current_password or not user.check_password(current_password):
            raise ValidationFailed.on("current_password", _("当前密码不正确。"))
    else:
        _require_manages(actor, user)
    if messages := password_errors(password, user):
        raise ValidationFailed(messages[0], field_errors={"password": messages})
    with transaction.atomic():
        user.set_password(password)
        user.password_changed_at = now
        user.save(update_fields=["password", "password_changed_at"])
        audit_record(actor=actor, action="staff.set_password", target=user,
                     changes={"self_service": actor.pk == user.pk}, now=now)


def staff_bootstrap(
    *, username: str, full_name: str, password: str, role: str, now: dt.datetime | None = None,
) -> User:
    """Create the first holder of an administrator role from the command line (no actor exists
    yet). Refused once an active account holds the role: later ones go through the services."""
    now = now or clock.now()
    if role not in ADMIN_ROLES:
        raise ValidationFailed.on("role", _("只能初始化系统管理员、安全管理员或安全审计员。"))
    if RoleGrant.objects.filter(role=role, user__is_active=True).exists():
        raise StateError(_("已有启用的账号担任该角色，请通过安全管理员授予。"))
    errors: dict[str, list[str]] = {}
    username = collect(errors, username_validate, username)
    user = User(username=(username or "").lower(), full_name=(full_name or "").strip(), kind=AccountKind.STAFF)
    if messages := password_errors(password, user):
        errors["password"] = messages
    raise_if(errors)
    with transaction.atomic():
        _staff_insert(user, password, now)
        RoleGrant.objects.create(user=user, role=role, granted_at=now)
        audit_record(actor=None, action="staff.bootstrap", target=user, changes={"role": role}, now=now)
    return user
