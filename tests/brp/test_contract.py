"""The client and the stand-in agree with the shapes the published Haal Centraal BRP API Personen
(v2) specification defines — written from reading the specification (its openapi and the
brp-api/*.yaml component schemas), not copied from it:

* request `RaadpleegMetBurgerservicenummer`: `type` (the discriminator), `burgerservicenummer`
  (1–20 strings of nine digits), `fields` (1–130 field paths of a Persoon), optional
  `gemeenteVanInschrijving` (four digits); nothing else;
* response: `type` equal to the request's, `personen` an array of Persoon; in a Persoon
  `burgerservicenummer` nine digits, dates as `AbstractDatum` (`type` Datum with an ISO `datum`,
  or DatumOnbekend / JaarDatum / JaarMaandDatum), `gezag` items with a `type` of the discriminator
  mapping and a required `minderjarige`, `geheimhoudingPersoonsgegevens` a boolean,
  `gemeenteVanInschrijving` a Waardetabel (code, omschrijving);
* errors: application/problem+json with type, title, status (and invalidParams with name, code,
  reason on a 400), 404 for an unknown path.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from typing import Any

import pytest

from jeugdketen.brp import client, standin
from jeugdketen.core.access import Actor
from jeugdketen.core.models import Toegangslogregel, Uitkomst
from tests.conftest import actor

from .conftest import ALLE, EVA, LARS, LOTTE, SEM

BSN = re.compile(r"^[0-9]{9}$")
DATUM_TYPES = {"Datum", "DatumOnbekend", "JaarDatum", "JaarMaandDatum"}
GEZAG_TYPES = {
    "GezamenlijkOuderlijkGezag",
    "EenhoofdigOuderlijkGezag",
    "GezamenlijkGezag",
    "Voogdij",
    "TijdelijkGeenGezag",
    "GezagNietTeBepalen",
}


def check_request(body: dict[str, Any]) -> None:
    assert set(body) <= {"type", "burgerservicenummer", "fields", "gemeenteVanInschrijving"}
    assert body["type"] == "RaadpleegMetBurgerservicenummer"
    assert isinstance(body["burgerservicenummer"], list) and 1 <= len(body["burgerservicenummer"]) <= 20
    assert all(isinstance(b, str) and BSN.match(b) for b in body["burgerservicenummer"])
    assert isinstance(body["fields"], list) and 1 <= len(body["fields"]) <= 130
    assert all(isinstance(f, str) and f.split(".")[0] in standin.PERSOON_VELDEN for f in body["fields"])
    if "gemeenteVanInschrijving" in body:
        assert re.fullmatch(r"[0-9]{4}", body["gemeenteVanInschrijving"])


def check_datum(value: Any) -> None:
    assert isinstance(value, dict) and value["type"] in DATUM_TYPES
    if value["type"] == "Datum":
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value["datum"])


def check_persoon(p: dict[str, Any], fields: list[str]) -> None:
    assert set(p) <= {f.split(".")[0] for f in fields}, "only the fields asked for"
    if "burgerservicenummer" in p:
        assert BSN.match(p["burgerservicenummer"])
    if "naam" in p:
        assert all(isinstance(v, str) for v in p["naam"].values())
    if "geboorte" in p and "datum" in p["geboorte"]:
        check_datum(p["geboorte"]["datum"])
    if "overlijden" in p and "datum" in p["overlijden"]:
        check_datum(p["overlijden"]["datum"])
    if "geheimhoudingPersoonsgegevens" in p:
        assert isinstance(p["geheimhoudingPersoonsgegevens"], bool)
    if "gemeenteVanInschrijving" in p:
        assert re.fullmatch(r"[0-9]{4}", p["gemeenteVanInschrijving"]["code"])
        assert isinstance(p["gemeenteVanInschrijving"]["omschrijving"], str)
    if "verblijfplaats" in p and "datumVan" in p["verblijfplaats"]:
        check_datum(p["verblijfplaats"]["datumVan"])
    for ouder in p.get("ouders", []):
        assert BSN.match(ouder["burgerservicenummer"])
    for gezag in p.get("gezag", []):
        assert gezag["type"] in GEZAG_TYPES
        assert BSN.match(gezag["minderjarige"]["burgerservicenummer"])
        if gezag["type"] == "GezamenlijkOuderlijkGezag":
            assert len(gezag["ouders"]) == 2
        if gezag["type"] == "EenhoofdigOuderlijkGezag":
            assert BSN.match(gezag["ouder"]["burgerservicenummer"])
    for key in ("adressering",):
        if key in p:
            assert all(isinstance(v, str) for v in p[key].values())


def check_problem(status: int, headers: Any, body: dict[str, Any]) -> None:
    assert headers["Content-Type"].startswith("application/problem+json")
    assert body["status"] == status
    assert isinstance(body["title"], str) and body["title"]
    assert isinstance(body["type"], str)
    if status == 400 and "invalidParams" in body:
        for item in body["invalidParams"]:
            assert set(item) == {"name", "code", "reason"}


def post(
    url: str, body: Any, *, path: str = "/personen", headers: dict[str, str] | None = None
) -> tuple[int, Any, Any]:
    data = json.dumps(body).encode()
    request = urllib.request.Request(
        url + path, data=data, headers={"Content-Type": "application/json", **(headers or {})}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.headers, json.loads(exc.read())


@pytest.mark.parametrize("doel", list(client.Doel))
def test_client_requests_and_standin_answers_have_the_specified_shape(brp: Any, doel: client.Doel) -> None:
    body = client.verzoek(ALLE, doel)
    check_request(body)
    status, headers, answer = post(brp.url, body)
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert answer["type"] == "RaadpleegMetBurgerservicenummer"
    assert isinstance(answer["personen"], list) and len(answer["personen"]) == len(ALLE)
    for p in answer["personen"]:
        check_persoon(p, body["fields"])
    # and the client reads what it asked for
    parsed = [client.parse_persoon(p) for p in answer["personen"]]
    assert {p.bsn for p in parsed} == set(ALLE)


def test_each_purpose_asks_only_its_own_fields() -> None:
    assert "adressering.adresregel1" not in client.VELDEN[client.Doel.FAMILIEMATCH]
    assert "naam.geslachtsnaam" not in client.VELDEN[client.Doel.FAMILIEMATCH]
    assert client.VELDEN[client.Doel.GEZAG] == ("burgerservicenummer", "gezag")
    assert all("kinderen" not in f and "partners" not in f for fs in client.VELDEN.values() for f in fs)


def test_what_the_standin_knows(brp: Any) -> None:
    _s, _h, answer = post(brp.url, client.verzoek([EVA, SEM, LARS, LOTTE], client.Doel.GEZINSLID))
    by_bsn = {p["burgerservicenummer"]: p for p in answer["personen"]}
    assert by_bsn[EVA]["geheimhoudingPersoonsgegevens"] is True
    assert "overlijden" in by_bsn[LOTTE] and "overlijden" not in by_bsn[SEM]
    _s, _h, answer = post(brp.url, client.verzoek([SEM, LARS], client.Doel.FAMILIEMATCH))
    assert {o["burgerservicenummer"] for p in answer["personen"] for o in p["ouders"]} >= {EVA}


def test_gemeente_filter_and_unknown_bsn(brp: Any) -> None:
    body = {**client.verzoek([SEM, "999990019"], client.Doel.WOONPLAATS), "gemeenteVanInschrijving": "0899"}
    _s, _h, answer = post(brp.url, body)
    assert [p["burgerservicenummer"] for p in answer["personen"]] == [SEM]  # Linda lives in Heerlen
    _s, _h, answer = post(brp.url, client.verzoek(["999999990"], client.Doel.GEZINSLID))
    assert answer["personen"] == []  # not found is an empty list, not an error


@pytest.mark.parametrize(
    "body",
    [
        {"type": "RaadpleegMetBurgerservicenummer", "fields": ["naam"]},
        {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["12345"], "fields": ["naam"]},
        {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [SEM]},
        {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [SEM], "fields": ["schoenmaat"]},
        {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [SEM] * 21, "fields": ["naam"]},
        {"type": "Onbekend", "burgerservicenummer": [SEM], "fields": ["naam"]},
        {"burgerservicenummer": [SEM], "fields": ["naam"]},
        {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [SEM], "fields": ["naam"], "x": 1},
    ],
)
def test_bad_requests_get_problem_json_400(brp: Any, body: dict[str, Any]) -> None:
    status, headers, answer = post(brp.url, body)
    assert status == 400
    check_problem(400, headers, answer)
    assert answer["invalidParams"] or answer["code"] == "paramsValidation"


def test_unknown_path_is_problem_json_404_and_wrong_key_401() -> None:
    server = standin.start(api_key="geheim")
    try:
        status, headers, answer = post(
            server.url, client.verzoek([SEM], client.Doel.GEZAG), path="/ingeschrevenpersonen"
        )
        assert status == 404
        check_problem(404, headers, answer)
        status, headers, answer = post(server.url, client.verzoek([SEM], client.Doel.GEZAG))
        assert status == 401
        check_problem(401, headers, answer)
        status, _h, answer = post(server.url, client.verzoek([SEM], client.Doel.GEZAG), headers={"X-API-KEY": "geheim"})
        assert status == 200 and answer["personen"]
    finally:
        server.stop()


@pytest.mark.django_db
def test_client_logs_one_entry_per_call_with_purpose_and_no_bsn(brp: Any, region: Any) -> None:
    before = Toegangslogregel.objects.count()
    found = client.raadpleeg([SEM, EVA], doel=client.Doel.GEZAG, actor=actor("toegang"), client_id="gezin:test")
    assert set(found) == {SEM, EVA}
    assert found[SEM].gezag[0].ouders == (EVA, "999991024")
    rows = list(Toegangslogregel.objects.order_by("id")[before:])
    assert len(rows) == 1
    row = rows[0]
    assert (row.object_type, row.segment, row.client_id) == ("brp_bevraging", "toestemming_gezag", "gezin:test")
    assert row.grondslag.startswith("Jeugdwet")
    values = " ".join(str(getattr(row, f.name)) for f in Toegangslogregel._meta.fields)
    assert SEM not in values and EVA not in values


@pytest.mark.django_db
def test_client_with_brp_down_raises_and_logs_the_failure(brp_onbereikbaar: str, region: Any) -> None:
    with pytest.raises(client.BrpNietBereikbaar):
        client.raadpleeg([SEM], doel=client.Doel.GEZINSLID, actor=actor("toegang"), client_id="gezin:x")
    row = Toegangslogregel.objects.order_by("-id").first()
    assert row is not None and row.uitkomst == Uitkomst.FAILURE and row.segment == "gezinslid_persoonsgegevens"


@pytest.mark.django_db
def test_client_refused_request_is_a_specific_error(brp: Any, region: Any, settings: Any) -> None:
    settings.BRP_API_URL = brp.url + "/verkeerd"
    with pytest.raises(client.BrpAntwoordOngeldig):
        client.raadpleeg([SEM], doel=client.Doel.GEZINSLID, actor=actor("toegang"), client_id="gezin:x")


def test_client_without_configuration_makes_no_call(settings: Any) -> None:
    """No BRP configured: a specific error at once, no call and (no database here) no log entry."""
    settings.BRP_API_URL = ""
    with pytest.raises(client.BrpNietBereikbaar):
        client.raadpleeg([SEM], doel=client.Doel.GEZINSLID, actor=Actor(user=None), client_id="gezin:x")
