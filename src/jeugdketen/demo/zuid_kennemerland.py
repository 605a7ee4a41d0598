"""The demo's second region: Zuid-Kennemerland (seed 004, the region's transformation plan),
beside Parkstad, so that region boundaries are visible and tested (tests/demo/test_regios.py
crawls as every role of one region and finds nothing of the other).

Its four municipalities with their CBS codes, the organisations the seed names (the CJG
Kennemerland as access team, Kenter for youth care, Veilig Thuis), two logins (`zk-toegang`,
`zk-aanbieder`) and two families with a plan made through the services, each youth also in the
verwijsindex. Built once with size >= 1; demo/schaal.py spreads generated families over this
region too. The family and youth names are distinctive on purpose: a page of Parkstad that shows
one of them is a leak.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from jeugdketen.core import kalender
from jeugdketen.core.rollen import Rol
from jeugdketen.demo.common import actor, demo_bsn
from jeugdketen.gezinnen import services as gezinnen_services
from jeugdketen.gezinnen.models import Gezin, LidSoort
from jeugdketen.gezinsplan import services as plan_services
from jeugdketen.organisaties.models import (
    NIET_MELDBEVOEGDE_SOORTEN,
    Gebruiker,
    GebruikerSoort,
    Gemeente,
    Medewerker,
    Organisatie,
    OrganisatieSoort,
    Regio,
)
from jeugdketen.verwijsindex.models import Aansluiting
from jeugdketen.verwijsindex.services import Identificatie, melding_registreren

REGION_NAME = "Zuid-Kennemerland"
MUNICIPALITIES = [
    ("Haarlem", "GM0392"),
    ("Zandvoort", "GM0473"),
    ("Heemstede", "GM0397"),
    ("Bloemendaal", "GM0377"),
]
ORGANISATIONS: dict[str, tuple[str, str, str | None]] = {
    "toegang": ("CJG Kennemerland", OrganisatieSoort.TOEGANG, "Haarlem"),
    "aanbieder": ("Kenter Jeugdhulp", OrganisatieSoort.JEUGDHULPAANBIEDER, None),
    "veiligthuis": ("Veilig Thuis Kennemerland", OrganisatieSoort.VEILIG_THUIS, None),
}
# username: (first name, last name, organisation key, roles)
LOGINS: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "zk-toegang": ("Marieke", "Zonneveld", "toegang", (Rol.HULPVERLENER, Rol.MELDINGSBEVOEGD)),
    "zk-aanbieder": ("Joris", "Vlasveld", "aanbieder", (Rol.HULPVERLENER, Rol.MELDINGSBEVOEGD)),
}
# (family name, parent's first name, youth's first name, youth's age, municipality)
FAMILIES = [
    ("Spaarnwoude", "Wilhelmina", "Quirijn", 14, "GM0392"),
    ("Kraantje-Zeeweg", "Ottoline", "Ezrah", 9, "GM0473"),
]


def names() -> list[str]:
    """What must never appear on a page of another region: the families' and youths' names."""
    out = []
    for achternaam, ouder, kind, _age, _cbs in FAMILIES:
        out += [f"Gezin {achternaam}", achternaam, f"{ouder} {achternaam}", f"{kind} {achternaam}"]
    return out


def zuid_kennemerland_demo(*, password: str, rng: random.Random) -> Regio:
    regio, _ = Regio.objects.get_or_create(naam=REGION_NAME)
    gemeenten = {
        naam: Gemeente.objects.get_or_create(cbs_code=code, defaults={"regio": regio, "naam": naam})[0]
        for naam, code in MUNICIPALITIES
    }
    orgs: dict[str, Organisatie] = {}
    for key, (naam, soort, gemeente) in ORGANISATIONS.items():
        orgs[key], created = Organisatie.objects.get_or_create(
            naam=naam,
            regio=regio,
            defaults={
                "soort": soort,
                "gemeente": gemeenten.get(gemeente or ""),
                "aangesloten_verwijsindex": soort not in NIET_MELDBEVOEGDE_SOORTEN,
                "email": f"{key}@zk.demo.jeugdketen.nl",
            },
        )
        if created and orgs[key].aangesloten_verwijsindex:
            Aansluiting.objects.get_or_create(
                organisatie=orgs[key], defaults={"sinds": timezone.now() - dt.timedelta(days=400)}
            )
    for username, (first, last, org, roles) in LOGINS.items():
        user, _ = Gebruiker.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "password": password,
                "soort": GebruikerSoort.MEDEWERKER,
                "email": f"{username}@demo.jeugdketen.nl",
            },
        )
        for rol in roles:
            Medewerker.objects.get_or_create(gebruiker=user, organisatie=orgs[org], rol=rol)
    if Gezin.objects.filter(gemeente__regio=regio, naam=f"Gezin {FAMILIES[0][0]}").exists():
        return regio
    toegang = actor("zk-toegang")
    today = kalender.vandaag()
    for achternaam, ouder, kind, age, cbs in FAMILIES:
        geboren = kalender.uiterlijk_geboren(age, today) - dt.timedelta(days=rng.randrange(1, 300))
        bsn = demo_bsn(rng)
        gezin = gezinnen_services.gezin_aanmaken(
            by=toegang,
            naam=f"Gezin {achternaam}",
            gemeente=Gemeente.objects.get(cbs_code=cbs),
            leden=[
                gezinnen_services.LidInvoer(soort=LidSoort.OUDER, voornaam=ouder, achternaam=achternaam, gezag=True),
                gezinnen_services.LidInvoer(
                    soort=LidSoort.JEUGDIGE, voornaam=kind, achternaam=achternaam, bsn=bsn, geboortedatum=geboren
                ),
            ],
            doel="Gezinsplan maken en uitvoeren",
            einddatum=today + dt.timedelta(days=365),
        )
        plan_services.plan_aanmaken(
            gezin=gezin,
            by=toegang,
            situatie=f"{kind} {achternaam} zit veel thuis.",
            krachten=f"{ouder} {achternaam} wil graag hulp.",
            volgende_evaluatie=today + dt.timedelta(days=30),
        )
        melding_registreren(
            actor=toegang,
            identificatie=Identificatie(geboortedatum=geboren, bsn=bsn),
            melder=Gebruiker.objects.get(username="zk-toegang"),
        )
    return regio
