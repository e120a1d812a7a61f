"""The OpenAPI document is generated from the schemas that validate requests."""

from __future__ import annotations


def test_openapi_document_describes_the_contract(client, app):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    paths = spec["paths"]
    for path in (
        "/api/v1/auth/token",
        "/api/v1/units",
        "/api/v1/units/{code}/bodies",
        "/api/v1/bodies/{body_id}/members",
        "/api/v1/bodies/{body_id}/members/import",
    ):
        assert path in paths, path
    member = spec["components"]["schemas"]["Member"]
    # Limits in the document are the ones the validator enforces (tests/api/test_bad_input).
    assert member["properties"]["full_name"]["maxLength"] == 120
    assert member["properties"]["gender"]["enum"] == ["male", "female"]
    assert set(member["required"]) == {"full_name", "gender"}
    assert spec["components"]["schemas"]["Error"]["properties"]["error"]
