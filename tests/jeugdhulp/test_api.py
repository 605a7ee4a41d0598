"""The API for municipalities' and providers' systems, with a key per organisation system."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from jeugdketen.jeugdhulp import voorbeelden as vb
from jeugdketen.jeugdhulp.models import Traject
from jeugdketen.organisaties.api_auth import issue_key

from . import factories as f
from .conftest import VANDAAG, Wereld


@pytest.fixture(autouse=True)
def _klok() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2025, 6, 2, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False):
        yield


def sleutel(mw: Any) -> dict[str, str]:
    _row, plain = issue_key(organisatie=mw.organisatie, systeem="test", by=None)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def toewijzing(w: Wereld, **extra: Any) -> dict[str, Any]:
    data = {
        "bsn": "999990019",
        "geboortedatum": "2012-05-17",
        "achternaam": "Janssen",
        "gemeente": "GM0917",
        "aanbieder_agb": w.agb,
        "toewijzingnummer": 9001,
        "productcategorie": "45",
        "productcode": "45A06",
        "ingangsdatum": "2025-05-01",
        "einddatum": "2025-12-31",
        "volume": 2,
        "eenheid": "04",
        "frequentie": "2",
        "verwijzer": "02",
    }
    data.update(extra)
    return data


def post(client: Client, url: str, data: Any, headers: dict[str, str]) -> Any:
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def test_a_municipalitys_system_assigns_and_the_same_call_twice_changes_nothing(wereld: Wereld) -> None:
    key = sleutel(wereld.toegang)
    response = post(Client(), "/api/v1/jeugdhulp/trajecten/", toewijzing(wereld), key)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["toewijzingnummer"] == 9001 and body["hulpvorm"] == "ambulant" and "bsn" not in body
    again = post(Client(), "/api/v1/jeugdhulp/trajecten/", toewijzing(wereld), key)
    assert again.status_code == 200 and Traject.objects.count() == 1


def test_unknown_fields_and_bad_codes_are_refused_in_dutch(wereld: Wereld) -> None:
    key = sleutel(wereld.toegang)
    response = post(Client(), "/api/v1/jeugdhulp/trajecten/", toewijzing(wereld, diagnose="x"), key)
    assert response.status_code == 400 and "diagnose" in response.json()
    response = post(Client(), "/api/v1/jeugdhulp/trajecten/", toewijzing(wereld, productcode="35A01"), key)
    assert response.status_code == 400 and response.json()["retourcode"] == "S329"
    response = post(Client(), "/api/v1/jeugdhulp/trajecten/", toewijzing(wereld, bsn="123456789"), key)
    assert response.status_code == 400 and "11-proef" in json.dumps(response.json(), ensure_ascii=False)


def test_another_municipalitys_system_cannot_assign_for_heerlen(wereld: Wereld) -> None:
    response = post(Client(), "/api/v1/jeugdhulp/trajecten/", toewijzing(wereld), sleutel(wereld.toegang_kerkrade))
    assert response.status_code == 404 and not Traject.objects.exists()


def test_the_providers_system_starts_and_stops_its_own_assignments_only(wereld: Wereld) -> None:
    t = f.TrajectFactory(
        gemeente=wereld.heerlen, aanbieder=wereld.aanbieder.organisatie, ingangsdatum=dt.date(2025, 5, 1)
    )
    key = sleutel(wereld.aanbieder)
    response = post(Client(), f"/api/v1/jeugdhulp/trajecten/{t.uuid}/start/", {"begindatum": "2025-05-05"}, key)
    assert response.status_code == 200 and response.json()["begindatum"] == "2025-05-05"
    response = post(
        Client(),
        f"/api/v1/jeugdhulp/trajecten/{t.uuid}/stop/",
        {"begindatum": "2025-05-05", "einddatum": "2025-05-01", "reden": "31"},
        key,
    )
    assert response.status_code == 400 and response.json()["retourcode"] == "0001"
    ander = sleutel(wereld.andere_aanbieder)
    assert (
        post(
            Client(),
            f"/api/v1/jeugdhulp/trajecten/{t.uuid}/stop/",
            {"begindatum": "2025-05-05", "einddatum": "2025-05-20", "reden": "31"},
            ander,
        ).status_code
        == 404
    )
    assert Client().get(f"/api/v1/jeugdhulp/trajecten/{t.uuid}/", **ander).status_code == 404
    assert Client().get("/api/v1/jeugdhulp/trajecten/", **ander).json()["results"] == []
    assert len(Client().get("/api/v1/jeugdhulp/trajecten/", **key).json()["results"]) == 1


def test_an_ijw_message_in_and_its_return_message_out(wereld: Wereld) -> None:
    t = f.TrajectFactory(
        gemeente=wereld.heerlen, aanbieder=wereld.aanbieder.organisatie, ingangsdatum=dt.date(2025, 5, 1)
    )
    kop = vb.Kop(afzender=wereld.agb, ontvanger="0917", identificatie="api-1", dagtekening=VANDAAG)
    client_ = vb.Client(bsn=t.jeugdige.bsn, geboortedatum=t.jeugdige.geboortedatum, achternaam="T")
    inhoud = vb.schrijf("jw305", vb.Bericht(kop, client_, [vb.Regie(t.toewijzingnummer, dt.date(2025, 5, 5))]))
    response = Client().post(
        "/api/v1/jeugdhulp/ijw/", inhoud, content_type="application/xml", **sleutel(wereld.aanbieder)
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    assert b"<jw306:BerichtCode>439</jw306:BerichtCode>" in response.content
    assert b"<jw306:RetourCode>0200</jw306:RetourCode>" in response.content
    t.refresh_from_db()
    assert t.begindatum == dt.date(2025, 5, 5)
    ontvangst = response["X-Jeugdketen-Ontvangst"]
    assert Client().get(f"/api/v1/jeugdhulp/ijw/{ontvangst}/", **sleutel(wereld.andere_aanbieder)).status_code == 404
    refused = Client().post(
        "/api/v1/jeugdhulp/ijw/", b"<x/>", content_type="application/xml", **sleutel(wereld.aanbieder)
    )
    assert refused.status_code == 422 and refused.json()["status"] == "geweigerd"


def test_without_a_key_there_is_nothing(wereld: Wereld) -> None:
    assert Client().get("/api/v1/jeugdhulp/trajecten/").status_code in (401, 403)
    assert Client().get("/api/v1/jeugdhulp/trajecten/", HTTP_AUTHORIZATION="Bearer jk_fout").status_code == 401


def test_policy_staff_reach_no_trajectory_through_the_api(wereld: Wereld, no_2fa: None) -> None:
    client = Client()
    client.force_login(wereld.beleid.gebruiker)
    assert client.get("/api/v1/jeugdhulp/trajecten/").status_code == 404
