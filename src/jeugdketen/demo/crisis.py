"""Demo data of the crisis service: cases in every state, made through the services (so the
access log, the clocks and the outbox are real), relative to the moment the demo is built.

With size >= 1, once (a second build adds nothing):
* the region's norms (the seeds' defaults) with a team lead (`crisis-teamleider`, no login of its own);
* cases on the board: just reported without triage; close to the 24-hour stabilisation norm;
  on-site assessment needed and late; a crisis stay close to its week; a crisis stay past it;
  ambulant crisis help with the round-table held; bridging care running;
* handed over: into a family plan with the family's consent (toegang is regisseur and is told),
  and to the access team of Heerlen (no plan; not yet picked up); a GI taking part by mandate;
* closed: one within every norm with a look back, one that missed the stabilisation norm.
`crisisdienst` lands on the board ("Mijn werk" shows it first; the menu has "Crisisbord").
size=0 (the test fixture) adds nothing. The clocks keep running after the build day: on a later
day more cases show as past a norm.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from jeugdketen.core import kalender
from jeugdketen.core.access import Toegang, fetch
from jeugdketen.core.models import Actie
from jeugdketen.core.rollen import Rol
from jeugdketen.crisis import services
from jeugdketen.crisis.logevents import Segment
from jeugdketen.crisis.models import (
    Aanpak,
    Crisiscasus,
    Crisisnormen,
    Gevaar,
    Kanaal,
    MelderRelatie,
    MelderSoort,
    MomentSoort,
    Terugblikthema,
)
from jeugdketen.demo.common import actor
from jeugdketen.gezinnen import services as gezinnen_services
from jeugdketen.gezinnen.models import Gezinslid, LidSoort, MandaatGrondslag
from jeugdketen.gezinsplan import services as plan_services
from jeugdketen.organisaties.models import Gebruiker, Gemeente, Medewerker, Organisatie, OrganisatieSoort, Regio

M = MomentSoort
H = dt.timedelta(hours=1)
D = dt.timedelta(days=1)
# The youth of the case handed over to the access team of Heerlen (no family plan yet): the
# guard-rail tests open every case page with it.
OVERGEDRAGEN_AAN_TOEGANG = "Levi"


def crisis_demo(regio: Regio, *, size: int, rng: random.Random) -> None:
    if size < 1 or Crisiscasus.objects.filter(regio=regio).exists():
        return
    dienst = Organisatie.objects.filter(regio=regio, soort=OrganisatieSoort.CRISISDIENST).order_by("id").first()
    if dienst is None:
        return
    _normen(regio, dienst)
    nu = timezone.now().replace(second=0, microsecond=0)
    heerlen = Gemeente.objects.get(cbs_code="GM0917")
    kerkrade = Gemeente.objects.get(cbs_code="GM0928")
    landgraaf = Gemeente.objects.get(cbs_code="GM0882")
    huisarts = Organisatie.objects.filter(regio=regio, soort=OrganisatieSoort.HUISARTSENPRAKTIJK).order_by("id").first()
    school = Organisatie.objects.filter(regio=regio, soort=OrganisatieSoort.SCHOOL).order_by("id").first()

    # On the board.
    _casus(nu - dt.timedelta(minutes=20), heerlen, "Noah", 14, gevaar=Gevaar.MIDDEN, melder=huisarts)
    c = _casus(nu - 19 * H, landgraaf, "Fleur", 16, gevaar=Gevaar.HOOG)
    _triage(c, Aanpak.AMBULANT, nu - 18 * H)
    _moment(c, M.AMBULANT_START, nu - 17 * H)
    c = _casus(nu - 3 * H, kerkrade, "Milan", 12, gevaar=Gevaar.ACUUT, kanaal=Kanaal.POLITIE)
    _triage(c, Aanpak.VERBLIJF, nu - dt.timedelta(minutes=170), ter_plaatse=True)
    c = _casus(nu - 6 * D - 3 * H, heerlen, "Iris", 15, melder=school)
    _triage(c, Aanpak.BEIDE, nu - 6 * D - 2 * H)
    _moment(c, M.VERBLIJF_START, nu - 6 * D, plek="Crisisopvang De Horst, Heerlen")
    _moment(c, M.GESTABILISEERD, nu - 5 * D - 10 * H)
    _moment(c, M.RONDETAFEL, nu - 5 * D - 6 * H, toelichting="Met het toegangsteam Heerlen")
    c = _casus(nu - 9 * D, kerkrade, "Thijs", 13)
    _triage(c, Aanpak.VERBLIJF, nu - 9 * D + H)
    _moment(c, M.VERBLIJF_START, nu - 9 * D + 2 * H, plek="Crisisgezin Kerkrade")
    _moment(c, M.GESTABILISEERD, nu - 8 * D - 2 * H)
    c = _casus(nu - 10 * D, heerlen, "Sara", 17)
    _triage(c, Aanpak.AMBULANT, nu - 10 * D + H)
    _moment(c, M.AMBULANT_START, nu - 10 * D + 2 * H)
    _moment(c, M.GESTABILISEERD, nu - 9 * D - 8 * H)
    _moment(c, M.RONDETAFEL, nu - 9 * D)
    c = _casus(nu - 20 * D, landgraaf, "Jesse", 16)
    _triage(c, Aanpak.VERBLIJF, nu - 20 * D + H)
    _moment(c, M.VERBLIJF_START, nu - 20 * D + 2 * H, plek="Crisisopvang De Horst, Heerlen")
    _moment(c, M.GESTABILISEERD, nu - 19 * D - 6 * H)
    _moment(c, M.RONDETAFEL, nu - 19 * D)
    _moment(c, M.VERBLIJF_EIND, nu - 14 * D)
    _moment(c, M.OVERBRUGGING_START, nu - 14 * D, toelichting="Tot de gezinshuisplek vrij is")

    # Handed over into a family plan (consent; toegang is regisseur and is told).
    gezin = _gezin_met_plan("Gezin Lardinois", heerlen, "Lotte", 11)
    c = _casus(nu - 5 * D, heerlen, "Lotte", 11, bsn=_bsn_van(gezin), melder=school)
    _triage(c, Aanpak.AMBULANT, nu - 5 * D + H)
    _moment(c, M.AMBULANT_START, nu - 5 * D + 2 * H)
    _moment(c, M.GESTABILISEERD, nu - 4 * D - 8 * H)
    _moment(c, M.RONDETAFEL, nu - 4 * D)
    services.gezin_koppelen(toegang=_wijzig(c, "crisisdienst"), by=actor("crisisdienst"), gezin=gezin)
    services.deelname_vastleggen(
        toegang=_wijzig(c, "crisisdienst"),
        by=actor("crisisdienst"),
        organisatie=Organisatie.objects.get(regio=regio, soort=OrganisatieSoort.GI, naam="Jeugdbescherming Limburg"),
        grondslag=MandaatGrondslag.OTS,
    )
    ouder = Gezinslid.objects.filter(gezin=gezin, soort=LidSoort.OUDER).first()
    _overdragen(c, toestemming=True, door=ouder.naam if ouder else "moeder", lid=ouder)
    # Handed over to the access team of Heerlen (no family plan yet).
    c = _casus(nu - 3 * D, heerlen, OVERGEDRAGEN_AAN_TOEGANG, 11, melder=huisarts)
    _triage(c, Aanpak.AMBULANT, nu - 3 * D + H)
    _moment(c, M.AMBULANT_START, nu - 3 * D + 2 * H)
    _moment(c, M.GESTABILISEERD, nu - 2 * D - 4 * H)
    _moment(c, M.RONDETAFEL, nu - 2 * D)
    _overdragen(c, toestemming=False)

    # Closed.
    c = _casus(nu - 40 * D, kerkrade, "Sem", 15)
    _triage(c, Aanpak.BEIDE, nu - 40 * D + H)
    _moment(c, M.VERBLIJF_START, nu - 40 * D + 2 * H, plek="Crisisgezin Kerkrade")
    _moment(c, M.AMBULANT_START, nu - 40 * D + 3 * H)
    _moment(c, M.GESTABILISEERD, nu - 40 * D + 10 * H)
    _moment(c, M.RONDETAFEL, nu - 39 * D)
    _moment(c, M.VERBLIJF_EIND, nu - 35 * D)
    _moment(c, M.AMBULANT_EIND, nu - 20 * D)
    _moment(c, M.VERVOLGHULP, nu - 20 * D, toelichting="Gezinsbehandeling bij Jeugdhulp Parkstad")
    _overdragen(c, toestemming=False, tijdstip=nu - 20 * D)
    _sluiten(c, nu - 19 * D)
    services.terugblik_vastleggen(
        toegang=_wijzig(c, "crisisdienst"),
        by=actor("crisisdienst"),
        wat_ging_vooraf="Moeder was maanden overbelast; de wachtlijst voor gezinsbehandeling was lang.",
        wat_had_eerder_gekund="Eerder een steungezin en ondersteuning thuis.",
        themas=list(Terugblikthema.objects.filter(sleutel__in=["overbelasting-ouders", "wachtlijst"])),
    )
    c = _casus(nu - 70 * D, landgraaf, "Noor", 9, melder_soort=MelderSoort.BURGER)
    _triage(c, Aanpak.ADVIES, nu - 70 * D + H)
    _moment(c, M.GESTABILISEERD, nu - 68 * D)
    _sluiten(c, nu - 67 * D)


def _normen(regio: Regio, dienst: Organisatie) -> None:
    leider, created = Gebruiker.objects.get_or_create(
        username="crisis-teamleider",
        defaults={"first_name": "Mieke", "last_name": "Vaessen", "email": "crisis-teamleider@demo.jeugdketen.nl"},
    )
    if created:
        leider.password = make_password(None)
        leider.save(update_fields=["password"])
    Medewerker.objects.get_or_create(gebruiker=leider, organisatie=dienst, rol=Rol.TRIAGE)
    Crisisnormen.objects.get_or_create(regio=regio, defaults={"teamleider": leider})


def _casus(
    ontvangen: dt.datetime,
    gemeente: Gemeente,
    voornaam: str,
    leeftijd: int,
    *,
    gevaar: str = Gevaar.HOOG,
    kanaal: str = Kanaal.TELEFOON,
    melder: Organisatie | None = None,
    melder_soort: str | None = None,
    bsn: str = "",
) -> Crisiscasus:
    professional = melder is not None and melder_soort != MelderSoort.BURGER
    return services.melding_vastleggen(
        by=actor("crisisdienst"),
        ontvangen_op=ontvangen,
        kanaal=kanaal,
        melder_soort=MelderSoort.PROFESSIONAL if professional else MelderSoort.BURGER,
        melder_organisatie=melder if professional else None,
        melder_naam="Dokter Vliegen" if professional else "Moeder",
        melder_relatie="" if professional else MelderRelatie.OUDER,
        melder_telefoon="045-5551234",
        gemeente=gemeente,
        plaats="Thuis",
        wat_speelt="Hoog oplopende ruzie thuis; de jongere is weggelopen en zegt niet meer te willen leven.",
        gevaar=gevaar,
        jeugdigen=[services.JeugdigeInvoer(voornaam=voornaam, leeftijd=leeftijd, bsn=bsn)],
    )


def _wijzig(casus: Crisiscasus, who: str) -> Toegang[Crisiscasus]:
    """The case fetched for a change, as the crisis page does before it calls the service."""
    return fetch(actor(who), Crisiscasus, uuid=casus.uuid, segment=Segment.SCHRIJVEN, actie=Actie.UPDATE)


def _triage(casus: Crisiscasus, aanpak: str, tijdstip: dt.datetime, *, ter_plaatse: bool = False) -> None:
    services.triage_vastleggen(
        toegang=_wijzig(casus, "crisisdienst"),
        by=actor("crisisdienst"),
        tijdstip=tijdstip,
        aanpak=aanpak,
        deelnemers="Esther Lemmens (crisisdienst), Mark Habets (GGZ), Sanne Jacobs (toegang)",
        ggz=True,
        lvb=aanpak != Aanpak.ADVIES,
        ter_plaatse_nodig=ter_plaatse,
    )


def _moment(casus: Crisiscasus, soort: str, tijdstip: dt.datetime, *, plek: str = "", toelichting: str = "") -> None:
    services.moment_vastleggen(
        toegang=_wijzig(casus, "crisisdienst"),
        by=actor("crisisdienst"),
        soort=soort,
        tijdstip=tijdstip,
        plek=plek,
        toelichting=toelichting,
    )


def _overdragen(
    casus: Crisiscasus, *, toestemming: bool, door: str = "", lid: Any = None, tijdstip: dt.datetime | None = None
) -> None:
    wie = f"lid:{lid.uuid}" if lid is not None else "Moeder"
    services.overdracht_vastleggen(
        toegang=_wijzig(casus, "crisisdienst"),
        by=actor("crisisdienst"),
        toestemming_gezin=toestemming,
        toestemming_door=door,
        besluit="Jullie kind blijft thuis wonen. Er komt een paar weken elke dag iemand van de crisisdienst langs.",
        volgende_stap="Het toegangsteam maakt samen met jullie een gezinsplan. Zij bellen deze week.",
        contact_naam="Sanne Jacobs, toegangsteam Heerlen",
        contact_telefoon="045-5603000",
        veiligheidsplan="Als de ruzie weer oploopt: moeder gaat met de jongere naar oma. Oma is altijd bereikbaar.",
        afspraken=[services.AfspraakInvoer(wat="Elke avond even samen praten over de dag", wie=wie)],
        tijdstip=tijdstip,
    )


def _sluiten(casus: Crisiscasus, tijdstip: dt.datetime) -> None:
    services.casus_sluiten(toegang=_wijzig(casus, "crisisdienst"), by=actor("crisisdienst"), tijdstip=tijdstip)


def _gezin_met_plan(naam: str, gemeente: Gemeente, voornaam: str, leeftijd: int) -> Any:
    """A family the access team coordinates; the parent gave the crisis service consent (the
    youth is under 12, so the parent decides alone)."""
    from jeugdketen.core.bsn import fictitious_bsn

    toegang = actor("toegang")
    gezin = gezinnen_services.gezin_aanmaken(
        by=toegang,
        naam=naam,
        gemeente=gemeente,
        leden=[
            gezinnen_services.LidInvoer(soort=LidSoort.OUDER, voornaam="Anouk", achternaam="Lardinois", gezag=True),
            gezinnen_services.LidInvoer(
                soort=LidSoort.JEUGDIGE,
                voornaam=voornaam,
                achternaam="Lardinois",
                bsn=fictitious_bsn(random.Random(f"crisis-{naam}")),
                geboortedatum=kalender.uiterlijk_geboren(leeftijd, kalender.vandaag()) - dt.timedelta(days=40),
            ),
        ],
        doel="Gezinsplan opstellen en uitvoeren",
        einddatum=kalender.vandaag() + dt.timedelta(days=365),
    )
    plan_services.plan_aanmaken(
        gezin=gezin, by=toegang, situatie="Zorgen over ruzies thuis.", krachten="Oma helpt veel."
    )
    ouder = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.OUDER)
    gezinnen_services.toestemming_geven(
        gezin=gezin,
        by=toegang,
        organisatie=Organisatie.objects.get(soort=OrganisatieSoort.CRISISDIENST, regio=gemeente.regio),
        doel="Crisishulp en overdracht naar het gezinsplan",
        einddatum=kalender.vandaag() + dt.timedelta(days=90),
        gegeven_door=ouder,
    )
    return gezin


def _bsn_van(gezin: Any) -> str:
    lid = Gezinslid.objects.filter(gezin=gezin, soort=LidSoort.JEUGDIGE).first()
    return lid.bsn if lid else ""
