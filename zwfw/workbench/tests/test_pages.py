import pytest
from django.db import transaction
from django.urls import reverse

from zwfw.accounts.models import AccountKind, Role
from zwfw.core.audit import audit_record, audit_seal
from zwfw.core.models import AuditEvent
from zwfw.core.testing import audit_triggers_disabled
from zwfw.portal.tests.network import build_network, make_user
from zwfw.portal.tests.pages import assert_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return build_network()


def role_url(role):
    return reverse("workbench:role", args=[role])


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("workbench:home"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=/workbench/"


@pytest.mark.parametrize("kind", [AccountKind.CITIZEN, AccountKind.ENTERPRISE])
def test_citizens_are_sent_to_the_portal(client, network, kind):
    client.force_login(make_user("c1", kind=kind))
    for url in (reverse("workbench:home"), role_url("window_clerk")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("portal:home")
    assert_page(client.get(reverse("portal:home")), "工作台仅供工作人员使用")


def test_staff_without_roles_is_told_to_ask_for_one(client, network):
    client.force_login(make_user("s1"))
    html = assert_page(client.get(reverse("workbench:home")), "尚未被授予任何角色")
    assert 'class="tabs"' not in html


def test_every_role_has_an_entry_page(client, network):
    user = make_user("all", *Role.values, department=network.civil, region=network.county,
                     service_point=network.point)
    client.force_login(user)
    html = assert_page(client.get(reverse("workbench:home")), 'data-role="catalog_editor"')
    for role in Role:
        assert f'href="{role_url(role.value)}"' in html
        page = assert_page(client.get(role_url(role.value)), f'data-role="{role.value}"',
                           f'<h2 id="role-title">{role.label}</h2>')
        assert page.count('aria-current="page"') == 2  # the nav's 工作台 link and this role's tab


def test_unknown_role_is_404_and_role_not_held_is_403(client, network):
    client.force_login(make_user("clerk", "window_clerk", department=network.civil))
    assert client.get(role_url("root")).status_code == 404
    assert client.get(role_url("security_auditor")).status_code == 403


def test_tabs_show_only_held_roles(client, network):
    client.force_login(make_user("two", "approver", "supervisor", department=network.civil, region=network.county))
    html = assert_page(client.get(reverse("workbench:home")), "审批人员", "电子监察")
    assert role_url("system_admin") not in html
    assert 'data-role="approver"' in html  # the first held role in Role order


def test_department_roles_see_their_department_windows_and_masked_colleagues(client, network):
    make_user("col", full_name="赵六", department=network.civil, phone="13800009999")
    make_user("gone", full_name="离职人员", department=network.civil, is_active=False)
    make_user("other", full_name="钱七", department=network.land)
    make_user("cit", kind=AccountKind.CITIZEN, full_name="孙八", department=network.civil)
    me = make_user("me", "window_clerk", full_name="王五", department=network.civil, window=network.window)
    client.force_login(me)
    html = assert_page(client.get(role_url("window_clerk")), "广安区民政局（广安区）", "B03 民政窗口",
                       "广安区政务服务中心", "赵六", "王五", "138****9999", "138****1234")
    for absent in ("离职人员", "钱七", "孙八", "综合受理窗口一"):
        assert absent not in html


def test_department_role_without_department(client, network):
    client.force_login(make_user("nodept", "approver"))
    assert_page(client.get(role_url("approver")), "尚未关联部门")


def test_supervisor_sees_region_subtree_only(client, network):
    client.force_login(make_user("sup", "supervisor", region=network.county))
    html = assert_page(client.get(role_url("supervisor")), "广安区及下辖区划", "广安区民政局",
                       "广安区政务服务中心", "浓洄街道便民服务中心", "广安区不动产登记分中心")
    assert "岳池县" not in html


def test_town_supervisor_sees_only_the_town(client, network):
    client.force_login(make_user("sup", "supervisor", region=network.town))
    html = assert_page(client.get(role_url("supervisor")), "浓洄街道及下辖区划", "浓洄街道便民服务中心")
    assert "广安区政务服务中心" not in html and "广安区民政局" not in html


def test_proxy_agent_sees_their_point(client, network):
    client.force_login(make_user("agent", "proxy_agent", service_point=network.point))
    assert_page(client.get(role_url("proxy_agent")), "示例社区代办点", "示例社区党群服务中心",
                "浓洄街道便民服务中心", "138****5678")


def test_system_admin_sees_counts_and_api_docs(client, network):
    make_user("cit", kind=AccountKind.CITIZEN)
    client.force_login(make_user("admin", "system_admin"))
    html = assert_page(client.get(role_url("system_admin")), reverse("api:openapi"))
    assert '<span class="stat-value">3</span><span class="stat-label">部门</span>' in html
    assert '<span class="stat-value">4</span><span class="stat-label">政务服务中心</span>' in html
    assert '<span class="stat-value">1</span><span class="stat-label">工作人员</span>' in html
    assert '<span class="stat-value">1</span><span class="stat-label">自然人</span>' in html


def test_security_admin_sees_grants(client, network):
    make_user("a", "approver")
    make_user("b", "approver", "supervisor")
    client.force_login(make_user("secadmin", "security_admin"))
    html = assert_page(client.get(role_url("security_admin")), "角色授权情况")
    assert "<tr><td>审批人员</td><td>2</td></tr>" in html
    assert "<tr><td>电子监察</td><td>1</td></tr>" in html
    assert "<tr><td>安全管理员</td><td>1</td></tr>" in html


def _event(repr_text, actor=None):
    with transaction.atomic():
        audit_record(actor=actor, action="test.write", object_type="t", object_id="1", object_repr=repr_text)


def test_auditor_sees_latest_events_masked(client, network):
    auditor = make_user("auditor", "security_auditor")
    _event("申请人 11010519491231002X 电话 13912345678", actor=auditor)
    _event("第二条")
    client.force_login(auditor)
    html = assert_page(client.get(role_url("security_auditor")), "未登记的操作（test.write）", "110105********002X",
                       "139****5678", "auditor", "第二条", "校验审计链")
    assert html.index("第二条") < html.index("110105********002X")  # newest first


def test_auditor_verifies_an_intact_chain_and_the_check_is_recorded(client, network):
    auditor = make_user("auditor", "security_auditor")
    _event("一")
    client.force_login(auditor)
    html = assert_page(client.post(reverse("workbench:audit_verify")), "最近一次校验：审计链完整，已校验 1 条记录")
    assert 'data-role="security_auditor"' in html
    first, last = AuditEvent.objects.order_by("seq")
    assert (last.action, last.actor_id, last.changes) == (
        "audit.verify", auditor.pk, {"events_checked": 1, "problems": 0}
    )
    assert (first.chain_seq, last.chain_seq) == (1, None)  # the check's own event awaits the sealer


def test_auditor_sees_a_broken_chain(client, network):
    _event("一")
    _event("二")
    audit_seal()
    with audit_triggers_disabled():
        AuditEvent.objects.filter(chain_seq=1).update(object_repr="篡改")
    client.force_login(make_user("auditor", "security_auditor"))
    response = client.post(reverse("workbench:audit_verify"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # htmx gets the result fragment only
    assert "最近一次校验：审计链异常，已校验 2 条记录，发现 1 处问题" in html
    assert "第 1 条：记录内容与其签名摘要不符（被修改或重算）" in html


def test_verification_needs_the_auditor_role_and_post(client, network):
    _event("一")
    client.force_login(make_user("admin", "system_admin", "security_admin"))
    assert client.post(reverse("workbench:audit_verify")).status_code == 403
    assert AuditEvent.objects.count() == 1
    client.force_login(make_user("auditor", "security_auditor"))
    assert client.get(reverse("workbench:audit_verify")).status_code == 405
    assert AuditEvent.objects.count() == 1


@pytest.mark.parametrize(("role", "shown", "absent"), [
    (Role.CATALOG_EDITOR, ("本部门事项", "新增事项"), ("待审核事项",)),
    (Role.CATALOG_REVIEWER, ("待审核事项", "辖区事项"), ("新增事项",)),
    (Role.WINDOW_CLERK, (" · 窗口 ",), ("事项管理",)),
])
def test_role_sections_compare_with_the_role_enum(client, network, role, shown, absent):
    me = make_user("me", role, department=network.civil, window=network.window, region=network.county)
    client.force_login(me)
    html = assert_page(client.get(role_url(role)), *shown)
    for text in absent:
        assert text not in html


def test_security_admin_unlocks_a_locked_name_and_revokes_a_token(client, network, settings):
    """Issue 13 findings 2 and 11: the security administrator's page lists locks and tokens."""
    from zwfw.accounts.errors import SignInFailed
    from zwfw.accounts.models import ApiToken, LoginThrottle
    from zwfw.accounts.services import staff_sign_in
    from zwfw.accounts.tokens import api_token_issue

    settings.ZWFW_LOGIN_MAX_FAILURES = 2
    clerk = make_user("clerk_x", "window_clerk")
    for _ in range(2):
        with pytest.raises(SignInFailed):
            staff_sign_in(username="clerk_x", password="wrong", ip="192.0.2.5")
    token, _key = api_token_issue(user=clerk, name="导入脚本")
    client.force_login(make_user("secadmin", "security_admin"))
    html = assert_page(client.get(role_url("security_admin")), "锁定中的登录名和来源地址")
    lock = LoginThrottle.objects.get(scope="account")
    assert reverse("workbench:sign_in_unlock", args=[lock.pk]) in html and "导入脚本" in html
    response = client.post(reverse("workbench:sign_in_unlock", args=[lock.pk]))
    assert response.status_code == 302
    assert LoginThrottle.objects.get(pk=lock.pk).locked_until is None
    assert client.post(reverse("workbench:api_token_revoke", args=[token.pk])).status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert set(AuditEvent.objects.filter(action__in=["auth.sign_in_unlock", "api_token.revoke"])
               .values_list("action", flat=True)) == {"auth.sign_in_unlock", "api_token.revoke"}


def test_others_cannot_unlock_or_revoke_from_the_workbench(client, network, settings):
    from zwfw.accounts.models import ApiToken
    from zwfw.accounts.tokens import api_token_issue

    clerk = make_user("clerk_y", "window_clerk")
    token, _key = api_token_issue(user=clerk, name="t")
    client.force_login(make_user("sys", "system_admin"))
    assert client.post(reverse("workbench:api_token_revoke", args=[token.pk])).status_code == 403
    assert client.post(reverse("workbench:sign_in_unlock", args=[1])).status_code == 403
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
