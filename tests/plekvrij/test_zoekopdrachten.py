"""Saved searches: "tell me when a gezinshuis place for a 12-year-old frees up in this region" —
one outbox notification when a matching place goes from full to free, not for others."""

from __future__ import annotations

import datetime as dt
from typing import Any

import time_machine

from jeugdketen.core.models import OutboxBericht
from jeugdketen.organisaties.models import Gebruiker, Regio
from jeugdketen.plekvrij import services
from jeugdketen.plekvrij.models import Plek, Soort, Specialisme, Zoekopdracht
from tests.conftest import actor

from .factories import LocatieFactory, PlekFactory, ZoekopdrachtFactory, gemeente

T0 = dt.datetime(2025, 6, 2, 8, 0, tzinfo=dt.UTC)


def _meldingen() -> list[str]:
    return list(
        OutboxBericht.objects.filter(soort="plekvrij_zoekopdracht", kanaal="in_app").values_list(
            "ontvanger__username", flat=True
        )
    )


def _vrij(plek: Plek, vrij: int) -> None:
    plek.refresh_from_db()
    services.plek_bijwerken(
        plek=plek, by=actor("aanbieder"), wijziging=services.Wijziging(vrij=vrij), basis_versie=plek.versie
    )


def _zoek(username: str = "toegang", **kwargs: Any) -> Zoekopdracht:
    return ZoekopdrachtFactory(eigenaar=Gebruiker.objects.get(username=username), **kwargs)


def test_a_matching_place_that_frees_up_is_told_once(leeg: Any) -> None:
    OutboxBericht.objects.all().delete()
    _zoek(soort=Soort.GEZINSHUIS, leeftijd=12, regio=Regio.objects.get(naam="Parkstad"))
    plek = PlekFactory(soort=Soort.GEZINSHUIS, leeftijd_van=6, leeftijd_tot=17, gecontracteerd=3, bezet=3)
    _vrij(plek, 1)
    assert _meldingen() == ["toegang"]
    bericht = OutboxBericht.objects.get(soort="plekvrij_zoekopdracht", kanaal="in_app")
    assert bericht.link == f"/plekvrij/plekken/{plek.uuid}/" and "plek vrij" in bericht.titel
    _vrij(plek, 2)  # already free: no news
    assert len(_meldingen()) == 1
    _vrij(plek, 0)
    _vrij(plek, 1)  # full, then free again: news again
    assert len(_meldingen()) == 2


def test_places_that_do_not_match_tell_nobody(leeg: Any) -> None:
    OutboxBericht.objects.all().delete()
    lvb = Specialisme.objects.get(sleutel="lvb")
    _zoek(soort=Soort.GEZINSHUIS, leeftijd=12, gemeente=gemeente("GM0917"), specialismen=[lvb])
    andere_soort = PlekFactory(soort=Soort.LEEFGROEP, gecontracteerd=1, bezet=1, specialismen=[lvb])
    te_jong = PlekFactory(
        soort=Soort.GEZINSHUIS, leeftijd_van=0, leeftijd_tot=11, gecontracteerd=1, bezet=1, specialismen=[lvb]
    )
    elders = PlekFactory(
        soort=Soort.GEZINSHUIS,
        locatie=LocatieFactory(gemeente=gemeente("GM0928")),
        gecontracteerd=1,
        bezet=1,
        specialismen=[lvb],
    )
    zonder_lvb = PlekFactory(soort=Soort.GEZINSHUIS, gecontracteerd=1, bezet=1)
    for plek in (andere_soort, te_jong, elders, zonder_lvb):
        _vrij(plek, 1)
    assert _meldingen() == []
    past = PlekFactory(soort=Soort.GEZINSHUIS, gecontracteerd=1, bezet=1, specialismen=[lvb])
    _vrij(past, 1)
    assert _meldingen() == ["toegang"]


def test_a_declined_or_expired_hold_that_frees_the_place_tells_the_search(leeg: Any) -> None:
    OutboxBericht.objects.all().delete()
    _zoek(username="crisisdienst", soort=Soort.CRISISPLEK)
    with time_machine.travel(T0, tick=False) as clock:
        plek = PlekFactory(soort=Soort.CRISISPLEK, gecontracteerd=1, bezet=0, leeftijd_tot=23)
        r = services.reservering_maken(
            plek=plek, by=actor("toegang"), uren=2, initialen="A", leeftijd=9, contact_telefoon="1"
        )
        services.reservering_beantwoorden(reservering=r, by=actor("aanbieder"), bevestigen=False)
        assert _meldingen() == ["crisisdienst"]
        services.reservering_maken(
            plek=plek, by=actor("toegang"), uren=2, initialen="A", leeftijd=9, contact_telefoon="1"
        )
        clock.shift(dt.timedelta(hours=3))
        services.reserveringen_laten_verlopen()
    assert _meldingen() == ["crisisdienst", "crisisdienst"]


def test_two_matching_searches_of_one_person_give_one_message(leeg: Any) -> None:
    OutboxBericht.objects.all().delete()
    _zoek(soort=Soort.LOGEREN)
    _zoek(soort=Soort.LOGEREN, leeftijd=10)
    plek = PlekFactory(soort=Soort.LOGEREN, gecontracteerd=1, bezet=1)
    _vrij(plek, 1)
    assert _meldingen() == ["toegang"]


def test_the_one_who_frees_the_place_is_not_told_about_it(leeg: Any) -> None:
    OutboxBericht.objects.all().delete()
    _zoek(username="aanbieder", soort=Soort.LOGEREN)
    plek = PlekFactory(soort=Soort.LOGEREN, gecontracteerd=1, bezet=1)
    _vrij(plek, 1)
    assert _meldingen() == []


def test_saving_and_deleting_a_search_from_the_page(leeg: Any, client_for: Any) -> None:
    client = client_for("toegang")
    page = client.get("/plekvrij/", {"soort": "gezinshuis", "leeftijd": "12", "gebied": f"regio:{leeg.uuid}"})
    assert "Laat het me weten als er zo" in page.content.decode()
    response = client.post(
        "/plekvrij/zoekopdrachten/bewaren/", {"soort": "gezinshuis", "leeftijd": "12", "gebied": f"regio:{leeg.uuid}"}
    )
    assert response.status_code == 302
    z = Zoekopdracht.objects.filter(eigenaar__username="toegang").latest("id")
    assert (z.soort, z.leeftijd, z.regio, z.gemeente) == ("gezinshuis", 12, leeg, None)
    html = client.get("/plekvrij/zoekopdrachten/").content.decode()
    assert "Gezinshuis" in html and "voor 12 jaar" in html
    # Someone else cannot delete it; the owner can.
    assert client_for("crisisdienst").post(f"/plekvrij/zoekopdrachten/{z.uuid}/verwijderen/").status_code == 404
    assert client.post(f"/plekvrij/zoekopdrachten/{z.uuid}/verwijderen/").status_code == 302
    assert not Zoekopdracht.objects.filter(pk=z.pk).exists()


def test_an_empty_search_is_not_saved(leeg: Any, client_for: Any) -> None:
    response = client_for("toegang").post("/plekvrij/zoekopdrachten/bewaren/", {}, follow=True)
    assert "Kies eerst waar u op zoekt" in response.content.decode()


def test_saved_searches_page_on_instead_of_stopping_at_twenty(leeg: Any, client_for: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    eigenaar = Gebruiker.objects.get(username="toegang")
    client = client_for("toegang")

    def page(n: str) -> tuple[str, int]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/plekvrij/zoekopdrachten/", {"pagina": n})
        assert response.status_code == 200
        return response.content.decode(), len(ctx.captured_queries)

    for leeftijd in range(27):
        ZoekopdrachtFactory(eigenaar=eigenaar, leeftijd=leeftijd % 18)
    eerste, _n = page("1")
    tweede, queries = page("2")
    rij = '/verwijderen/"'  # each saved search has its own delete button
    assert eerste.count(rij) == 25 and "pagina=2" in eerste and tweede.count(rij) == 2
    for leeftijd in range(30):
        ZoekopdrachtFactory(eigenaar=eigenaar, leeftijd=leeftijd % 18)
    assert page("2")[1] == queries and page("3")[1] == queries
    # Another user's searches are on none of them.
    assert rij not in client_for("crisisdienst").get("/plekvrij/zoekopdrachten/").content.decode()
