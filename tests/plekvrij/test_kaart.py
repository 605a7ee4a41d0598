"""The sociale kaart: public pages anyone can read without logging in, phone-first, searchable,
and every offer says where to go next (no wrong door)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jeugdketen.plekvrij.models import Hulpaanbod

from .factories import ANDER_AANBIEDER, HulpaanbodFactory, gemeente, organisatie


def _titels(params: dict[str, Any] | None = None) -> list[str]:
    html = Client().get("/sociale-kaart/", params or {}).content.decode()
    return [a.titel for a in Hulpaanbod.objects.all() if f">{a.titel}</a>" in html]


def test_anyone_reads_the_kaart_without_logging_in(region: Any) -> None:
    client = Client()
    response = client.get("/sociale-kaart/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sociale kaart" in html and "Opvoedspreekuur van het CJG" in html
    assert "Weet je niet waar je moet zijn?" in html and 'href="tel:08002000"' in html
    aanbod = Hulpaanbod.objects.get(titel="Ambulante gezinsbegeleiding")
    detail = client.get(f"/sociale-kaart/{aanbod.uuid}/").content.decode()
    assert "Met een verwijzing" in detail and "het toegangsteam, de huisarts of de jeugdarts" in detail
    assert "Past dit niet?" in detail and aanbod.volgende_stap in detail
    assert "Toegangsteam Jeugd Heerlen" in detail  # the access team that helps further


def test_search_by_word_topic_age_municipality_and_no_referral(leeg: Any) -> None:
    heerlen, kerkrade = gemeente("GM0917"), gemeente("GM0928")
    HulpaanbodFactory(titel="Opvoedcursus", categorie="cursus", leeftijd_van=2, leeftijd_tot=12)
    HulpaanbodFactory(titel="Jongerenwerk Kerkrade", categorie="jongerenwerk", gemeenten=[kerkrade], leeftijd_van=12)
    HulpaanbodFactory(
        titel="Gezinsbegeleiding",
        categorie="jeugdhulp",
        toegankelijkheid="verwijzing",
        verwijzing_door="het toegangsteam",
    )
    HulpaanbodFactory(titel="Verborgen aanbod", gepubliceerd=False)
    assert sorted(_titels()) == ["Gezinsbegeleiding", "Jongerenwerk Kerkrade", "Opvoedcursus"]
    assert _titels({"tekst": "cursus"}) == ["Opvoedcursus"]
    assert _titels({"categorie": "jongerenwerk"}) == ["Jongerenwerk Kerkrade"]
    assert _titels({"leeftijd": "15"}) == ["Gezinsbegeleiding", "Jongerenwerk Kerkrade"]
    assert "Jongerenwerk Kerkrade" not in _titels({"gemeente": str(heerlen.uuid)})  # only for Kerkrade
    assert "Gezinsbegeleiding" in _titels({"gemeente": str(heerlen.uuid)})  # the whole region
    assert "Gezinsbegeleiding" not in _titels({"zonder_verwijzing": "on"})


def test_bad_input_on_the_public_page_is_a_plain_message(leeg: Any) -> None:
    for params, melding in [
        ({"leeftijd": "oud"}, "Vul een leeftijd in jaren in"),
        ({"gemeente": "x"}, "Kies een gemeente"),
    ]:
        response = Client().get("/sociale-kaart/", params)
        assert response.status_code == 200 and melding in response.content.decode()


def test_an_unpublished_or_unknown_offer_is_404(leeg: Any) -> None:
    verborgen = HulpaanbodFactory(gepubliceerd=False)
    assert Client().get(f"/sociale-kaart/{verborgen.uuid}/").status_code == 404


def test_every_offer_says_where_to_go_next_in_the_database_too(leeg: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        HulpaanbodFactory(volgende_stap="")
    with pytest.raises(IntegrityError), transaction.atomic():
        HulpaanbodFactory(toegankelijkheid="verwijzing", verwijzing_door="")


def test_the_public_page_needs_the_same_queries_for_3_or_30_offers(leeg: Any) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert Client().get("/sociale-kaart/").status_code == 200
        return len(ctx.captured_queries)

    for _ in range(3):
        HulpaanbodFactory(gemeenten=[gemeente("GM0917")])
    small = count()
    for _ in range(17):
        HulpaanbodFactory(gemeenten=[gemeente("GM0928")])
    assert count() == small


def test_a_provider_keeps_its_own_offers_and_only_those(leeg: Any, client_for: Any) -> None:
    client = client_for("aanbieder")
    data = {
        "titel": "Weerbaarheidstraining",
        "samenvatting": "Leer voor jezelf opkomen.",
        "categorie": "cursus",
        "toegankelijkheid": "vrij",
        "voor_wie": "Kinderen van 8 tot 12.",
        "hoe": "Meld je aan.",
        "waar": "Heerlen",
        "gemeenten": [str(gemeente("GM0917").uuid)],
        "leeftijd_van": 8,
        "leeftijd_tot": 12,
        "kosten": "Gratis",
        "website": "http://onveilig.example",
        "volgende_stap": "",
        "gepubliceerd": "on",
    }
    html = client.post("/plekvrij/aanbod/nieuw/", data).content.decode()
    assert "Vul een webadres in dat begint met https://." in html
    assert "Vul dit in: past dit niet? hier kun je terecht." in html
    assert not Hulpaanbod.objects.filter(titel="Weerbaarheidstraining").exists()
    data |= {"website": "https://training.example", "volgende_stap": "Bel het CJG."}
    response = client.post("/plekvrij/aanbod/nieuw/", data)
    eigen = Hulpaanbod.objects.get(titel="Weerbaarheidstraining")
    assert response.status_code == 302 and response["Location"] == f"/sociale-kaart/{eigen.uuid}/"
    assert eigen.aanbieder.naam == "Jeugdhulp Parkstad"
    ander = HulpaanbodFactory(aanbieder=organisatie(ANDER_AANBIEDER))
    assert client.get(f"/plekvrij/aanbod/{ander.uuid}/").status_code == 404
    assert client.post(f"/plekvrij/aanbod/{ander.uuid}/", data).status_code == 404
    assert client_for("beleid").get("/plekvrij/aanbod/").status_code == 404


def test_a_pasted_megabyte_in_an_offer_is_a_plain_message_not_a_save(leeg: Any, client_for: Any) -> None:
    data = {
        "titel": "Plakproef",
        "samenvatting": "Een test.",
        "categorie": "cursus",
        "toegankelijkheid": "vrij",
        "voor_wie": "x" * 1_000_000,
        "hoe": "Meld je aan.",
        "waar": "Heerlen",
        "leeftijd_van": 8,
        "leeftijd_tot": 12,
        "kosten": "Gratis",
        "volgende_stap": "Bel het CJG.",
        "gepubliceerd": "on",
    }
    response = client_for("aanbieder").post("/plekvrij/aanbod/nieuw/", data)
    assert response.status_code == 200
    assert "Maak deze tekst korter: hoogstens 2000 tekens." in response.content.decode()
    assert not Hulpaanbod.objects.filter(titel="Plakproef").exists()


def test_the_service_checks_the_offer_as_the_database_does(leeg: Any) -> None:
    from jeugdketen.plekvrij import services
    from tests.conftest import actor

    with pytest.raises(ValidationError):
        services.aanbod_opslaan(
            by=actor("aanbieder"),
            gegevens={
                "titel": "X",
                "categorie": "cursus",
                "toegankelijkheid": "vrij",
                "samenvatting": "x",
                "voor_wie": "x",
                "hoe": "x",
                "waar": "x",
                "volgende_stap": "",
            },
            gemeenten=[],
        )


def test_saving_an_offer_gives_plain_language_advice_but_saves(leeg: Any, client_for: Any) -> None:
    data = {
        "titel": "Training",
        "samenvatting": "Een training.",
        "categorie": "cursus",
        "toegankelijkheid": "vrij",
        "voor_wie": "Voor ouders " + "die het heel erg moeilijk vinden " * 4 + "met hun kind.",
        "hoe": "Bel ons.",
        "waar": "Heerlen",
        "leeftijd_van": 0,
        "leeftijd_tot": 23,
        "kosten": "Gratis",
        "volgende_stap": "Bel het CJG.",
        "gepubliceerd": "on",
    }
    response = client_for("aanbieder").post("/plekvrij/aanbod/nieuw/", data, follow=True)
    html = response.content.decode()
    assert "Het aanbod is opgeslagen." in html and "Taaltip bij &#x27;Voor wie is het?&#x27;" in html
    assert Hulpaanbod.objects.filter(titel="Training").exists()
