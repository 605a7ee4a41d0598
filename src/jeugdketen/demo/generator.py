"""Deterministic demo region generator: region Parkstad, its municipalities, organisations of
every kind, and a login for every role. `size` scales the number of extra organisations and
professionals with bulk inserts (later modules add families at national scale)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from jeugdketen.core.rollen import Rol
from jeugdketen.demo.agenda import agenda_demo
from jeugdketen.demo.crisis import crisis_demo
from jeugdketen.demo.ervaring import ervaring_demo
from jeugdketen.demo.gezinsplan import gezinsplan_demo
from jeugdketen.demo.jeugdhulp import jeugdhulp_demo
from jeugdketen.demo.monitor import monitor_demo
from jeugdketen.demo.plekvrij import plekvrij_demo
from jeugdketen.demo.toekomstplan import toekomstplan_demo
from jeugdketen.demo.verwijsindex import verwijsindex_demo
from jeugdketen.demo.zuid_kennemerland import REGION_NAME as ZK_REGION
from jeugdketen.demo.zuid_kennemerland import zuid_kennemerland_demo
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

DEMO_PASSWORD = "jeugdketen-demo"  # noqa: S105 - the documented demo password, demo only
REGION_NAME = "Parkstad"
REGION_NAMES = [REGION_NAME, ZK_REGION]  # the demo's regions; demo/schaal.py spreads its families over them first

# The seven Parkstad municipalities with their CBS codes (DOMAIN.md, CBS gemeentecodes 2024).
MUNICIPALITIES = [
    ("Beekdaelen", "GM1954"),
    ("Brunssum", "GM0899"),
    ("Heerlen", "GM0917"),
    ("Kerkrade", "GM0928"),
    ("Landgraaf", "GM0882"),
    ("Simpelveld", "GM0965"),
    ("Voerendaal", "GM0986"),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    first_name: str
    last_name: str
    organisation: str | None  # key into ORGANISATIONS; None for citizens
    roles: tuple[str, ...]
    description: str
    staff: bool = False


# key: (name, kind, municipality or None for region-wide)
ORGANISATIONS: dict[str, tuple[str, str, str | None]] = {
    "toegang": ("Toegangsteam Jeugd Heerlen", OrganisatieSoort.TOEGANG, "Heerlen"),
    "aanbieder": ("Jeugdhulp Parkstad", OrganisatieSoort.JEUGDHULPAANBIEDER, None),
    "pleegzorg": ("Pleegzorg Zuid-Limburg", OrganisatieSoort.PLEEGZORGAANBIEDER, None),
    "huisarts": ("Huisartsenpraktijk Schaesberg", OrganisatieSoort.HUISARTSENPRAKTIJK, "Landgraaf"),
    "school": ("Basisschool De Bron", OrganisatieSoort.SCHOOL, "Kerkrade"),
    "leerplicht": ("Leerplicht Parkstad", OrganisatieSoort.LEERPLICHT, None),
    "gi": ("Jeugdbescherming Limburg", OrganisatieSoort.GI, None),
    "veiligthuis": ("Veilig Thuis Zuid-Limburg", OrganisatieSoort.VEILIG_THUIS, None),
    "crisisdienst": ("Integrale Crisisdienst Jeugd Zuid-Limburg", OrganisatieSoort.CRISISDIENST, None),
    "jgz": ("Jeugdgezondheidszorg Zuid-Limburg", OrganisatieSoort.JGZ, None),
    "ggz": ("GGZ Jeugd Parkstad", OrganisatieSoort.GGZ, None),
    "beleid": ("Gemeente Heerlen – beleid jeugd", OrganisatieSoort.GEMEENTE_BELEID, "Heerlen"),
    "regio": ("Regio Parkstad – beheer Jeugdketen", OrganisatieSoort.REGIO_BEHEER, None),
}

LOGINS = [
    DemoLogin(
        "toegang",
        "Sanne",
        "Jacobs",
        "toegang",
        (Rol.HULPVERLENER, Rol.MELDINGSBEVOEGD),
        "toegangsteam/CJG: start gezinsplannen, vaak regisseur, meldt in de verwijsindex",
    ),
    DemoLogin(
        "aanbieder",
        "Ahmed",
        "El Amrani",
        "aanbieder",
        (Rol.HULPVERLENER, Rol.MELDINGSBEVOEGD),
        "jeugdhulpaanbieder: werkt aan afspraken, meldt vrije plekken",
    ),
    DemoLogin(
        "school",
        "Petra",
        "Hermans",
        "school",
        (Rol.HULPVERLENER, Rol.MELDINGSBEVOEGD),
        "school (intern begeleider): doet mee in plannen, meldt thuiszitters",
    ),
    DemoLogin(
        "huisarts",
        "Joost",
        "Vliegen",
        "huisarts",
        (Rol.HULPVERLENER, Rol.MELDINGSBEVOEGD),
        "huisarts / POH-GGZ jeugd: doet mee in plannen, meldt in de verwijsindex",
    ),
    DemoLogin(
        "gi",
        "Marloes",
        "Dassen",
        "gi",
        (Rol.HULPVERLENER, Rol.MELDINGSBEVOEGD),
        "gecertificeerde instelling: werkt met wettelijk mandaat, stelt veiligheidsvoorwaarden",
    ),
    DemoLogin(
        "veiligthuis",
        "Rob",
        "Kessels",
        "veiligthuis",
        (Rol.HULPVERLENER, Rol.MELDINGSBEVOEGD),
        "Veilig Thuis: werkt met wettelijk mandaat, stelt veiligheidsvoorwaarden",
    ),
    DemoLogin(
        "crisisdienst",
        "Esther",
        "Lemmens",
        "crisisdienst",
        (Rol.TRIAGE, Rol.HULPVERLENER),
        "crisisdienst (ICJ): neemt crisismeldingen aan, triage, bewaakt de normen",
    ),
    DemoLogin(
        "functioneelbeheer",
        "Koen",
        "Bemelmans",
        "regio",
        (Rol.FUNCTIONEEL_BEHEER,),
        "functioneel beheer verwijsindex: sluit organisaties aan, matchregie, gebruikscijfers",
    ),
    DemoLogin(
        "beleid", "Ingrid", "Smeets", "beleid", (Rol.BELEID,), "beleidsmedewerker: ziet alleen cijfers, nooit personen"
    ),
    DemoLogin(
        "beheer",
        "Tom",
        "Wetzels",
        "regio",
        (Rol.APPLICATIEBEHEER,),
        "applicatiebeheer: organisaties, gebruikers en instellingen (beheerscherm)",
        staff=True,
    ),
    DemoLogin("logbeheer", "Fatima", "Ouali", "regio", (Rol.LOGBEHEER,), "logbeheer/privacy: leest het toegangslog"),
    DemoLogin("ouder", "Linda", "Janssen", None, (), "ouder in een demogezin: eigen gezinsplan"),
    DemoLogin("jongere", "Daan", "Janssen", None, (), "jongere (16+) in hetzelfde gezin: eigen plan en toekomstplan"),
]


def region_exists() -> bool:
    return Regio.objects.filter(naam=REGION_NAME).exists()


def describe_logins() -> list[tuple[str, str]]:
    from jeugdketen.demo import zuid_kennemerland as zk

    second = [
        (username, f"{zk.REGION_NAME}, {zk.ORGANISATIONS[org][0]}: de tweede regio (ziet niets van Parkstad)")
        for username, (_first, _last, org, _roles) in zk.LOGINS.items()
    ]
    return [(login.username, login.description) for login in LOGINS] + second


@transaction.atomic
def build(*, size: int = 1, seed: int = 20181) -> Regio:
    """Build the demo region. Deterministic for a given seed; idempotent per region name."""
    rng = random.Random(seed)
    regio, _created = Regio.objects.get_or_create(naam=REGION_NAME)
    gemeenten = {
        naam: Gemeente.objects.get_or_create(cbs_code=code, defaults={"regio": regio, "naam": naam})[0]
        for naam, code in MUNICIPALITIES
    }
    orgs: dict[str, Organisatie] = {}
    for key, (naam, soort, gemeente) in ORGANISATIONS.items():
        orgs[key], _ = Organisatie.objects.get_or_create(
            naam=naam,
            defaults={
                "regio": regio,
                "soort": soort,
                "gemeente": gemeenten.get(gemeente or ""),
                "aangesloten_verwijsindex": soort not in NIET_MELDBEVOEGDE_SOORTEN,
                "telefoon": f"045-{rng.randrange(5000000, 5999999)}",
                "email": f"{key}@{key}.demo.jeugdketen.nl",
            },
        )
    password = make_password(DEMO_PASSWORD)  # hash once: Argon2 per user would be slow at scale
    for login in LOGINS:
        user, created = Gebruiker.objects.get_or_create(
            username=login.username,
            defaults={
                "first_name": login.first_name,
                "last_name": login.last_name,
                "password": password,
                "soort": GebruikerSoort.BURGER if login.organisation is None else GebruikerSoort.MEDEWERKER,
                "email": f"{login.username}@demo.jeugdketen.nl",
                "is_staff": login.staff,
                "is_superuser": login.staff,  # the admin site itself also demands the applicatiebeheer role
            },
        )
        if login.organisation:
            for rol in login.roles:
                Medewerker.objects.get_or_create(gebruiker=user, organisatie=orgs[login.organisation], rol=rol)
    _bulk_extra(regio, gemeenten, size=size, rng=rng, password=password)
    # Module demo data: one call per module, each in its own file demo/<module>.py.
    gezinsplan_demo(regio, size=size, rng=rng)
    jeugdhulp_demo(regio, size=size, rng=rng)
    toekomstplan_demo(regio, size=size, rng=rng)
    verwijsindex_demo(regio, size=size, rng=rng)
    crisis_demo(regio, size=size, rng=rng)
    plekvrij_demo(regio, size=size)
    agenda_demo(regio)
    ervaring_demo(regio, size=size, seed=seed)
    if size >= 1:  # the second region (size 0, the tests' fixture, is Parkstad alone)
        zuid_kennemerland_demo(password=password, rng=random.Random(f"{seed}-zk"))
    monitor_demo(regio, size=size, rng=rng)  # last: it computes the facts from all of the above
    return regio


EXTRA_KINDS = [
    OrganisatieSoort.TOEGANG,
    OrganisatieSoort.JEUGDHULPAANBIEDER,
    OrganisatieSoort.SCHOOL,
    OrganisatieSoort.HUISARTSENPRAKTIJK,
    OrganisatieSoort.WMO_AANBIEDER,
    OrganisatieSoort.VERSLAVINGSZORG,
    OrganisatieSoort.GEHANDICAPTENZORG,
    OrganisatieSoort.SPOEDEISENDE_HULP,
    OrganisatieSoort.RMC,
    OrganisatieSoort.KREDIETBANK,
    OrganisatieSoort.POLITIE,
    OrganisatieSoort.HALT,
    OrganisatieSoort.RAAD_KINDERBESCHERMING,
]
FIRST_NAMES = [
    "Anouk",
    "Bram",
    "Chantal",
    "Dirk",
    "Eva",
    "Frank",
    "Gwen",
    "Hanna",
    "Ilse",
    "Jeroen",
    "Kim",
    "Lars",
    "Mila",
    "Noah",
    "Olga",
    "Pieter",
    "Rik",
    "Sophie",
    "Tim",
    "Yara",
]
LAST_NAMES = [
    "Bemelmans",
    "Coenen",
    "Dautzenberg",
    "Frissen",
    "Habets",
    "Janssen",
    "Kleijnen",
    "Lardinois",
    "Meertens",
    "Notermans",
    "Ortmans",
    "Quaedvlieg",
    "Schiffelers",
    "Vaessen",
]


def _bulk_extra(regio: Regio, gemeenten: dict[str, Gemeente], *, size: int, rng: random.Random, password: str) -> None:
    """Per municipality one organisation of every extra kind, each with two professionals: a fixed
    set per municipality whatever the size (organisations grow with municipalities, not with the
    data; the volume comes from demo/schaal.py).

    Incremental: only what is missing is added, in a fixed number of bulk statements."""
    if size <= 0:
        return
    existing = set(Organisatie.objects.filter(regio=regio, naam__startswith="Demo ").values_list("naam", flat=True))
    new_orgs = []
    for i in range(1):
        for gemeente in gemeenten.values():
            for soort in EXTRA_KINDS:
                naam = f"Demo {OrganisatieSoort(soort).label} {gemeente.naam} {i + 1}"
                if naam not in existing:
                    new_orgs.append(
                        Organisatie(
                            regio=regio,
                            gemeente=gemeente,
                            soort=soort,
                            naam=naam,
                            aangesloten_verwijsindex=rng.random() < 0.8,
                        )
                    )
    Organisatie.objects.bulk_create(new_orgs, batch_size=2000)
    orgs = list(
        Organisatie.objects.filter(regio=regio, naam__startswith="Demo ", medewerkers__isnull=True).order_by("id")
    )
    users = []
    for org in orgs:
        for j in range(2):
            users.append(
                Gebruiker(
                    username=f"demo-{org.id}-{j}",
                    password=password,
                    soort=GebruikerSoort.MEDEWERKER,
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    email=f"medewerker-{org.id}-{j}@demo.jeugdketen.nl",
                )
            )
    Gebruiker.objects.bulk_create(users, batch_size=2000)
    by_name = {
        u.username: u
        for u in Gebruiker.objects.filter(username__startswith="demo-", medewerkerschappen__isnull=True).only(
            "id", "username"
        )
    }
    rows = []
    for org in orgs:
        for j in range(2):
            user = by_name[f"demo-{org.id}-{j}"]
            rows.append(Medewerker(gebruiker=user, organisatie=org, rol=Rol.HULPVERLENER))
            if org.aangesloten_verwijsindex and j == 0:
                rows.append(Medewerker(gebruiker=user, organisatie=org, rol=Rol.MELDINGSBEVOEGD))
    Medewerker.objects.bulk_create(rows, batch_size=5000)
