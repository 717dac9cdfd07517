from django.core.management import call_command


def test_openapi_document_generates_without_warnings_and_validates(tmp_path):
    out = tmp_path / "openapi.yaml"
    # --fail-on-warn turns any unresolvable serializer, authenticator or enum clash into a failure.
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(out))
    text = out.read_text(encoding="utf-8")
    assert "bearerAuth" in text
    assert "/api/v1/departments" in text and "/api/v1/staff" in text
    assert "\n    Error:\n" in text  # one shared error component


def test_openapi_json_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    body = response.json()
    assert body["openapi"].startswith("3.")
    assert body["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
