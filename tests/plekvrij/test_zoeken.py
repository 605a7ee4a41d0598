"""Search for access teams and the crisis service: by kind, age, specialism, municipality or
region and date, nearest first, in a number of queries that does not grow with the places."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jeugdketen.core import kalender
from jeugdketen.organisaties.models import Gemeente, Regio
from jeugdketen.plekvrij import centroiden, selectors
from jeugdketen.plekvrij.models import Soort, Specialisme
from tests.conftest import actor

from .factories import LocatieFactory, PlekFactory, gemeente


def _zoek(**kwargs: Any) -> list[Any]:
    return list(selectors.zoeken(actor("toegang"), selectors.Zoekvraag(**kwargs)))


def _in(cbs: str, **kwargs: Any) -> Any:
    return PlekFactory(locatie=LocatieFactory(gemeente=gemeente(cbs)), **kwargs)


def test_by_kind_and_age(leeg: Any) -> None:
    tiener = PlekFactory(soort=Soort.GEZINSHUIS, leeftijd_van=12, leeftijd_tot=17)
    jong = PlekFactory(soort=Soort.GEZINSHUIS, leeftijd_van=0, leeftijd_tot=11)
    PlekFactory(soort=Soort.LEEFGROEP, leeftijd_van=12, leeftijd_tot=17)
    assert _zoek(soort=Soort.GEZINSHUIS, leeftijd=12) == [tiener]
    assert _zoek(soort=Soort.GEZINSHUIS, leeftijd=11) == [jong]
    assert set(_zoek(soort=Soort.GEZINSHUIS)) == {tiener, jong}


def test_every_specialism_asked_for_must_be_there(leeg: Any) -> None:
    lvb, trauma = Specialisme.objects.get(sleutel="lvb"), Specialisme.objects.get(sleutel="trauma")
    beide = PlekFactory(specialismen=[lvb, trauma])
    alleen_lvb = PlekFactory(specialismen=[lvb])
    PlekFactory()
    assert set(_zoek(specialismen=(lvb,))) == {beide, alleen_lvb}
    assert _zoek(specialismen=(lvb, trauma)) == [beide]


def test_by_municipality_or_region(leeg: Any) -> None:
    heerlen, kerkrade = _in("GM0917"), _in("GM0928")
    assert _zoek(gemeente=gemeente("GM0928")) == [kerkrade]
    assert set(_zoek(regio=Regio.objects.get(naam="Parkstad"))) == {heerlen, kerkrade}
    elders = Regio.objects.create(naam="Zuid-Kennemerland")
    Gemeente.objects.create(regio=elders, naam="Haarlem", cbs_code="GM0392")
    assert _zoek(regio=elders) == []


def test_full_places_only_when_asked_and_then_after_the_free_ones(leeg: Any) -> None:
    vol = PlekFactory(gecontracteerd=3, bezet=3)
    vrij = PlekFactory(gecontracteerd=3, bezet=1)
    assert _zoek() == [vrij]
    assert _zoek(ook_vol=True) == [vrij, vol]


def test_free_on_a_later_day_through_free_from(leeg: Any) -> None:
    vandaag = timezone.localdate()
    vol_tot_volgende_week = PlekFactory(gecontracteerd=2, bezet=2, vrij_vanaf=vandaag + dt.timedelta(days=7))
    PlekFactory(gecontracteerd=2, bezet=2, vrij_vanaf=vandaag - dt.timedelta(days=1))  # an old date says nothing
    assert _zoek(datum=vandaag + dt.timedelta(days=6)) == []
    assert _zoek(datum=vandaag + dt.timedelta(days=7)) == [vol_tot_volgende_week]
    assert _zoek() == []  # today it is full


def test_nearest_first_by_municipality_centroids(leeg: Any) -> None:
    # The same kind and numbers everywhere: only the distance from Kerkrade decides.
    voerendaal, heerlen, kerkrade, beekdaelen = _in("GM0986"), _in("GM0917"), _in("GM0928"), _in("GM1954")
    gevonden = _zoek(vanaf=gemeente("GM0928"))
    assert gevonden == [kerkrade, heerlen, voerendaal, beekdaelen]
    afstanden = [p.afstand for p in gevonden]
    assert afstanden[0] == 0 and afstanden == sorted(afstanden)
    assert 5 < afstanden[1] < 10  # Kerkrade–Heerlen, between the centres of the municipalities


def test_a_municipality_without_a_centroid_ranks_last(leeg: Any) -> None:
    elders = Regio.objects.create(naam="Zuid-Kennemerland")
    haarlem = Gemeente.objects.create(regio=elders, naam="Haarlem", cbs_code="GM0392")
    ver = PlekFactory(locatie=LocatieFactory(gemeente=haarlem))
    dichtbij = _in("GM0917")
    assert "GM0392" not in centroiden.centroiden()
    assert _zoek(vanaf=gemeente("GM0928")) == [dichtbij, ver]


def test_more_free_places_first_among_equals(leeg: Any) -> None:
    een = PlekFactory(gecontracteerd=3, bezet=2)
    drie = PlekFactory(gecontracteerd=3, bezet=0)
    assert _zoek() == [drie, een]


@pytest.mark.parametrize("username", ["school", "huisarts", "beleid", "functioneelbeheer", "ouder", "jongere"])
def test_those_who_do_not_place_youths_find_nothing_and_get_404(leeg: Any, client_for: Any, username: str) -> None:
    PlekFactory()
    assert list(selectors.zoeken(actor(username), selectors.Zoekvraag())) == []
    client = client_for(username)
    assert client.get("/plekvrij/").status_code == 404
    assert client.get("/plekvrij/crisis/").status_code == 404


@pytest.mark.parametrize("username", ["toegang", "crisisdienst", "gi", "veiligthuis", "aanbieder"])
def test_those_who_place_or_provide_can_search(leeg: Any, client_for: Any, username: str) -> None:
    plek = PlekFactory(soort=Soort.PLEEGGEZIN)
    response = client_for(username).get("/plekvrij/", {"soort": "pleeggezin"})
    assert response.status_code == 200
    assert plek.titel in response.content.decode()


def test_the_crisis_search_answers_at_once_without_a_form(leeg: Any, client_for: Any) -> None:
    crisis = PlekFactory(soort=Soort.CRISISPLEK, naam="Crisisbed Zuid")
    PlekFactory(soort=Soort.LEEFGROEP, naam="Leefgroep Noord")
    response = client_for("crisisdienst").get("/plekvrij/crisis/", follow=True)
    html = response.content.decode()
    assert "Crisisplek zoeken" in html and crisis.titel in html and "Leefgroep Noord" not in html


def test_bad_input_gets_a_dutch_message_never_an_error(leeg: Any, client_for: Any) -> None:
    client = client_for("toegang")
    for params, melding in [
        ({"leeftijd": "twaalf"}, "Vul een leeftijd in jaren in"),
        ({"leeftijd": "40"}, "0 tot en met 23"),
        ({"datum": (kalender.vandaag() - dt.timedelta(days=2)).isoformat()}, "vandaag of een dag in de toekomst"),
        ({"datum": "0001-01-01"}, "Deze datum kan niet kloppen"),
        ({"datum": "morgen"}, "Vul een datum in"),
        ({"soort": "kasteel"}, "Kies een van de mogelijkheden"),
        ({"vanaf": "Heerlne"}, "Deze gemeente kennen we niet. Kijk of de naam goed geschreven is. Bedoelt u: Heerlen?"),
        ({"vanaf": "Xyzzy"}, "Deze gemeente kennen we niet. Kijk of de naam goed geschreven is.</"),
        (
            {"gebied": "Parkstadt"},
            "Deze gemeente of regio kennen we niet. Kijk of de naam goed geschreven is. Bedoelt u: Regio Parkstad?",
        ),
        ({"gebied": "regio:niet-een-id"}, "Deze gemeente of regio kennen we niet"),
        ({"gebied": "Heerlen" * 150_000}, "niet meer dan 48 tekens"),  # about 1 MB
        ({"vanaf": "x" * 49}, "niet meer dan 48 tekens"),
        ({"specialismen": "bestaat-niet"}, "Kies specialismen uit de lijst"),
    ]:
        response = client.get("/plekvrij/", params)
        assert response.status_code == 200, params
        assert melding in response.content.decode(), params


def test_the_search_page_needs_the_same_queries_for_3_or_30_places(leeg: Any, client_for: Any) -> None:
    client = client_for("toegang")
    lvb = Specialisme.objects.get(sleutel="lvb")
    params = {"soort": "leefgroep", "vanaf": "Kerkrade"}

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/plekvrij/", params).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(3):
        PlekFactory(specialismen=[lvb])
    small = count()
    for _ in range(27):
        _in("GM0986", specialismen=[lvb])
    assert count() == small


def test_municipality_and_region_are_typed_by_name_and_searched_from(leeg: Any, client_for: Any) -> None:
    """'Waar' and 'Dichtbij' take a typed name (any case, stray spaces), 'Regio …' or a bare region
    name, and the ids that saved searches and older links carry."""
    heerlen, kerkrade = _in("GM0917"), _in("GM0928")
    parkstad, client = Regio.objects.get(naam="Parkstad"), client_for("toegang")

    def vraag(**params: str) -> Any:
        response = client.get("/plekvrij/", params)
        assert response.status_code == 200 and response.context["form"].errors == {}, params
        return response.context["vraag"]

    assert vraag(vanaf="  kerkrade ").vanaf == gemeente("GM0928")
    assert vraag(vanaf=str(gemeente("GM0928").uuid)).vanaf == gemeente("GM0928")
    assert vraag(gebied="HEERLEN").gemeente == gemeente("GM0917")
    assert vraag(gebied=f"gemeente:{gemeente('GM0917').uuid}").gemeente == gemeente("GM0917")
    for tekst in ("Regio Parkstad", "regio  parkstad", "Parkstad", f"regio:{parkstad.uuid}"):
        assert vraag(gebied=tekst).regio == parkstad, tekst
    response = client.get("/plekvrij/", {"gebied": "Kerkrade", "vanaf": "Heerlen"})
    assert list(response.context["page"].object_list) == [kerkrade]
    nabij = client.get("/plekvrij/", {"vanaf": "Kerkrade"}).context["page"].object_list
    assert [p.pk for p in nabij] == [kerkrade.pk, heerlen.pk]
    # what was typed stays in the field
    assert 'value="regio  parkstad"' in client.get("/plekvrij/", {"gebied": "regio  parkstad"}).content.decode()


def test_the_form_suggests_the_own_region_and_stays_the_same_size_for_the_whole_country(
    leeg: Any, client_for: Any
) -> None:
    """At national scale the country's 342 municipalities were two lists of 684 options on every
    visit (issue 16); the suggestions are the searcher's own region, so the page does not grow
    with the country, and a municipality elsewhere is still found by its name."""
    client = client_for("toegang")

    def bezoek() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/plekvrij/")
        assert response.status_code == 200
        return response.content.decode(), len(queries)

    html, queries = bezoek()
    assert '<option value="Regio Parkstad">' in html and '<option value="Kerkrade">' in html
    assert 'list="pv-gemeenten"' in html and 'value="Heerlen"' in html  # searched from its own municipality
    elders = Regio.objects.create(naam="Zuid-Kennemerland")
    for i in range(30):
        Gemeente.objects.create(regio=elders, naam=f"Elders {i:02d}", cbs_code=f"GM{7000 + i}")
    groter, queries_groter = bezoek()
    assert "Elders" not in groter and "Zuid-Kennemerland" not in groter
    assert len(groter) == len(html) and queries_groter == queries
    elders_03 = _in("GM7003")
    response = client.get("/plekvrij/", {"gebied": "elders 03"})
    assert list(response.context["page"].object_list) == [elders_03]


def test_the_crisis_button_starts_from_the_own_municipality_by_name(leeg: Any, client_for: Any) -> None:
    response = client_for("toegang").get("/plekvrij/crisis/")
    assert response.status_code == 302 and "vanaf=Heerlen" in response["Location"]
