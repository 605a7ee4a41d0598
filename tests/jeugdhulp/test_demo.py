"""The demo: work for every demo login (size 0) and Parkstad 2018–now in the real shape (size 1)."""

from __future__ import annotations

from typing import Any

import pytest

from jeugdketen.demo import jeugdhulp_massa
from jeugdketen.demo.generator import build
from jeugdketen.demo.jeugdhulp import voorbeeldberichten
from jeugdketen.jeugdhulp import selectors
from jeugdketen.jeugdhulp.models import Traject
from jeugdketen.personen.models import Jeugdige
from tests.conftest import actor


def test_every_demo_login_has_jeugdhulp_work(region: Any) -> None:
    from jeugdketen.jeugdhulp import werklijst

    assert werklijst.wachten_boven_norm(actor("aanbieder")).items  # type: ignore[union-attr]
    assert werklijst.bijna_18(actor("toegang")).items  # type: ignore[union-attr]
    assert werklijst.maatregelen_boven_normduur(actor("gi")).items  # type: ignore[union-attr]
    assert werklijst.thuiszitters_zonder_aanbod(actor("school")).items  # type: ignore[union-attr]


def test_the_example_messages_fit_the_demo(region: Any) -> None:
    from jeugdketen.jeugdhulp import services
    from jeugdketen.jeugdhulp.models import OntvangstStatus

    voorbeelden = voorbeeldberichten(region)
    o = services.ijw_bericht_verwerken(by=actor("aanbieder"), inhoud=voorbeelden["JW305-voorbeeld.xml"]).ontvangst
    assert o.status == OntvangstStatus.DEELS, o.resultaat  # one start kept, one unknown assignment (9019)
    o = services.ijw_bericht_verwerken(by=actor("toegang"), inhoud=voorbeelden["JW301-voorbeeld.xml"]).ontvangst
    assert o.status == OntvangstStatus.VERWERKT, o.resultaat


@pytest.mark.django_db
def test_parkstad_has_the_shape_of_the_real_figures_and_building_twice_adds_nothing() -> None:
    regio = build(size=1)
    jeugdhulp_massa.bouwen(regio, size=1)
    # Daan Janssen (login jongere, 16+) has help in place: the letter is his, not his mother's.
    assert selectors.beschikkingen_visible_to(actor("ouder")).count() == 0
    assert selectors.beschikkingen_visible_to(actor("jongere")).count() == 1
    daan = Jeugdige.objects.get(gezinsleden__gebruiker__username="jongere")
    assert Traject.objects.get(jeugdige=daan).begindatum is not None
    count = Traject.objects.count()
    build(size=1)
    jeugdhulp_massa.bouwen(regio, size=1)
    assert Traject.objects.count() == count
    jaren = [2018, 2024]
    rows = {(r["gemeente"], r["jaar"]): r for r in selectors.jeugdigen_met_hulp(jaren)}
    heerlen_2018 = rows[("GM0917", 2018)]["met_hulp"]
    assert 0.15 * 13_700 < heerlen_2018 < 0.22 * 13_700  # about 18.4% of Heerlen's under-18s
    kerkrade_2018 = rows[("GM0928", 2018)]["met_hulp"]
    assert 0.11 * 6_900 < kerkrade_2018 < 0.17 * 6_900
    stays = {j: sum(r["met_verblijf"] for (g, y), r in rows.items() if y == j) for j in jaren}
    foster = {j: sum(r["pleegzorg"] for (g, y), r in rows.items() if y == j) for j in jaren}
    assert foster[2024] / stays[2024] > foster[2018] / stays[2018]
    verwijzers = selectors.verwijzingen(jaren)

    def aandeel(jaar: int, code: str) -> float:
        totaal = sum(r["trajecten"] for r in verwijzers if r["jaar"] == jaar)
        return sum(r["trajecten"] for r in verwijzers if r["jaar"] == jaar and r["verwijzer"] == code) / totaal

    assert aandeel(2024, "01") > aandeel(2018, "01") and aandeel(2024, "02") < aandeel(2018, "02")
    assert Jeugdige.objects.filter(bsn__startswith="01").exists()
    from stdnum.nl import bsn

    assert not any(
        bsn.is_valid(b) for b in Jeugdige.objects.filter(bron_demo_bsn()).values_list("bsn", flat=True)[:500]
    )


def bron_demo_bsn() -> Any:
    from django.db.models import Q

    return Q(trajecten__bron="demo")
