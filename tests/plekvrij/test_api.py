"""The API for the organisations' own systems: a provider's system updates its places (one or many
at once, with its own key), an access team's system searches and reserves."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jeugdketen.core import kalender
from jeugdketen.core.models import Toegangslogregel
from jeugdketen.organisaties.api_auth import issue_key
from jeugdketen.plekvrij.models import Bron, Plekstand, Reservering, ReserveringStatus, Soort

from .factories import ANDER_AANBIEDER, LocatieFactory, PlekFactory, organisatie


def _client(org: str) -> Client:
    _row, key = issue_key(organisatie=organisatie(org), systeem="test", by=None)
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.fixture
def aanbieder(leeg: Any) -> Client:
    return _client("Jeugdhulp Parkstad")


@pytest.fixture
def toegang(leeg: Any) -> Client:
    return _client("Toegangsteam Jeugd Heerlen")


def _post(client: Client, url: str, data: Any) -> Any:
    return client.post(url, json.dumps(data), content_type="application/json")


def _patch(client: Client, url: str, data: Any) -> Any:
    return client.patch(url, json.dumps(data), content_type="application/json")


def test_a_provider_system_lists_only_its_own_places(aanbieder: Client) -> None:
    eigen = PlekFactory(gecontracteerd=4, bezet=1)
    PlekFactory(locatie=LocatieFactory(organisatie=organisatie(ANDER_AANBIEDER)))
    body = aanbieder.get("/api/v1/plekvrij/plekken/").json()
    assert [r["id"] for r in body["results"]] == [str(eigen.uuid)]
    assert body["results"][0] | {"specialismen": []} == body["results"][0] and body["results"][0]["vrij"] == 3


def test_patch_one_place_with_optional_version(aanbieder: Client) -> None:
    plek = PlekFactory(gecontracteerd=4, bezet=1)
    url = f"/api/v1/plekvrij/plekken/{plek.uuid}/"
    response = _patch(aanbieder, url, {"bezet": 3, "vrij_vanaf": None})
    assert response.status_code == 200 and response.json()["vrij"] == 1
    stand = Plekstand.objects.filter(plek=plek).latest("id")
    assert stand.bron == Bron.API and stand.door is None and "test" in stand.door_naam
    assert _patch(aanbieder, url, {"vrij": 2, "versie": 1}).status_code == 412  # stale version
    assert _patch(aanbieder, url, {"bezet": 9}).status_code == 400
    assert _patch(aanbieder, url, {"bezet": 1, "vrij": 1}).status_code == 400
    response = _patch(aanbieder, url, {"bezet": 1, "kleur": "rood"})
    assert response.status_code == 400 and "kleur" in response.json()


def test_another_organisations_place_is_404(aanbieder: Client) -> None:
    ander = PlekFactory(locatie=LocatieFactory(organisatie=organisatie(ANDER_AANBIEDER)), bezet=1)
    assert aanbieder.get(f"/api/v1/plekvrij/plekken/{ander.uuid}/").status_code == 404
    assert _patch(aanbieder, f"/api/v1/plekvrij/plekken/{ander.uuid}/", {"bezet": 0}).status_code == 404
    ander.refresh_from_db()
    assert ander.bezet == 1
    assert Toegangslogregel.objects.filter(object_id=str(ander.uuid), uitkomst="denied").count() == 2


def test_bulk_update_applies_good_rows_and_reports_bad_ones(aanbieder: Client) -> None:
    een, twee = PlekFactory(gecontracteerd=4, bezet=0), PlekFactory(gecontracteerd=2, bezet=0)
    ander = PlekFactory(locatie=LocatieFactory(organisatie=organisatie(ANDER_AANBIEDER)))
    response = _post(
        aanbieder,
        "/api/v1/plekvrij/plekken/bijwerken/",
        {
            "plekken": [
                {"id": str(een.uuid), "bezet": 3},
                {"id": str(twee.uuid), "bezet": 5},
                {"id": str(ander.uuid), "bezet": 1},
                {"id": "geen-uuid", "bezet": 1},
                {"id": str(een.uuid), "vrij": 1, "onbekend": 1},
                {"id": str(twee.uuid), "vrij": 2, "plekken": 3},
            ]
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["gelukt"], body["mislukt"]) == (2, 4)
    uitkomst = {r["regel"]: r for r in body["regels"]}
    assert uitkomst[1]["gelukt"] and uitkomst[1]["vrij"] == 1
    assert "bezet" in uitkomst[2]["fouten"]
    assert uitkomst[3]["fouten"] == {"plek": ["Deze plek bestaat niet of is niet van uw organisatie."]}
    assert "id" in uitkomst[4]["fouten"] and "onbekend" in uitkomst[5]["fouten"]
    assert uitkomst[6]["gelukt"] and uitkomst[6]["vrij"] == 2
    een.refresh_from_db()
    twee.refresh_from_db()
    assert (een.bezet, twee.gecontracteerd, twee.bezet) == (3, 3, 1)


def test_bulk_needs_a_list_and_is_limited(aanbieder: Client) -> None:
    url = "/api/v1/plekvrij/plekken/bijwerken/"
    assert _post(aanbieder, url, {"plekken": []}).status_code == 400
    assert _post(aanbieder, url, [1, 2]).status_code == 400
    assert _post(aanbieder, url, {"plekken": [{"id": "x"}] * 501}).status_code == 400


def test_bulk_costs_a_fixed_number_of_queries_per_row(aanbieder: Client) -> None:
    def per_row(n: int) -> int:
        plekken = [PlekFactory(gecontracteerd=4, bezet=0) for _ in range(n)]
        with CaptureQueriesContext(connection) as ctx:
            _post(
                aanbieder,
                "/api/v1/plekvrij/plekken/bijwerken/",
                {"plekken": [{"id": str(p.uuid), "vrij": 2} for p in plekken]},
            )
        return len(ctx.captured_queries)

    two, four, six = per_row(2), per_row(4), per_row(6)
    assert four - two == six - four  # each extra row costs the same fixed number of statements


def test_an_access_team_system_searches_and_reserves(toegang: Client) -> None:
    plek = PlekFactory(soort=Soort.CRISISPLEK, gecontracteerd=2, bezet=0, leeftijd_tot=17)
    body = toegang.get("/api/v1/plekvrij/plekken/zoeken/", {"soort": "crisisplek", "vanaf": "GM0928"}).json()
    assert [r["id"] for r in body["results"]] == [str(plek.uuid)]
    assert body["results"][0]["afstand_km"] > 5 and body["results"][0]["actueel"] is True
    assert toegang.get("/api/v1/plekvrij/plekken/zoeken/", {"leeftijd": "oud"}).status_code == 400
    assert toegang.get("/api/v1/plekvrij/plekken/zoeken/", {"specialisme": "onbekend"}).status_code == 400
    onbekend = toegang.get("/api/v1/plekvrij/plekken/zoeken/", {"gemeente": "GM9999"})
    assert onbekend.status_code == 400 and onbekend.json()["gemeente"] == ["Onbekende gemeente."]
    gisteren = (kalender.vandaag() - dt.timedelta(days=1)).isoformat()
    gisteren_antwoord = toegang.get("/api/v1/plekvrij/plekken/zoeken/", {"datum": gisteren})
    assert gisteren_antwoord.status_code == 400
    assert gisteren_antwoord.json()["datum"] == ["Kies vandaag of een dag in de toekomst."]
    for typfout in ("0001-01-01", "9999-12-31"):  # outside the plausible window of a planned date
        ver = toegang.get("/api/v1/plekvrij/plekken/zoeken/", {"datum": typfout})
        assert ver.status_code == 400 and "Deze datum kan niet kloppen" in ver.json()["datum"][0]
    response = _post(
        toegang,
        "/api/v1/plekvrij/reserveringen/",
        {"plek": str(plek.uuid), "uren": 4, "initialen": "K.L.", "leeftijd": 13, "contact_telefoon": "045-1"},
    )
    assert response.status_code == 201, response.content
    r = Reservering.objects.get(uuid=response.json()["id"])
    assert r.organisatie.naam == "Toegangsteam Jeugd Heerlen" and r.aangevraagd_door is None
    too_old = {"plek": str(plek.uuid), "initialen": "K", "leeftijd": 19, "contact_telefoon": "045"}
    assert _post(toegang, "/api/v1/plekvrij/reserveringen/", too_old).status_code == 400
    assert toegang.get("/api/v1/plekvrij/plekken/").json()["results"] == []  # not a provider


def test_the_provider_system_answers_reservations(aanbieder: Client, toegang: Client) -> None:
    plek = PlekFactory(gecontracteerd=2, bezet=0, leeftijd_tot=17)
    made = _post(
        toegang,
        "/api/v1/plekvrij/reserveringen/",
        {"plek": str(plek.uuid), "initialen": "K", "leeftijd": 13, "contact_telefoon": "045"},
    ).json()
    lijst = aanbieder.get("/api/v1/plekvrij/reserveringen/", {"kant": "aanbieder", "status": "aangevraagd"}).json()
    assert made["id"] in [r["id"] for r in lijst["results"]]
    assert {r["status"] for r in lijst["results"]} <= {"aangevraagd", "verlopen"}
    assert Toegangslogregel.objects.filter(object_type="plekvrij_reservering", actie="search").exists()
    detail = aanbieder.get(f"/api/v1/plekvrij/reserveringen/{made['id']}/")
    assert detail.status_code == 200 and detail.json()["initialen"] == "K"
    response = _post(aanbieder, f"/api/v1/plekvrij/reserveringen/{made['id']}/bevestigen/", {"antwoord": "Kom maar"})
    assert response.status_code == 200 and response.json()["status"] == ReserveringStatus.BEVESTIGD
    assert (
        _post(aanbieder, f"/api/v1/plekvrij/reserveringen/{made['id']}/geplaatst/", {}).json()["status"] == "geplaatst"
    )
    assert _post(aanbieder, f"/api/v1/plekvrij/reserveringen/{made['id']}/afwijzen/", {}).status_code == 409
    # The requester cannot confirm; a third organisation does not see it at all.
    assert _post(toegang, f"/api/v1/plekvrij/reserveringen/{made['id']}/bevestigen/", {}).status_code == 404
    derde = _client(ANDER_AANBIEDER)
    assert derde.get(f"/api/v1/plekvrij/reserveringen/{made['id']}/").status_code == 404
    assert made["id"] not in [r["id"] for r in derde.get("/api/v1/plekvrij/reserveringen/").json()["results"]]


def test_no_key_is_401_and_a_session_of_someone_without_the_role_404(leeg: Any, client_for: Any) -> None:
    assert Client().get("/api/v1/plekvrij/plekken/").status_code in (401, 403)
    assert client_for("beleid").get("/api/v1/plekvrij/plekken/zoeken/").status_code == 404
    assert client_for("aanbieder").get("/api/v1/plekvrij/plekken/zoeken/").status_code == 200
