"""The committed OpenAPI schema (docs/api/openapi.json) is what the code generates, and it tells a
partner what the API does: JSON bodies only, every error answer with its body, If-Match/ETag,
pagination, unknown fields refused, Dutch descriptions. Refresh it with `make api-schema`.
A wrong or revoked API key gets 401 on every API route."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from jeugdketen.organisaties.api_auth import issue_key, revoke_key
from tests.gezinnen.helpers import organisation_of

COMMITTED = Path(__file__).parents[1] / "docs" / "api" / "openapi.json"


def generated() -> dict[str, Any]:
    response = Client().get("/api/v1/schema/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")  # JSON by default
    result: dict[str, Any] = json.loads(response.content)
    return result


def operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(p, m, op) for p, ms in schema["paths"].items() for m, op in ms.items() if isinstance(op, dict)]


def test_the_committed_schema_is_what_the_code_generates(db: Any) -> None:
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert generated() == committed, "the API changed: run `make api-schema` and commit docs/api/openapi.json"


def test_the_schema_tells_a_client_what_the_api_does(db: Any) -> None:
    schema = generated()
    for path, method, op in operations(schema):
        where = f"{method.upper()} {path}"
        for media in op.get("requestBody", {}).get("content", {}):
            assert media in {"application/json", "application/xml"}, where  # one content type per body
        codes = set(op["responses"])
        assert {"401", "429"} <= codes, where
        if "{" in path:
            assert "404" in codes, where
        if "requestBody" in op:
            assert "400" in codes, where
        for code in codes - {"200", "201", "204"}:
            assert op["responses"][code]["content"]["application/json"]["schema"]["$ref"], where
        assert op["description"] and " the " not in op["description"], where  # Dutch, not a docstring
    plan_patch = schema["paths"]["/api/v1/gezinsplannen/{uuid}/"]["patch"]
    assert {"412", "428", "403"} <= set(plan_patch["responses"])
    assert any(p["name"] == "If-Match" and p["in"] == "header" and p["required"] for p in plan_patch["parameters"])
    assert "ETag" in plan_patch["responses"]["200"]["headers"]
    assert "ETag" in schema["paths"]["/api/v1/gezinsplannen/{uuid}/"]["get"]["responses"]["200"]["headers"]
    page = next(p for p in schema["paths"]["/api/v1/gezinnen/"]["get"]["parameters"] if p["name"] == "page")
    assert page["description"].startswith("Paginanummer")
    components = schema["components"]["schemas"]
    assert components["PatchedPlanPatch"]["additionalProperties"] is False
    assert components["MeldingInvoer"]["additionalProperties"] is False
    # an enum the API can answer "" for says so
    reden = components["MeldingUitvoer"]["properties"]["niet_geinformeerd_reden"]
    assert any(o.get("$ref", "").endswith("/BlankEnum") for o in reden.get("oneOf", [])), reden


def api_routes() -> list[tuple[str, str]]:
    """Every documented API operation, with a random uuid where the path takes one."""
    import re

    return [(method, re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path)) for path, method, _op in operations(generated())]


@pytest.mark.parametrize("kind", ["wrong", "revoked"])
def test_a_wrong_or_revoked_key_gets_401_on_every_api_route(region: Any, kind: str) -> None:
    row, key = issue_key(organisatie=organisation_of("toegang"), systeem="test", by=None)
    if kind == "revoked":
        revoke_key(sleutel=row)
    else:
        key = "jk_" + "x" * 40
    routes = api_routes()
    assert len(routes) >= 10
    client = Client()
    for method, path in routes:
        response = getattr(client, method)(path, HTTP_AUTHORIZATION=f"Bearer {key}")
        assert response.status_code == 401, f"{method.upper()} {path}: {response.status_code}"
        assert response["WWW-Authenticate"].startswith("Bearer"), path
