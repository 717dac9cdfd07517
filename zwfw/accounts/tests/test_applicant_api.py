"""The API of issue 8 points 2 and 6: sign-up and reset with SMS codes, enterprises and agents,
proxy mandates — stable codes, Chinese messages, nothing changed on bad input, 404 outside scope."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from zwfw.accounts.models import AgentAuthorisation, ProxyMandate, User
from zwfw.accounts.services import applicant_register_person, citizen_account_create
from zwfw.files.tests import samples
from zwfw.jobs.testing import outbox_drain

from .conftest import INVALID_ID, VALID_ID, VALID_ID_2

PASSWORD = "Citizen-Pass-2026"
CREDIT = "91110000600037341L"


@pytest.fixture
def sms_file(tmp_path, settings):
    settings.ZWFW_SMS_FILE = str(tmp_path / "sms.log")
    return tmp_path / "sms.log"


def _code(sms_file):
    outbox_drain(now=timezone.now() + dt.timedelta(seconds=1))
    return re.findall(r"验证码为(\d{6})", sms_file.read_text(encoding="utf-8"))[-1]


def test_sign_up_over_the_api(db, sms_file):
    api = APIClient()
    assert api.post("/api/v1/auth/sign-up/code", {"phone": "13812345678"}, format="json").status_code == 202
    again = api.post("/api/v1/auth/sign-up/code", {"phone": "13812345678"}, format="json")
    assert again.status_code == 429 and again.json()["code"] == "sms_code_rate_limited"
    body = {"name": "张三", "id_number": VALID_ID, "phone": "13812345678", "code": "000000", "password": PASSWORD}
    wrong = api.post("/api/v1/auth/sign-up", {**body, "code": "abcdef"}, format="json")
    assert wrong.status_code == 400 and wrong.json()["code"] == "sms_code_invalid"
    assert wrong.json()["fields"] == {"code": ["验证码错误或已失效，请重新获取。"]}
    bad = api.post("/api/v1/auth/sign-up", {**body, "id_number": INVALID_ID}, format="json")
    assert bad.status_code == 400 and "id_number" in bad.json()["fields"]
    done = api.post("/api/v1/auth/sign-up", {**body, "code": _code(sms_file)}, format="json")
    assert done.status_code == 201, done.json()
    assert done.json()["phone"] == "138****5678" and done.json()["kind"] == "citizen"


def test_password_reset_over_the_api_answers_alike(db, sms_file):
    citizen_account_create(id_number=VALID_ID, name="张三", password=PASSWORD, phone="13812345678")
    api = APIClient()
    a = api.post("/api/v1/auth/password-reset/code", {"id_number": VALID_ID}, format="json")
    b = api.post("/api/v1/auth/password-reset/code", {"id_number": VALID_ID_2}, format="json")
    assert a.status_code == b.status_code == 202 and a.json() == b.json()
    done = api.post("/api/v1/auth/password-reset", {"id_number": VALID_ID, "code": _code(sms_file),
                                                    "password": "New-Pass-2026x"}, format="json")
    assert done.status_code == 200
    unknown = api.post("/api/v1/auth/password-reset", {"id_number": VALID_ID_2, "code": "123456",
                                                       "password": "New-Pass-2026x"}, format="json")
    assert unknown.status_code == 400 and unknown.json()["code"] == "sms_code_invalid"


def test_enterprise_and_agents_over_the_api(db, published_items):
    rep = citizen_account_create(id_number=VALID_ID, name="王法人", password=PASSWORD)
    agent = citizen_account_create(id_number=VALID_ID_2, name="李经办", password=PASSWORD)
    api = APIClient()
    api.force_authenticate(rep)
    bad = api.post("/api/v1/enterprises", {"name": "某公司", "credit_code": "91110000600037341X"}, format="json")
    assert bad.status_code == 400 and "credit_code" in bad.json()["fields"]
    made = api.post("/api/v1/enterprises", {"name": "某公司", "credit_code": CREDIT}, format="json")
    assert made.status_code == 201 and made.json()["role"] == "legal_representative"
    eid = made.json()["id"]
    until = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    grant = api.post(f"/api/v1/enterprises/{eid}/agents", {"agent_name": "李经办", "agent_id_number": VALID_ID_2,
                                                           "item": published_items[0].pk, "valid_until": until},
                     format="json")
    assert grant.status_code == 201 and grant.json()["item"] == published_items[0].pk
    past = api.post(f"/api/v1/enterprises/{eid}/agents", {"agent_name": "李经办", "agent_id_number": VALID_ID_2,
                                                          "valid_until": "2020-01-01"}, format="json")
    assert past.status_code == 400 and past.json()["fields"]["valid_until"] == ["授权有效期不能早于今天。"]
    as_agent = APIClient()
    as_agent.force_authenticate(agent)
    assert as_agent.get("/api/v1/enterprises").json()[0]["role"] == "agent"
    assert len(as_agent.get(f"/api/v1/enterprises/{eid}/agents").json()) == 1
    gid = grant.json()["id"]
    assert as_agent.post(f"/api/v1/enterprises/{eid}/agents/{gid}/revoke").status_code == 404
    assert api.post(f"/api/v1/enterprises/{eid}/agents/{gid}/revoke").json()["revoked_at"]
    assert as_agent.get(f"/api/v1/enterprises/{eid}/agents").status_code == 404
    assert AgentAuthorisation.objects.filter(revoked_at__isnull=True).count() == 0


def test_proxy_mandate_over_the_api(people, regions):
    applicant_register_person(actor=people["agent_a"], name="周村民", id_number=VALID_ID, region=regions["town_a"])
    api = APIClient()
    api.force_authenticate(people["agent_a"])
    until = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    from django.core.files.uploadedfile import SimpleUploadedFile

    made = api.post("/api/v1/proxy-mandates", {"applicant_id_number": VALID_ID, "valid_until": until,
                                               "material": SimpleUploadedFile("委托书.pdf", samples.PDF)},
                    format="multipart")
    assert made.status_code == 201, made.json()
    missing = api.post("/api/v1/proxy-mandates", {"applicant_id_number": VALID_ID_2, "valid_until": until,
                                                  "material": SimpleUploadedFile("委托书.pdf", samples.PDF)},
                       format="multipart")
    assert missing.status_code == 404 and missing.json()["code"] == "applicant_not_found"
    other = APIClient()
    other.force_authenticate(people["clerk_b"])
    assert other.get("/api/v1/proxy-mandates").json() == []
    assert other.post(f"/api/v1/proxy-mandates/{made.json()['id']}/revoke").status_code == 404
    assert api.post(f"/api/v1/proxy-mandates/{made.json()['id']}/revoke").status_code == 200
    assert ProxyMandate.objects.get().revoked_at is not None
    assert not User.objects.filter(kind="citizen").exists()
