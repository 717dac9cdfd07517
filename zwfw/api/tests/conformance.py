"""Check a test client's response against the served OpenAPI document, with schemathesis's own
validation (OpenAPI 3.0 nullable, $refs, content types)."""

from __future__ import annotations

import functools

import requests


@functools.cache
def _schema(document: str):
    import json

    import schemathesis

    return schemathesis.openapi.from_dict(json.loads(document))


def assert_conforms(client, response, *, method: str, path: str) -> None:
    """`response` (Django test client) matches the document's `method` `path` (a template such
    as /api/v1/catalog/items/{id}/versions); raises with schemathesis's explanation if not."""
    document = client.get("/api/v1/openapi.json").content.decode()
    operation = _schema(document)[path][method.upper()]
    from schemathesis.core.transport import Response

    operation.validate_response(Response(
        status_code=response.status_code, headers={k: [v] for k, v in response.headers.items()},
        content=response.content, request=requests.Request(method.upper(), f"http://testserver{path}").prepare(),
        elapsed=0.0, verify=True, encoding="utf-8"))
