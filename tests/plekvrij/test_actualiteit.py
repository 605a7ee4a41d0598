"""Freshness with a controlled clock: a kind's term (region setting, default 12 hours for crisis
places and 7 days for the rest) decides when a place shows as stale; stale ones rank last."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from jeugdketen.organisaties.models import Regio
from jeugdketen.plekvrij import selectors, services
from jeugdketen.plekvrij.models import Actualiteitstermijn, Plek, Soort
from tests.conftest import actor

from .factories import PlekFactory

T0 = dt.datetime(2025, 6, 2, 8, 0, tzinfo=dt.UTC)


def _stale(plek: Plek) -> bool:
    return bool(selectors.met_stand(Plek.objects.filter(pk=plek.pk), timezone.now()).get().verouderd)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("soort", "uren"),
    [(Soort.CRISISPLEK, 12), (Soort.GEZINSHUIS, 7 * 24), (Soort.PLEEGGEZIN, 7 * 24), (Soort.LEEFGROEP, 7 * 24)],
)
def test_a_place_is_current_until_its_term_and_stale_one_second_later(leeg: Any, soort: str, uren: int) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        plek = PlekFactory(soort=soort)
        clock.shift(dt.timedelta(hours=uren))
        assert not _stale(plek)
        clock.shift(dt.timedelta(seconds=1))
        assert _stale(plek)


def test_the_region_sets_its_own_term_per_kind(leeg: Any) -> None:
    Actualiteitstermijn.objects.create(regio=Regio.objects.get(naam="Parkstad"), soort=Soort.CRISISPLEK, uren=4)
    with time_machine.travel(T0, tick=False) as clock:
        crisis = PlekFactory(soort=Soort.CRISISPLEK)
        leefgroep = PlekFactory(soort=Soort.LEEFGROEP)
        clock.shift(dt.timedelta(hours=4, seconds=1))
        assert _stale(crisis)
        assert not _stale(leefgroep)  # the other kinds keep the default


def test_a_region_setting_does_not_touch_places_of_another_region(leeg: Any) -> None:
    elders = Regio.objects.create(naam="Zuid-Kennemerland")
    Actualiteitstermijn.objects.create(regio=elders, soort=Soort.CRISISPLEK, uren=1)
    with time_machine.travel(T0, tick=False) as clock:
        plek = PlekFactory(soort=Soort.CRISISPLEK)
        clock.shift(dt.timedelta(hours=2))
        assert not _stale(plek)


def test_a_tap_makes_a_stale_place_current_again_and_records_who(leeg: Any) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        plek = PlekFactory(soort=Soort.CRISISPLEK, gecontracteerd=2, bezet=1)
        clock.shift(dt.timedelta(hours=13))
        assert _stale(plek)
        services.plek_bijwerken(
            plek=plek, by=actor("aanbieder"), wijziging=services.Wijziging(vrij=1), basis_versie=plek.versie
        )
        assert not _stale(plek)
        plek.refresh_from_db()
        assert plek.bijgewerkt_op == T0 + dt.timedelta(hours=13)
        assert plek.bijgewerkt_door_naam == "Ahmed El Amrani"


def test_a_reservation_does_not_make_a_place_current(leeg: Any) -> None:
    """Only the provider knows how it is there: a hold by someone else changes no freshness."""
    with time_machine.travel(T0, tick=False) as clock:
        plek = PlekFactory(soort=Soort.CRISISPLEK, gecontracteerd=3, bezet=0, leeftijd_tot=23)
        clock.shift(dt.timedelta(hours=13))
        services.reservering_maken(
            plek=plek, by=actor("crisisdienst"), uren=4, initialen="A", leeftijd=15, contact_telefoon="045"
        )
        assert _stale(plek)


def test_stale_places_rank_after_current_ones_even_when_nearer(leeg: Any) -> None:
    from .factories import LocatieFactory, gemeente

    with time_machine.travel(T0, tick=False) as clock:
        dichtbij_oud = PlekFactory(soort=Soort.CRISISPLEK, locatie=LocatieFactory(gemeente=gemeente("GM0917")))
        clock.shift(dt.timedelta(hours=13))
        ver_actueel = PlekFactory(soort=Soort.CRISISPLEK, locatie=LocatieFactory(gemeente=gemeente("GM0928")))
        vraag = selectors.Zoekvraag(soort=Soort.CRISISPLEK, vanaf=gemeente("GM0917"))
        gevonden = list(selectors.zoeken(actor("crisisdienst"), vraag))
    assert gevonden == [ver_actueel, dichtbij_oud]
    assert [p.verouderd for p in gevonden] == [False, True]  # type: ignore[attr-defined]
