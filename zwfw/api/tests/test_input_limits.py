"""Limits on what the API reads (issue 13, finding 9): a 30,000,000-character field was stored.
A JSON body has a size limit, and every text field of every request body declares a length."""

import json

import pytest
from django.test import Client
from rest_framework.test import APIClient

from zwfw.accounts.models import LoginThrottle

pytestmark = pytest.mark.django_db

# Free text without a bound is never right; formats with their own shape are bounded by it.
_SHAPED_FORMATS = {"date", "date-time", "time", "uuid", "binary", "uri", "email", "decimal", "duration"}


def _unbounded(schema: dict, components: dict, path: str, seen: set) -> list[str]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return []
        return _unbounded(components[name], components, f"{path}<{name}>", seen | {name})
    found = []
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key, []):
            found += _unbounded(sub, components, path, seen)
    kind = schema.get("type")
    bounded = "maxLength" in schema or "pattern" in schema or "enum" in schema
    if kind == "string" and not bounded and schema.get("format") not in _SHAPED_FORMATS:
        found.append(path)
    if kind == "array" or "items" in schema:
        found += _unbounded(schema.get("items", {}), components, f"{path}[]", seen)
    for name, prop in schema.get("properties", {}).items():
        found += _unbounded(prop, components, f"{path}.{name}", seen)
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        found += _unbounded(extra, components, f"{path}.*", seen)
    return found


def test_every_text_field_of_every_request_body_has_a_length():
    document = json.loads(APIClient().get("/api/v1/openapi.json").content)
    components = document["components"]["schemas"]
    unbounded = []
    for route, operations in document["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            for media, body in content.items():
                unbounded += _unbounded(body["schema"], components, f"{method.upper()} {route} {media}", set())
    assert unbounded == [], "\n".join(unbounded)


def test_a_json_body_over_the_limit_is_refused_before_it_is_read(settings):
    settings.ZWFW_API_MAX_BODY_BYTES = 64 * 1024
    body = json.dumps({"username": "x" * 100_000, "password": "y"})
    response = Client().post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["code"] == "body_too_large"
    assert "KB" in response.json()["message"]
    assert not LoginThrottle.objects.exists()
