"""'Mijn werk' (issue 10, point 7): each list at its boundary, with a controlled clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from jeugdketen.core import kalender
from jeugdketen.jeugdhulp import werklijst
from jeugdketen.jeugdhulp.codes import Hulpvorm, MaatregelSoort

from . import factories as f
from .conftest import Wereld

AMS = ZoneInfo("Europe/Amsterdam")


@contextmanager
def op(dag: dt.date) -> Iterator[None]:
    with time_machine.travel(dt.datetime(dag.year, dag.month, dag.day, 9, 0, tzinfo=AMS), tick=False):
        yield


def titels(lijst: Any) -> list[str]:
    return [item.titel for item in lijst.items] if lijst is not None else []


def test_waiting_for_an_intake_is_on_the_list_from_day_29(wereld: Wereld) -> None:
    t = f.TrajectFactory(
        gemeente=wereld.heerlen, aanbieder=wereld.aanbieder.organisatie, aanmelddatum=dt.date(2025, 3, 1)
    )
    with op(dt.date(2025, 3, 29)):  # 28 days: within the 4 weeks
        assert titels(werklijst.wachten_boven_norm(wereld.actor("toegang"))) == []
    with op(dt.date(2025, 3, 30)):
        assert titels(werklijst.wachten_boven_norm(wereld.actor("toegang"))) == [
            f"{t.jeugdige.naam} – {t.aanbieder.naam}"
        ]
        assert len(titels(werklijst.wachten_boven_norm(wereld.actor("aanbieder")))) == 1
        assert titels(werklijst.wachten_boven_norm(wereld.actor("andere_aanbieder"))) == []
        assert titels(werklijst.wachten_boven_norm(wereld.actor("toegang_kerkrade"))) == []


def test_waiting_for_the_start_after_the_intake_is_on_the_list_after_10_weeks(wereld: Wereld) -> None:
    f.TrajectFactory(
        gemeente=wereld.heerlen,
        aanbieder=wereld.aanbieder.organisatie,
        aanmelddatum=dt.date(2025, 1, 1),
        intakedatum=dt.date(2025, 1, 10),
    )
    with op(dt.date(2025, 1, 10) + dt.timedelta(days=70)):
        assert titels(werklijst.wachten_boven_norm(wereld.actor("aanbieder"))) == []
    with op(dt.date(2025, 1, 10) + dt.timedelta(days=71)):
        assert len(titels(werklijst.wachten_boven_norm(wereld.actor("aanbieder")))) == 1


def test_a_started_trajectory_is_no_longer_waiting(wereld: Wereld) -> None:
    f.TrajectFactory(
        gemeente=wereld.heerlen,
        aanbieder=wereld.aanbieder.organisatie,
        aanmelddatum=dt.date(2025, 1, 1),
        begindatum=dt.date(2025, 1, 2),
    )
    with op(dt.date(2025, 6, 1)):
        assert titels(werklijst.wachten_boven_norm(wereld.actor("toegang"))) == []


def test_near_18_starts_half_a_year_before_and_ends_on_the_birthday(wereld: Wereld) -> None:
    jeugdige = f.JeugdigeFactory(geboortedatum=dt.date(2008, 3, 15))  # 18 on 15 March 2026
    t = f.TrajectFactory(jeugdige=jeugdige, gemeente=wereld.heerlen, hulpvorm=Hulpvorm.PLEEGZORG, productcategorie="35")
    achttien = kalender.achttien(jeugdige.geboortedatum)
    with op(achttien - dt.timedelta(days=184)):
        assert titels(werklijst.bijna_18(wereld.actor("toegang"))) == []
    with op(achttien - dt.timedelta(days=183)):
        (item,) = werklijst.bijna_18(wereld.actor("toegang")).items  # type: ignore[union-attr]
        assert "21" in item.toelichting  # foster care continues to 21
    with op(achttien - dt.timedelta(days=1)):
        assert len(titels(werklijst.bijna_18(wereld.actor("toegang")))) == 1
        assert werklijst.bijna_18(wereld.actor("aanbieder")) is None  # the access team's list
    with op(achttien):
        assert titels(werklijst.bijna_18(wereld.actor("toegang"))) == []
    t.hulpvorm = Hulpvorm.AMBULANT
    t.save()
    with op(achttien - dt.timedelta(days=10)):
        (item,) = werklijst.bijna_18(wereld.actor("toegang")).items  # type: ignore[union-attr]
        assert "23" in item.toelichting  # youth care can continue to 23 when decided before 18


def test_a_leap_day_youth_turns_18_on_1_march(wereld: Wereld) -> None:
    jeugdige = f.JeugdigeFactory(geboortedatum=dt.date(2008, 2, 29))
    f.TrajectFactory(jeugdige=jeugdige, gemeente=wereld.heerlen)
    with op(dt.date(2026, 2, 28)):
        assert len(titels(werklijst.bijna_18(wereld.actor("toegang")))) == 1
    with op(dt.date(2026, 3, 1)):
        assert titels(werklijst.bijna_18(wereld.actor("toegang"))) == []


def test_thuiszitters_over_3_months_without_an_offer(wereld: Wereld) -> None:
    t = f.ThuiszitterFactory(
        school=wereld.school.organisatie, gemeld_door_organisatie=wereld.school.organisatie, sinds=dt.date(2025, 1, 1)
    )
    with op(dt.date(2025, 1, 1) + dt.timedelta(days=91)):
        assert titels(werklijst.thuiszitters_zonder_aanbod(wereld.actor("school"))) == []
    with op(dt.date(2025, 1, 1) + dt.timedelta(days=92)):
        assert len(titels(werklijst.thuiszitters_zonder_aanbod(wereld.actor("school")))) == 1
        assert titels(werklijst.thuiszitters_zonder_aanbod(wereld.actor("leerplicht"))) == []
        t.passend_aanbod_sinds = dt.date(2025, 3, 1)
        t.save()
        assert titels(werklijst.thuiszitters_zonder_aanbod(wereld.actor("school"))) == []


@pytest.mark.parametrize(
    ("soort", "norm"),
    [(MaatregelSoort.OTS, 548), (MaatregelSoort.JEUGDRECLASSERING, 365), (MaatregelSoort.MACHTIGING_GESLOTEN, 183)],
)
def test_measures_past_the_regions_duration_norm(wereld: Wereld, soort: str, norm: int) -> None:
    begin = dt.date(2023, 1, 1)
    f.MaatregelFactory(
        gi=wereld.gi.organisatie, soort=soort, uitspraakdatum=begin, ingangsdatum=begin, einddatum=dt.date(2030, 1, 1)
    )
    with op(begin + dt.timedelta(days=norm)):
        assert titels(werklijst.maatregelen_boven_normduur(wereld.actor("gi"))) == []
    with op(begin + dt.timedelta(days=norm + 1)):
        assert len(titels(werklijst.maatregelen_boven_normduur(wereld.actor("gi")))) == 1
        assert werklijst.maatregelen_boven_normduur(wereld.actor("toegang")) is None


def test_the_regions_own_norm_counts(wereld: Wereld) -> None:
    from jeugdketen.jeugdhulp.models import Jeugdhulpnormen

    Jeugdhulpnormen.objects.create(regio=wereld.regio, treeknorm_intake_dagen=14)
    f.TrajectFactory(gemeente=wereld.heerlen, aanmelddatum=dt.date(2025, 3, 1))
    with op(dt.date(2025, 3, 16)):
        assert len(titels(werklijst.wachten_boven_norm(wereld.actor("toegang")))) == 1


def test_a_list_with_people_writes_one_search_entry(wereld: Wereld) -> None:
    from jeugdketen.core.models import Toegangslogregel

    f.TrajectFactory(gemeente=wereld.heerlen, aanmelddatum=dt.date(2025, 1, 1))
    with op(dt.date(2025, 6, 1)):
        werklijst.wachten_boven_norm(wereld.actor("toegang"))
    assert Toegangslogregel.objects.filter(actie="search", segment="mijn_werk").count() == 1


def test_a_team_that_moves_to_another_municipality_sees_that_one_from_its_next_request(wereld: Wereld) -> None:
    """The actor carries its organisation's municipality and region as numbers (issue 16), read
    with the actor on every request: a move counts at once, nothing of the old one stays."""
    heerlen = f.TrajectFactory(
        gemeente=wereld.heerlen, aanbieder=wereld.aanbieder.organisatie, aanmelddatum=dt.date(2025, 1, 1)
    )
    kerkrade = f.TrajectFactory(
        gemeente=wereld.kerkrade, aanbieder=wereld.aanbieder.organisatie, aanmelddatum=dt.date(2025, 1, 1)
    )
    naam = {t: f"{t.jeugdige.naam} – {t.aanbieder.naam}" for t in (heerlen, kerkrade)}
    with op(dt.date(2025, 6, 1)):
        assert titels(werklijst.wachten_boven_norm(wereld.actor("toegang"))) == [naam[heerlen]]
        team = wereld.toegang.organisatie
        team.gemeente = wereld.kerkrade
        team.save()
        assert titels(werklijst.wachten_boven_norm(wereld.actor("toegang"))) == [naam[kerkrade]]
        team.gemeente = None  # region-wide: every municipality of the region
        team.save()
        assert sorted(titels(werklijst.wachten_boven_norm(wereld.actor("toegang")))) == sorted(naam.values())
