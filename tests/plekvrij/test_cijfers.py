"""Figures for the monitor: free and occupied places per kind (now and over time), the stale share,
and the time from request to placement — aggregates only, suppressed below 10."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jeugdketen.organisaties.models import Regio
from jeugdketen.plekvrij import selectors, services
from jeugdketen.plekvrij.models import Dagstand, Reservering, ReserveringStatus, Soort
from tests.conftest import actor

from .factories import PlekFactory

T0 = dt.datetime(2025, 6, 2, 8, 0, tzinfo=dt.UTC)


def _stand(regio: Regio, soort: str) -> selectors.Stand:
    return next(s for s in selectors.stand_van_regio(regio) if s.soort == soort)


def test_totals_per_kind_count_expired_holds_as_free_and_stale_places(leeg: Any) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        a = PlekFactory(soort=Soort.PLEEGGEZIN, gecontracteerd=5, buiten_gebruik=1, bezet=2, leeftijd_tot=23)
        PlekFactory(soort=Soort.PLEEGGEZIN, gecontracteerd=3, bezet=3)
        services.reservering_maken(plek=a, by=actor("toegang"), uren=2, initialen="A", leeftijd=5, contact_telefoon="1")
        s = _stand(leeg, Soort.PLEEGGEZIN)
        assert (s.plekken, s.gecontracteerd, s.bruikbaar, s.bezet, s.gereserveerd, s.vrij) == (2, 8, 7, 5, 1, 1)
        clock.shift(dt.timedelta(hours=3))  # the hold expired; no job has run
        s = _stand(leeg, Soort.PLEEGGEZIN)
        assert (s.gereserveerd, s.vrij, s.niet_actueel) == (0, 2, 0)
        clock.shift(dt.timedelta(days=7))
        assert _stand(leeg, Soort.PLEEGGEZIN).aandeel_niet_actueel == 100
    assert _stand(leeg, Soort.JEUGDZORGPLUS).plekken == 0  # every kind has a row


def test_day_totals_are_stored_once_per_day(leeg: Any) -> None:
    PlekFactory(soort=Soort.LOGEREN, gecontracteerd=4, bezet=1)
    Dagstand.objects.all().delete()
    services.dagstanden_vastleggen()
    services.dagstanden_vastleggen()  # idempotent: replaced, not doubled
    rij = Dagstand.objects.get(soort=Soort.LOGEREN, regio=leeg)
    assert (rij.datum, rij.vrij, rij.bezet) == (timezone.localdate(), 3, 1)
    assert list(selectors.reeks(leeg, van=rij.datum, tot=rij.datum)) == [rij]


def test_time_to_placement_is_suppressed_below_ten(leeg: Any) -> None:
    plek = PlekFactory(soort=Soort.GEZINSHUIS, gecontracteerd=20, bezet=0, leeftijd_tot=23)
    Reservering.objects.filter(status=ReserveringStatus.GEPLAATST).delete()
    for uren in [2] * 9:
        with time_machine.travel(T0, tick=False) as clock:
            r = services.reservering_maken(
                plek=plek, by=actor("toegang"), uren=24, initialen="A", leeftijd=9, contact_telefoon="1"
            )
            clock.shift(dt.timedelta(hours=uren))
            services.reservering_plaatsen(reservering=r, by=actor("aanbieder"))
    periode = {"van": T0 - dt.timedelta(days=1), "tot": T0 + dt.timedelta(days=1)}
    rij = next(p for p in selectors.tijd_tot_plaatsing(leeg, **periode) if p.soort == Soort.GEZINSHUIS)
    assert (rij.aantal, rij.gemiddeld_uren) == (None, None)
    with time_machine.travel(T0, tick=False) as clock:
        r = services.reservering_maken(
            plek=plek, by=actor("toegang"), uren=24, initialen="A", leeftijd=9, contact_telefoon="1"
        )
        clock.shift(dt.timedelta(hours=12))
        services.reservering_plaatsen(reservering=r, by=actor("aanbieder"))
    rij = next(p for p in selectors.tijd_tot_plaatsing(leeg, **periode) if p.soort == Soort.GEZINSHUIS)
    assert (rij.aantal, rij.gemiddeld_uren) == (10, 3.0)  # (9 × 2 + 12) / 10


def test_the_figures_cost_the_same_queries_for_few_or_many_places(leeg: Any) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            selectors.stand_van_regio(leeg)
            selectors.tijd_tot_plaatsing(leeg, van=T0, tot=timezone.now())
        return len(ctx.captured_queries)

    PlekFactory()
    small = count()
    for soort in Soort.values * 3:
        PlekFactory(soort=soort)
    assert count() == small


@pytest.mark.parametrize(
    ("username", "status"), [("beleid", 200), ("toegang", 404), ("aanbieder", 404), ("ouder", 404)]
)
def test_only_policy_staff_see_the_figures_page(region: Any, client_for: Any, username: str, status: int) -> None:
    response = client_for(username).get("/plekvrij/cijfers/")
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Plekvrij in cijfers" in html and "Crisisplek" in html
        assert "D.J." not in html and "M.B." not in html  # never a person
