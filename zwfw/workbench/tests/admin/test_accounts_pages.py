"""Accounts and roles pages: every action and its refusals (wrong role → 403/404, bad input →
Chinese message, nothing changed), each write audited (ADR 0006, 0026)."""

import pytest
from django.urls import reverse

from zwfw.accounts.models import Role, RoleGrant, User
from zwfw.accounts.tests.conftest import PASSWORD
from zwfw.core.models import AuditEvent
from zwfw.portal.tests.pages import assert_page

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Brand-New-Pass-2026!"


def _state():
    rows = list(User.objects.order_by("pk").values_list(
        "pk", "username", "full_name", "is_active", "password", "department_id", "region_id", "window_id",
        "service_point_id"))
    grants = sorted(RoleGrant.objects.values_list("user_id", "role"))
    return rows, grants, AuditEvent.objects.count()


@pytest.fixture
def as_user(client, people):
    def sign_in(name):
        client.force_login(people[name])
        return client
    return sign_in


@pytest.mark.parametrize("reader", ["secadmin", "sysadmin", "auditor"])
def test_the_three_administrators_read_the_account_list(as_user, people, reader):
    client = as_user(reader)
    html = assert_page(client.get(reverse("workbench:accounts")), "账号与角色", "clerk_a", "窗口人员")
    assert ("新建账号" in html) is (reader == "secadmin")
    detail = assert_page(client.get(reverse("workbench:account", args=[people["clerk_a"].pk])), "clerk_a")
    assert ("重置密码" in detail) is (reader == "secadmin")
    assert ("停用该账号" in detail) is (reader == "secadmin")


@pytest.mark.parametrize("viewer", ["clerk_a", "head_a", "supervisor_a", "editor_a", "agent_a"])
def test_business_roles_may_not_open_the_accounts_pages(as_user, people, viewer):
    client = as_user(viewer)
    before = _state()
    assert client.get(reverse("workbench:accounts")).status_code == 403
    assert client.get(reverse("workbench:account", args=[people["clerk_a"].pk])).status_code == 403
    assert client.get(reverse("workbench:account_create")).status_code == 403
    response = client.post(reverse("workbench:account_deactivate", args=[people["clerk_b"].pk]))
    assert response.status_code == 403
    assert _state() == before


def test_list_filters_by_name_department_role_and_status(as_user, people, depts):
    client = as_user("secadmin")
    people["clerk_b"].is_active = False
    people["clerk_b"].save()
    html = client.get(reverse("workbench:accounts"), {"role": Role.WINDOW_CLERK, "status": "active"}).content.decode()
    assert "clerk_a" in html and "clerk_civil" in html and "clerk_b<" not in html and "approver_a" not in html
    html = client.get(reverse("workbench:accounts"), {"department": depts["a_civil"].pk}).content.decode()
    assert "clerk_civil" in html and "clerk_a<" not in html
    html = client.get(reverse("workbench:accounts"), {"q": "APPROVER"}).content.decode()
    assert "approver_a" in html and "clerk_a<" not in html


def test_security_admin_creates_an_account_with_role_and_department(as_user, depts):
    client = as_user("secadmin")
    assert_page(client.get(reverse("workbench:account_create")), "请选择…", "事项编辑")
    response = client.post(reverse("workbench:account_create"), {
        "username": "Zhang_Wei", "full_name": "张伟", "phone": "13800001111", "password": PASSWORD,
        "roles": [Role.WINDOW_CLERK], "department": depts["a_approval"].pk,
    })
    user = User.objects.get(username="zhang_wei")
    assert response.status_code == 302 and response["Location"] == reverse("workbench:account", args=[user.pk])
    assert user.role_set == {Role.WINDOW_CLERK} and user.department == depts["a_approval"]
    assert AuditEvent.objects.filter(action="staff.create", object_id=str(user.pk)).count() == 1


def test_create_with_bad_input_names_every_problem_in_chinese_and_saves_nothing(as_user):
    client = as_user("secadmin")
    before = _state()
    response = client.post(reverse("workbench:account_create"), {
        "username": "9x", "full_name": "", "phone": "123", "password": "short", "roles": [Role.APPROVER],
    })
    assert response.status_code == 400
    html = response.content.decode()
    for message in ("用户名须以字母开头", "请填写姓名。", "手机号码应为11位数字", "须指定所属部门"):
        assert message in html, message
    assert _state() == before


def test_create_a_role_the_viewer_may_not_grant_is_refused(as_user, client):
    client = as_user("secadmin")
    before = _state()
    response = client.post(reverse("workbench:account_create"), {
        "username": "boss", "full_name": "某人", "password": PASSWORD, "roles": [Role.SECURITY_ADMIN]})
    assert response.status_code == 400  # not among the choices offered to the security administrator
    assert "security_admin 不在可用的选项中" in response.content.decode()
    assert _state() == before


def test_system_admin_may_not_create_accounts(as_user):
    client = as_user("sysadmin")
    before = _state()
    assert client.get(reverse("workbench:account_create")).status_code == 403
    assert client.post(reverse("workbench:account_create"), {
        "username": "x_user", "full_name": "某人", "password": PASSWORD}).status_code == 403
    assert _state() == before


def test_update_scope_and_keep_phone_when_left_blank(as_user, people, depts):
    clerk = people["clerk_a"]
    clerk.phone_digest = "x"
    client = as_user("secadmin")
    response = client.post(reverse("workbench:account_update", args=[clerk.pk]),
                           {"full_name": "李明", "department": depts["a_civil"].pk})
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert clerk.full_name == "李明" and clerk.department == depts["a_civil"]
    event = AuditEvent.objects.get(action="staff.update", object_id=str(clerk.pk))
    assert "phone" not in event.changes


def test_update_refusals_leave_the_account_as_it_was(as_user, people):
    client = as_user("secadmin")
    before = _state()
    response = client.post(reverse("workbench:account_update", args=[people["clerk_a"].pk]), {"full_name": "王"})
    assert response.status_code == 400  # a window clerk without a department
    assert "须指定所属部门" in response.content.decode()
    assert client.post(reverse("workbench:account_update", args=[99999]), {"full_name": "王"}).status_code == 404
    auditor = as_user("auditor")
    assert auditor.post(reverse("workbench:account_update", args=[people["clerk_a"].pk]),
                        {"full_name": "王", "department": people["clerk_a"].department_id}).status_code == 403
    assert _state() == before


def test_reset_password(as_user, people):
    client = as_user("secadmin")
    response = client.post(reverse("workbench:account_password", args=[people["clerk_a"].pk]),
                           {"password": NEW_PASSWORD})
    assert response.status_code == 302
    people["clerk_a"].refresh_from_db()
    assert people["clerk_a"].check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(action="staff.set_password", object_id=str(people["clerk_a"].pk)).exists()


def test_reset_password_refusals(as_user, people):
    client = as_user("secadmin")
    before = _state()
    response = client.post(reverse("workbench:account_password", args=[people["clerk_a"].pk]), {"password": "abc"})
    assert response.status_code == 400 and "密码" in response.content.decode()
    for name in ("sysadmin", "auditor"):
        other = as_user(name)
        assert other.post(reverse("workbench:account_password", args=[people["clerk_a"].pk]),
                          {"password": NEW_PASSWORD}).status_code == 403
    assert _state() == before


def test_deactivate_and_not_oneself(as_user, people):
    client = as_user("secadmin")
    before = _state()
    assert client.post(reverse("workbench:account_deactivate", args=[people["secadmin"].pk])).status_code == 403
    assert _state() == before
    response = client.post(reverse("workbench:account_deactivate", args=[people["clerk_b"].pk]))
    assert response.status_code == 302
    people["clerk_b"].refresh_from_db()
    assert people["clerk_b"].is_active is False
    assert AuditEvent.objects.filter(action="staff.deactivate", object_id=str(people["clerk_b"].pk)).count() == 1


def test_grant_and_revoke_a_business_role(as_user, people):
    client = as_user("secadmin")
    clerk = people["clerk_a"]
    page = client.get(reverse("workbench:account", args=[clerk.pk])).content.decode()
    assert '<option value="approver">审批人员</option>' in page
    assert '<option value="security_admin">' not in page
    assert client.post(reverse("workbench:account_role_grant", args=[clerk.pk]),
                       {"role": Role.APPROVER}).status_code == 302
    assert User.objects.get(pk=clerk.pk).role_set == {Role.WINDOW_CLERK, Role.APPROVER}
    assert client.post(reverse("workbench:account_role_revoke", args=[clerk.pk]),
                       {"role": Role.APPROVER}).status_code == 302
    assert User.objects.get(pk=clerk.pk).role_set == {Role.WINDOW_CLERK}
    assert list(AuditEvent.objects.filter(object_id=str(clerk.pk)).values_list("action", flat=True)) == [
        "role.grant", "role.revoke"]


def test_grant_refusals(as_user, people):
    before = _state()
    client = as_user("secadmin")
    # A role whose scope is missing: a Chinese message, nothing granted.
    response = client.post(reverse("workbench:account_role_grant", args=[people["clerk_a"].pk]),
                           {"role": Role.SUPERVISOR})
    assert response.status_code == 400 and "电子监察角色须指定管辖区划" in response.content.decode()
    # Its own role is not the security administrator's to grant, nor any role to itself.
    assert client.post(reverse("workbench:account_role_grant", args=[people["auditor"].pk]),
                       {"role": Role.SECURITY_ADMIN}).status_code == 400
    assert client.post(reverse("workbench:account_role_grant", args=[people["secadmin"].pk]),
                       {"role": Role.APPROVER}).status_code == 403
    # The auditor grants nothing; the system administrator grants no business role.
    assert as_user("auditor").post(reverse("workbench:account_role_grant", args=[people["clerk_a"].pk]),
                                   {"role": Role.APPROVER}).status_code == 400
    assert as_user("sysadmin").post(reverse("workbench:account_role_revoke", args=[people["clerk_a"].pk]),
                                    {"role": Role.WINDOW_CLERK}).status_code == 403
    assert _state() == before


def test_system_admin_appoints_a_security_admin_on_a_plain_account(as_user, people):
    plain = User.objects.create_user(username="plain", password=PASSWORD, full_name="候任")
    client = as_user("sysadmin")
    page = client.get(reverse("workbench:account", args=[plain.pk])).content.decode()
    assert '<option value="security_admin">安全管理员</option>' in page
    assert '<option value="approver">' not in page
    assert client.post(reverse("workbench:account_role_grant", args=[plain.pk]),
                       {"role": Role.SECURITY_ADMIN}).status_code == 302
    assert User.objects.get(pk=plain.pk).role_set == {Role.SECURITY_ADMIN}


def test_detail_never_shows_a_full_phone_number(as_user, depts):
    client = as_user("secadmin")
    client.post(reverse("workbench:account_create"), {
        "username": "zhou", "full_name": "周", "phone": "13800002222", "password": PASSWORD,
        "roles": [Role.WINDOW_CLERK], "department": depts["a_approval"].pk})
    user = User.objects.get(username="zhou")
    html = assert_page(client.get(reverse("workbench:account", args=[user.pk])), "138****2222")
    assert "13800002222" not in html
