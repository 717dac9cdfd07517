"""Issue 13 finding 12: the OpenAPI document agrees with what the API answers, and every API
error is JSON in the one error format."""

import pytest
from rest_framework.test import APIClient

from .conformance import assert_conforms

pytestmark = pytest.mark.django_db


def test_search_answers_a_page_object_as_documented(published):
    client = APIClient()
    response = client.get("/api/v1/catalog/search", {"q": "节能"})
    assert response.status_code == 200 and isinstance(response.json(), dict)
    assert_conforms(client, response, method="get", path="/api/v1/catalog/search")


def test_item_versions_answer_a_plain_list_as_documented(published):
    client = APIClient()
    response = client.get(f"/api/v1/catalog/items/{published.item_id}/versions")
    assert response.status_code == 200 and isinstance(response.json(), list)
    assert_conforms(client, response, method="get", path="/api/v1/catalog/items/{id}/versions")


@pytest.mark.parametrize("path", [
    "/api/v1/catalog/items/abc", "/api/v1/catalog/items/abc/versions", "/api/v1/catalog/versions/1x",
    "/api/v1/departments/abc", "/api/v1/staff/1x/roles", "/api/v1/regions/abc", "/api/v1/no-such-thing", "/api/v1/catalog/versions/%00",
])
@pytest.mark.parametrize("signed_in", [False, True])
def test_every_api_error_is_json_even_for_an_id_that_is_not_a_number(settings, path, signed_in, editor):
    settings.DEBUG = True  # the probe met Django's debug page here
    client = APIClient()
    if signed_in:
        client.force_authenticate(editor)
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "not_found" and response.json()["fields"] == {}
    assert response.json()["message"] in ("未找到该页面或对象", "未找到该对象，或您无权查看")
