import pytest
from rest_framework.test import APIClient

from zwfw.catalog.services import item_version_create, item_version_update

pytestmark = pytest.mark.django_db


def test_public_reads_items_versions_and_diff(published, editor, now):
    client = APIClient()
    res = client.get("/api/v1/catalog/items", {"item_type": "01"})
    assert res.status_code == 200
    body = res.json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [r["implementation_code"] for r in rows] == ["1151130168236467954000104002000"]
    assert rows[0]["current_version"]["promised_limit"] == 5

    res = client.get(f"/api/v1/catalog/versions/{published.pk}")
    assert res.status_code == 200
    assert [m["name"] for m in res.json()["materials"]] == ["申请书", "营业执照"]

    v2 = item_version_create(actor=editor, item=published.item, now=now)
    item_version_update(actor=editor, version=v2, fields={"promised_limit": 3}, now=now)
    assert client.get(f"/api/v1/catalog/versions/{v2.pk}").status_code == 404  # draft hidden from public
    client.force_authenticate(editor)
    res = client.get(f"/api/v1/catalog/versions/{v2.pk}/diff", {"against": published.pk})
    assert res.status_code == 200
    assert res.json() == [{"field": "effective_on", "old": "2026-03-02", "new": None},
                          {"field": "promised_limit", "old": 5, "new": 3}]
    res = client.get(f"/api/v1/catalog/items/{published.item_id}/versions")
    assert [v["number"] for v in res.json()] == [1, 2]


def test_openapi_lists_catalog_paths(db):
    res = APIClient().get("/api/v1/openapi.json")
    assert res.status_code == 200  # the document is public: no sign-in to read it
    paths = res.json()["paths"]
    assert "/api/v1/catalog/items" in paths
    assert "/api/v1/catalog/versions/{id}/diff" in paths
