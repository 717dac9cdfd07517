import sys
import types

import pytest

from zwfw.accounts.models import User

from .conftest import as_user, make_user, table_counts


def test_regions_list_filters_and_detail(api, citizen, regions):
    client = as_user(api, citizen)
    body = client.get("/api/v1/regions", {"level": "town", "page_size": 2}).json()
    assert body["count"] == 3
    assert body["results"][0] == {"code": "511602001000", "name": "浓洄街道", "level": "town",
                                  "parent": "511602000000"}
    children = client.get("/api/v1/regions", {"parent": "511602"}).json()
    assert [r["name"] for r in children["results"]] == ["浓洄街道", "北辰街道"]
    assert client.get("/api/v1/regions", {"q": "岳池"}).json()["count"] == 1
    assert client.get("/api/v1/regions/511602").json()["name"] == "广安区"
    missing = client.get("/api/v1/regions/999999")
    assert missing.status_code == 404
    assert missing.json() == {"code": "region_not_found", "message": "行政区划代码 999999 不存在", "fields": {}}
    bad_parent = client.get("/api/v1/regions", {"parent": "999999"})
    assert bad_parent.json()["fields"] == {"parent": ["行政区划代码 999999 不存在"]}
    assert client.post("/api/v1/regions", {}, format="json").status_code == 405


def test_center_window_point_kiosk_through_the_api(api, admin, county, town, dept, clerk):
    client = as_user(api, admin)
    hall = client.post("/api/v1/service-centers", {"kind": "hall", "region": "511602", "name": "广安区政务服务中心",
                                                   "address": "金安大道", "hours": "工作日"}, format="json")
    assert hall.status_code == 201, hall.json()
    hall_id = hall.json()["id"]
    window = client.post("/api/v1/windows", {"center": hall_id, "number": "A01", "name": "民政", "kind": "single",
                                             "department": dept.pk, "chief_representative": clerk.pk}, format="json")
    assert window.status_code == 201, window.json()
    town_center = client.post("/api/v1/service-centers", {"kind": "town", "region": "511602001", "name": "浓洄中心",
                                                          "address": "x", "parent": hall_id}, format="json")
    point = client.post("/api/v1/service-points", {"region": "511602001", "name": "白塔社区代办点", "address": "x",
                                                   "center": town_center.json()["id"]}, format="json")
    assert point.status_code == 201, point.json()
    kiosk = client.post("/api/v1/kiosks", {"serial_number": "K1", "name": "终端", "location": "大厅",
                                           "center": hall_id}, format="json")
    assert (kiosk.status_code, kiosk.json()["region"]) == (201, "511602000000")
    patched = client.patch(f"/api/v1/windows/{window.json()['id']}", {"kind": "comprehensive", "department": None},
                           format="json")
    assert (patched.status_code, patched.json()["department"]) == (200, None)
    listed = client.get("/api/v1/service-centers", {"kind": "town"}).json()
    assert [c["name"] for c in listed["results"]] == ["浓洄中心"]


def test_window_errors(api, admin, hall, dept, other_dept, window):
    client = as_user(api, admin)
    before = table_counts()
    outsider = make_user("outsider", department=other_dept)
    cases = [
        ({"center": 999999}, "center_not_found", "center", "中心 999999 不存在"),
        ({"number": "A01"}, "window_number_taken", "number", "广安区政务服务中心已有 A01 号窗口"),
        ({"chief_representative": outsider.pk}, "chief_representative_invalid", "chief_representative",
         "outsider不是广安区民政局的在岗工作人员，不能担任首席代表"),
        ({"kind": "comprehensive"}, "window_department_forbidden", "department", "综合窗口受理各部门事项，不属于某一个部门"),
    ]
    for payload, code, field, message in cases:
        body = {"center": hall.pk, "number": "A02", "name": "民政", "kind": "single", "department": dept.pk, **payload}
        response = client.post("/api/v1/windows", body, format="json")
        assert response.status_code == 400
        assert response.json() == {"code": code, "message": message, "fields": {field: [message]}}
    assert table_counts() == before


@pytest.mark.parametrize(("url", "payload"), [
    ("/api/v1/service-centers", {"kind": "hall", "region": "511602", "name": "x", "address": "x"}),
    ("/api/v1/windows", {"center": 1, "number": "1", "name": "x", "kind": "comprehensive"}),
    ("/api/v1/service-points", {"region": "511602001", "name": "x", "address": "x"}),
    ("/api/v1/kiosks", {"serial_number": "x", "name": "x", "location": "x", "region": "511602"}),
])
def test_non_admin_writes_forbidden(api, clerk, county, url, payload):
    before = table_counts()
    response = as_user(api, clerk).post(url, payload, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "org_admin_required"
    assert table_counts() == before


@pytest.mark.parametrize("url", ["/api/v1/service-centers", "/api/v1/windows", "/api/v1/service-points",
                                 "/api/v1/kiosks", "/api/v1/regions"])
def test_lists_need_sign_in(api, url):
    assert api.get(url).status_code == 401


def test_staff_names_shown_only_to_permitted_staff(api, monkeypatch, dept, other_dept, window, citizen):
    module = types.ModuleType("zwfw.accounts.selectors")
    module.staff_visible_to = lambda viewer: User.objects.filter(kind="staff", department=viewer.department)
    monkeypatch.setitem(sys.modules, "zwfw.accounts.selectors", module)
    chief = make_user("chief", department=dept, full_name="张晓梅", window=window)
    window.chief_representative = chief
    window.save()
    outsider = make_user("outsider", department=other_dept)
    url = f"/api/v1/windows/{window.pk}"
    own = as_user(api, chief).get(url).json()
    assert own["staff"] == [{"id": chief.pk, "full_name": "张晓梅"}]
    assert own["chief_representative"] == {"id": chief.pk, "full_name": "张晓梅"}
    listed = api.get("/api/v1/windows").json()["results"][0]
    assert listed["chief_representative"] == {"id": chief.pk, "full_name": "张晓梅"}
    for viewer in (outsider, citizen):
        body = as_user(api, viewer).get(url).json()
        assert (body["staff"], body["chief_representative"]) == ([], None)
        assert api.get("/api/v1/windows").json()["results"][0]["chief_representative"] is None


def test_openapi_lists_the_resources(api):
    doc = api.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/regions", "/api/v1/regions/{code}", "/api/v1/departments",
                 "/api/v1/departments/{id}/deactivate", "/api/v1/service-centers/{id}", "/api/v1/windows",
                 "/api/v1/service-points", "/api/v1/kiosks"):
        assert path in doc["paths"], path
    create = doc["paths"]["/api/v1/departments"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("DepartmentCreateInputRequest")
    assert set(create["responses"]) >= {"201", "400", "403"}
    assert create["responses"]["400"]["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/Error"
