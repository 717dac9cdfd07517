"""Issue 8 point 2 in a browser: a citizen signs up with the SMS code (read from the file SMS
backend, as a phone would show it), and a legal representative authorises an agent, who then
finds the enterprise in their own personal space."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from zwfw.accounts.models import AgentAuthorisation, User
from zwfw.accounts.services import citizen_account_create, enterprise_account_open
from zwfw.demo.identities import demo_id_number
from zwfw.jobs.testing import outbox_drain

from .conftest import DESKTOP, PHONE, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Zwfw-Citizen-2026!"


@pytest.fixture
def sms_file(tmp_path, settings):
    settings.ZWFW_SMS_FILE = str(tmp_path / "sms.log")
    settings.ZWFW_SMS_BACKEND = "zwfw.notifications.backends.FileSmsBackend"
    return tmp_path / "sms.log"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_citizen_signs_up_with_the_sms_code(visit, clean_audit_trail, sms_file, viewport):
    id_number = demo_id_number(region_code="511602", birth="19900312", serial=21)
    v = visit(viewport=viewport)
    v.goto("/accounts/citizen/login/")
    v.page.get_by_role("link", name="注册个人账号").click()
    v.page.wait_for_url("**/accounts/citizen/sign-up/")
    assert v.page.locator("h1").inner_text() == "个人注册"
    v.page.get_by_label("姓名").fill("林注册")
    v.page.get_by_label("身份证号码").fill(id_number)
    v.page.get_by_label("手机号码").fill("13912345678")
    v.page.get_by_role("button", name="获取验证码").click()
    v.page.wait_for_selector("text=验证码已发送至 139****5678")
    assert v.page.get_by_label("姓名").input_value() == "林注册"  # what was typed stays
    outbox_drain()  # the worker's job: hand the SMS to the (file) gateway
    line = sms_file.read_text(encoding="utf-8")
    assert "13912345678" not in line
    code = re.findall(r"验证码为(\d{6})", line)[-1]
    v.page.get_by_label("短信验证码").fill("000000" if code != "000000" else "111111")
    v.page.get_by_label("设置密码").fill(PASSWORD)
    v.page.get_by_label("确认密码").fill(PASSWORD)
    v.page.get_by_role("button", name="注册", exact=True).click()
    v.page.wait_for_selector("text=验证码错误或已失效，请重新获取。")
    assert not User.objects.filter(kind="citizen").exists()
    v.page.get_by_label("短信验证码").fill(code)
    v.page.get_by_label("设置密码").fill(PASSWORD)
    v.page.get_by_label("确认密码").fill(PASSWORD)
    v.page.get_by_role("button", name="注册", exact=True).click()
    v.page.wait_for_url("**/my/")
    main = v.page.locator("main").inner_text()
    assert "注册成功" in v.page.content() and "林注册" in main
    assert id_number not in main and "13912345678" not in main and "139****5678" in main
    assert not v.has_horizontal_overflow()
    v.screenshot(f"citizen-sign-up-{viewport['width']}.png")
    assert v.external_requests() == []


def test_legal_representative_authorises_an_agent(visit, clean_audit_trail):
    rep = citizen_account_create(id_number=demo_id_number(region_code="511602", birth="19750101", serial=1),
                                 name="王法人", password=PASSWORD)
    agent_id = demo_id_number(region_code="511602", birth="19920202", serial=2)
    agent = citizen_account_create(id_number=agent_id, name="李经办", password=PASSWORD)
    enterprise = enterprise_account_open(actor=rep, name="广安某某科技有限公司", credit_code="91110000600037341L").applicant
    v = visit(user=rep)
    v.goto("/my/")
    v.page.locator("#my-enterprises + *").first.wait_for()
    v.page.get_by_role("link", name="广安某某科技有限公司").click()
    v.page.wait_for_url(f"**/my/enterprises/{enterprise.pk}/")
    assert "暂无经办人" in v.page.locator("main").inner_text()
    v.page.get_by_label("经办人姓名").fill("李经办")
    v.page.get_by_label("经办人身份证号码").fill(agent_id)
    until = timezone.localdate() + dt.timedelta(days=30)
    v.page.get_by_label("有效期至").fill(until.isoformat())
    v.page.get_by_role("button", name="授权", exact=True).click()
    v.page.wait_for_selector("text=已授权经办人李经办。")
    row = v.page.locator("table tbody tr").first
    assert "李经办" in row.inner_text() and "全部事项" in row.inner_text() and until.isoformat() in row.inner_text()
    assert agent_id not in v.page.locator("main").inner_text()
    assert AgentAuthorisation.objects.filter(agent=agent, revoked_at__isnull=True).count() == 1
    v.screenshot("enterprise-agents.png")

    w = visit(user=agent)
    w.goto("/my/")
    assert "我是经办人" in w.page.locator("#my-enterprises").locator("..").inner_text()
    submit(w.page.get_by_role("link", name="广安某某科技有限公司"))
    assert w.page.get_by_role("button", name="授权", exact=True).count() == 0

    v.page.get_by_role("button", name="撤销对李经办的授权").click()
    v.page.wait_for_selector("text=已撤销对李经办的授权。")
    assert "已撤销" in v.page.locator("table tbody tr").first.inner_text()
    w.goto("/my/")
    assert "广安某某科技有限公司" not in w.page.locator("main").inner_text()
    assert v.external_requests() == [] and w.external_requests() == []
