"""The demo's policy agenda: the real Parkstad agenda 2019–2022 (seed 000, all seven themes and
their activities in the seed's words) and the Zuid-Limburg action lines (seed 001), loaded from
the data files the agenda app ships (agenda/bronnen/*.json). The inspraak entries and the one
status below are demo examples, not from the seeds (docs/agenda.md says so)."""

from __future__ import annotations

import datetime as dt

from jeugdketen.agenda import services as agenda_services
from jeugdketen.agenda.models import Activiteit
from jeugdketen.agenda.regels import AdviesSoort, Adviseur, Status
from jeugdketen.demo.common import actor
from jeugdketen.organisaties.models import Regio

PARKSTAD = "parkstad-2019-2022"
ZUID_LIMBURG = "zuid-limburg-2019-2022"


def agenda_demo(regio: Regio) -> None:
    bestond = regio.agendas.filter(sleutel=PARKSTAD).exists()
    parkstad = agenda_services.agenda_laden(
        regio=regio, sleutel=PARKSTAD, gegevens=agenda_services.bron("parkstad_2019_2022")
    )
    agenda_services.agenda_laden(
        regio=regio, sleutel=ZUID_LIMBURG, gegevens=agenda_services.bron("zuid_limburg_2019_2022")
    )
    if bestond:
        return
    beleid = actor("beleid")
    inspraak = parkstad.themas.get(nummer=7)
    gezin_plan = parkstad.themas.get(nummer=6)
    agenda_services.advies_vastleggen(
        agenda=parkstad,
        by=beleid,
        invoer=agenda_services.AdviesInvoer(
            soort=AdviesSoort.GEVRAAGD,
            van=Adviseur.JONGERENPANEL,
            datum=dt.date(2019, 10, 3),
            onderwerp="Evaluatie van de pilot Panel Jeugd Parkstad",
            advies="Maak het panel structureel en vraag ons eerder, niet pas als het beleid al klaar is.",
            reactie="De regio maakt het panel structureel en legt elk nieuw voorstel eerst aan het panel voor.",
            wat_gedaan="Het panel komt vanaf 2020 vier keer per jaar bijeen (voorbeeld in de demo).",
            thema=inspraak,
        ),
    )
    agenda_services.advies_vastleggen(
        agenda=parkstad,
        by=beleid,
        invoer=agenda_services.AdviesInvoer(
            soort=AdviesSoort.ONGEVRAAGD,
            van=Adviseur.OUDERS,
            datum=dt.date(2020, 3, 12),
            onderwerp="Het gezinsplan op papier",
            advies="Wij willen ons gezinsplan zelf op de telefoon kunnen lezen en aanvullen.",
            reactie="De digitale versie van 1 gezin, 1 plan, 1 regisseur komt er vanaf 2020.",
            wat_gedaan="",
            thema=gezin_plan,
        ),
    )
    activiteit = Activiteit.objects.filter(thema=gezin_plan).order_by("volgorde").first()
    if activiteit is not None:
        agenda_services.status_vastleggen(
            activiteit=activiteit,
            by=beleid,
            basis_versie=activiteit.versie,
            jaar=2019,
            status=Status.LOOPT,
            toelichting="De digitale versie wordt voorbereid (voorbeeld in de demo).",
        )
