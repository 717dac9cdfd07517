"""Issue 12 point 12 in a browser: the security auditor reads the audit trail in Chinese with
people's names (citizens masked), filters it, pages through it, exports it, and sees when the
chain was last verified — at desktop and phone sizes."""

import datetime as dt

import pytest
from django.db import transaction

from zwfw.accounts.models import AccountKind, Role
from zwfw.core.audit import audit_record
from zwfw.portal.tests.network import make_user

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CN = dt.timezone(dt.timedelta(hours=8))


def _trail():
    clerk = make_user("clerk1", Role.WINDOW_CLERK, full_name="李窗口")
    citizen = make_user("c_51bb0c49aa", kind=AccountKind.CITIZEN, full_name="王小明", phone="13900001111")
    with transaction.atomic():
        audit_record(actor=citizen, action="auth.sign_in_succeeded", target=citizen,
                     now=dt.datetime(2026, 11, 2, 9, 0, tzinfo=CN))
        for i in range(55):
            audit_record(actor=clerk, action="calendar.day_set", role=Role.WINDOW_CLERK, object_type="t",
                         object_id=str(i), object_repr=f"调整第{i}天", now=dt.datetime(2026, 11, 3, 9, i, tzinfo=CN))
    return clerk, citizen


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_auditor_filters_pages_exports_and_verifies(visit, clean_audit_trail, viewport):
    _trail()
    auditor = make_user("auditor1", Role.SECURITY_AUDITOR, full_name="审计员甲")
    v = visit(viewport=viewport, user=auditor)
    page = v.page

    # The role page: no verification yet; verifying shows the result with its time.
    v.goto("/workbench/role/security_auditor/")
    assert "审计链尚未校验过" in page.locator("#audit-result").inner_text()
    page.get_by_role("button", name="校验审计链").click()
    page.locator("#audit-result", has_text="最近一次校验：审计链完整").wait_for()
    assert "校验时间" in page.locator("#audit-result").inner_text()
    page.get_by_role("link", name="查看全部审计记录（筛选、分页、导出）").click()
    page.wait_for_url("**/workbench/audit/")

    main = page.locator("main")
    assert "最近一次校验：审计链完整" in main.inner_text()
    table = page.locator("table.audit-table")
    text = table.inner_text()
    assert "设置特殊日期（工作日或休息日）" in text and "李窗口" in text
    assert "calendar.day_set" not in text and "c_51bb0c49" not in main.inner_text()
    assert not v.has_horizontal_overflow()
    v.screenshot(f"audit-page-{viewport['width']}.png")

    # Filter: what (the Chinese name in the list) and who.
    page.get_by_label("操作", exact=True).select_option(label="登录成功")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**action=auth.sign_in_succeeded**")
    rows = page.locator("table.audit-table tbody tr")
    assert rows.count() == 1
    assert "王**（自然人）" in rows.first.inner_text() and "王小明" not in main.inner_text()

    page.get_by_label("操作", exact=True).select_option("")
    page.get_by_label("操作人").fill("李窗口")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**who=**")
    assert "共 55 条记录" in main.inner_text()
    assert rows.count() == 50
    page.get_by_role("link", name="下一页").click()
    page.wait_for_url("**page=2**")
    assert rows.count() == 5
    assert "第 2 / 2 页" in main.inner_text()
    assert "李窗口" in page.get_by_label("操作人").input_value()  # the filter survives paging

    # A reversed date range is refused beside the field.
    page.get_by_label("起始日期").fill("2026-11-05")
    page.get_by_label("截止日期").fill("2026-11-01")
    page.get_by_role("button", name="筛选").click()
    page.get_by_role("alert").filter(has_text="截止日期不能早于起始日期").wait_for()
    page.get_by_label("起始日期").fill("")
    page.get_by_label("截止日期").fill("")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()

    with page.expect_download() as download:
        page.get_by_role("link", name="Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    assert not v.has_horizontal_overflow()
    assert v.external_requests() == []


def test_other_administrators_do_not_see_the_trail(visit, clean_audit_trail):
    _trail()
    admin = make_user("admin1", Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN)
    v = visit(viewport=PHONE, user=admin)
    response = v.goto("/workbench/audit/")
    assert response.status == 403
    assert "李窗口" not in v.page.locator("main").inner_text()
