"""Point 9: figures per month and quarter and per municipality for the monitor — cases, the
approach mix, the share within each norm and within all, median durations; and the themes of
the look back. Aggregates only: no case, no name."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from jeugdketen.crisis import selectors, services
from jeugdketen.crisis.models import Aanpak, MomentSoort, Norm, Terugblikthema
from jeugdketen.crisis.normen import AMSTERDAM
from tests.crisis.helpers import actor, melding, moment, triage, wijzig

M = MomentSoort
pytestmark = pytest.mark.usefixtures("region")
AMS = AMSTERDAM


def _gesloten(ontvangen: dt.datetime, *, cbs: str, stabiel_na: dt.timedelta, aanpak: str = Aanpak.ADVIES) -> Any:
    casus = melding(ontvangen=ontvangen, cbs=cbs)
    triage(casus, aanpak)
    moment(casus, M.GESTABILISEERD, ontvangen + stabiel_na)
    services.casus_sluiten(
        toegang=wijzig(casus, "crisisdienst"), by=actor("crisisdienst"), tijdstip=ontvangen + dt.timedelta(days=2)
    )
    return casus


@time_machine.travel(dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC), tick=False)
def test_figures_per_month_and_municipality() -> None:
    _gesloten(dt.datetime(2026, 4, 3, 10, tzinfo=AMS), cbs="GM0917", stabiel_na=dt.timedelta(hours=4))
    _gesloten(dt.datetime(2026, 4, 20, 10, tzinfo=AMS), cbs="GM0917", stabiel_na=dt.timedelta(hours=30))
    _gesloten(
        dt.datetime(2026, 4, 30, 23, 30, tzinfo=AMS), cbs="GM0917", stabiel_na=dt.timedelta(hours=10)
    )  # April in NL
    _gesloten(dt.datetime(2026, 5, 5, 10, tzinfo=AMS), cbs="GM0928", stabiel_na=dt.timedelta(hours=2))
    lopend = melding(ontvangen=dt.datetime(2026, 5, 6, 10, tzinfo=AMS), cbs="GM0928")
    triage(lopend, Aanpak.VERBLIJF)
    rows = {
        (r.periode, r.gemeente_code): r
        for r in selectors.cijfers(regio=lopend.regio, van=dt.date(2026, 4, 1), tot=dt.date(2026, 6, 30))
    }
    april = rows[(dt.date(2026, 4, 1), "GM0917")]
    assert april.casussen == 3 and april.aanpak[Aanpak.ADVIES] == 3
    assert april.normen[Norm.STABILISATIE] == (3, 2)
    assert april.aandeel(Norm.STABILISATIE) == pytest.approx(2 / 3)
    assert april.gesloten == 3 and april.binnen_alle_normen == 2
    assert april.mediaan_minuten[Norm.STABILISATIE] == 10 * 60
    mei = rows[(dt.date(2026, 5, 1), "GM0928")]
    assert mei.casussen == 2 and mei.aanpak[Aanpak.VERBLIJF] == 1
    assert mei.gesloten == 1 and mei.binnen_alle_normen == 1 and mei.aandeel_alle_normen == 1.0
    assert Norm.RONDETAFEL not in mei.normen  # still running: not decided yet, not counted


@time_machine.travel(dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC), tick=False)
def test_figures_per_quarter_and_the_themes_of_the_look_back() -> None:
    a = _gesloten(dt.datetime(2026, 1, 10, 10, tzinfo=AMS), cbs="GM0917", stabiel_na=dt.timedelta(hours=3))
    b = _gesloten(dt.datetime(2026, 3, 10, 10, tzinfo=AMS), cbs="GM0917", stabiel_na=dt.timedelta(hours=5))
    _gesloten(dt.datetime(2026, 4, 10, 10, tzinfo=AMS), cbs="GM0917", stabiel_na=dt.timedelta(hours=5))
    rows = selectors.cijfers(regio=a.regio, van=dt.date(2026, 1, 1), tot=dt.date(2026, 6, 30), per="kwartaal")
    assert [(r.periode, r.casussen) for r in rows] == [(dt.date(2026, 1, 1), 2), (dt.date(2026, 4, 1), 1)]
    assert rows[0].mediaan_minuten[Norm.STABILISATIE] == 4 * 60
    overbelast = Terugblikthema.objects.get(sleutel="overbelasting-ouders")
    wachtlijst = Terugblikthema.objects.get(sleutel="wachtlijst")
    for casus, themas in ((a, [overbelast, wachtlijst]), (b, [overbelast])):
        services.terugblik_vastleggen(
            toegang=wijzig(casus, "crisisdienst"),
            by=actor("crisisdienst"),
            wat_ging_vooraf="...",
            wat_had_eerder_gekund="...",
            themas=themas,
        )
    themas = selectors.themas_cijfers(regio=a.regio, van=dt.date(2026, 1, 1), tot=dt.date(2026, 6, 30))
    assert [(t["thema"], t["aantal"]) for t in themas] == [("overbelasting-ouders", 2), ("wachtlijst", 1)]
    with pytest.raises(ValueError):
        selectors.cijfers(regio=a.regio, van=dt.date(2026, 1, 1), tot=dt.date(2026, 6, 30), per="week")
