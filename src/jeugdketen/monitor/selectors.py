"""Every read of the monitor: only the table of facts (`Feit`), the population figures and the
region's settings. Nothing here reaches a person; the suppression of `onthulling` is applied
here, once, for the pages, the CSV and JSON files, the PDF and the agenda's figures.

A table is always suppressed as a whole (every municipality of the region and the region
total), whatever part of it a page then shows: choosing fewer municipalities to compare must not
uncover a cell that the full table hides.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from jeugdketen.core.access import Actor
from jeugdketen.core.rollen import Rol
from jeugdketen.organisaties.models import Gemeente, Organisatie, OrganisatieSoort, Regio
from jeugdketen.organisaties.selectors import SYSTEEM_ROL

from .indicatoren import INDICATOREN, PER_CODE, Indicator, Soort
from .models import (
    AANBIEDER,
    BASISJAAR,
    REGIO,
    Basiswaarde,
    Berekening,
    Bevolking,
    Feit,
    Jaarrapport,
    Monitorinstelling,
)
from .onthulling import STANDAARD_DREMPEL, Lijn, Reden, onderdruk, tekst, verhouding_zichtbaar

AANBIEDER_SOORTEN = frozenset(
    {OrganisatieSoort.JEUGDHULPAANBIEDER, OrganisatieSoort.PLEEGZORGAANBIEDER, OrganisatieSoort.GGZ}
)
# Counts over the population (CBS, published per municipality) are public: never suppressed.
BEVOLKINGSNOEMER = frozenset({"jeugdhulp_per_1000", "jeugdhulp_pct", "jeugdbescherming_pct", "jeugdreclassering_pct"})


# --- Who -----------------------------------------------------------------------------------------


def is_beleid(actor: Actor) -> bool:
    return actor.is_authenticated and not actor.is_burger and actor.has_role(Rol.BELEID)


def mag_api(actor: Actor) -> bool:
    """The monitor's API: policy staff's session, or the system (API key) of a policy organisation."""
    systeem = actor.rol == SYSTEEM_ROL and actor.organisatie_soort == OrganisatieSoort.GEMEENTE_BELEID
    return is_beleid(actor) or (actor.is_authenticated and systeem)


def is_aanbieder(actor: Actor) -> bool:
    return (
        actor.is_authenticated
        and not actor.is_burger
        and actor.has_role(Rol.HULPVERLENER)
        and actor.organisatie_soort in AANBIEDER_SOORTEN
    )


def eigen_organisatie(actor: Actor) -> Organisatie | None:
    if not actor.organisatie_id:
        return None
    return Organisatie.objects.select_related("regio").filter(pk=actor.organisatie_pk).first()


def drempel_van(regio: Regio) -> int:
    instelling = Monitorinstelling.objects.filter(regio=regio).values_list("drempel", flat=True).first()
    return instelling or STANDAARD_DREMPEL


def laatste_berekening(regio: Regio) -> Berekening | None:
    return Berekening.objects.filter(regio=regio).order_by("-klaar_op").first()


def gemeenten_van(regio: Regio) -> QuerySet[Gemeente]:
    return Gemeente.objects.filter(regio=regio).order_by("naam")


def bevolking_van(regio: Regio) -> QuerySet[Bevolking]:
    return (
        Bevolking.objects.filter(gemeente__regio=regio)
        .select_related("gemeente")
        .order_by("-jaar", "gemeente__naam", "leeftijd")
    )


def basiswaarden_van(regio: Regio) -> QuerySet[Basiswaarde]:
    return Basiswaarde.objects.filter(regio=regio).order_by("indicator", "gebied")


def jaarrapport(regio: Regio, jaar: int) -> Jaarrapport | None:
    return Jaarrapport.objects.filter(regio=regio, jaar=jaar).first()


# --- Tables ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Getal:
    """One figure as everyone sees it: its text, and the number a chart may plot (None when it
    is hidden or missing)."""

    tekst: str
    getal: float | None
    reden: Reden = Reden.GETOOND


LEEG = Getal("", None)


@dataclass
class Meting:
    gebied: str
    gebied_naam: str
    jaar: int
    kwartaal: int
    teller: Getal
    noemer: Getal
    waarde: Getal
    verschil: Getal = LEEG
    index: Getal = LEEG
    landelijk: str = ""


@dataclass
class Basis:
    waarde: Getal
    ingevoerd: bool
    bron: str


@dataclass
class Indicatortabel:
    indicator: Indicator
    drempel: int
    jaren: list[int]
    gebieden: list[tuple[str, str]]  # (code, name); the region last
    metingen: dict[tuple[str, int, int], Meting] = field(default_factory=dict)
    basis: dict[str, Basis] = field(default_factory=dict)

    def meting(self, gebied: str, jaar: int, kwartaal: int = 0) -> Meting | None:
        return self.metingen.get((gebied, jaar, kwartaal))

    def reeks(self, gebied: str) -> list[Meting]:
        return [m for j in self.jaren if (m := self.meting(gebied, j)) is not None]

    def kwartalen(self, gebied: str, jaar: int) -> list[Meting]:
        return [m for k in (1, 2, 3, 4) if (m := self.meting(gebied, jaar, k)) is not None]

    def gekozen(self, codes: Iterable[str] | None) -> list[tuple[str, str]]:
        """The chosen municipalities (all when none are chosen) and the region."""
        keuze = set(codes or [])
        return [(c, n) for c, n in self.gebieden if c == REGIO or not keuze or c in keuze]


def _decimalen(ind: Indicator) -> int:
    return 0 if ind.soort in (Soort.AANTAL, Soort.MEDIAAN) else 1


def _waarde_tekst(ind: Indicator, waarde: float | None, zichtbaar: bool) -> Getal:
    if waarde is None:
        return Getal("", None)
    if not zichtbaar:
        return Getal(_("niet getoond"), None, Reden.KLEIN)
    d = _decimalen(ind)
    afgerond = round(waarde, d)
    return Getal(tekst(afgerond, Reden.GETOOND, 0, decimalen=d), afgerond)


def _lijnen(codes: list[str], jaar: int, kwartalen: bool) -> list[Lijn[tuple[str, int, int]]]:
    """The equations of one year's table: the municipalities add up to the region; with
    quarters also the quarters to the year, per municipality and for the region."""
    lijnen: list[Lijn[tuple[str, int, int]]] = []
    periodes = [0, 1, 2, 3, 4] if kwartalen else [0]
    for kw in periodes:
        lijnen.append(Lijn(tuple((c, jaar, kw) for c in codes), (REGIO, jaar, kw)))
    if kwartalen:
        for c in [*codes, REGIO]:
            lijnen.append(Lijn(tuple((c, jaar, k) for k in (1, 2, 3, 4)), (c, jaar, 0)))
    return lijnen


def _onderdruk_telling(
    feiten: dict[tuple[str, int, int], Feit],
    veld: str,
    codes: list[str],
    jaren: list[int],
    kwartalen: bool,
    drempel: int,
) -> dict[tuple[str, int, int], Reden]:
    redenen: dict[tuple[str, int, int], Reden] = {}
    for jaar in jaren:
        waarden: dict[tuple[str, int, int], int] = {}
        lijnen = []
        for lijn in _lijnen(codes, jaar, kwartalen):
            leden = [*lijn.delen, lijn.totaal]
            if all(k in feiten and getattr(feiten[k], veld) is not None for k in leden):
                lijnen.append(lijn)
        for k, f in feiten.items():
            if k[1] == jaar and getattr(f, veld) is not None:
                waarden[k] = round(getattr(f, veld))
        redenen.update(onderdruk(waarden, lijnen, drempel))
    return redenen


def _tabel(
    ind: Indicator, regio: Regio, rijen: list[Feit], basiswaarden: list[Basiswaarde], drempel: int
) -> Indicatortabel:
    feiten = {(f.gebied, f.jaar, f.kwartaal): f for f in rijen if not f.gebied.startswith(AANBIEDER)}
    jaren = sorted({f.jaar for f in feiten.values()})
    namen = {f.gebied: f.gebied_naam for f in feiten.values()}
    codes = sorted((c for c in namen if c != REGIO), key=lambda c: namen[c])
    gebieden = [(c, namen[c]) for c in codes] + [(REGIO, namen.get(REGIO, regio.naam))]
    tabel = Indicatortabel(ind, drempel, jaren, gebieden)
    teller_r = _onderdruk_telling(feiten, "teller", codes, jaren, ind.per_kwartaal, drempel)
    noemer_r: dict[tuple[str, int, int], Reden] = {}
    if ind.code not in BEVOLKINGSNOEMER:
        noemer_r = _onderdruk_telling(feiten, "noemer", codes, jaren, ind.per_kwartaal, drempel)
    for k, f in feiten.items():
        tr = teller_r.get(k, Reden.GETOOND)
        nr = noemer_r.get(k, Reden.GETOOND)
        teller = Getal(tekst(f.teller, tr, drempel), f.teller if tr is Reden.GETOOND else None, tr)
        noemer = LEEG
        if f.noemer is not None and ind.soort is not Soort.AANTAL:
            noemer = Getal(tekst(f.noemer, nr, drempel), f.noemer if nr is Reden.GETOOND else None, nr)
        if ind.soort is Soort.AANTAL:
            waarde = teller
        elif ind.soort is Soort.MEDIAAN:
            waarde = _waarde_tekst(ind, f.waarde, verhouding_zichtbaar(basis=f.basis, drempel=drempel))
        else:
            waarde = _waarde_tekst(ind, f.waarde, verhouding_zichtbaar(tr, nr, basis=f.noemer, drempel=drempel))
        tabel.metingen[k] = Meting(
            f.gebied,
            f.gebied_naam,
            f.jaar,
            f.kwartaal,
            teller,
            noemer,
            waarde,
            landelijk=_landelijk(ind, f.jaar) if f.gebied == REGIO and f.kwartaal == 0 else "",
        )
    ingevoerd = {b.gebied: b for b in basiswaarden if b.indicator == ind.code}
    for code, _naam in gebieden:
        b = ingevoerd.get(code)
        if b is not None:
            zichtbaar = b.teller is None or b.teller >= drempel
            basis = Basis(_waarde_tekst(ind, b.waarde, zichtbaar), True, b.bron)
        else:
            m = tabel.meting(code, BASISJAAR)
            basis = Basis(
                m.waarde if m else LEEG, False, _("berekend uit de gegevens van %(jaar)s") % {"jaar": BASISJAAR}
            )
        tabel.basis[code] = basis
        for m in [tabel.meting(code, j) for j in jaren]:
            if m is None or basis.waarde.getal is None or m.waarde.getal is None:
                continue
            d = _decimalen(ind)
            verschil = round(m.waarde.getal - basis.waarde.getal, d)
            m.verschil = Getal(("+" if verschil > 0 else "") + tekst(verschil, Reden.GETOOND, 0, decimalen=d), verschil)
            if basis.waarde.getal:
                index = round(m.waarde.getal / basis.waarde.getal * 100)
                m.index = Getal(str(index), index)
    return tabel


def _landelijk(ind: Indicator, jaar: int) -> str:
    waarde = ind.landelijk.get(jaar)
    return "" if waarde is None else tekst(waarde, Reden.GETOOND, 0, decimalen=_decimalen(ind))


def tabellen(regio: Regio, codes: Iterable[str] | None = None) -> dict[str, Indicatortabel]:
    """The suppressed tables of these indicators (all when None), in a fixed number of queries."""
    gevraagd = [i for i in INDICATOREN if codes is None or i.code in set(codes)]
    drempel = drempel_van(regio)
    per_code: dict[str, list[Feit]] = defaultdict(list)
    for f in Feit.objects.filter(regio=regio, indicator__in=[i.code for i in gevraagd]).exclude(
        gebied__startswith=AANBIEDER
    ):
        per_code[f.indicator].append(f)
    basis = list(Basiswaarde.objects.filter(regio=regio, indicator__in=[i.code for i in gevraagd]))
    return {i.code: _tabel(i, regio, per_code[i.code], basis, drempel) for i in gevraagd}


def tabel(regio: Regio, code: str) -> Indicatortabel | None:
    if code not in PER_CODE:
        return None
    return tabellen(regio, [code])[code]


@dataclass
class Overzichtsregel:
    indicator: Indicator
    jaar: int | None
    meting: Meting | None
    basis: Basis | None


def overzicht(regio: Regio) -> list[Overzichtsregel]:
    """Per indicator: the region's latest year, its baseline, difference and index."""
    result = []
    for code, t in tabellen(regio).items():
        jaar = t.jaren[-1] if t.jaren else None
        result.append(
            Overzichtsregel(PER_CODE[code], jaar, t.meting(REGIO, jaar) if jaar else None, t.basis.get(REGIO))
        )
    return result


def aanbieder_cijfers(organisatie: Organisatie) -> list[Meting]:
    """A provider's own waiting-time and occupancy figures (only its own; small counts hidden)."""
    drempel = drempel_van(organisatie.regio)
    result = []
    for f in Feit.objects.filter(regio=organisatie.regio, gebied=AANBIEDER + str(organisatie.uuid)).order_by(
        "indicator", "jaar"
    ):
        ind = PER_CODE[f.indicator]
        tr = Reden.KLEIN if (f.teller or 0) < drempel else Reden.GETOOND
        nr = Reden.KLEIN if (f.noemer or 0) < drempel else Reden.GETOOND
        result.append(
            Meting(
                ind.code,
                str(ind.naam),
                f.jaar,
                0,
                Getal(tekst(f.teller, tr, drempel), None),
                Getal(tekst(f.noemer, nr, drempel), None),
                _waarde_tekst(ind, f.waarde, verhouding_zichtbaar(tr, nr, basis=f.noemer, drempel=drempel)),
            )
        )
    return result


def cijfer_bij_doel(code: str, *, gemeente_code: str | None, regio: Regio, jaar: int) -> str | None:
    """The suppressed display value of an indicator for an agenda goal (the agenda app calls this
    through its own registry): the municipality's, or the region's when `gemeente_code` is None.
    None when the indicator or the figure does not exist."""
    t = tabel(regio, code)
    if t is None:
        return None
    m = t.meting(gemeente_code or REGIO, jaar)
    if m is None or not m.waarde.tekst:
        return None
    eenheid = str(t.indicator.eenheid)
    return f"{m.waarde.tekst} {eenheid}".strip() if m.waarde.getal is not None else m.waarde.tekst


def open_data(regio: Regio, code: str) -> dict[str, Any] | None:
    """One indicator as open data: its definition and every suppressed figure (no person)."""
    t = tabel(regio, code)
    if t is None:
        return None
    ind = t.indicator
    berekening = laatste_berekening(regio)
    return {
        "indicator": ind.code,
        "naam": str(ind.naam),
        "definitie": {
            "teller": str(ind.teller),
            "noemer": str(ind.noemer),
            "bron": str(ind.bron),
            "eenheid": str(ind.eenheid),
            "doelen": [{"tekst": d.tekst, "bron": d.bron} for d in ind.doelen],
            "basisjaar": BASISJAAR,
            "drempel": t.drempel,
        },
        "regio": regio.naam,
        "berekend_op": berekening.klaar_op.isoformat() if berekening else None,
        "cijfers": [
            csv_regel(m)
            for m in sorted(t.metingen.values(), key=lambda m: (m.gebied != REGIO, m.gebied, m.jaar, m.kwartaal))
        ],
    }


CSV_KOLOMMEN = [
    "gebied",
    "naam",
    "jaar",
    "kwartaal",
    "teller",
    "noemer",
    "waarde",
    "verschil_2018",
    "index_2018",
    "landelijk",
]


def csv_regel(m: Meting) -> dict[str, Any]:
    return {
        "gebied": m.gebied,
        "naam": m.gebied_naam,
        "jaar": m.jaar,
        "kwartaal": m.kwartaal or "",
        "teller": m.teller.tekst,
        "noemer": m.noemer.tekst,
        "waarde": m.waarde.tekst,
        "verschil_2018": m.verschil.tekst,
        "index_2018": m.index.tekst,
        "landelijk": m.landelijk,
    }
