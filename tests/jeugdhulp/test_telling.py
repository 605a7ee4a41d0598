"""The trajectory list's count (issue 16): a UNION of the scope's arms — the provider's own
trajectories, the municipality's, those of youths living there now, a GI's measures' youths —
each found by its own index, instead of a COUNT over the scope that reads every current
trajectory of the database and probes each one's residence. It counts exactly the rows the list
pages through: a trajectory in two or three arms once, nobody's trajectory outside their scope.
EXPLAIN figures in benchmarks/README.md (second pass, item 2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from jeugdketen.core.paginering import pagina
from jeugdketen.jeugdhulp import selectors, werklijst
from jeugdketen.jeugdhulp.models import Traject

from . import factories as f
from .conftest import Wereld
from .test_pages import client_of
from .test_werklijst import op


@pytest.fixture(autouse=True)
def _klok(no_2fa: None) -> Iterator[None]:
    with op(dt.date(2025, 6, 2)):
        yield


WACHT_SINDS = dt.date(2025, 1, 1)  # beyond the Treeknorm on 2 June 2025


@pytest.fixture
def overlap(wereld: Wereld) -> dict[str, Traject]:
    """Trajectories in every combination of the arms, and some nobody here may see."""
    heerlen, kerkrade = wereld.heerlen, wereld.kerkrade
    aanbieder = wereld.aanbieder.organisatie

    def woont_in(gemeente: Any, geboren: dt.date = dt.date(2012, 5, 17), **kwargs: Any) -> Any:
        jeugdige = f.JeugdigeFactory(geboortedatum=geboren)
        f.WoonplaatsFactory(jeugdige=jeugdige, gemeente=gemeente, **kwargs)
        return jeugdige

    onder_maatregel = woont_in(kerkrade)
    f.MaatregelFactory(
        jeugdige=onder_maatregel,
        gemeente=kerkrade,
        gi=wereld.gi.organisatie,
        ingangsdatum=dt.date(2020, 1, 1),
        einddatum=None,
    )
    return {
        # all three arms of the Heerlen team: its own assignment, in Heerlen, of a Heerlen youth
        "alle_drie": f.TrajectFactory(
            jeugdige=woont_in(heerlen, geboren=dt.date(2007, 8, 1)),  # near 18
            gemeente=heerlen,
            aanbieder=wereld.toegang.organisatie,
            aanmelddatum=WACHT_SINDS,
        ),
        # the provider's and in Heerlen (and the youth lives there)
        "aanbieder_en_heerlen": f.TrajectFactory(jeugdige=woont_in(heerlen), gemeente=heerlen, aanbieder=aanbieder),
        # in Heerlen, the youth moved to Kerkrade
        "heerlen_verhuisd": f.TrajectFactory(jeugdige=woont_in(kerkrade), gemeente=heerlen, aanbieder=aanbieder),
        # Kerkrade's, of a youth who lives in Heerlen now
        "kerkrade_woont_heerlen": f.TrajectFactory(
            jeugdige=woont_in(heerlen),
            gemeente=kerkrade,
            aanbieder=wereld.andere_aanbieder.organisatie,
            aanmelddatum=WACHT_SINDS,
        ),
        # Kerkrade's, the youth lived in Heerlen until 2020: not Heerlen's
        "kerkrade_woonde_heerlen": f.TrajectFactory(
            jeugdige=woont_in(heerlen, vanaf=dt.date(2012, 5, 17), tot=dt.date(2020, 1, 1)),
            gemeente=kerkrade,
            aanbieder=wereld.andere_aanbieder.organisatie,
        ),
        # the GI's: two trajectories of the youth under its measure, one also the provider's
        "gi_1": f.TrajectFactory(jeugdige=onder_maatregel, gemeente=kerkrade, aanbieder=aanbieder),
        "gi_2": f.TrajectFactory(
            jeugdige=onder_maatregel, gemeente=kerkrade, aanbieder=wereld.andere_aanbieder.organisatie
        ),
        # ended: in the list "alle", not in "lopend"
        "beeindigd": f.TrajectFactory(
            jeugdige=woont_in(heerlen),
            gemeente=heerlen,
            aanbieder=aanbieder,
            begindatum=dt.date(2024, 1, 1),
            einddatum_zorg=dt.date(2024, 6, 1),
            reden_beeindiging="02",
        ),
    }


ZICHT = {
    "toegang": {
        "alle_drie",
        "aanbieder_en_heerlen",
        "heerlen_verhuisd",
        "kerkrade_woont_heerlen",
        "beeindigd",
    },
    "toegang_kerkrade": {
        "kerkrade_woont_heerlen",
        "kerkrade_woonde_heerlen",
        "heerlen_verhuisd",
        "gi_1",
        "gi_2",
    },
    "aanbieder": {"aanbieder_en_heerlen", "heerlen_verhuisd", "gi_1", "beeindigd"},
    "andere_aanbieder": {"kerkrade_woont_heerlen", "kerkrade_woonde_heerlen", "gi_2"},
    "gi": {"gi_1", "gi_2"},
    "school": set(),
    "beleid": set(),
}

FILTERS: dict[str, Callable[[Any], Callable[[QuerySet[Traject]], QuerySet[Traject]]]] = {
    "alle": lambda actor: lambda qs: qs,
    "lopend": lambda actor: lambda qs: selectors.lopend_of_toegewezen(qs, selectors.vandaag()),
    "wachten": lambda actor: (
        lambda qs: werklijst.wachtend_boven_norm(qs, selectors.normen_van(actor), selectors.vandaag())
    ),
    "bijna18": lambda actor: lambda qs: werklijst.bijna_18_qs(qs, selectors.normen_van(actor), selectors.vandaag()),
}


@pytest.mark.parametrize("naam", sorted(ZICHT))
@pytest.mark.parametrize("lijst", sorted(FILTERS))
def test_the_count_is_the_number_of_rows_the_list_holds(
    wereld: Wereld, overlap: dict[str, Traject], naam: str, lijst: str
) -> None:
    actor = wereld.actor(naam)
    filtreer = FILTERS[lijst](actor)
    rijen = list(filtreer(selectors.trajecten_visible_to(actor)).order_by("-ingangsdatum", "-id"))
    assert len({t.pk for t in rijen}) == len(rijen)
    assert selectors.aantal_trajecten(actor, filtreer) == len(rijen)
    if lijst == "alle":
        assert {t.pk for t in rijen} == {overlap[k].pk for k in ZICHT[naam]}
    if lijst == "lopend":
        assert {t.pk for t in rijen} == {overlap[k].pk for k in ZICHT[naam] - {"beeindigd"}}
    elders = {"wachten": {"alle_drie", "kerkrade_woont_heerlen"}, "bijna18": {"alle_drie"}}
    if naam == "toegang" and lijst in elders:  # rows in two or three arms, counted once
        assert {t.pk for t in rijen} == {overlap[k].pk for k in elders[lijst]}


@pytest.mark.parametrize("naam", sorted(ZICHT))
def test_a_capped_count_is_exact_up_to_the_cap_and_the_cap_beyond_it(
    wereld: Wereld, overlap: dict[str, Traject], naam: str
) -> None:
    """The list's count stops at `tot` rows (core.paginering): on PostgreSQL each arm stops at
    `tot` and the ids are deduplicated; a trajectory in two or three arms still counts once, so
    below the cap the count is exact and at or beyond it it is the cap, never more, never less."""
    actor = wereld.actor(naam)
    alle = selectors.aantal_trajecten(actor, FILTERS["alle"](actor))
    for tot in range(1, alle + 3):
        assert selectors.aantal_trajecten(actor, FILTERS["alle"](actor), tot) == min(alle, tot), tot


@pytest.mark.parametrize("naam", ["toegang", "toegang_kerkrade", "aanbieder", "andere_aanbieder", "gi"])
@pytest.mark.parametrize("lijst", ["alle", "lopend"])
def test_the_list_page_shows_that_count(wereld: Wereld, overlap: dict[str, Traject], naam: str, lijst: str) -> None:
    response = client_of(getattr(wereld, naam)).get(f"/jeugdhulp/?lijst={lijst}")
    assert response.status_code == 200
    page = response.context["page"]
    verwacht = ZICHT[naam] if lijst == "alle" else ZICHT[naam] - {"beeindigd"}
    assert page.paginator.count == len(verwacht) == len(page.object_list)
    assert {t.pk for t in page.object_list} == {overlap[k].pk for k in verwacht}


def test_the_list_pages_through_exactly_the_counted_rows(wereld: Wereld) -> None:
    for _ in range(3):
        jeugdige = f.JeugdigeFactory()
        f.WoonplaatsFactory(jeugdige=jeugdige, gemeente=wereld.heerlen)
        for gemeente in (wereld.heerlen, wereld.kerkrade):  # both arms
            f.TrajectFactory(jeugdige=jeugdige, gemeente=gemeente, aanbieder=wereld.toegang.organisatie)
    client = client_of(wereld.toegang)
    actor = wereld.actor("toegang")
    qs = selectors.trajecten_visible_to(actor).order_by("-ingangsdatum", "-id")
    gezien = []
    for nummer in (1, 2, 3, 4):
        page = pagina(
            RequestFactory().get("/", {"pagina": nummer}),
            qs,
            per=2,
            aantal=lambda tot: selectors.aantal_trajecten(actor, lambda q: q, tot),
        )
        assert page.paginator.count == 6 and page.paginator.num_pages == 3
        if nummer <= 3:
            gezien += [t.pk for t in page.object_list]
    assert len(set(gezien)) == 6 == len(gezien)
    assert client.get("/jeugdhulp/?lijst=alle").context["page"].paginator.count == 6


def test_the_counts_queries_do_not_grow_with_the_data(wereld: Wereld, overlap: dict[str, Traject]) -> None:
    def tellen(naam: str) -> tuple[int, int]:
        actor = wereld.actor(naam)
        filtreer = FILTERS["lopend"](actor)
        with CaptureQueriesContext(connection) as ctx:
            n = selectors.aantal_trajecten(actor, filtreer)
        return n, len(ctx.captured_queries)

    voor = {naam: tellen(naam) for naam in ("toegang", "aanbieder", "gi")}
    for _ in range(10):
        jeugdige = f.JeugdigeFactory()
        f.WoonplaatsFactory(jeugdige=jeugdige, gemeente=wereld.heerlen)
        f.TrajectFactory(jeugdige=jeugdige, gemeente=wereld.kerkrade, aanbieder=wereld.aanbieder.organisatie)
        f.TrajectFactory(jeugdige=jeugdige, gemeente=wereld.heerlen, aanbieder=wereld.toegang.organisatie)
    na = {naam: tellen(naam) for naam in ("toegang", "aanbieder", "gi")}
    assert na["toegang"][0] == voor["toegang"][0] + 20 and na["aanbieder"][0] == voor["aanbieder"][0] + 10
    assert na["gi"][0] == voor["gi"][0]
    assert {naam: q for naam, (_n, q) in na.items()} == {naam: q for naam, (_n, q) in voor.items()}
