"""API: same access as the pages, ETag/If-Match, 428 and 412, unknown fields 400."""

from __future__ import annotations

from typing import Any

from tests.gezinnen.helpers import consent_for, make_family, make_plan


def test_api_access_etag_and_concurrency(region: Any, client_for: Any) -> None:
    gezin = make_family()
    plan = make_plan(gezin)
    school = client_for("school")
    assert school.get(f"/api/v1/gezinsplannen/{plan.uuid}/").status_code == 404
    assert school.get("/api/v1/gezinsplannen/").json()["count"] == 0
    consent_for(gezin, "school")
    response = school.get(f"/api/v1/gezinsplannen/{plan.uuid}/")
    assert response.status_code == 200 and response["ETag"] == '"1"'
    url = f"/api/v1/gezinsplannen/{plan.uuid}/"
    assert school.patch(url, {"situatie": "x"}, content_type="application/json").status_code == 428
    ok = school.patch(url, {"situatie": "Nieuw"}, content_type="application/json", HTTP_IF_MATCH='"1"')
    assert ok.status_code == 200 and ok["ETag"] == '"2"'
    stale = school.patch(url, {"situatie": "Ook nieuw"}, content_type="application/json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    bad = school.patch(url, {"regisseur": "ik"}, content_type="application/json", HTTP_IF_MATCH='"2"')
    assert bad.status_code == 400
    assert client_for("ouder").get(url).status_code in (403, 404)
