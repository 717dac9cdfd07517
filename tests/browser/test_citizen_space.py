"""Issue 12 point 7 in a browser: the header's 登录 opens the citizen sign-in, the footer has a
separate staff entrance, and a signed-in citizen lands in a personal space (account, cases,
messages) with no unmasked ID number, at desktop and phone sizes."""

import pytest

from zwfw.accounts.services.applicants import citizen_account_create
from zwfw.demo.identities import demo_id_number

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Zwfw-Citizen-2026!"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_citizen_signs_in_from_the_header_and_sees_a_personal_space(visit, clean_audit_trail, viewport):
    id_number = demo_id_number(region_code="511602", birth="19990105", serial=7)
    citizen_account_create(id_number=id_number, name="陈晨", password=PASSWORD)
    v = visit(viewport=viewport)
    v.goto("/")
    assert v.page.locator("footer").get_by_role("link", name="工作人员入口").get_attribute("href") == "/accounts/login/"
    v.page.locator("header").get_by_role("link", name="登录").click()
    v.page.wait_for_url("**/accounts/citizen/login/")
    assert v.page.locator("h1").inner_text() == "个人登录"
    v.page.get_by_label("身份证号码").fill(id_number)
    v.page.get_by_label("密码").fill(PASSWORD)
    v.page.locator("form.login-form").get_by_role("button", name="登录").click()
    v.page.wait_for_url("**/my/")
    assert v.page.locator("h1").inner_text() == "个人空间"
    assert v.page.locator("main h2").all_inner_texts() == ["账号信息", "企业账号", "我的办件", "我的消息"]
    assert "暂无办件" in v.page.locator("section:has(#my-cases)").inner_text()
    main = v.page.locator("main").inner_text()
    assert "陈晨" in main and id_number not in main
    assert v.page.locator("header").get_by_role("link", name="个人空间").is_visible()
    assert not v.has_horizontal_overflow()
    v.screenshot(f"citizen-space-{viewport['width']}.png")
    assert v.external_requests() == []
