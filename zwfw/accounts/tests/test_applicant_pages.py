"""Portal pages of issue 8 point 2: sign-up and reset with the SMS code, the personal space's
enterprise section, authorising and revoking agents — and what an agent may not see."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from zwfw.accounts.models import AgentAuthorisation, User
from zwfw.accounts.services import agent_authorise, citizen_account_create, enterprise_account_open
from zwfw.demo.identities import demo_id_number
from zwfw.jobs.testing import outbox_drain

from .conftest import VALID_ID, VALID_ID_2

PASSWORD = "Citizen-Pass-2026"
CREDIT = "91110000600037341L"


@pytest.fixture
def sms_file(tmp_path, settings):
    settings.ZWFW_SMS_FILE = str(tmp_path / "sms.log")
    return tmp_path / "sms.log"


def _code(sms_file):
    outbox_drain(now=timezone.now() + dt.timedelta(seconds=1))
    return re.findall(r"验证码为(\d{6})", sms_file.read_text(encoding="utf-8"))[-1]


def test_sign_up_page_sends_a_code_then_opens_the_account(client, db, sms_file):
    form = {"name": "张三", "id_number": VALID_ID, "phone": "13812345678", "code": "", "password": PASSWORD,
            "password2": PASSWORD}
    page = client.post("/accounts/citizen/sign-up/", {**form, "action": "send_code"})
    assert page.status_code == 200 and "验证码已发送至 138****5678" in page.content.decode()
    assert 'value="张三"' in page.content.decode()  # what was typed stays
    bad = client.post("/accounts/citizen/sign-up/", {**form, "code": "12345x", "action": "submit"})
    assert "验证码错误或已失效" in bad.content.decode() and not User.objects.filter(kind="citizen").exists()
    done = client.post("/accounts/citizen/sign-up/", {**form, "code": _code(sms_file), "action": "submit"})
    assert done.status_code == 302 and done["Location"] == "/my/"
    space = client.get("/my/").content.decode()
    assert "张三" in space and VALID_ID not in space and "110105********002X" in space and "138****5678" in space


def test_password_reset_page_gives_one_answer(client, db, sms_file):
    citizen_account_create(id_number=VALID_ID, name="张三", password=PASSWORD, phone="13812345678")
    known = client.post("/accounts/citizen/password-reset/", {"id_number": VALID_ID, "action": "send_code"})
    unknown = client.post("/accounts/citizen/password-reset/", {"id_number": VALID_ID_2, "action": "send_code"})
    msg = "如该身份证号码已开通账号，验证码已发送至登记的手机号码。"
    assert msg in known.content.decode() and msg in unknown.content.decode()
    done = client.post("/accounts/citizen/password-reset/", {
        "id_number": VALID_ID, "code": _code(sms_file), "password": "New-Pass-2026x", "password2": "New-Pass-2026x",
        "action": "submit"})
    assert done.status_code == 302 and done["Location"] == "/accounts/citizen/login/"
    assert User.objects.get(kind="citizen").check_password("New-Pass-2026x")


@pytest.fixture
def firm(db):
    rep = citizen_account_create(id_number=VALID_ID, name="王法人", password=PASSWORD)
    agent = citizen_account_create(id_number=VALID_ID_2, name="李经办", password=PASSWORD)
    other_id = demo_id_number(region_code="511602", birth="19800101", serial=3)
    other = citizen_account_create(id_number=other_id, name="赵其他", password=PASSWORD)
    enterprise = enterprise_account_open(actor=rep, name="广安某某科技有限公司", credit_code=CREDIT).applicant
    return {"rep": rep, "agent": agent, "other": other, "other_id": other_id, "enterprise": enterprise}


def test_the_representative_authorises_and_revokes_an_agent(client, firm):
    client.force_login(firm["rep"])
    url = f"/my/enterprises/{firm['enterprise'].pk}/"
    assert "广安某某科技有限公司" in client.get("/my/").content.decode()
    until = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    bad = client.post(url, {"agent_name": "李经办", "agent_id_number": VALID_ID_2, "item_code": "nope",
                            "valid_until": until})
    assert "未找到该实施编码的已发布事项" in bad.content.decode() and not AgentAuthorisation.objects.exists()
    done = client.post(url, {"agent_name": "李经办", "agent_id_number": VALID_ID_2, "valid_until": until})
    assert done.status_code == 302
    grant = AgentAuthorisation.objects.get()
    page = client.get(url).content.decode()
    assert "李经办" in page and "全部事项" in page and VALID_ID_2 not in page
    client.post(f"{url}agents/{grant.pk}/revoke")
    grant.refresh_from_db()
    assert grant.revoked_at is not None and "已撤销" in client.get(url).content.decode()


def test_an_agent_sees_only_their_own_authorisation_and_cannot_authorise(client, firm):
    until = timezone.localdate() + dt.timedelta(days=30)
    mine = agent_authorise(actor=firm["rep"], enterprise=firm["enterprise"], agent_id_number=VALID_ID_2,
                           agent_name="李经办", valid_until=until)
    theirs = agent_authorise(actor=firm["rep"], enterprise=firm["enterprise"], agent_id_number=firm["other_id"],
                             agent_name="赵其他", valid_until=until)
    client.force_login(firm["agent"])
    url = f"/my/enterprises/{firm['enterprise'].pk}/"
    page = client.get(url).content.decode()
    assert "李经办" in page and "赵其他" not in page and "授权经办人" not in page
    refused = client.post(url, {"agent_name": "赵其他", "agent_id_number": firm["other_id"],
                                "valid_until": until.isoformat()}, HTTP_REFERER="http://testserver" + url)
    assert refused.status_code in (302, 400) and AgentAuthorisation.objects.count() == 2
    assert client.post(f"{url}agents/{theirs.pk}/revoke").status_code == 404
    assert client.post(f"{url}agents/{mine.pk}/revoke").status_code == 404
    client.force_login(User.objects.create_user(username="x", password="x", kind="citizen"))
    assert client.get(url).status_code == 404
