import pytest

from zwfw.accounts.tokens import api_token_issue
from zwfw.organizations.models import Department

from .conftest import CREDIT_A, CREDIT_B, as_user, table_counts

URL = "/api/v1/departments"


def test_unauthenticated_gets_401_in_the_one_format(api, dept):
    response = api.get(URL)
    assert response.status_code == 401
    assert response.json() == {"code": "not_authenticated", "message": "请先登录", "fields": {}}


def test_list_paginated_and_filtered(api, clerk, dept, other_dept, regions):
    Department.objects.create(region=regions["other_county"], code="YC-MZJ", name="岳池县民政局")
    body = as_user(api, clerk).get(URL, {"page_size": 2}).json()
    assert (body["count"], body["previous"], len(body["results"])) == (3, None, 2)
    assert body["next"].endswith("page=2&page_size=2")
    assert body["results"][0] == {
        "id": dept.pk, "region": "511602000000", "region_name": "广安区", "code": "GAQ-MZJ", "name": "广安区民政局",
        "short_name": "", "credit_code": CREDIT_A, "address": "", "phone": "", "is_active": True,
    }
    by_region = api.get(URL, {"region": "511621"}).json()
    assert [d["name"] for d in by_region["results"]] == ["岳池县民政局"]
    assert [d["name"] for d in api.get(URL, {"q": "人力"}).json()["results"]] == ["广安区人力资源和社会保障局"]


def test_filter_by_unknown_region_is_a_400(api, clerk):
    response = as_user(api, clerk).get(URL, {"region": "999999"})
    assert response.status_code == 400
    assert response.json() == {"code": "region_not_found", "message": "行政区划代码 999999 不存在",
                               "fields": {"region": ["行政区划代码 999999 不存在"]}}


def test_bearer_token_create(api, admin, county):
    _, key = api_token_issue(user=admin, name="测试")
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    response = api.post(URL, {"region": "511602", "code": "GAQ-SCJ", "name": "广安区市场监督管理局",
                              "credit_code": CREDIT_B.lower()}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["region"], body["credit_code"], body["staff"]) == ("511602000000", CREDIT_B, [])


@pytest.mark.parametrize(("payload", "code", "field", "message"), [
    ({"code": "GAQ-MZJ"}, "department_code_taken", "code", "部门编码 GAQ-MZJ 在广安区已被使用"),
    ({"region": "999999"}, "region_not_found", "region", "行政区划代码 999999 不存在"),
    ({"credit_code": CREDIT_A}, "credit_code_taken", "credit_code", f"统一社会信用代码 {CREDIT_A} 已被其他部门使用"),
    ({"credit_code": "91110000600037340H"}, "credit_code_invalid", "credit_code",
     "统一社会信用代码 91110000600037340H 无效（位数或校验码不正确）"),
])
def test_bad_input_is_a_chinese_400_and_changes_nothing(api, admin, dept, payload, code, field, message):
    before = table_counts()
    response = as_user(api, admin).post(URL, {"region": "511602", "code": "NEW", "name": "新部门", **payload},
                                        format="json")
    assert response.status_code == 400
    assert response.json() == {"code": code, "message": message, "fields": {field: [message]}}
    assert table_counts() == before


def test_missing_fields_reported_in_chinese(api, admin, county):
    response = as_user(api, admin).post(URL, {}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation_failed"
    assert body["message"] == "提交的内容有误，请按提示修改"
    assert body["fields"] == {"region": ["该字段是必填项。"], "code": ["该字段是必填项。"], "name": ["该字段是必填项。"]}


@pytest.mark.parametrize("method", ["post", "patch", "deactivate"])
def test_non_admin_writes_are_403(api, clerk, dept, method):
    client = as_user(api, clerk)
    before = table_counts()
    if method == "post":
        response = client.post(URL, {"region": "511602", "code": "X", "name": "某局"}, format="json")
    elif method == "patch":
        response = client.patch(f"{URL}/{dept.pk}", {"name": "改"}, format="json")
    else:
        response = client.post(f"{URL}/{dept.pk}/deactivate")
    assert response.status_code == 403
    assert response.json() == {"code": "org_admin_required", "message": "只有系统管理员可以维护组织机构数据",
                               "fields": {}}
    assert table_counts() == before


def test_patch_and_deactivate(api, admin, dept):
    client = as_user(api, admin)
    response = client.patch(f"{URL}/{dept.pk}", {"phone": "0826-2222222"}, format="json")
    assert (response.status_code, response.json()["phone"]) == (200, "0826-2222222")
    response = client.post(f"{URL}/{dept.pk}/deactivate")
    assert (response.status_code, response.json()["is_active"]) == (200, False)
    response = client.post(f"{URL}/{dept.pk}/deactivate")
    assert response.status_code == 409
    assert response.json()["code"] == "department_inactive"


def test_put_not_allowed_and_unknown_id_404(api, admin, dept):
    client = as_user(api, admin)
    assert client.put(f"{URL}/{dept.pk}", {"name": "x"}, format="json").status_code == 405
    response = client.get(f"{URL}/999999")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
