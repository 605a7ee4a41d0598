"""The computation of the facts: every indicator per municipality, region and year (quarter where
it fits) from the other apps' aggregate selectors, written into `Feit` in one transaction.

The other apps group by municipality and year in the database; this module only combines those
aggregated rows (municipalities × years × indicators) and divides. It never sees a person: the
one list of numbers it receives is the OTS durations for a median (numbers only).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor
from jeugdketen.crisis import selectors as crisis
from jeugdketen.gezinsplan import selectors as gezinsplan
from jeugdketen.jeugdhulp import selectors as jeugdhulp
from jeugdketen.organisaties.models import Gemeente, Regio
from jeugdketen.plekvrij import selectors as plekvrij
from jeugdketen.toekomstplan import selectors as toekomstplan

from . import uitbreidingen
from .indicatoren import INDICATOREN, PER_CODE, Soort
from .models import AANBIEDER, BASISJAAR, REGIO, Aanleiding, Berekening, Bevolking, Feit, Leeftijdsklasse

# Count and denominator per (indicator, area, year, quarter); quarter 0 = the year.
Sleutel = tuple[str, str, int, int]


@dataclass
class Ruw:
    teller: float = 0
    noemer: float | None = None
    mediaan: float | None = None
    basis: int | None = None


def jaren_tot(op: dt.date) -> list[int]:
    return list(range(BASISJAAR, op.year + 1))


def bevolking(regio: Regio, jaren: list[int]) -> dict[tuple[str, int, str], int]:
    """Population per (municipality code, year, band): the year's own figure, else the latest
    earlier one, else the earliest there is (documented in docs/monitor.md)."""
    rijen: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for code, jaar, band, aantal in Bevolking.objects.filter(gemeente__regio=regio).values_list(
        "gemeente__cbs_code", "jaar", "leeftijd", "aantal"
    ):
        rijen[(code, band)][jaar] = aantal
    result: dict[tuple[str, int, str], int] = {}
    for (code, band), per_jaar in rijen.items():
        beschikbaar = sorted(per_jaar)
        for jaar in jaren:
            eerder = [j for j in beschikbaar if j <= jaar]
            result[(code, jaar, band)] = per_jaar[eerder[-1] if eerder else beschikbaar[0]]
    return result


def _som(pop: dict[tuple[str, int, str], int], code: str, jaar: int, banden: Iterable[str]) -> float | None:
    waarden = [pop.get((code, jaar, b)) for b in banden]
    return None if any(w is None for w in waarden) else float(sum(w for w in waarden if w is not None))


ONDER_18 = (Leeftijdsklasse.K0_11, Leeftijdsklasse.K12_17)
VAN_12_TOT_23 = (Leeftijdsklasse.K12_17, Leeftijdsklasse.K18_22)


def verzamel(regio: Regio, *, op: dt.date) -> tuple[dict[Sleutel, Ruw], dict[str, str]]:
    """Every indicator's counts per municipality, year and (for crisis) quarter, and the names
    of the areas. Region totals and values are added by `bereken`."""
    jaren = jaren_tot(op)
    gemeenten = list(Gemeente.objects.filter(regio=regio).order_by("naam"))
    codes = {g.cbs_code for g in gemeenten}
    namen = {g.cbs_code: g.naam for g in gemeenten}
    ruw: dict[Sleutel, Ruw] = {}

    def zet(code: str, gebied: str, jaar: int, teller: float, noemer: float | None = None, kw: int = 0) -> None:
        if gebied in codes or gebied == REGIO or gebied.startswith(AANBIEDER):
            r = ruw.setdefault((code, gebied, jaar, kw), Ruw())
            r.teller += teller
            if noemer is not None:
                r.noemer = (r.noemer or 0) + noemer

    # Every municipality appears in every yearly indicator, with zeros where nothing happened.
    for ind in INDICATOREN:
        if ind.per_gemeente:
            for jaar in [op.year] if ind.alleen_nu else jaren:
                for c in codes:
                    zet(ind.code, c, jaar, 0, 0 if ind.is_verhouding else None)

    pop = bevolking(regio, jaren)
    for rij in jeugdhulp.jeugdigen_met_hulp(jaren, gemeenten=Gemeente.objects.filter(regio=regio)):
        g, j = rij["gemeente"], rij["jaar"]
        zet("jeugdhulp_per_1000", g, j, rij["met_hulp"])
        zet("jeugdhulp_pct", g, j, rij["met_hulp"])
        zet("pleegzorg_aandeel", g, j, rij["pleegzorg"], rij["met_verblijf"])
        zet("residentieel", g, j, rij["met_verblijf"])
        zet("jeugdzorgplus", g, j, rij["gesloten"])
        zet("kleinschalig_aandeel", g, j, rij["kleinschalig"], rij["met_verblijf"])
        zet("pleegzorg_voortijdig", g, j, rij["pleegzorg_voortijdig"], rij["pleegzorg_beeindigd"])
    for rij in jeugdhulp.jeugdigen_met_maatregel(jaren):
        zet("jeugdbescherming_pct", rij["gemeente"], rij["jaar"], rij["jeugdbescherming"])
        zet("jeugdreclassering_pct", rij["gemeente"], rij["jaar"], rij["jeugdreclassering"])
    for rij in jeugdhulp.ots(jaren):
        zet("ots_aantal", rij["gemeente"], rij["jaar"], rij["met_ots"])
    duren = {k: v for k, v in jeugdhulp.ots_duren(jaren).items() if k[0] in codes}
    for (g, j), waarden in duren.items():
        r = ruw.setdefault(("ots_mediane_duur", g, j, 0), Ruw())
        r.mediaan, r.basis, r.teller = float(statistics.median(waarden)), len(waarden), len(waarden)
    for j in jaren:
        alle = [d for (g, jj), waarden in duren.items() if jj == j for d in waarden]
        if alle:
            ruw[("ots_mediane_duur", REGIO, j, 0)] = Ruw(len(alle), None, float(statistics.median(alle)), len(alle))
    for rij in jeugdhulp.verwijzingen(jaren):
        g, j = rij["gemeente"], rij["jaar"]
        zet("verwijzingen_specialistisch", g, j, rij["trajecten"])
        if rij["verwijzer"]:
            zet("verwijzer_aandeel", g, j, rij["trajecten"] if rij["verwijzer"] == "01" else 0, rij["trajecten"])
    for rij in jeugdhulp.binnen_wachttijdnorm(jaren, regio=regio):
        zet("wachttijd_binnen_norm", rij["gemeente"], rij["jaar"], rij["binnen_norm"], rij["gemeten"])
    aanbieder_namen: dict[str, str] = {}
    for rij in jeugdhulp.binnen_wachttijdnorm_per_aanbieder(jaren, regio=regio):
        if rij["gemeten"]:
            zet("wachttijd_binnen_norm", AANBIEDER + rij["aanbieder"], rij["jaar"], rij["binnen_norm"], rij["gemeten"])
    for rij in jeugdhulp.thuiszitters(jaren, regio=regio):
        zet("thuiszitters", rij["gemeente"], rij["jaar"], rij["lang_zonder_aanbod"])
    for rij in toekomstplan.dekking_per_gemeente(op):
        zet("toekomstplan_dekking", rij["gemeente"], op.year, rij["met_plan"], rij["jeugdigen"])
    for j in jaren:
        peildatum = min(dt.date(j, 12, 31), op)
        for rij in gezinsplan.een_plan_een_regisseur(peildatum):
            zet("een_plan_een_regisseur", rij["gemeente"], j, rij["met_plan"], rij["gezinnen"])
    for regel in crisis.cijfers(regio=regio, van=dt.date(BASISJAAR, 1, 1), tot=op, per="kwartaal"):
        kw = (regel.periode.month - 1) // 3 + 1
        zet("crisis_binnen_norm", regel.gemeente_code, regel.periode.year, regel.binnen_alle_normen, regel.gesloten, kw)
        zet("crisis_binnen_norm", regel.gemeente_code, regel.periode.year, regel.binnen_alle_normen, regel.gesloten)
    stand = plekvrij.stand_van_regio(regio)
    zet("plaatsen_vrij_bezet", REGIO, op.year, sum(s.bezet for s in stand), sum(s.bruikbaar for s in stand))
    for rij in plekvrij.bezetting_per_organisatie(regio):
        aanbieder_namen[AANBIEDER + rij["organisatie"]] = rij["naam"]
        zet("plaatsen_vrij_bezet", AANBIEDER + rij["organisatie"], op.year, rij["bezet"], rij["bruikbaar"])
    for code in ("verwijsindex_gebruik", "ervaring"):
        bron = uitbreidingen.cijferbron(code)
        if bron is not None:
            for rij in bron(regio, jaren):
                zet(code, str(rij["gebied"]), int(rij["jaar"]), rij["teller"], rij.get("noemer"))

    # Denominators from the population.
    for (code, gebied, jaar, _kw), r in ruw.items():
        if code in ("jeugdhulp_per_1000", "jeugdhulp_pct", "jeugdbescherming_pct"):
            r.noemer = _som(pop, gebied, jaar, ONDER_18)
        elif code == "jeugdreclassering_pct":
            r.noemer = _som(pop, gebied, jaar, VAN_12_TOT_23)
    namen.update(aanbieder_namen)
    return ruw, namen


def _met_regio(ruw: dict[Sleutel, Ruw]) -> dict[Sleutel, Ruw]:
    """Add the region total of each indicator and period (the sum of its municipalities)."""
    totaal: dict[Sleutel, Ruw] = {}
    for (code, gebied, jaar, kw), r in ruw.items():
        ind = PER_CODE[code]
        if gebied == REGIO or gebied.startswith(AANBIEDER) or ind.soort is Soort.MEDIAAN:
            continue
        t = totaal.setdefault((code, REGIO, jaar, kw), Ruw(0, None if ind.soort is Soort.AANTAL else 0))
        t.teller += r.teller
        if t.noemer is not None:
            t.noemer = None if r.noemer is None else t.noemer + r.noemer
    for k, t in totaal.items():
        ruw.setdefault(k, t)
    return ruw


def waarde(soort: Soort, r: Ruw) -> float | None:
    if soort is Soort.AANTAL:
        return r.teller
    if soort is Soort.MEDIAAN:
        return r.mediaan
    if not r.noemer:
        return None
    return r.teller / r.noemer * (1000 if soort is Soort.PER_1000 else 100)


@transaction.atomic
def bereken(regio: Regio, *, aanleiding: str = Aanleiding.SCHEMA, door: Actor | None = None) -> Berekening:
    """Recompute every fact of the region (replacing the previous ones) and log the run."""
    gestart = timezone.now()
    op = kalender.vandaag()
    ruw, namen = verzamel(regio, op=op)
    ruw = _met_regio(ruw)
    namen[REGIO] = regio.naam
    feiten = []
    for (code, gebied, jaar, kw), r in sorted(ruw.items()):
        soort = PER_CODE[code].soort
        basis = r.basis if soort is Soort.MEDIAAN else (int(r.noemer) if r.noemer is not None else int(r.teller))
        feiten.append(
            Feit(
                indicator=code,
                regio=regio,
                gebied=gebied,
                gebied_naam=namen.get(gebied, gebied),
                jaar=jaar,
                kwartaal=kw,
                teller=r.teller,
                noemer=r.noemer,
                waarde=waarde(soort, r),
                basis=basis,
                berekend_op=gestart,
            )
        )
    Feit.objects.filter(regio=regio).delete()
    Feit.objects.bulk_create(feiten, batch_size=2000)
    return Berekening.objects.create(
        regio=regio,
        aanleiding=aanleiding,
        door_id=door.user_pk if door is not None else None,
        gestart_op=gestart,
        klaar_op=timezone.now(),
        feiten=len(feiten),
    )


def bereken_alle(aanleiding: str = Aanleiding.SCHEMA) -> list[Any]:
    return [bereken(regio, aanleiding=aanleiding) for regio in Regio.objects.order_by("pk")]
