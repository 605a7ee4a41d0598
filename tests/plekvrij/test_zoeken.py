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
        ({"vanaf": "niet-een-uuid"}, "Kies een gemeente uit de lijst"),
        ({"specialismen": "bestaat-niet"}, "Kies specialismen uit de lijst"),
    ]:
        response = client.get("/plekvrij/", params)
        assert response.status_code == 200, params
        assert melding in response.content.decode(), params


def test_the_search_page_needs_the_same_queries_for_3_or_30_places(leeg: Any, client_for: Any) -> None:
    client = client_for("toegang")
    lvb = Specialisme.objects.get(sleutel="lvb")
    params = {"soort": "leefgroep", "vanaf": str(gemeente("GM0928").uuid)}

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


def test_both_municipality_lists_come_from_one_query_and_keep_the_choice(leeg: Any, client_for: Any) -> None:
    """'Waar' and 'Dichtbij' list the country's municipalities (342 at national scale) from one
    query of (uuid, name) pairs, no model choices (issue 16); the choice is kept and searched from."""
    kerkrade, client = gemeente("GM0928"), client_for("toegang")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/plekvrij/", {"vanaf": str(kerkrade.uuid)})
    assert response.status_code == 200 and response.context["vraag"].vanaf == kerkrade
    html = response.content.decode()
    assert f'<option value="{kerkrade.uuid}" selected>' in html
    assert f'<option value="gemeente:{kerkrade.uuid}">' in html
    lijsten = [
        q["sql"]
        for q in queries
        if q["sql"].startswith('SELECT "organisaties_gemeente"."uuid" AS "uuid", "organisaties_gemeente"."naam"')
    ]
    assert len(lijsten) == 1, lijsten
