"""Issue 12 point 13 in a browser, at desktop and phone sizes: the security administrator creates
an account, grants a role and resets a password; the system administrator imports next year's
working calendar from a file; a catalog editor uploads a bad Excel file and sees every bad cell;
/django-admin/ is gone."""

import datetime as dt
import json

import pytest

from zwfw.accounts.models import Role, User
from zwfw.calendar.models import CalendarYear
from zwfw.calendar.services.calendar import calendar_seed_from_package
from zwfw.catalog.tests.exchange.conftest import item_row, write_xlsx
from zwfw.portal.tests.network import build_network, make_user

from .conftest import DESKTOP, PHONE, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
VIEWPORTS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
PASSWORD = "Zhengwu-2026!"


@VIEWPORTS
def test_security_admin_creates_an_account_grants_a_role_and_resets_the_password(visit, clean_audit_trail,
                                                                                 viewport):
    network = build_network()
    secadmin = make_user("sec", Role.SECURITY_ADMIN)
    v = visit(viewport=viewport, user=secadmin)
    v.goto("/workbench/")
    v.page.get_by_role("link", name="账号与角色").first.click()
    v.page.get_by_role("link", name="新建账号").first.click()
    # A first try without a department: told in Chinese, nothing created.
    v.page.get_by_label("用户名").fill("liu_yang")
    v.page.get_by_label("姓名").fill("刘洋")
    v.page.get_by_label("初始密码").fill(PASSWORD)
    v.page.get_by_label("窗口人员").check()
    submit(v.page.get_by_role("button", name="创建账号"))
    assert "须指定所属部门" in v.page.locator("main").inner_text()
    assert not User.objects.filter(username="liu_yang").exists()
    assert not v.has_horizontal_overflow()
    v.page.get_by_label("初始密码").fill(PASSWORD)
    v.page.get_by_label("所属部门").select_option(label=network.civil.name)
    v.page.get_by_role("button", name="创建账号").click()
    v.page.wait_for_url("**/workbench/accounts/*/")
    status = v.page.locator("ul.messages")
    assert "已创建账号 刘洋" in status.inner_text()
    # Grant a second role, then reset the password.
    v.page.get_by_label("授予角色").select_option(label="审批人员")
    submit(v.page.get_by_role("button", name="授予", exact=True))
    assert "已授予角色：审批人员" in status.inner_text()
    v.page.get_by_label("新密码").fill("Another-Pass-2026!")
    submit(v.page.get_by_role("button", name="重置密码"))
    assert "已重置 刘洋 的密码" in status.inner_text()
    user = User.objects.get(username="liu_yang")
    assert user.role_set == {Role.WINDOW_CLERK, Role.APPROVER} and user.check_password("Another-Pass-2026!")
    assert not v.has_horizontal_overflow()
    v.screenshot(f"admin-account-{viewport['width']}.png")


@VIEWPORTS
def test_auditor_only_reads_the_accounts(visit, clean_audit_trail, viewport):
    build_network()
    auditor = make_user("aud", Role.SECURITY_AUDITOR)
    clerk = make_user("clerk_x", Role.WINDOW_CLERK, full_name="赵窗口", department=None)
    v = visit(viewport=viewport, user=auditor)
    v.goto("/workbench/accounts/")
    assert v.page.get_by_role("link", name="新建账号").count() == 0
    submit(v.page.get_by_role("link", name="赵窗口"))
    main = v.page.locator("main").inner_text()
    assert "重置密码" not in main and "停用该账号" not in main and "授予" not in main
    assert clerk.username in main
    assert not v.has_horizontal_overflow()


@VIEWPORTS
def test_system_admin_imports_next_years_calendar_from_a_file(visit, clean_audit_trail, tmp_path, viewport):
    calendar_seed_from_package(actor=None)
    build_network()
    sysadmin = make_user("sys", Role.SYSTEM_ADMIN)
    year = max(CalendarYear.objects.values_list("year", flat=True)) + 1
    saturday = dt.date(year, 2, 1) + dt.timedelta(days=(5 - dt.date(year, 2, 1).weekday()) % 7)
    good = tmp_path / f"{year}.json"
    good.write_text(json.dumps({"year": year, "papers": ["https://www.gov.cn/"], "days": [
        {"name": "元旦", "date": f"{year}-01-01", "isOffDay": True},
        {"name": "春节", "date": saturday.isoformat(), "isOffDay": False}]}), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"year": year, "days": [{"name": "", "date": f"{year}-01-01", "isOffDay": True}]}),
                   encoding="utf-8")
    v = visit(viewport=viewport, user=sysadmin)
    v.goto("/workbench/")
    submit(v.page.get_by_role("link", name="工作日历").first)
    main = v.page.locator("main")
    assert "已导入的年份" in main.inner_text()
    v.page.get_by_label("年度安排文件（JSON）").set_input_files(str(bad))
    submit(v.page.get_by_role("button", name="导入", exact=True))
    assert "第 1 条安排" in main.inner_text() and "未导入任何内容" in main.inner_text()
    assert not CalendarYear.objects.filter(year=year).exists()
    v.page.get_by_label("年度安排文件（JSON）").set_input_files(str(good))
    v.page.get_by_role("button", name="导入", exact=True).click()
    v.page.wait_for_url(f"**/workbench/calendar/?year={year}")
    text = main.inner_text()
    assert f"已导入 {year} 年工作日历" in v.page.locator("ul.messages").inner_text()
    assert f"{year} 年工作日历" in text and "12 月（工作日" in text
    assert CalendarYear.objects.filter(year=year).exists()
    assert not v.has_horizontal_overflow()
    v.screenshot(f"admin-calendar-{viewport['width']}.png")


@VIEWPORTS
def test_catalog_editor_uploads_a_bad_excel_file_and_sees_every_bad_cell(visit, clean_audit_trail, tmp_path,
                                                                        viewport):
    network = build_network()
    network.civil.credit_code = "115113016823646795"
    network.civil.save()
    editor = make_user("ed", Role.CATALOG_EDITOR, department=network.civil)
    path = write_xlsx(tmp_path / "bad.xlsx", {"事项": [
        item_row("A", item_type="99"), item_row("B", base_code="000104002002", name=None)]})
    v = visit(viewport=viewport, user=editor)
    v.goto("/workbench/catalog/exchange/")
    v.page.get_by_label("填好的导入模板（.xlsx）").set_input_files(str(path))
    submit(v.page.get_by_role("button", name="导入", exact=True))
    errors = v.page.locator("section.import-errors")
    assert "文件有 2 处错误，未导入任何事项" in errors.inner_text()
    assert errors.locator("tbody tr").count() == 2
    assert not v.has_horizontal_overflow()
    with v.page.expect_download() as download:
        v.page.get_by_role("link", name="空白导入模板").click()
    assert download.value.suggested_filename == "catalog-template.xlsx"


def test_django_admin_is_gone(visit, clean_audit_trail):
    build_network()
    v = visit(user=make_user("sys", Role.SYSTEM_ADMIN))
    response = v.goto("/django-admin/")
    assert response.status == 404
    assert "页面不存在" in v.page.locator("main").inner_text()
