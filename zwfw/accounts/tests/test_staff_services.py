"""Staff accounts and roles: who may manage whom (三员分立), scope rules, nothing saved on errors."""

import pytest

from zwfw.accounts.models import Role, RoleGrant, User
from zwfw.accounts.services import (
    role_grant,
    role_revoke,
    staff_bootstrap,
    staff_create,
    staff_deactivate,
    staff_set_password,
    staff_update,
)
from zwfw.core.errors import Conflict, PermissionDenied, StateError, ValidationFailed
from zwfw.core.models import AuditEvent

from .conftest import NOW, PASSWORD


def _counts():
    return User.objects.count(), RoleGrant.objects.count(), AuditEvent.objects.count()


def test_security_admin_creates_scoped_clerk_with_audit(people, depts):
    user = staff_create(actor=people["secadmin"], username="Wang_Li", full_name="王丽", password=PASSWORD,
                        roles=[Role.WINDOW_CLERK], department=depts["a_approval"], phone="13800001234", now=NOW)
    user.refresh_from_db()
    assert user.username == "wang_li"
    assert user.role_set == {Role.WINDOW_CLERK}
    assert user.check_password(PASSWORD)
    assert user.phone.reveal() == "13800001234"
    event = AuditEvent.objects.get(action="staff.create", object_id=str(user.pk))
    assert event.actor_id == people["secadmin"].pk
    assert event.changes["phone"] == "138****1234"
    assert event.changes["roles"] == ["window_clerk"]
    assert "13800001234" not in str(event.changes)


@pytest.mark.parametrize("actor", ["sysadmin", "auditor", "clerk_a", "head_a", "supervisor_a"])
def test_only_security_admin_creates_staff(people, depts, actor):
    before = _counts()
    with pytest.raises(PermissionDenied):
        staff_create(actor=people[actor], username="newbie", full_name="新人", password=PASSWORD,
                     roles=[Role.WINDOW_CLERK], department=depts["a_approval"], now=NOW)
    with pytest.raises(PermissionDenied):
        staff_create(actor=people[actor], username="newbie", full_name="新人", password=PASSWORD, roles=[], now=NOW)
    assert _counts() == before


def test_system_admin_keeps_the_platform_not_accounts(people):
    """The system administrator grants no business or auditor role and manages no account."""
    before = _counts()
    with pytest.raises(PermissionDenied):
        staff_create(actor=people["sysadmin"], username="shadow", full_name="影子", password=PASSWORD,
                     roles=[Role.SECURITY_AUDITOR], now=NOW)
    with pytest.raises(PermissionDenied):
        role_grant(actor=people["sysadmin"], user=people["sysadmin"], role=Role.SECURITY_ADMIN, now=NOW)
    with pytest.raises(PermissionDenied):
        role_grant(actor=people["sysadmin"], user=people["clerk_a"], role=Role.APPROVER, now=NOW)
    with pytest.raises(PermissionDenied):
        role_grant(actor=people["sysadmin"], user=people["clerk_a"], role=Role.SECURITY_AUDITOR, now=NOW)
    with pytest.raises(PermissionDenied):
        staff_set_password(actor=people["sysadmin"], user=people["clerk_a"], password="Another-Pass-99", now=NOW)
    with pytest.raises(PermissionDenied):
        staff_deactivate(actor=people["sysadmin"], user=people["clerk_a"], now=NOW)
    assert _counts() == before


def test_security_admin_grants_every_role_but_its_own_and_never_to_self(people, regions):
    plain = User.objects.create_user(username="plain", password=PASSWORD, full_name="普通")
    role_grant(actor=people["secadmin"], user=plain, role=Role.SECURITY_AUDITOR, now=NOW)
    assert plain.role_set == {Role.SECURITY_AUDITOR}
    assert AuditEvent.objects.filter(action="role.grant", object_id=str(plain.pk)).count() == 1
    role_grant(actor=people["secadmin"], user=people["clerk_a"], role=Role.APPROVER, now=NOW)
    assert people["clerk_a"].role_set == {Role.WINDOW_CLERK, Role.APPROVER}
    other = User.objects.create_user(username="other", password=PASSWORD, full_name="另一人")
    before = _counts()
    with pytest.raises(PermissionDenied):
        role_grant(actor=people["secadmin"], user=other, role=Role.SECURITY_ADMIN, now=NOW)
    with pytest.raises(PermissionDenied):
        role_grant(actor=people["secadmin"], user=people["secadmin"], role=Role.SECURITY_AUDITOR, now=NOW)
    assert _counts() == before


def test_a_second_security_admin_needs_two_people(people):
    """Created by the security administrator, appointed by the system administrator."""
    second = staff_create(actor=people["secadmin"], username="sec2", full_name="二号", password=PASSWORD,
                          roles=[], now=NOW)
    role_grant(actor=people["sysadmin"], user=second, role=Role.SECURITY_ADMIN, now=NOW)
    assert second.role_set == {Role.SECURITY_ADMIN}
    event = AuditEvent.objects.get(action="role.grant", object_id=str(second.pk))
    assert event.actor_id == people["sysadmin"].pk


def test_admin_roles_are_held_alone(people):
    before = _counts()
    with pytest.raises(ValidationFailed) as info:
        role_grant(actor=people["secadmin"], user=people["auditor"], role=Role.SYSTEM_ADMIN, now=NOW)
    assert info.value.field_errors["roles"] == ["系统管理员、安全管理员、安全审计员须由不同人员担任，且不得兼任业务角色。"]
    with pytest.raises(ValidationFailed):
        role_grant(actor=people["secadmin"], user=people["clerk_a"], role=Role.SECURITY_AUDITOR, now=NOW)
    assert _counts() == before


def test_department_role_needs_department_and_all_errors_come_at_once(people):
    before = _counts()
    with pytest.raises(ValidationFailed) as info:
        staff_create(actor=people["secadmin"], username="9bad", full_name="", password="short",
                     roles=[Role.APPROVER, Role.SUPERVISOR], phone="123", now=NOW)
    fields = info.value.field_errors
    assert set(fields) == {"username", "full_name", "password", "phone", "department", "region"}
    assert fields["department"] == ["事项编辑、审核、窗口、审批和部门负责人角色须指定所属部门。"]
    assert any("10" in m for m in fields["password"])  # minimum length from AUTH_PASSWORD_VALIDATORS
    assert _counts() == before


def test_password_policy_messages_are_chinese(people, depts):
    with pytest.raises(ValidationFailed) as info:
        staff_create(actor=people["secadmin"], username="zhao", full_name="赵", password="alllowercaseletters",
                     roles=[], now=NOW)
    assert info.value.field_errors["password"] == ["密码须包含小写字母、大写字母、数字、符号中的至少 3 类。"]


def test_duplicate_username_is_a_conflict_and_nothing_changes(people, depts):
    before = _counts()
    with pytest.raises(Conflict) as info:
        staff_create(actor=people["secadmin"], username="CLERK_A", full_name="重名", password=PASSWORD,
                     roles=[Role.WINDOW_CLERK], department=depts["a_approval"], now=NOW)
    assert info.value.message == "用户名已被使用。"
    assert _counts() == before


def test_update_scope_and_phone_audited_as_diff(people, depts):
    clerk = people["clerk_a"]
    staff_update(actor=people["secadmin"], user=clerk, department=depts["a_civil"], phone="13912345678", now=NOW)
    clerk.refresh_from_db()
    assert clerk.department == depts["a_civil"]
    event = AuditEvent.objects.get(action="staff.update")
    assert event.changes == {"department": [depts["a_approval"].pk, depts["a_civil"].pk],
                             "phone": ["", "139****5678"]}


def test_update_cannot_strip_a_clerk_of_the_department(people):
    before = _counts()
    with pytest.raises(ValidationFailed):
        staff_update(actor=people["secadmin"], user=people["clerk_a"], department=None, now=NOW)
    people["clerk_a"].refresh_from_db()
    assert people["clerk_a"].department_id is not None
    assert _counts() == before


def test_system_admin_cannot_manage_the_auditor_account(people):
    auditor = people["auditor"]
    with pytest.raises(PermissionDenied):
        staff_set_password(actor=people["sysadmin"], user=auditor, password="Another-Pass-99", now=NOW)
    with pytest.raises(PermissionDenied):
        staff_deactivate(actor=people["sysadmin"], user=auditor, now=NOW)
    with pytest.raises(PermissionDenied):
        staff_deactivate(actor=people["auditor"], user=people["clerk_a"], now=NOW)
    auditor.refresh_from_db()
    assert auditor.is_active and auditor.check_password(PASSWORD)
    staff_deactivate(actor=people["secadmin"], user=auditor, now=NOW)
    auditor.refresh_from_db()
    assert auditor.is_active is False


def test_deactivate_twice_is_a_state_error(people):
    staff_deactivate(actor=people["secadmin"], user=people["clerk_b"], now=NOW)
    with pytest.raises(StateError):
        staff_deactivate(actor=people["secadmin"], user=people["clerk_b"], now=NOW)
    assert AuditEvent.objects.filter(action="staff.deactivate").count() == 1


def test_own_password_change_needs_current_password(people):
    clerk = people["clerk_a"]
    with pytest.raises(ValidationFailed) as info:
        staff_set_password(actor=clerk, user=clerk, password="Brand-New-Pass-1", current_password="wrong", now=NOW)
    assert info.value.field_errors == {"current_password": ["当前密码不正确。"]}
    staff_set_password(actor=clerk, user=clerk, password="Brand-New-Pass-1", current_password=PASSWORD, now=NOW)
    clerk.refresh_from_db()
    assert clerk.check_password("Brand-New-Pass-1")
    assert clerk.password_changed_at == NOW


def test_role_grant_twice_conflicts_and_revoke_missing_is_state_error(people):
    clerk = people["clerk_a"]
    role_grant(actor=people["secadmin"], user=clerk, role=Role.APPROVER, now=NOW)
    with pytest.raises(Conflict):
        role_grant(actor=people["secadmin"], user=clerk, role=Role.APPROVER, now=NOW)
    role_revoke(actor=people["secadmin"], user=clerk, role=Role.APPROVER, now=NOW)
    with pytest.raises(StateError):
        role_revoke(actor=people["secadmin"], user=clerk, role=Role.APPROVER, now=NOW)
    assert sorted(RoleGrant.objects.filter(user=clerk).values_list("role", flat=True)) == ["window_clerk"]
    assert list(AuditEvent.objects.filter(object_id=str(clerk.pk)).values_list("action", flat=True)) == [
        "role.grant", "role.revoke"]


def test_bootstrap_only_while_nobody_holds_the_role(db):
    user = staff_bootstrap(username="root_sec", full_name="安全管理员", password=PASSWORD,
                           role=Role.SECURITY_ADMIN, now=NOW)
    assert user.role_set == {Role.SECURITY_ADMIN}
    with pytest.raises(StateError):
        staff_bootstrap(username="second", full_name="二号", password=PASSWORD, role=Role.SECURITY_ADMIN, now=NOW)
    with pytest.raises(ValidationFailed):
        staff_bootstrap(username="clerk", full_name="窗口", password=PASSWORD, role=Role.WINDOW_CLERK, now=NOW)


def test_bootstrap_command(db, monkeypatch):
    from django.core.management import CommandError, call_command

    monkeypatch.setenv("ZWFW_BOOTSTRAP_PASSWORD", PASSWORD)
    call_command("accounts_bootstrap", role="system_admin", username="root_sys", full_name="系统管理员")
    assert User.objects.get(username="root_sys").role_set == {Role.SYSTEM_ADMIN}
    with pytest.raises(CommandError, match="已有启用的账号担任该角色"):
        call_command("accounts_bootstrap", role="system_admin", username="root_sys2", full_name="二号")


def test_an_archivist_needs_a_department_or_a_region(people, depts, regions):
    """档案管理员 keeps a department's or a region's archive (ADR 0033): one of the two scopes."""
    before = _counts()
    with pytest.raises(ValidationFailed) as err:
        staff_create(actor=people["secadmin"], username="dangan", full_name="档案员", password=PASSWORD,
                     roles=[Role.ARCHIVIST], now=NOW)
    assert "档案管理员" in err.value.field_errors["region"][0]
    assert _counts() == before
    by_region = staff_create(actor=people["secadmin"], username="dangan_qu", full_name="区档案员", password=PASSWORD,
                             roles=[Role.ARCHIVIST], region=regions["county_a"], now=NOW)
    by_department = staff_create(actor=people["secadmin"], username="dangan_ju", full_name="局档案员",
                                 password=PASSWORD, roles=[Role.ARCHIVIST], department=depts["a_approval"], now=NOW)
    assert by_region.role_set == by_department.role_set == {Role.ARCHIVIST}
