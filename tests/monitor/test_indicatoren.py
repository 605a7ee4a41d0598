"""Every indicator the monitor computes from jeugdhulp, the verwijsindex's usage figures (through
the source registry) and family experience, against a small set computed by hand; then how the
pages show it (suppression, baseline, chart and table from the same figures)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from jeugdketen.jeugdhulp.codes import Hulpvorm, MaatregelSoort
from jeugdketen.monitor import berekening, selectors, uitbreidingen
from jeugdketen.monitor.grafieken import grafiek
from jeugdketen.monitor.models import REGIO, Basiswaarde, Bevolking, Feit
from jeugdketen.monitor.onthulling import Reden
from tests.jeugdhulp import factories as f

NU = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)
CATEGORIE = {Hulpvorm.AMBULANT: "45", Hulpvorm.PLEEGZORG: "35", Hulpvorm.GESLOTEN: "37"}


def traject(gemeente: Any, hulpvorm: str = Hulpvorm.AMBULANT, **kwargs: Any) -> Any:
    kwargs.setdefault("begindatum", dt.date(2024, 2, 1))
    return f.TrajectFactory(
        gemeente=gemeente,
        hulpvorm=hulpvorm,
        productcategorie=CATEGORIE[hulpvorm],
        ingangsdatum=dt.date(2024, 1, 15),
        **kwargs,
    )


@pytest.fixture
def wereld(db: Any) -> Any:
    regio = f.RegioFactory(naam="Monitorregio")
    a = f.GemeenteFactory(regio=regio, naam="Aadorp", cbs_code="GM0917")
    b = f.GemeenteFactory(regio=regio, naam="Beedorp", cbs_code="GM0928")
    for g, (k, t, j) in ((a, (600, 400, 300)), (b, (300, 200, 100))):
        for band, n in (("0-11", k), ("12-17", t), ("18-22", j)):
            Bevolking.objects.create(gemeente=g, jaar=2018, leeftijd=band, aantal=n)
    # Aadorp, 2024: 12 ambulant (8 referred by the access team, 4 by a GP), 5 foster care (2
    # small-scale; 2 ended in 2024, one early), 3 jeugdzorgplus. Beedorp: 3 ambulant.
    for i in range(12):
        traject(a, verwijzer="01" if i < 8 else "02")
    for i in range(5):
        eind = {"einddatum_zorg": dt.date(2024, 10, 1), "reden_beeindiging": "33" if i == 0 else "31"} if i < 2 else {}
        traject(a, Hulpvorm.PLEEGZORG, kleinschalig=i in (3, 4), **eind)
    for _i in range(3):
        traject(a, Hulpvorm.GESLOTEN, kleinschalig=False)
    for _i in range(3):
        traject(b)
    # Waiting times (Treeknorm 28 + 70 days by default): 4 within, 1 with a late intake.
    for intake in (dt.date(2024, 1, 10),) * 4 + (dt.date(2024, 1, 31),):  # 9 days, and 30 days
        traject(a, aanmelddatum=dt.date(2024, 1, 1), intakedatum=intake, begindatum=dt.date(2024, 2, 1))
    # Aadorp: two OTS (365 and 305 days, ended 2024), one voogdij, one juvenile probation.
    f.MaatregelFactory(gemeente=a, ingangsdatum=dt.date(2024, 1, 1), einddatum=dt.date(2024, 12, 31))
    f.MaatregelFactory(gemeente=a, ingangsdatum=dt.date(2024, 3, 1), einddatum=dt.date(2024, 12, 31))
    f.MaatregelFactory(gemeente=a, soort=MaatregelSoort.VOOGDIJ, ingangsdatum=dt.date(2024, 1, 1), einddatum=None)
    f.MaatregelFactory(gemeente=a, soort=MaatregelSoort.JEUGDRECLASSERING, ingangsdatum=dt.date(2024, 6, 1))
    # Two thuiszitters in Aadorp since January 2024, no offer.
    f.ThuiszitterFactory(gemeente=a, sinds=dt.date(2024, 1, 8))
    f.ThuiszitterFactory(gemeente=a, sinds=dt.date(2024, 2, 8))
    return regio


def feit(regio: Any, code: str, gebied: str, jaar: int = 2024) -> Feit:
    return Feit.objects.get(regio=regio, indicator=code, gebied=gebied, jaar=jaar, kwartaal=0)


@pytest.fixture
def bronnen() -> Any:
    oud = dict(uitbreidingen._BRONNEN)

    def ervaring(regio: Any, jaren: Any) -> list[dict[str, Any]]:
        return [{"gebied": "GM0917", "jaar": 2024, "teller": 45, "noemer": 60}]

    def index(regio: Any, jaren: Any) -> list[dict[str, Any]]:
        return [{"gebied": "regio", "jaar": j, "teller": 30 + j - 2018} for j in jaren]

    uitbreidingen.register_cijferbron("ervaring", ervaring)
    uitbreidingen.register_cijferbron("verwijsindex_gebruik", index)
    yield
    uitbreidingen._BRONNEN.clear()
    uitbreidingen._BRONNEN.update(oud)


HAND = [
    # (indicator, area, teller, noemer, waarde) computed by hand from the fixture
    ("jeugdhulp_per_1000", "GM0917", 20, 1000, 20.0),  # 12 + 5 + 3 youths (+5 waiting-time ones below)
    ("jeugdhulp_pct", "GM0928", 3, 500, 0.6),
    ("jeugdbescherming_pct", "GM0917", 3, 1000, 0.3),
    ("jeugdreclassering_pct", "GM0917", 1, 700, 100 / 700),
    ("pleegzorg_aandeel", "GM0917", 5, 8, 62.5),
    ("residentieel", "GM0917", 8, None, 8),
    ("jeugdzorgplus", "GM0917", 3, None, 3),
    ("kleinschalig_aandeel", "GM0917", 2, 8, 25.0),
    ("pleegzorg_voortijdig", "GM0917", 1, 2, 50.0),
    ("verwijzer_aandeel", "GM0917", 8, 12, 800 / 12),
    ("ots_aantal", "GM0917", 2, None, 2),
    ("ots_mediane_duur", "GM0917", 2, None, 335.0),  # median of 365 and 305 days
    ("thuiszitters", "GM0917", 2, None, 2),
    ("wachttijd_binnen_norm", "GM0917", 4, 5, 80.0),
    ("ervaring", "GM0917", 45, 60, 75.0),
    ("verwijsindex_gebruik", REGIO, 36, None, 36),
]


@time_machine.travel(NU, tick=False)
@pytest.mark.parametrize(("code", "gebied", "teller", "noemer", "waarde"), HAND, ids=[h[0] for h in HAND])
def test_every_indicator_against_the_hand_computed_set(
    wereld: Any, bronnen: Any, code: str, gebied: str, teller: float, noemer: float | None, waarde: float
) -> None:
    berekening.bereken(wereld)
    fe = feit(wereld, code, gebied)
    # The 5 waiting-time trajectories are ambulant youths of Aadorp too.
    extra = 5 if code in ("jeugdhulp_per_1000",) and gebied == "GM0917" else 0
    assert fe.teller == teller + extra
    assert fe.noemer == noemer
    verwacht = (teller + extra) / noemer * 1000 if code == "jeugdhulp_per_1000" else waarde
    assert fe.waarde == pytest.approx(verwacht)


@time_machine.travel(NU, tick=False)
def test_region_totals_and_referrals(wereld: Any, bronnen: Any) -> None:
    berekening.bereken(wereld)
    assert feit(wereld, "jeugdhulp_pct", REGIO).teller == 28  # 25 in Aadorp + 3 in Beedorp
    assert feit(wereld, "jeugdhulp_pct", REGIO).noemer == 1500
    assert feit(wereld, "verwijzingen_specialistisch", "GM0917").teller == 25
    assert feit(wereld, "verwijzingen_specialistisch", REGIO).teller == 28
    assert feit(wereld, "ots_mediane_duur", REGIO).waarde == 335.0
    # A year without its own population uses the latest earlier one (2018 here).
    assert feit(wereld, "jeugdhulp_pct", "GM0917", 2025).noemer == 1000


@time_machine.travel(NU, tick=False)
def test_the_pages_show_it_suppressed(wereld: Any, bronnen: Any) -> None:
    berekening.bereken(wereld)
    t = selectors.tabel(wereld, "jeugdhulp_pct")
    assert t is not None
    beedorp, aadorp, regio = (t.meting(c, 2024) for c in ("GM0928", "GM0917", REGIO))
    assert beedorp is not None and aadorp is not None and regio is not None
    assert beedorp.teller.tekst == "< 10" and beedorp.waarde.getal is None
    # Aadorp's 25 would give Beedorp's 3 away from the region's 28: hidden too.
    assert aadorp.teller.reden is Reden.AFLEIDBAAR and aadorp.waarde.getal is None
    assert regio.teller.tekst == "28" and regio.waarde.tekst == "1,9"
    assert regio.landelijk == ""  # CBS figures known for 2018 and 2021 only
    # A median over 2 OTS is not shown.
    ots = selectors.tabel(wereld, "ots_mediane_duur")
    assert ots is not None and ots.meting("GM0917", 2024).waarde.getal is None  # type: ignore[union-attr]
    # Aadorp's 45 would give away Beedorp's 0 from the region's 45: only the region is shown.
    assert selectors.cijfer_bij_doel("ervaring", gemeente_code=None, regio=wereld, jaar=2024) == "75,0 %"
    assert selectors.cijfer_bij_doel("ervaring", gemeente_code="GM0917", regio=wereld, jaar=2024) == "niet getoond"
    assert selectors.cijfer_bij_doel("jeugdhulp_pct", gemeente_code="GM0928", regio=wereld, jaar=2024) == "niet getoond"
    assert selectors.cijfer_bij_doel("bestaat_niet", gemeente_code=None, regio=wereld, jaar=2024) is None


@time_machine.travel(NU, tick=False)
def test_the_baseline_is_computed_or_entered_and_the_page_says_which(wereld: Any, bronnen: Any) -> None:
    berekening.bereken(wereld)
    t = selectors.tabel(wereld, "verwijsindex_gebruik")
    assert t is not None
    assert not t.basis[REGIO].ingevoerd and t.basis[REGIO].waarde.tekst == "30"
    m = t.meting(REGIO, 2024)
    assert m is not None and m.verschil.tekst == "+6" and m.index.tekst == "120"
    Basiswaarde.objects.create(
        regio=wereld, gebied=REGIO, indicator="verwijsindex_gebruik", waarde=24, bron="Jaarverslag 2018"
    )
    t = selectors.tabel(wereld, "verwijsindex_gebruik")
    assert t is not None and t.basis[REGIO].ingevoerd and t.basis[REGIO].bron == "Jaarverslag 2018"
    m = t.meting(REGIO, 2024)
    assert m is not None and m.index.tekst == "150"


@time_machine.travel(NU, tick=False)
def test_every_plotted_value_is_a_shown_value_of_the_table(wereld: Any, bronnen: Any) -> None:
    import re

    berekening.bereken(wereld)
    t = selectors.tabel(wereld, "verwijsindex_gebruik")
    assert t is not None
    svg = str(grafiek(t, id="g", gebieden=t.gekozen(None)))
    punten = re.findall(r'data-label="(\d{4})" data-waarde="([^"]+)"', svg)
    assert len(punten) == 8  # 2018..2025
    for jaar, tekst in punten:
        m = t.meting(REGIO, int(jaar))
        assert m is not None and m.waarde.tekst == tekst
