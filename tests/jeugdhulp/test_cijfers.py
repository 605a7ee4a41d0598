"""Aggregates for the monitor (issue 10, point 8): computed in the database, the same number of
queries whatever the number of records or years, and right on a small known set."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jeugdketen.jeugdhulp import selectors
from jeugdketen.jeugdhulp.codes import Hulpvorm, MaatregelSoort

from . import factories as f
from .conftest import Wereld

JAREN = [2023, 2024]
AGGREGATEN = [
    selectors.jeugdigen_met_hulp,
    selectors.trajecten_per_hulpvorm,
    selectors.verwijzingen,
    selectors.binnen_wachttijdnorm,
    selectors.ots,
    selectors.maatregelen_per_soort,
    selectors.thuiszitters,
]


def _vullen(w: Wereld, n: int) -> None:
    for i in range(n):
        jeugdige = f.JeugdigeFactory()
        f.TrajectFactory(
            jeugdige=jeugdige,
            gemeente=w.heerlen if i % 2 else w.kerkrade,
            hulpvorm=Hulpvorm.PLEEGZORG,
            productcategorie="35",
            ingangsdatum=dt.date(2023, 1, 1),
            begindatum=dt.date(2023, 2, 1),
            einddatum_zorg=dt.date(2024, 3, 1),
            reden_beeindiging="32",
            verwijzer="02",
            aanmelddatum=dt.date(2022, 12, 1),
            intakedatum=dt.date(2022, 12, 20),
        )
        f.MaatregelFactory(
            jeugdige=jeugdige, gemeente=w.heerlen, ingangsdatum=dt.date(2023, 5, 1), einddatum=dt.date(2024, 5, 1)
        )
        f.ThuiszitterFactory(jeugdige=jeugdige, gemeente=w.heerlen, sinds=dt.date(2023, 1, 1))


@pytest.mark.parametrize("aggregaat", AGGREGATEN, ids=lambda a: a.__name__)
def test_an_aggregate_is_one_query_whatever_the_data(
    wereld: Wereld, aggregaat: Any, django_assert_num_queries: Any
) -> None:
    _vullen(wereld, 2)
    with django_assert_num_queries(1):
        aggregaat(JAREN)
    _vullen(wereld, 12)
    with django_assert_num_queries(1):
        aggregaat([2018, 2019, 2020, 2021, 2022, 2023, 2024])


def test_the_figures_are_right_on_a_known_set(wereld: Wereld) -> None:
    _vullen(wereld, 4)
    met_hulp = {(r["gemeente"], r["jaar"]): r for r in selectors.jeugdigen_met_hulp(JAREN)}
    assert met_hulp[("GM0917", 2023)]["met_hulp"] == 2
    assert met_hulp[("GM0917", 2023)]["pleegzorg"] == 2
    assert met_hulp[("GM0917", 2024)]["pleegzorg_voortijdig"] == 2
    assert met_hulp[("GM0917", 2023)]["pleegzorg_voortijdig"] == 0
    verwijzingen = {(r["gemeente"], r["verwijzer"], r["jaar"]): r["trajecten"] for r in selectors.verwijzingen(JAREN)}
    assert verwijzingen[("GM0928", "02", 2023)] == 2
    wachttijd = {(r["gemeente"], r["jaar"]): r for r in selectors.binnen_wachttijdnorm(JAREN)}
    assert wachttijd[("GM0917", 2023)] == {"gemeente": "GM0917", "jaar": 2023, "gemeten": 2, "binnen_norm": 2}
    ots = {(r["gemeente"], r["jaar"]): r for r in selectors.ots(JAREN)}
    assert ots[("GM0917", 2024)]["met_ots"] == 4 and ots[("GM0917", 2024)]["ots_beeindigd"] == 4
    assert ots[("GM0917", 2024)]["ots_duur_dagen"] == 4 * 366
    soorten = {(r["soort"], r["jaar"]): r["jeugdigen"] for r in selectors.maatregelen_per_soort(JAREN)}
    assert soorten[(MaatregelSoort.OTS, 2023)] == 4
    thuis = {(r["gemeente"], r["jaar"]): r for r in selectors.thuiszitters(JAREN)}
    assert thuis[("GM0917", 2024)]["lang_zonder_aanbod"] == 4
