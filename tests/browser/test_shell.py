"""The web shell in a real browser: layout at phone and desktop widths, offline assets,
sign-in to the workbench, citizens kept out of it."""

import pytest

from zwfw.accounts.models import AccountKind, Role
from zwfw.portal.tests.network import PASSWORD, build_network, make_user

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("viewport", "name"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_portal_home_in_chinese_without_overflow_or_external_requests(visit, viewport, name):
    build_network()
    v = visit(viewport=viewport)
    response = v.goto("/")
    assert response.status == 200
    page = v.page
    assert page.evaluate("document.documentElement.lang") == "zh-hans"
    assert page.locator("h1").inner_text() == "一体化政务服务平台"
    for entry in ("个人办事", "法人办事", "部门", "服务网点"):
        assert page.locator(".cards h3", has_text=entry).first.is_visible()
    page.wait_for_function("typeof window.htmx === 'object'")
    assert any(url.startswith(f"{v.base_url}/static/vendor/htmx/") for url in v.requests)
    assert v.external_requests() == []
    assert not v.has_horizontal_overflow()
    v.screenshot(f"portal-home-{name}.png")


def test_network_page_tables_scroll_inside_their_box_on_a_phone(visit):
    build_network()
    v = visit(viewport=PHONE)
    v.goto("/network/")
    assert v.page.get_by_role("heading", name="广安区政务服务中心").is_visible()
    assert not v.has_horizontal_overflow()
    assert v.external_requests() == []
    v.screenshot("portal-network-phone.png")


def test_search_form_lists_departments(visit):
    build_network()
    v = visit(viewport=PHONE)
    v.goto("/")
    v.page.get_by_label("搜索办事事项或部门").fill("民政")
    v.page.get_by_role("button", name="搜索").click()
    v.page.wait_for_url("**/guide/?q=*")  # the home search box searches the guides (and departments)
    assert v.page.get_by_role("link", name="广安区民政局").is_visible()
    assert v.page.get_by_role("link", name="广安区自然资源和规划局").count() == 0


def test_skip_link_is_first_and_moves_focus_to_main(visit):
    v = visit()
    v.goto("/")
    v.page.keyboard.press("Tab")
    assert v.page.evaluate("document.activeElement.textContent.trim()") == "跳到主要内容"
    v.page.keyboard.press("Enter")
    assert v.page.evaluate("document.activeElement.id") == "main"


def test_staff_sign_in_lands_on_the_workbench(visit, clean_audit_trail):
    network = build_network()
    make_user("clerk01", Role.WINDOW_CLERK, full_name="王五", department=network.civil, window=network.window)
    v = visit(viewport=PHONE)
    v.goto("/accounts/login/?next=/workbench/")
    form = v.page.locator("form", has=v.page.locator('input[name="password"]'))
    form.locator('input[name="username"]').fill("clerk01")
    form.locator('input[name="password"]').fill(PASSWORD)
    form.locator('button[type="submit"], input[type="submit"]').first.click()
    v.page.wait_for_url(f"{v.base_url}/workbench/")
    panel = v.page.locator('.role-panel[data-role="window_clerk"]')
    assert panel.get_by_role("heading", name="窗口人员").is_visible()
    assert "广安区民政局" in panel.inner_text()
    assert not v.has_horizontal_overflow()
    assert v.external_requests() == []


def test_workbench_tabs_swap_with_htmx_and_auditor_verifies(visit, clean_audit_trail):
    network = build_network()
    user = make_user(
        "multi", Role.DEPARTMENT_HEAD, Role.SUPERVISOR, Role.SECURITY_AUDITOR,
        full_name="赵六", department=network.civil, region=network.county,
    )
    v = visit(viewport=DESKTOP, user=user)
    v.goto("/workbench/")
    page = v.page
    assert page.locator('.role-panel[data-role="department_head"]').is_visible()
    v.screenshot("workbench-desktop.png")

    page.get_by_role("link", name="电子监察").click()
    page.wait_for_selector('.role-panel[data-role="supervisor"]')
    assert page.url == f"{v.base_url}/workbench/role/supervisor/"
    assert v.request_headers[page.url].get("hx-request") == "true"  # swapped by htmx, no reload
    assert "浓洄街道便民服务中心" in page.locator(".role-panel").inner_text()

    page.get_by_role("link", name="安全审计员").click()
    page.wait_for_selector('.role-panel[data-role="security_auditor"]')
    page.get_by_role("button", name="校验审计链").click()
    result = page.locator("#audit-result")
    result.get_by_text("审计链完整").wait_for()
    assert "已校验 0 条记录" in result.inner_text()
    v.screenshot("workbench-auditor-desktop.png")
    assert v.external_requests() == []

    phone = visit(viewport=PHONE, user=user)
    phone.goto("/workbench/")
    assert not phone.has_horizontal_overflow()
    phone.screenshot("workbench-phone.png")


def test_citizen_visiting_the_workbench_is_redirected(visit):
    citizen = make_user("citizen01", kind=AccountKind.CITIZEN, full_name="李四")
    v = visit(viewport=PHONE, user=citizen)
    v.goto("/workbench/")
    assert v.page.url == f"{v.base_url}/"
    assert v.page.get_by_text("工作台仅供工作人员使用").is_visible()
    assert v.page.get_by_role("link", name="工作台").count() == 0
