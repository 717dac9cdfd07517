import io

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from zwfw.catalog.models import ServiceItem
from zwfw.core.models import AuditEvent

from .conftest import cell, item_row

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_template_and_xlsx_export_are_public(published):
    client = APIClient()
    res = client.get("/api/v1/catalog/template.xlsx")
    assert res.status_code == 200 and res["Content-Type"] == XLSX
    assert load_workbook(io.BytesIO(res.content))["事项"].max_row == 1
    res = client.get("/api/v1/catalog/export.xlsx", {"region": "511602000000"})
    assert res.status_code == 200
    assert load_workbook(io.BytesIO(res.content))["事项"].max_row == 2
    res = client.get("/api/v1/catalog/export.xlsx", {"region": "999999999999"})
    assert res.status_code == 404 and res.json()["code"] == "region_not_found"


def test_json_export_is_paginated_with_every_element(published):
    res = APIClient().get("/api/v1/catalog/export.json", {"page_size": 1})
    assert res.status_code == 200
    body = res.json()
    assert body["count"] == 1
    record = body["results"][0]
    assert record["key"] == "1151130168236467954000104002000"
    assert record["department"] == "115113016823646795"
    assert record["guide"]["item_type"] == "01" and record["guide"]["audience"] == ["1", "2"]
    assert record["guide"]["promised_limit"] == 5
    assert [m["name"] for m in record["materials"]] == ["申请书", "营业执照"]
    assert [s["working_days"] for s in record["steps"]] == [1, 3, 1]
    assert record["special_procedures"] == [] and record["fee_items"] == []


def test_import_upload_reports_cells_in_the_platform_error_format(xlsx, editor):
    path = xlsx(items=[item_row("A"), item_row("B", base_code="000104002001", item_type="99")])
    client = APIClient()
    with path.open("rb") as fh:
        assert client.post("/api/v1/catalog/import", {"file": fh}, format="multipart").status_code == 401
    client.force_authenticate(editor)
    with path.open("rb") as fh:
        res = client.post("/api/v1/catalog/import", {"file": fh}, format="multipart")
    assert res.status_code == 400
    body = res.json()
    assert body["code"] == "import_failed"
    assert body["message"] == "导入文件有1处错误，未导入任何事项"
    assert list(body["fields"]) == [cell("事项", "item_type", 3)] == ["事项!K3"]
    assert ServiceItem.objects.count() == 0 and AuditEvent.objects.count() == 0

    with path.open("rb") as fh:
        res = client.post("/api/v1/catalog/import", {"file": fh, "good_rows_only": "true"}, format="multipart")
    assert res.status_code == 200
    report = res.json()
    assert [e["key"] for e in report["created"]] == ["A"]
    assert report["skipped"] == [{"key": "B", "row": 3, "reason": "本事项或其子表行有错误"}]
    assert report["errors"][0]["cell"] == "事项!K3"
    assert ServiceItem.objects.count() == 1


def test_import_refused_to_non_editors(xlsx, clerk):
    client = APIClient()
    client.force_authenticate(clerk)
    with xlsx(items=[item_row("A")]).open("rb") as fh:
        res = client.post("/api/v1/catalog/import", {"file": fh}, format="multipart")
    assert res.status_code == 403 and res.json()["code"] == "permission_denied"
    res = client.post("/api/v1/catalog/import", {}, format="multipart")
    assert res.status_code == 400 and list(res.json()["fields"]) == ["file"]


def test_openapi_lists_exchange_paths(db):
    res = APIClient().get("/api/v1/openapi.json")
    assert res.status_code == 200  # the document is public: no sign-in to read it
    paths = res.json()["paths"]
    for path in ("template.xlsx", "export.xlsx", "export.json", "import"):
        assert f"/api/v1/catalog/{path}" in paths
    upload = paths["/api/v1/catalog/import"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert "400" in upload["responses"]
