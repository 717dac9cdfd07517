"""API: scoping, masking of ID and phone numbers, tokens, errors in one Chinese format."""

import datetime as dt
import json
import re

import pytest
from rest_framework.test import APIClient

from zwfw.accounts.models import Applicant, Role, User
from zwfw.accounts.services import applicant_register_person
from zwfw.accounts.tokens import api_token_issue, api_token_revoke
from zwfw.core import clock
from zwfw.core.models import AuditEvent

from .conftest import INVALID_ID, NOW, PASSWORD, VALID_ID

LONG_ID = re.compile(r"\d{17}[\dXx]")
LONG_PHONE = re.compile(r"1[3-9]\d{9}")


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def registered(people):
    return applicant_register_person(actor=people["clerk_a"], name="张三", id_number=VALID_ID, phone="13800001234",
                                     now=NOW)


def test_applicant_list_and_detail_are_masked(people, registered):
    client = _client(people["clerk_a"])
    listing = client.get("/api/v1/applicants")
    detail = client.get(f"/api/v1/applicants/{registered.pk}")
    assert listing.status_code == detail.status_code == 200
    assert listing.json()["count"] == 1
    assert detail.json()["id_number"] == "110105********002X"
    assert detail.json()["phone"] == "138****1234"
    for response in (listing, detail):
        text = response.content.decode()
        assert not LONG_ID.search(text) and not LONG_PHONE.search(text), text


def test_staff_list_is_scoped_and_masks_phone(people):
    User.objects.filter(pk=people["approver_a"].pk).update(phone="13900002222")
    response = _client(people["clerk_a"]).get("/api/v1/staff")
    names = sorted(row["username"] for row in response.json()["results"])
    assert names == ["approver_a", "clerk_a", "editor_a", "head_a", "reviewer_a"]
    assert not LONG_PHONE.search(response.content.decode())
    assert _client(people["clerk_a"]).get(f"/api/v1/staff/{people['clerk_b'].pk}").status_code == 404


def test_invalid_id_number_via_api_is_a_chinese_400_and_changes_nothing(people):
    before = (Applicant.objects.count(), AuditEvent.objects.count())
    response = _client(people["clerk_a"]).post(
        "/api/v1/applicants", {"kind": "person", "name": "李四", "id_number": INVALID_ID}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "code": "validation_failed",
        "message": "身份证号码校验码（第18位）不正确，请核对后重新输入。",
        "fields": {"id_number": ["身份证号码校验码（第18位）不正确，请核对后重新输入。"]},
    }
    assert (Applicant.objects.count(), AuditEvent.objects.count()) == before


def test_register_via_api_returns_masked(people):
    response = _client(people["agent_a"]).post(
        "/api/v1/applicants", {"kind": "person", "name": "王五", "id_number": VALID_ID, "phone": "13800001234"},
        format="json")
    assert response.status_code == 201
    assert VALID_ID not in response.content.decode()
    assert response.json()["id_number"] == "110105********002X"


def test_reveal_endpoint_for_permitted_role_only(people, registered):
    ok = _client(people["approver_a"]).post(f"/api/v1/applicants/{registered.pk}/reveal")
    assert (ok.status_code, ok.json()) == (200, {"id_number": VALID_ID})
    refused = _client(people["supervisor_a"]).post(f"/api/v1/applicants/{registered.pk}/reveal")
    assert refused.status_code == 403
    assert refused.json()["message"] == "您的角色无权查看完整身份证号码。"
    assert AuditEvent.objects.filter(action="applicant.reveal").count() == 1


def test_security_admin_creates_staff_via_api(people, depts):
    body = {"username": "liu_qi", "full_name": "刘七", "password": PASSWORD, "roles": [Role.APPROVER],
            "department": depts["a_civil"].pk, "phone": "13700003333"}
    response = _client(people["secadmin"]).post("/api/v1/staff", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["roles"] == ["approver"] and response.json()["phone"] == "137****3333"
    denied = _client(people["clerk_a"]).post("/api/v1/staff", {**body, "username": "other"}, format="json")
    assert denied.status_code == 403
    assert not User.objects.filter(username="other").exists()


def test_token_issue_and_use(people):
    client = APIClient()
    response = client.post("/api/v1/auth/token", {"username": "clerk_a", "password": PASSWORD}, format="json")
    assert response.status_code == 201
    token = response.json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    me = client.get("/api/v1/me")
    assert me.status_code == 200
    assert (me.json()["username"], me.json()["roles"]) == ("clerk_a", ["window_clerk"])


def test_token_endpoint_has_the_same_lockout(people, settings):
    settings.ZWFW_LOGIN_MAX_FAILURES = 2
    client = APIClient()
    for _ in range(2):
        client.post("/api/v1/auth/token", {"username": "clerk_a", "password": "bad"}, format="json")
    locked = client.post("/api/v1/auth/token", {"username": "clerk_a", "password": PASSWORD}, format="json")
    unknown = client.post("/api/v1/auth/token", {"username": "nobody", "password": PASSWORD}, format="json")
    assert locked.status_code == unknown.status_code == 401
    assert locked.json() == unknown.json() == {
        "code": "sign_in_failed", "message": "用户名或密码错误，或账号已被暂时锁定，请稍后再试", "fields": {}}


@pytest.mark.parametrize("state", ["expired", "revoked", "garbage"])
def test_bad_tokens_are_401_with_error_body(people, state):
    user = people["clerk_a"]
    if state == "garbage":
        key = "zw_not-a-real-token"
    else:
        token, key = api_token_issue(user=user, name="t", lifetime=dt.timedelta(days=1),
                                     now=clock.now() - (dt.timedelta(days=2) if state == "expired" else dt.timedelta()))
        if state == "revoked":
            api_token_revoke(token=token, actor=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json() == {"code": "authentication_failed", "message": "身份认证失败", "fields": {}}


def test_anonymous_gets_401(db):
    response = APIClient().get("/api/v1/applicants")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_openapi_lists_accounts_paths(db):
    schema = json.loads(APIClient().get("/api/v1/openapi.json").content)
    for path in ("/api/v1/staff", "/api/v1/staff/{id}", "/api/v1/applicants", "/api/v1/applicants/{id}/reveal",
                 "/api/v1/auth/token", "/api/v1/me"):
        assert path in schema["paths"], path
