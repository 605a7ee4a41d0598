"""Demo data of plekvrij and the sociale kaart.

Always (also at size 0, the test fixture): Parkstad's providers with places of every kind — some
current, some stale, some full, one free again "vanaf" a date — their history, reservations in
every state (one expired hold the job has not released yet: it already counts as free), a saved
search of the `toegang` login, two weeks of day totals for the monitor, and a sociale kaart with
real-looking offers. `aanbieder` (Jeugdhulp Parkstad) updates its places from its home page.
Idempotent: nothing is added when the region already has locations.

With size >= 1: every generated youth-care, disability or addiction provider ("Demo ...") gets a
location with two places, in bulk (a constant number of statements, whatever the size).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from jeugdketen.organisaties.models import Gebruiker, Gemeente, Organisatie, OrganisatieSoort, Regio
from jeugdketen.plekvrij.models import (
    Bron,
    Dagstand,
    Hulpaanbod,
    Locatie,
    Plek,
    Plekstand,
    Reservering,
    ReserveringStatus,
    Soort,
    Specialisme,
    Zoekopdracht,
)

JEUGDZORGPLUS = "Jeugdzorgplus Zuid-Limburg"

# (organisation key or name, location, municipality, place)
# place: (kind, name, ages, specialisms, contracted, out of use, occupied, hours since update, free from in days)
PLEKKEN: list[
    tuple[str, str, str, str, tuple[str, str, tuple[int, int], tuple[str, ...], int, int, int, float, int | None]]
] = [
    (
        "Jeugdhulp Parkstad",
        "De Linde",
        "Heerlen",
        "Heerlerheide",
        (Soort.CRISISPLEK, "Crisisgroep De Linde", (12, 17), ("trauma",), 4, 0, 2, 1.5, None),
    ),
    (
        "Jeugdhulp Parkstad",
        "De Linde",
        "Heerlen",
        "Heerlerheide",
        (Soort.LEEFGROEP, "Groep Zonnebloem", (12, 17), ("gedrag",), 8, 1, 7, 30, 12),
    ),
    (
        "Jeugdhulp Parkstad",
        "Gezinshuis Brunssum",
        "Brunssum",
        "Brunssum-Noord",
        (Soort.GEZINSHUIS, "", (6, 17), ("trauma", "broers-zussen"), 4, 0, 3, 24 * 10, None),
    ),
    (
        "Jeugdhulp Parkstad",
        "Logeerhuis Het Anker",
        "Kerkrade",
        "Chevremont",
        (Soort.LOGEREN, "", (4, 17), ("lvb", "autisme"), 6, 0, 2, 3, None),
    ),
    (
        "Jeugdhulp Parkstad",
        "Wonen Op Eigen Benen",
        "Landgraaf",
        "Schaesberg",
        (Soort.BEGELEID_WONEN, "", (16, 23), (), 10, 0, 10, 20, 21),
    ),
    (
        "Jeugdhulp Parkstad",
        "Crisisopvang Kerkrade",
        "Kerkrade",
        "Kerkrade-West",
        (Soort.CRISISPLEK, "", (0, 17), (), 2, 0, 1, 20, None),
    ),
    (
        "Pleegzorg Zuid-Limburg",
        "Pleeggezinnen Parkstad",
        "Heerlen",
        "",
        (Soort.PLEEGGEZIN, "Bestandspleegzorg", (0, 17), ("broers-zussen",), 15, 2, 11, 2 * 24, None),
    ),
    (
        "Pleegzorg Zuid-Limburg",
        "Crisispleeggezinnen",
        "Landgraaf",
        "",
        (Soort.CRISISPLEK, "Crisispleeggezin", (0, 12), (), 3, 0, 2, 4, None),
    ),
    (
        "GGZ Jeugd Parkstad",
        "Klinische groep De Horst",
        "Simpelveld",
        "",
        (Soort.LEEFGROEP, "Groep De Horst", (12, 18), ("ggz", "trauma"), 6, 0, 5, 9 * 24, None),
    ),
    (
        JEUGDZORGPLUS,
        "Gesloten groep De Kapel",
        "Voerendaal",
        "",
        (Soort.JEUGDZORGPLUS, "Groep De Kapel", (12, 18), ("gedrag", "verslaving"), 8, 2, 6, 12, None),
    ),
    (
        "Jeugdhulp Parkstad",
        "Gezinshuis Beekdaelen",
        "Beekdaelen",
        "Nuth",
        (Soort.GEZINSHUIS, "", (4, 14), (), 3, 0, 3, 5 * 24, 30),
    ),
]

AANBOD: list[dict[str, Any]] = [
    {
        "titel": "Opvoedspreekuur van het CJG",
        "aanbieder": "Toegangsteam Jeugd Heerlen",
        "categorie": "opvoeden",
        "samenvatting": "Praat met een opvoedcoach over vragen die je hebt over je kind.",
        "voor_wie": "Ouders en verzorgers met een vraag over opvoeden. Bijvoorbeeld over slapen, ruzie of school.",
        "hoe": "Kom langs op het spreekuur of bel voor een afspraak. Je hoeft je niet aan te melden.",
        "waar": "CJG Heerlen, in het gezondheidscentrum",
        "gemeenten": ["Heerlen"],
        "telefoon": "045-5600000",
        "volgende_stap": "Is er meer nodig? De opvoedcoach zoekt met je uit welke hulp past. "
        "Zo nodig regelt die een verwijzing.",
    },
    {
        "titel": "Cursus Positief Opvoeden",
        "aanbieder": "Toegangsteam Jeugd Heerlen",
        "categorie": "cursus",
        "samenvatting": "Een cursus van vier avonden met andere ouders.",
        "voor_wie": "Ouders van kinderen van 2 tot 12 jaar die het opvoeden soms lastig vinden.",
        "hoe": "Meld je aan bij het CJG. De cursus begint een paar keer per jaar.",
        "waar": "Buurthuis in Heerlen en in Kerkrade",
        "leeftijd": (2, 12),
        "volgende_stap": "Past een groep niet bij je? Vraag het CJG om gesprekken thuis.",
    },
    {
        "titel": "Jongerenwerk: inloop in het jongerencentrum",
        "aanbieder": None,
        "categorie": "jongerenwerk",
        "samenvatting": "Een plek om te chillen, te praten en mee te doen met activiteiten.",
        "voor_wie": "Jongeren van 12 tot 23 jaar. Je mag een vriend of vriendin meenemen.",
        "hoe": "Loop gewoon binnen. Je hoeft niks te regelen.",
        "waar": "Jongerencentra in Brunssum, Landgraaf en Kerkrade",
        "gemeenten": ["Brunssum", "Landgraaf", "Kerkrade"],
        "leeftijd": (12, 23),
        "volgende_stap": "Zit je ergens mee? De jongerenwerker luistert en weet waar je verder terecht kunt.",
    },
    {
        "titel": "Steungezin",
        "aanbieder": "Pleegzorg Zuid-Limburg",
        "categorie": "steungezin",
        "samenvatting": "Een gezin uit de buurt waar je kind af en toe een middag of weekend is.",
        "voor_wie": "Gezinnen die het even zwaar hebben en wat lucht nodig hebben.",
        "hoe": "Bel ons. We zoeken samen een steungezin dat bij jullie past.",
        "waar": "In de hele regio",
        "telefoon": "045-5700000",
        "volgende_stap": "Is er meer hulp nodig? Neem contact op met het CJG of het toegangsteam.",
    },
    {
        "titel": "Consultatiebureau en jeugdarts",
        "aanbieder": "Jeugdgezondheidszorg Zuid-Limburg",
        "categorie": "gezondheid",
        "samenvatting": "Groei, gezondheid en vaccinaties van je kind, met advies.",
        "voor_wie": "Alle kinderen van 0 tot 18 jaar en hun ouders.",
        "hoe": "Je krijgt vanzelf een uitnodiging. Een vraag tussendoor? Bel de JGZ.",
        "waar": "Consultatiebureaus in elke gemeente",
        "leeftijd": (0, 18),
        "volgende_stap": "De jeugdarts kan doorverwijzen als je kind meer hulp nodig heeft.",
    },
    {
        "titel": "Schuldhulp voor gezinnen",
        "aanbieder": None,
        "categorie": "geld",
        "samenvatting": "Hulp als je rekeningen niet meer kunt betalen.",
        "voor_wie": "Gezinnen met geldzorgen of schulden.",
        "hoe": "Bel of mail de gemeente. Je krijgt binnen een week een eerste gesprek.",
        "waar": "Bij je eigen gemeente",
        "volgende_stap": "Wil je eerst iemand spreken die je kent? Vraag het CJG om mee te gaan.",
    },
    {
        "titel": "Praten met de POH-GGZ jeugd",
        "aanbieder": "Huisartsenpraktijk Schaesberg",
        "categorie": "psychisch",
        "samenvatting": "Een paar gesprekken bij de huisarts als je je niet goed voelt.",
        "voor_wie": "Kinderen en jongeren die somber, bang of gestrest zijn, en hun ouders.",
        "hoe": "Maak een afspraak via je huisarts. Je hebt geen verwijzing nodig.",
        "waar": "Bij de huisartsenpraktijk",
        "gemeenten": ["Landgraaf"],
        "volgende_stap": "Is meer nodig? De huisarts verwijst je door naar de GGZ.",
    },
    {
        "titel": "Ambulante gezinsbegeleiding",
        "aanbieder": "Jeugdhulp Parkstad",
        "categorie": "jeugdhulp",
        "samenvatting": "Een begeleider komt bij jullie thuis, een paar keer per week.",
        "voor_wie": "Gezinnen waar het thuis vastloopt en waar meer nodig is dan een gesprek.",
        "hoe": "Je hebt een verwijzing nodig. Het toegangsteam bespreekt met je of dit past.",
        "toegankelijkheid": "verwijzing",
        "verwijzing_door": "het toegangsteam, de huisarts of de jeugdarts",
        "waar": "Bij jullie thuis",
        "volgende_stap": "Twijfel je of dit past? Bel het CJG of het toegangsteam van je gemeente.",
    },
    {
        "titel": "Pleegzorg",
        "aanbieder": "Pleegzorg Zuid-Limburg",
        "categorie": "wonen",
        "samenvatting": "Een kind woont een tijd in een ander gezin als thuis wonen even niet kan.",
        "voor_wie": "Kinderen en jongeren die (tijdelijk) niet thuis kunnen wonen.",
        "hoe": "Pleegzorg gaat altijd via een verwijzing. Er blijft zoveel mogelijk contact met thuis.",
        "toegankelijkheid": "verwijzing",
        "verwijzing_door": "het toegangsteam of de jeugdbescherming",
        "waar": "In pleeggezinnen in de hele regio",
        "volgende_stap": "Wil je pleegouder worden? Bel ons. Heb je zorgen over een kind? Bel het toegangsteam.",
    },
    {
        "titel": "GGZ-behandeling voor jongeren",
        "aanbieder": "GGZ Jeugd Parkstad",
        "categorie": "psychisch",
        "samenvatting": "Behandeling als je langere tijd psychische klachten hebt.",
        "voor_wie": "Jongeren tot 18 jaar met bijvoorbeeld angst, somberheid of een eetstoornis.",
        "hoe": "Je hebt een verwijzing nodig.",
        "toegankelijkheid": "verwijzing",
        "verwijzing_door": "de huisarts, de jeugdarts of het toegangsteam",
        "waar": "Heerlen en Simpelveld",
        "leeftijd": (4, 18),
        "volgende_stap": "Eerst even praten? Dat kan bij de POH-GGZ van je huisarts of bij het CJG.",
    },
    {
        "titel": "Crisisdienst Jeugd: dag en nacht",
        "aanbieder": "Integrale Crisisdienst Jeugd Zuid-Limburg",
        "categorie": "crisis",
        "samenvatting": "Meteen hulp als het thuis zo uit de hand loopt dat het niet veilig is.",
        "voor_wie": "Kinderen en jongeren tot 18 jaar en hun gezin, in een crisis.",
        "hoe": "Bel het crisisnummer. Er is altijd iemand die opneemt.",
        "waar": "Bij jullie thuis of op een crisisplek",
        "leeftijd": (0, 18),
        "telefoon": "045-5800000",
        "volgende_stap": "Geen crisis, wel zorgen? Bel het CJG of het toegangsteam. Bij direct gevaar: bel 112.",
    },
    {
        "titel": "Veilig Thuis",
        "aanbieder": "Veilig Thuis Zuid-Limburg",
        "categorie": "veiligheid",
        "samenvatting": "Advies en hulp bij huiselijk geweld en kindermishandeling.",
        "voor_wie": "Iedereen die zich zorgen maakt over geweld thuis: voor jezelf of voor een ander.",
        "hoe": "Bel gratis 0800-2000, dag en nacht. Je mag anoniem bellen.",
        "waar": "Telefonisch, en bij jullie thuis als dat nodig is",
        "telefoon": "0800-2000",
        "volgende_stap": "Bij direct gevaar: bel 112.",
    },
    {
        "titel": "Huiswerkbegeleiding in de bibliotheek",
        "aanbieder": None,
        "categorie": "school",
        "samenvatting": "Hulp met je huiswerk, twee middagen per week.",
        "voor_wie": "Leerlingen van groep 7 tot en met de derde klas.",
        "hoe": "Kom langs met je huiswerk. Het is gratis.",
        "waar": "Bibliotheek Kerkrade",
        "gemeenten": ["Kerkrade"],
        "leeftijd": (10, 15),
        "volgende_stap": "Loopt het op school echt vast? Praat met de intern begeleider of het CJG.",
    },
]


def plekvrij_demo(regio: Regio, *, size: int) -> None:
    if not Locatie.objects.filter(organisatie__regio=regio).exists():
        _hand_made(regio)
    if size >= 1:
        _bulk(regio, rng=random.Random(f"plekvrij-{size}"))


def _hand_made(regio: Regio) -> None:
    now = timezone.now()
    gemeenten = {g.naam: g for g in Gemeente.objects.filter(regio=regio)}
    Organisatie.objects.get_or_create(
        naam=JEUGDZORGPLUS,
        defaults={
            "regio": regio,
            "soort": OrganisatieSoort.JEUGDHULPAANBIEDER,
            "aangesloten_verwijsindex": True,
            "telefoon": "045-5900000",
            "email": "jeugdzorgplus@jeugdzorgplus.demo.jeugdketen.nl",
        },
    )
    orgs = {o.naam: o for o in Organisatie.objects.filter(regio=regio)}
    specialismen = {s.sleutel: s for s in Specialisme.objects.all()}
    aanbieder = Gebruiker.objects.filter(username="aanbieder").first()
    naam_aanbieder = aanbieder.weergavenaam if aanbieder else "Demo"
    locaties: dict[str, Locatie] = {}
    plekken: list[Plek] = []
    for org_naam, locatie_naam, gemeente, plaats, plek in PLEKKEN:
        if locatie_naam not in locaties:
            locaties[locatie_naam] = Locatie.objects.create(
                organisatie=orgs[org_naam],
                naam=locatie_naam,
                gemeente=gemeenten[gemeente],
                plaats=plaats,
                telefoon=orgs[org_naam].telefoon,
            )
        soort, naam, (van, tot), specs, contract, buiten, bezet, uren, vrij_vanaf = plek
        eigen = org_naam == "Jeugdhulp Parkstad"
        p = Plek.objects.create(
            locatie=locaties[locatie_naam],
            soort=soort,
            naam=naam,
            leeftijd_van=van,
            leeftijd_tot=tot,
            gecontracteerd=contract,
            buiten_gebruik=buiten,
            bezet=bezet,
            vrij_vanaf=(now + dt.timedelta(days=vrij_vanaf)).date() if vrij_vanaf else None,
            contact_naam=naam_aanbieder if eigen else "Planning",
            contact_telefoon=orgs[org_naam].telefoon,
            toelichting="1 plek niet inzetbaar door personeelstekort." if buiten and eigen else "",
            bijgewerkt_op=now - dt.timedelta(hours=uren),
            bijgewerkt_door=aanbieder if eigen else None,
            bijgewerkt_door_naam=naam_aanbieder if eigen else f"Planning {org_naam}",
        )
        p.specialismen.set([specialismen[s] for s in specs if s in specialismen])
        plekken.append(p)
    _history(plekken, now=now)
    _reservations(plekken, now=now)
    _saved_search(regio)
    _day_totals(regio, plekken, now=now)
    _kaart(regio, orgs, gemeenten, now=now)


def _history(plekken: list[Plek], *, now: dt.datetime) -> None:
    """Three earlier states per place, a day apart, ending in the current one."""
    rows = []
    for p in plekken:
        for dagen, delta in ((3, 1), (2, -1), (1, 0)):
            bezet = min(max(p.bezet + delta, 0), p.bruikbaar)
            rows.append(
                Plekstand(
                    plek=p,
                    tijdstip=p.bijgewerkt_op - dt.timedelta(days=dagen),
                    bron=Bron.SNEL,
                    door=p.bijgewerkt_door,
                    door_naam=p.bijgewerkt_door_naam,
                    gecontracteerd=p.gecontracteerd,
                    buiten_gebruik=p.buiten_gebruik,
                    bezet=bezet,
                    gereserveerd=0,
                    vrij=p.bruikbaar - bezet,
                    vrij_vanaf=None,
                )
            )
        rows.append(
            Plekstand(
                plek=p,
                tijdstip=p.bijgewerkt_op,
                bron=Bron.SNEL,
                door=p.bijgewerkt_door,
                door_naam=p.bijgewerkt_door_naam,
                gecontracteerd=p.gecontracteerd,
                buiten_gebruik=p.buiten_gebruik,
                bezet=p.bezet,
                gereserveerd=0,
                vrij=p.vrij,
                vrij_vanaf=p.vrij_vanaf,
            )
        )
    Plekstand.objects.bulk_create(rows)


def _reservations(plekken: list[Plek], *, now: dt.datetime) -> None:
    """Reservations in every state. Holds are counted in `gereserveerd`, as the services do."""
    by_name = {p.naam or p.locatie.naam: p for p in plekken}
    toegang = Gebruiker.objects.filter(username="toegang").first()
    crisis = Gebruiker.objects.filter(username="crisisdienst").first()
    orgs = {
        o.naam: o
        for o in Organisatie.objects.filter(
            naam__in=["Toegangsteam Jeugd Heerlen", "Integrale Crisisdienst Jeugd Zuid-Limburg"]
        )
    }
    if toegang is None or crisis is None or len(orgs) < 2:
        return
    wie = {
        "toegang": (toegang, orgs["Toegangsteam Jeugd Heerlen"], "045-5100001"),
        "crisis": (crisis, orgs["Integrale Crisisdienst Jeugd Zuid-Limburg"], "045-5800001"),
    }
    # (place, who, status, hours ago requested, hours held, hours to answer, initials, age, note)
    states = [
        (
            "Crisisgroep De Linde",
            "crisis",
            ReserveringStatus.AANGEVRAAGD,
            0.5,
            4,
            None,
            "M.B.",
            15,
            "Komt vanavond, met politie.",
        ),
        (
            "Logeerhuis Het Anker",
            "toegang",
            ReserveringStatus.BEVESTIGD,
            2,
            24,
            1,
            "S.K.",
            9,
            "Logeren in het weekend.",
        ),
        (
            "Bestandspleegzorg",
            "toegang",
            ReserveringStatus.AANGEVRAAGD,
            6,
            4,
            None,
            "J.D.",
            7,
            "Verlopen, nog niet vrijgegeven.",
        ),
        ("Crisispleeggezin", "crisis", ReserveringStatus.AFGEWEZEN, 30, 4, 1, "L.V.", 4, ""),
        ("Gezinshuis Brunssum", "toegang", ReserveringStatus.INGETROKKEN, 50, 8, None, "R.P.", 11, ""),
        ("Groep De Horst", "toegang", ReserveringStatus.VERLOPEN, 80, 4, None, "A.H.", 14, ""),
    ]
    rows = []
    for plek_naam, key, status, geleden, uren, antwoord_na, initialen, leeftijd, toelichting in states:
        user, org, tel = wie[key]
        aangevraagd = now - dt.timedelta(hours=geleden)
        verloopt = aangevraagd + dt.timedelta(hours=uren)
        klaar = status not in (ReserveringStatus.AANGEVRAAGD, ReserveringStatus.BEVESTIGD)
        rows.append(
            Reservering(
                plek=by_name[plek_naam],
                status=status,
                aangevraagd_op=aangevraagd,
                verloopt_op=verloopt,
                afgehandeld_op=min(verloopt, now) if klaar else None,
                organisatie=org,
                aangevraagd_door=user,
                aangevraagd_door_naam=user.weergavenaam,
                contact_telefoon=tel,
                initialen=initialen,
                leeftijd=leeftijd,
                toelichting=toelichting,
                beantwoord_op=aangevraagd + dt.timedelta(hours=antwoord_na) if antwoord_na else None,
                beantwoord_door_naam="Ahmed El Amrani" if antwoord_na else "",
                antwoord="Helaas, het gezin kan nu niet." if status == ReserveringStatus.AFGEWEZEN else "",
            )
        )
    # Placements for the monitor's "time to placement": 12 per kind of two kinds, over past months.
    drng = random.Random(7)
    for plek_naam, key in (("Crisisgroep De Linde", "crisis"), ("Bestandspleegzorg", "toegang")):
        user, org, tel = wie[key]
        for i in range(12):
            aangevraagd = now - dt.timedelta(days=20 + 14 * i, hours=drng.randrange(0, 12))
            rows.append(
                Reservering(
                    plek=by_name[plek_naam],
                    status=ReserveringStatus.GEPLAATST,
                    aangevraagd_op=aangevraagd,
                    verloopt_op=aangevraagd + dt.timedelta(hours=24),
                    afgehandeld_op=aangevraagd + dt.timedelta(hours=drng.choice([1, 2, 3, 5, 8, 20])),
                    beantwoord_op=aangevraagd + dt.timedelta(minutes=30),
                    beantwoord_door_naam="Planning",
                    organisatie=org,
                    aangevraagd_door=user,
                    aangevraagd_door_naam=user.weergavenaam,
                    contact_telefoon=tel,
                    initialen="",
                    leeftijd=drng.randrange(4, 17),
                )
            )
    Reservering.objects.bulk_create(rows)
    for p in plekken:
        houdt = Reservering.objects.filter(plek=p, status__in=["aangevraagd", "bevestigd"]).count()
        if houdt:
            Plek.objects.filter(pk=p.pk).update(gereserveerd=houdt)


def _saved_search(regio: Regio) -> None:
    toegang = Gebruiker.objects.filter(username="toegang").first()
    if toegang is not None:
        Zoekopdracht.objects.create(eigenaar=toegang, soort=Soort.GEZINSHUIS, leeftijd=12, regio=regio)


def _day_totals(regio: Regio, plekken: list[Plek], *, now: dt.datetime) -> None:
    """Two weeks of day totals per kind, varying around today's numbers."""
    drng = random.Random(11)
    per_soort: dict[str, list[Plek]] = {}
    for p in plekken:
        per_soort.setdefault(p.soort, []).append(p)
    rows = []
    vandaag = timezone.localdate(now)
    for dagen in range(14, 0, -1):
        for soort, lijst in per_soort.items():
            bruikbaar = sum(p.bruikbaar for p in lijst)
            bezet = min(max(sum(p.bezet for p in lijst) + drng.randrange(-1, 2), 0), bruikbaar)
            rows.append(
                Dagstand(
                    datum=vandaag - dt.timedelta(days=dagen),
                    regio=regio,
                    soort=soort,
                    plekken=len(lijst),
                    gecontracteerd=sum(p.gecontracteerd for p in lijst),
                    bruikbaar=bruikbaar,
                    bezet=bezet,
                    gereserveerd=0,
                    vrij=bruikbaar - bezet,
                    niet_actueel=drng.randrange(0, len(lijst) + 1),
                    berekend_op=now - dt.timedelta(days=dagen),
                )
            )
    Dagstand.objects.bulk_create(rows)


def _kaart(regio: Regio, orgs: dict[str, Organisatie], gemeenten: dict[str, Gemeente], *, now: dt.datetime) -> None:
    for item in AANBOD:
        aanbieder = orgs.get(str(item["aanbieder"])) if item["aanbieder"] else None
        van, tot = item.get("leeftijd", (0, 23))
        aanbod = Hulpaanbod.objects.create(
            regio=regio,
            aanbieder=aanbieder,
            titel=item["titel"],
            categorie=item["categorie"],
            toegankelijkheid=item.get("toegankelijkheid", "vrij"),
            verwijzing_door=item.get("verwijzing_door", ""),
            samenvatting=item["samenvatting"],
            voor_wie=item["voor_wie"],
            hoe=item["hoe"],
            waar=item["waar"],
            leeftijd_van=van,
            leeftijd_tot=tot,
            kosten="Gratis",
            telefoon=item.get("telefoon", aanbieder.telefoon if aanbieder else ""),
            email=aanbieder.email if aanbieder else "",
            volgende_stap=item["volgende_stap"],
            bijgewerkt_op=now - dt.timedelta(days=3),
            bijgewerkt_door_naam=aanbieder.naam if aanbieder else regio.naam,
        )
        namen = item.get("gemeenten", [])
        if namen:
            aanbod.gemeenten.set([gemeenten[n] for n in namen])


def _bulk(regio: Regio, *, rng: random.Random) -> None:
    """One location with two places per generated provider that has none yet (bulk inserts)."""
    soorten = [
        OrganisatieSoort.JEUGDHULPAANBIEDER,
        OrganisatieSoort.GEHANDICAPTENZORG,
        OrganisatieSoort.VERSLAVINGSZORG,
    ]
    orgs = list(
        Organisatie.objects.filter(
            regio=regio, naam__startswith="Demo ", soort__in=soorten, plekvrij_locaties__isnull=True
        ).order_by("id")
    )
    if not orgs:
        return
    now = timezone.now()
    Locatie.objects.bulk_create(
        [
            Locatie(organisatie=o, naam=f"Locatie {o.naam[5:]}", gemeente_id=o.gemeente_id, telefoon=o.telefoon)
            for o in orgs
            if o.gemeente_id
        ],
        batch_size=2000,
    )
    locaties = Locatie.objects.filter(organisatie__in=orgs).order_by("id")
    plekken = []
    for locatie in locaties:
        for soort in rng.sample(list(Soort.values), 2):
            contract = rng.randrange(1, 12)
            bezet = rng.randrange(0, contract + 1)
            plekken.append(
                Plek(
                    locatie=locatie,
                    soort=soort,
                    leeftijd_van=rng.choice([0, 4, 12]),
                    leeftijd_tot=rng.choice([17, 18, 23]),
                    gecontracteerd=contract,
                    bezet=bezet,
                    bijgewerkt_op=now - dt.timedelta(hours=rng.randrange(0, 24 * 14)),
                    bijgewerkt_door_naam="Demo",
                )
            )
    Plek.objects.bulk_create(plekken, batch_size=2000)
