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
from jeugdketen.monitor.models import AANBIEDER, REGIO, Feit
from jeugdketen.monitor.onthulling import Reden
from tests.jeugdhulp import factories as f
from tests.monitor.factories import BasiswaardeFactory, bevolking

NU = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)
CATEGORIE = {Hulpvorm.AMBULANT: "45", Hulpvorm.PLEEGZORG: "35", Hulpvorm.GESLOTEN: "37"}


def traject(gemeente: Any, hulpvorm: str = Hulpvorm.AMBULANT, **kwargs: Any) -> Any:
    kwargs.setdefault("begindatum", dt.date(2024, 2, 1))
    kwargs.setdefault("ingangsdatum", dt.date(2024, 1, 15))
    return f.TrajectFactory(gemeente=gemeente, hulpvorm=hulpvorm, productcategorie=CATEGORIE[hulpvorm], **kwargs)


@pytest.fixture
def wereld(db: Any) -> Any:
    regio = f.RegioFactory(naam="Monitorregio")
    a = f.GemeenteFactory(regio=regio, naam="Aadorp", cbs_code="GM0917")
    b = f.GemeenteFactory(regio=regio, naam="Beedorp", cbs_code="GM0928")
    bevolking(a, k0_11=600, k12_17=400, k18_22=300)
    bevolking(b, k0_11=300, k12_17=200, k18_22=100)
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


def feit(regio: Any, code: str, gebied: str, jaar: int = 2024, kwartaal: int = 0) -> Feit:
    return Feit.objects.get(regio=regio, indicator=code, gebied=gebied, jaar=jaar, kwartaal=kwartaal)


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
    BasiswaardeFactory(regio=wereld, gebied=REGIO, indicator="verwijsindex_gebruik", waarde=24, bron="Jaarverslag 2018")
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


def _crisiscasus(regio: Any, gemeente: Any, ontvangen: dt.datetime, *, klokken: tuple[bool | None, ...]) -> Any:
    """A case of the region's crisis service with exactly these norm clocks (True: met, False:
    missed, None: still running); closed two days after the report."""
    from jeugdketen.crisis.models import Norm, Normklok
    from tests.crisis.factories import CrisiscasusFactory

    dienst = f.OrganisatieFactory(regio=regio, soort="crisisdienst")
    wie = f.GebruikerFactory()
    casus = CrisiscasusFactory(
        organisatie=dienst,
        regio=regio,
        gemeente=gemeente,
        verantwoordelijke_gemeente=gemeente,
        vastgelegd_door=wie,
        casushouder=wie,
        ontvangen_op=ontvangen,
        gesloten_op=ontvangen + dt.timedelta(days=2),
    )
    Normklok.objects.filter(casus=casus).delete()
    for norm, binnen in zip((Norm.TER_PLAATSE, Norm.STABILISATIE, Norm.RONDETAFEL), klokken, strict=False):
        eind = None if binnen is None else ontvangen + dt.timedelta(hours=1)
        Normklok.objects.create(
            casus=casus,
            norm=norm,
            start=ontvangen,
            deadline=ontvangen + dt.timedelta(hours=2),
            signaal_op=ontvangen + dt.timedelta(hours=1),
            eind=eind,
            binnen=binnen,
            duur_minuten=None if eind is None else 60,
        )
    return casus


def _jongere(gemeente: Any, *, leeftijd_dagen: int, in_zorg: bool, met_plan: bool) -> Any:
    """A youth of a family of the municipality, `leeftijd_dagen` old on NU; in care (an assigned,
    running trajectory of their person record) or not; with a toekomstplan or not."""
    from jeugdketen.toekomstplan.models import Toekomstplan
    from tests.gezinnen.factories import GezinFactory, JeugdigeFactory

    persoon = f.JeugdigeFactory()
    if in_zorg:
        f.TrajectFactory(jeugdige=persoon, gemeente=gemeente, ingangsdatum=dt.date(2024, 9, 1))
    jongere = JeugdigeFactory(
        gezin=GezinFactory(gemeente=gemeente),
        persoon=persoon,
        geboortedatum=NU.date() - dt.timedelta(days=leeftijd_dagen),
    )
    if met_plan:
        Toekomstplan.objects.create(jeugdige=jongere, gezin=jongere.gezin, aangemaakt_door=f.GebruikerFactory())
    return jongere


def _gezin_met_organisaties(gemeente: Any, organisaties: int, *, plan: bool, sinds: dt.date) -> Any:
    """A family of the municipality that `organisaties` organisations work with (consent in force
    from `sinds` until well after NU), with an agreed family plan (version 1) or none."""
    from django.utils import timezone

    from tests.gezinnen.factories import GezinFactory, ToestemmingFactory
    from tests.gezinsplan.factories import GezinsplanFactory

    gezin = GezinFactory(gemeente=gemeente)
    vanaf = dt.datetime.combine(sinds, dt.time(9), tzinfo=dt.UTC)
    for _i in range(organisaties):
        ToestemmingFactory(gezin=gezin, ingangsdatum=sinds, einddatum=dt.date(2026, 1, 1), actief_sinds=vanaf)
    if plan:
        GezinsplanFactory(gezin=gezin)
    assert vanaf <= timezone.now()
    return gezin


@pytest.fixture
def uit_andere_apps(wereld: Any) -> Any:
    """Crisis cases, toekomstplannen, families with several organisations and places, in Aadorp
    (GM0917) of the region; Beedorp (GM0928) has none of them."""
    from tests.plekvrij.factories import LocatieFactory, PlekFactory

    a = wereld.gemeenten.get(cbs_code="GM0917")
    # Crisis, 2024: Q1 three closed cases (two within every norm, one with a missed norm) and one
    # closed with a clock still running (not within all); Q3 one closed within every norm.
    ams = dt.timezone(dt.timedelta(hours=1))
    for dag, klokken in ((5, (True, True)), (6, (True, True, True)), (7, (True, False)), (8, (True, None))):
        _crisiscasus(wereld, a, dt.datetime(2024, 2, dag, 10, tzinfo=ams), klokken=klokken)
    _crisiscasus(wereld, a, dt.datetime(2024, 8, 12, 10, tzinfo=ams), klokken=(True,))
    # Toekomstplan, on NU (2025-03-01): three youths of 17 in care (two with a plan), one of 15
    # in care (too young), one of 17 not in care (not counted), one of 18½ in care (too old).
    jaar = 365
    for in_zorg, met_plan, dagen in (
        (True, True, 17 * jaar + 30),
        (True, True, 17 * jaar + 60),
        (True, False, 17 * jaar + 90),
        (True, True, 15 * jaar),
        (False, True, 17 * jaar),
        (True, False, 18 * jaar + 180),
    ):
        _jongere(a, leeftijd_dagen=dagen, in_zorg=in_zorg, met_plan=met_plan)
    # One plan, one regisseur: since June 2024 a family with two organisations and a plan; since
    # January 2025 one with three organisations without a plan and one with one organisation (not
    # counted: a single organisation) with a plan.
    _gezin_met_organisaties(a, 2, plan=True, sinds=dt.date(2024, 6, 1))
    _gezin_met_organisaties(a, 3, plan=False, sinds=dt.date(2025, 1, 6))
    _gezin_met_organisaties(a, 1, plan=True, sinds=dt.date(2025, 1, 6))
    # Places now: provider P has 4 + 6 contracted, 1 out of use, 2 + 5 occupied (9 usable, 7
    # occupied); provider Q 3 contracted, 1 occupied; an inactive place of P does not count.
    p, q = (f.OrganisatieFactory(regio=wereld, naam=n) for n in ("Aanbieder P", "Aanbieder Q"))
    lp, lq = LocatieFactory(organisatie=p, gemeente=a), LocatieFactory(organisatie=q, gemeente=a)
    PlekFactory(locatie=lp, gecontracteerd=4, buiten_gebruik=1, bezet=2)
    PlekFactory(locatie=lp, gecontracteerd=6, buiten_gebruik=0, bezet=5)
    PlekFactory(locatie=lp, gecontracteerd=10, buiten_gebruik=0, bezet=10, actief=False)
    PlekFactory(locatie=lq, gecontracteerd=3, buiten_gebruik=0, bezet=1)
    return p, q


HAND_UIT_ANDERE_APPS = [
    # (indicator, area, year, quarter, teller, noemer, waarde) computed by hand from the fixture
    ("crisis_binnen_norm", "GM0917", 2024, 1, 2, 4, 50.0),  # 5 and 6 February; 7th missed, 8th running
    ("crisis_binnen_norm", "GM0917", 2024, 3, 1, 1, 100.0),
    ("crisis_binnen_norm", "GM0917", 2024, 0, 3, 5, 60.0),  # the year: both quarters
    ("crisis_binnen_norm", REGIO, 2024, 0, 3, 5, 60.0),
    ("crisis_binnen_norm", "GM0928", 2024, 0, 0, 0, None),  # no cases: no share
    ("toekomstplan_dekking", "GM0917", 2025, 0, 2, 3, 200 / 3),
    ("toekomstplan_dekking", "GM0928", 2025, 0, 0, 0, None),
    ("een_plan_een_regisseur", "GM0917", 2024, 0, 1, 1, 100.0),  # on 31 December 2024
    ("een_plan_een_regisseur", "GM0917", 2025, 0, 1, 2, 50.0),  # on NU
    ("een_plan_een_regisseur", "GM0917", 2023, 0, 0, 0, None),
    ("plaatsen_vrij_bezet", REGIO, 2025, 0, 8, 12, 200 / 3),  # (2 + 5 + 1) / (3 + 6 + 3)
]


@time_machine.travel(NU, tick=False)
@pytest.mark.parametrize(
    ("code", "gebied", "jaar", "kwartaal", "teller", "noemer", "waarde"),
    HAND_UIT_ANDERE_APPS,
    ids=[f"{h[0]}-{h[1]}-{h[2]}-{h[3]}" for h in HAND_UIT_ANDERE_APPS],
)
def test_the_indicators_from_the_other_apps_against_the_hand_computed_set(
    wereld: Any,
    uit_andere_apps: Any,
    code: str,
    gebied: str,
    jaar: int,
    kwartaal: int,
    teller: float,
    noemer: float,
    waarde: float | None,
) -> None:
    berekening.bereken(wereld)
    fe = feit(wereld, code, gebied, jaar, kwartaal)
    assert (fe.teller, fe.noemer) == (teller, noemer)
    assert fe.waarde == (None if waarde is None else pytest.approx(waarde))


@time_machine.travel(NU, tick=False)
def test_stands_of_today_are_this_year_only_and_a_provider_has_its_own_figures(
    wereld: Any, uit_andere_apps: Any
) -> None:
    p, q = uit_andere_apps
    berekening.bereken(wereld)
    fp, fq = (feit(wereld, "plaatsen_vrij_bezet", AANBIEDER + str(o.uuid), 2025) for o in (p, q))
    assert (fp.teller, fp.noemer, fp.gebied_naam) == (7, 9, "Aanbieder P")
    assert fp.waarde == pytest.approx(700 / 9)
    assert (fq.teller, fq.noemer) == (1, 3)
    # No municipality split for places (they serve the region), no history for a stand of today.
    assert not Feit.objects.filter(indicator="plaatsen_vrij_bezet", gebied__startswith="GM").exists()
    assert not Feit.objects.filter(indicator__in=["plaatsen_vrij_bezet", "toekomstplan_dekking"], jaar=2024).exists()
    # Quarters exist for crisis only.
    assert set(Feit.objects.filter(kwartaal__gt=0).values_list("indicator", flat=True)) == {"crisis_binnen_norm"}


@time_machine.travel(NU, tick=False)
def test_every_indicator_has_a_hand_computed_case() -> None:
    from jeugdketen.monitor.indicatoren import INDICATOREN

    getest = {h[0] for h in HAND} | {h[0] for h in HAND_UIT_ANDERE_APPS} | {"verwijzingen_specialistisch"}
    assert getest == {i.code for i in INDICATOREN}


@time_machine.travel(NU, tick=False)
def test_difference_and_index_against_the_computed_2018_per_municipality(wereld: Any) -> None:
    """Aadorp 2018: 4 ambulant youths (of 1,000 under-18s); 2024: 25 (see the world): +21 and
    index 625 for the count of referrals; a share gets its difference in points."""
    a = wereld.gemeenten.get(cbs_code="GM0917")
    for _i in range(4):
        traject(
            a,
            begindatum=dt.date(2018, 3, 1),
            ingangsdatum=dt.date(2018, 2, 1),
            einddatum_zorg=dt.date(2018, 9, 1),
            reden_beeindiging="31",
        )
    for _i in range(8):
        traject(
            wereld.gemeenten.get(cbs_code="GM0928"),
            begindatum=dt.date(2018, 3, 1),
            ingangsdatum=dt.date(2018, 2, 1),
            einddatum_zorg=dt.date(2018, 9, 1),
            reden_beeindiging="31",
        )
    berekening.bereken(wereld)
    assert feit(wereld, "verwijzingen_specialistisch", "GM0917", 2018).teller == 4
    t = selectors.tabel(wereld, "verwijzingen_specialistisch")
    assert t is not None
    assert not t.basis[REGIO].ingevoerd
    regio = t.meting(REGIO, 2024)
    assert regio is not None
    # Region: 12 in 2018, 28 in 2024: +16, index 28 / 12 × 100 = 233.
    assert regio.verschil.tekst == "+16" and regio.index.tekst == "233"
