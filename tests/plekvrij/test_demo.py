"""The demo region's plekvrij: places of every kind, some stale, some full, reservations in every
state, a sociale kaart, and `aanbieder` updates its places from its home page."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils import timezone

from jeugdketen.demo.generator import build
from jeugdketen.plekvrij import selectors
from jeugdketen.plekvrij.models import HOUDT_PLEK, Hulpaanbod, Plek, Reservering, ReserveringStatus, Soort


def test_places_of_every_kind_some_stale_some_full(region: Any) -> None:
    plekken = list(selectors.met_stand(Plek.objects.filter(locatie__organisatie__regio=region), timezone.now()))
    assert {p.soort for p in plekken} == set(Soort.values)
    assert any(p.verouderd for p in plekken) and any(not p.verouderd for p in plekken)  # type: ignore[attr-defined]
    assert any(p.vrij_nu == 0 for p in plekken) and any(p.vrij_nu > 0 for p in plekken)  # type: ignore[attr-defined]
    assert any(p.vrij_vanaf for p in plekken)


def test_reservations_in_every_state_and_holds_counted(region: Any) -> None:
    assert set(Reservering.objects.values_list("status", flat=True)) == set(ReserveringStatus.values)
    for plek in Plek.objects.annotate(n=Count("reserveringen")):
        assert plek.gereserveerd == Reservering.objects.filter(plek=plek, status__in=HOUDT_PLEK).count()
    verlopen_niet_vrijgegeven = Reservering.objects.filter(status__in=HOUDT_PLEK, verloopt_op__lte=timezone.now())
    assert verlopen_niet_vrijgegeven.exists()  # shows that an expired hold is free before the job


def test_a_sociale_kaart_with_free_and_referral_offers(region: Any) -> None:
    offers = Hulpaanbod.objects.filter(regio=region, gepubliceerd=True)
    assert offers.count() >= 10
    assert {o.toegankelijkheid for o in offers} == {"vrij", "verwijzing"}
    assert all(o.volgende_stap for o in offers)


def test_aanbieder_updates_its_places_from_its_home_page(client_for: Any) -> None:
    html = client_for("aanbieder").get("/").content.decode()
    assert "Plekvrij: uw vrije plekken" in html
    assert html.count("/snel/") >= 5 and "(klopt nog)" in html
    assert "Plekvrij: reserveringen die wachten op uw antwoord" in html


def test_building_twice_adds_no_places(region: Any) -> None:
    counts = (Plek.objects.count(), Reservering.objects.count(), Hulpaanbod.objects.count())
    build(size=0)
    assert (Plek.objects.count(), Reservering.objects.count(), Hulpaanbod.objects.count()) == counts
