import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_anonymous_search_with_filters_and_pages(catalog, police_dept):
    res = APIClient().get("/api/v1/catalog/search", {"q": "户籍", "department": police_dept.pk, "page_size": 2})
    assert res.status_code == 200
    body = res.json()
    assert (body["total"], body["page"], body["page_size"]) == (4, 1, 2)
    assert [(r["name"], r["score"], r["highlight"]) for r in body["results"]] == [
        ("户籍", 100, "<mark>户籍</mark>"), ("户籍证明", 80, "<mark>户籍</mark>证明")]
    assert body["results"][0]["department_name"] == "区公安分局"


def test_bad_parameters_are_400_with_fields(catalog):
    client = APIClient()
    res = client.get("/api/v1/catalog/search", {"q": "户籍", "item_type": "99"})
    assert res.status_code == 400
    assert "item_type" in res.json()["fields"]
    res = client.get("/api/v1/catalog/search", {"q": "户籍", "region": "999999999999"})
    assert res.status_code == 400
    assert "region" in res.json()["fields"]


def test_openapi_documents_the_search(db):
    res = APIClient().get("/api/v1/openapi.json")
    assert res.status_code == 200  # the document is public: no sign-in to read it
    operation = res.json()["paths"]["/api/v1/catalog/search"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"q", "department", "theme", "audience", "level",
                                                            "item_type", "region", "page", "page_size"}
