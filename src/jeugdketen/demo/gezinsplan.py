"""Demo data of the gezinsplan: families with plans in every state.

With size >= 1 (what `jeugdketen demo` builds):

* one set of hand-written families, made through the services (so the access log, the regie
  history and the outbox are real), once whatever the size:
  - Gezin Janssen: `ouder` (Linda) and `jongere` (Daan, about 17) with their own logins, grandma
    Marij in the network, the toegang login as regisseur, a late agreement, a proposal from
    Daan, Linda's agreement to the current version, consent for the care provider (given by
    Daan) and a consent for the GP that Daan withdrew;
  - for every professional demo login (toegang, aanbieder, school, huisarts, gi, veiligthuis,
    crisisdienst) at least one family where they are regisseur with an overdue evaluation or a
    late agreement, so each home page has real work; GI and Veilig Thuis work on a legal
    mandate and set what must change;
  - a new plan (first version, consent ending soon), a plan carried by everyone (gedragen), and a
    plan in the family's own regie (handed over to a parent, with the reason in the history);
* `size` × FAMILIES_PER_SIZE bulk families (bulk_create, a fixed number of statements) with
  the "Demo Toegang" organisations' professionals as regisseur, for lists and benchmarks.

size=0 (the test fixture) adds nothing. Deterministic: a copy of the shared `rng` is used, so
the demo data of modules built after this one do not change with it.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, Toegang, fetch
from jeugdketen.core.models import Actie
from jeugdketen.core.rollen import Rol
from jeugdketen.demo.common import DIGID_BSN_JONGERE, DIGID_BSN_OUDER, actor, demo_bsn
from jeugdketen.gezinnen import regels
from jeugdketen.gezinnen import services as gezinnen_services
from jeugdketen.gezinnen.models import (
    Gezin,
    Gezinslid,
    LidSoort,
    MandaatGrondslag,
    NetwerkRelatie,
    Toestemming,
    ToestemmingSoort,
)
from jeugdketen.gezinsplan import services as plan_services
from jeugdketen.gezinsplan.logevents import Segment
from jeugdketen.gezinsplan.models import (
    Afspraak,
    AfspraakStatus,
    Doel,
    DoelStatus,
    Gezinsplan,
    Instemming,
    Levensgebied,
    Planversie,
    Regieperiode,
    eerste_open_deadline,
)
from jeugdketen.organisaties.models import Gebruiker, Gemeente, Medewerker, Organisatie, OrganisatieSoort, Regio
from jeugdketen.organisaties.selectors import person_of

JANSSEN = "Gezin Janssen"
BULK_PREFIX = "Demoplan gezin"
FAMILIES_PER_SIZE = 20

# The hand-written families: (name, created by, regisseur after creation, state, youth age, municipality)
STATE_FAMILIES: list[tuple[str, str, str, str, int, str]] = [
    ("Gezin Bakker", "toegang", "toegang", "nieuw", 7, "GM0917"),
    ("Gezin Peters", "toegang", "toegang", "gedragen", 13, "GM0917"),
    ("Gezin Willems", "toegang", "toegang", "evaluatie_te_laat", 9, "GM0882"),
    ("Gezin Smeets", "toegang", "ouder", "eigen_regie", 6, "GM0899"),
    ("Gezin Habets", "aanbieder", "aanbieder", "te_laat", 11, "GM0928"),
    ("Gezin Vos", "school", "school", "te_laat", 10, "GM0928"),
    ("Gezin Coenen", "toegang", "huisarts", "evaluatie_te_laat", 8, "GM0882"),
    ("Gezin Meertens", "gi", "gi", "mandaat", 9, "GM0917"),
    ("Gezin Kleijnen", "veiligthuis", "veiligthuis", "mandaat", 5, "GM0899"),
    ("Gezin Frissen", "crisisdienst", "crisisdienst", "te_laat", 11, "GM0986"),
]
UNSET_DATE: Any = plan_services.UNSET  # "leave the evaluation date as it was"
MANDATES = {"gi": MandaatGrondslag.OTS, "veiligthuis": MandaatGrondslag.VEILIG_THUIS}

FIRST_NAMES = ["Anouk", "Bram", "Chantal", "Dirk", "Eva", "Frank", "Hanna", "Ilse", "Kim", "Lars", "Mila", "Noah"]
LAST_NAMES = ["Bemelmans", "Dautzenberg", "Lardinois", "Notermans", "Ortmans", "Quaedvlieg", "Schiffelers", "Vaessen"]


def gezinsplan_demo(regio: Regio, *, size: int, rng: random.Random) -> None:
    if size <= 0:
        return
    own = random.Random()
    own.setstate(rng.getstate())  # a copy: the shared generator stays untouched
    if not Gezin.objects.filter(naam=JANSSEN, gemeente__regio=regio).exists():
        _janssen(own)
        for spec in STATE_FAMILIES:
            _state_family(spec, own)
    _bulk_families(regio, size=size, rng=own)


# --- Hand-written families, through the services ---------------------------------------------


def _org(actor: Actor) -> Organisatie:
    return Organisatie.objects.get(uuid=actor.organisatie_id)


def _born(age: int, days: int = 60) -> dt.date:
    return kalender.uiterlijk_geboren(age, kalender.vandaag()) - dt.timedelta(days=days)


def _parent_and_youth(gezin: Gezin) -> tuple[Gezinslid, Gezinslid]:
    leden = {lid.soort: lid for lid in Gezinslid.objects.filter(gezin=gezin)}
    return leden[LidSoort.OUDER], leden[LidSoort.JEUGDIGE]


def _open(plan: Gezinsplan, by: Actor) -> Toegang[Gezinsplan]:
    """What the plan page does before a change: fetch the plan through its scope (logged)."""
    return fetch(by, Gezinsplan, uuid=plan.uuid, segment=Segment.DEMO, actie=Actie.UPDATE)


def _start(gezin: Gezin, by: Actor, *, situatie: str, krachten: str, evaluatie_over: int) -> Gezinsplan:
    evaluatie = kalender.vandaag() + dt.timedelta(days=evaluatie_over)
    return plan_services.plan_aanmaken(
        gezin=gezin, by=by, situatie=situatie, krachten=krachten, volgende_evaluatie=evaluatie
    )


def _doel(
    gebied: str, voor_wie: str, resultaat: str, dagen: int, status: str = DoelStatus.NIEUW
) -> plan_services.DoelInvoer:
    streefdatum = kalender.vandaag() + dt.timedelta(days=dagen)
    return plan_services.DoelInvoer(gebied, voor_wie, resultaat, streefdatum=streefdatum, status=status)


def _janssen(rng: random.Random) -> None:
    today = kalender.vandaag()
    toegang = actor("toegang")
    gezin = gezinnen_services.gezin_aanmaken(
        by=toegang,
        naam=JANSSEN,
        gemeente=Gemeente.objects.get(cbs_code="GM0917"),
        leden=[
            gezinnen_services.LidInvoer(
                soort=LidSoort.OUDER, voornaam="Linda", achternaam="Janssen", bsn=DIGID_BSN_OUDER, gezag=True
            ),
            gezinnen_services.LidInvoer(
                soort=LidSoort.JEUGDIGE,
                voornaam="Daan",
                achternaam="Janssen",
                bsn=DIGID_BSN_JONGERE,
                geboortedatum=_born(17, 40),
            ),
        ],
        doel="Samen met Daan en Linda het gezinsplan maken en uitvoeren",
        einddatum=today + dt.timedelta(days=365),
    )
    linda, daan = _parent_and_youth(gezin)
    Gezinslid.objects.filter(pk=linda.pk).update(gebruiker=Gebruiker.objects.get(username="ouder"))
    Gezinslid.objects.filter(pk=daan.pk).update(gebruiker=Gebruiker.objects.get(username="jongere"))
    ouder, jongere = actor("ouder"), actor("jongere")
    plan = _start(
        gezin,
        toegang,
        situatie="Daan gaat bijna niet meer naar school. Linda maakt zich zorgen en slaapt slecht.",
        krachten="Daan kan goed met zijn handen werken. Oma Marij woont dichtbij en helpt graag.",
        evaluatie_over=30,
    )
    oma, _code = gezinnen_services.netwerklid_uitnodigen(
        gezin=gezin, by=ouder, naam="Marij Janssen", relatie=NetwerkRelatie.FAMILIE, omschrijving="oma"
    )
    aanbieder = _org(actor("aanbieder"))
    gezinnen_services.toestemming_geven(
        gezin=gezin,
        by=jongere,
        organisatie=aanbieder,
        doel="Begeleiding van Daan bij school en werk",
        einddatum=today + dt.timedelta(days=180),
    )
    huisarts = gezinnen_services.toestemming_geven(
        gezin=gezin,
        by=jongere,
        organisatie=_org(actor("huisarts")),
        doel="Meedenken over slapen en stress",
        einddatum=today + dt.timedelta(days=90),
    )
    gezinnen_services.toestemming_intrekken(toestemming=huisarts, by=jongere)
    plan_services.plan_wijzigen(
        toegang=_open(plan, toegang),
        by=toegang,
        basis_versie=plan.versie,
        doelen=[
            _doel(
                Levensgebied.SCHOOL_WERK,
                "Daan",
                "Daan gaat weer elke dag naar school of naar een stage die hij leuk vindt.",
                90,
                DoelStatus.BEZIG,
            ),
            _doel(Levensgebied.GEZONDHEID, "Linda", "Linda slaapt weer goed en heeft iemand om mee te praten.", 60),
        ],
        afspraken=[
            plan_services.AfspraakInvoer(
                wat="Linda belt de mentor van Daan voor een gesprek.",
                wie=f"lid:{linda.uuid}",
                deadline=today - dt.timedelta(days=5),
            ),
            plan_services.AfspraakInvoer(
                wat="Oma haalt Daan op dinsdag op na school.", wie=f"netwerk:{oma.uuid}", deadline=None
            ),
            plan_services.AfspraakInvoer(
                wat="Een stageplek zoeken die past bij Daan.",
                wie=f"org:{aanbieder.uuid}",
                deadline=today + dt.timedelta(days=21),
            ),
        ],
        toelichting="Doelen en afspraken uit het eerste gesprek",
    )
    plan.refresh_from_db()
    plan_services.versie_instemmen(toegang=_open(plan, ouder), by=ouder, versie_nummer=plan.versie)
    plan_services.reactie_plaatsen(
        toegang=_open(plan, jongere),
        by=jongere,
        soort="voorstel",
        onderdeel="afspraken",
        tekst="Ik wil zelf bij het gesprek met de mentor zijn.",
    )


def _state_family(spec: tuple[str, str, str, str, int, str], rng: random.Random) -> None:
    naam, maker, regisseur, state, youth_age, cbs = spec
    today = kalender.vandaag()
    by = actor(maker)
    achternaam = naam.removeprefix("Gezin ")
    gezin = gezinnen_services.gezin_aanmaken(
        by=by,
        naam=naam,
        gemeente=Gemeente.objects.get(cbs_code=cbs),
        leden=[
            gezinnen_services.LidInvoer(
                soort=LidSoort.OUDER, voornaam=rng.choice(FIRST_NAMES), achternaam=achternaam, gezag=True
            ),
            gezinnen_services.LidInvoer(
                soort=LidSoort.JEUGDIGE,
                voornaam=rng.choice(FIRST_NAMES),
                achternaam=achternaam,
                bsn=demo_bsn(rng),
                geboortedatum=_born(youth_age, rng.randrange(1, 300)),
            ),
        ],
        doel="Gezinsplan maken en uitvoeren",
        # The new plan's consent ends soon, so the "consent ending" reminder has something to say.
        einddatum=None if maker in MANDATES else today + dt.timedelta(days=10 if state == "nieuw" else 365),
        mandaat_grondslag=MANDATES.get(maker, ""),
    )
    parent, youth = _parent_and_youth(gezin)
    plan = _start(
        gezin,
        by,
        situatie="Er is veel ruzie thuis. Het kind is vaak verdrietig.",
        krachten="De ouders willen graag hulp. Het kind sport graag.",
        evaluatie_over=42,
    )
    if state == "nieuw":
        return
    te_laat = state in ("te_laat", "mandaat")
    plan_services.plan_wijzigen(
        toegang=_open(plan, by),
        by=by,
        basis_versie=plan.versie,
        volgende_evaluatie=today - dt.timedelta(days=14) if state in ("evaluatie_te_laat", "mandaat") else UNSET_DATE,
        doelen=[
            _doel(
                Levensgebied.OPVOEDEN,
                "de ouders",
                "Minder ruzie thuis: we praten één keer per week rustig met elkaar.",
                120,
                DoelStatus.BEZIG,
            ),
            _doel(Levensgebied.VRIJE_TIJD, youth.voornaam, "Twee keer per week naar de sportclub.", 60),
        ],
        afspraken=[
            plan_services.AfspraakInvoer(
                wat="Een afspraak maken met de sportclub.",
                wie=f"lid:{parent.uuid}",
                deadline=today + (dt.timedelta(days=-7) if te_laat else dt.timedelta(days=14)),
            ),
            plan_services.AfspraakInvoer(
                wat="Een gesprek plannen met het hele gezin.",
                wie=f"org:{by.organisatie_id}",
                deadline=today + (dt.timedelta(days=-3) if te_laat else dt.timedelta(days=10)),
            ),
        ],
        veiligheidsvoorwaarden=[
            plan_services.VoorwaardeInvoer(tekst="Er wordt thuis niet geslagen. Bij ruzie belt moeder de buurvrouw.")
        ]
        if maker in MANDATES
        else None,
        toelichting="Doelen en afspraken vastgelegd",
    )
    plan.refresh_from_db()
    if state == "gedragen":
        for namens in (parent, youth, None):
            plan_services.versie_instemmen(toegang=_open(plan, by), by=by, versie_nummer=plan.versie, namens=namens)
    elif state == "eigen_regie":
        plan_services.regie_overdragen(
            toegang=_open(plan, by), by=by, reden="Moeder wil en kan zelf de regie houden.", naar_gezinslid=parent
        )
    elif regisseur != maker:
        naar = actor(regisseur)
        gezinnen_services.toestemming_geven(
            gezin=gezin,
            by=by,
            organisatie=_org(naar),
            doel="Regie over het gezinsplan",
            einddatum=today + dt.timedelta(days=365),
            gegeven_door=parent,
        )
        plan_services.regie_overdragen(
            toegang=_open(plan, by),
            by=by,
            reden="De huisarts kent het gezin het best.",
            naar_medewerker=person_of(naar),
        )


# --- Bulk families, a fixed number of statements ---------------------------------------------


def _bulk_families(regio: Regio, *, size: int, rng: random.Random) -> None:
    wanted = size * FAMILIES_PER_SIZE
    existing = Gezin.objects.filter(gemeente__regio=regio, naam__startswith=f"{BULK_PREFIX} ").count()
    if existing >= wanted:
        return
    coordinators = [
        (m.organisatie, m.gebruiker)
        for m in Medewerker.objects.filter(
            organisatie__regio=regio,
            organisatie__soort=OrganisatieSoort.TOEGANG,
            organisatie__naam__startswith="Demo ",
            organisatie__gemeente__isnull=False,
            rol=Rol.HULPVERLENER,
            actief=True,
        )
        .select_related("organisatie", "gebruiker")
        .order_by("organisatie_id", "gebruiker_id")
    ]
    if not coordinators:
        return
    today, now = kalender.vandaag(), timezone.now()
    numbers = range(existing, wanted)
    who = {n: coordinators[n % len(coordinators)] for n in numbers}
    gezinnen = Gezin.objects.bulk_create(
        [
            Gezin(
                naam=f"{BULK_PREFIX} {n + 1:06d}",
                gemeente_id=int(who[n][0].gemeente_id or 0),
                aangemaakt_door=who[n][1],
            )
            for n in numbers
        ]
    )
    leden: list[Gezinslid] = []
    for gezin in gezinnen:
        achternaam = rng.choice(LAST_NAMES)
        leden.append(
            Gezinslid(
                gezin=gezin,
                gemeente_id=gezin.gemeente_id,
                soort=LidSoort.OUDER,
                voornaam=rng.choice(FIRST_NAMES),
                achternaam=achternaam,
                gezag=True,
            )
        )
        leden.append(
            Gezinslid(
                gezin=gezin,
                gemeente_id=gezin.gemeente_id,
                soort=LidSoort.JEUGDIGE,
                voornaam=rng.choice(FIRST_NAMES),
                achternaam=achternaam,
                bsn=demo_bsn(rng),
                geboortedatum=today - dt.timedelta(days=rng.randrange(200, 17 * 365)),
            )
        )
    Gezinslid.objects.bulk_create(leden)
    parents, youths = leden[0::2], leden[1::2]
    Toestemming.objects.bulk_create(
        [
            Toestemming(
                gezin=gezin,
                gezin_naam=gezin.naam,  # bulk_create skips save(), which copies it
                gezin_heeft_plan=True,  # and sets this: each family gets its plan below
                soort=ToestemmingSoort.TOESTEMMING,
                organisatie=who[n][0],
                doel="Gezinsplan maken en uitvoeren",
                ingangsdatum=today - dt.timedelta(days=rng.randrange(0, 200)),
                einddatum=today + dt.timedelta(days=rng.randrange(5, 365)),
                gegeven_door=parent,
                actief_sinds=now,
                vastgelegd_door=who[n][1],
            )
            for n, gezin, parent in zip(numbers, gezinnen, parents, strict=True)
        ]
    )
    evaluaties = [today + dt.timedelta(days=rng.randrange(-60, 120)) for _n in numbers]
    plannen = Gezinsplan.objects.bulk_create(
        [
            Gezinsplan(
                gezin=gezin,
                versie=1,
                regisseur_medewerker=who[n][1],
                regisseur_organisatie=who[n][0],
                volgende_evaluatie=evaluatie,
            )
            for n, gezin, evaluatie in zip(numbers, gezinnen, evaluaties, strict=True)
        ]
    )
    versies = Planversie.objects.bulk_create(
        [
            Planversie(
                plan=plan,
                nummer=1,
                situatie="Het gezin wil graag minder zorgen over school en geld.",
                krachten="Het gezin heeft een grote familie die helpt.",
                volgende_evaluatie=evaluatie,
                toelichting="Eerste versie",
                auteur=who[n][1],
                auteur_naam=who[n][1].weergavenaam,
                auteur_organisatie=who[n][0].naam,
            )
            for n, plan, evaluatie in zip(numbers, plannen, evaluaties, strict=True)
        ]
    )
    Gezinsplan.objects.filter(gezin__naam__startswith=f"{BULK_PREFIX} ", huidige_versie__isnull=True).update(
        huidige_versie=Subquery(Planversie.objects.filter(plan=OuterRef("pk"), nummer=1).values("pk")[:1])
    )
    Regieperiode.objects.bulk_create(
        [
            Regieperiode(
                plan=plan,
                medewerker=who[n][1],
                organisatie=who[n][0],
                naam=f"{who[n][1].weergavenaam} ({who[n][0].naam})",
                van=now,
                reden="Plan gestart",
                overgedragen_door=who[n][1],
            )
            for n, plan in zip(numbers, plannen, strict=True)
        ]
    )
    gebieden = list(Levensgebied.values)
    Doel.objects.bulk_create(
        [
            Doel(
                versie=versie,
                levensgebied=rng.choice(gebieden),
                voor_wie=youth.voornaam,
                resultaat="Een doel dat het gezin zelf heeft gekozen.",
                streefdatum=today + dt.timedelta(days=rng.randrange(30, 200)),
                status=rng.choice(DoelStatus.values),
                volgorde=i,
            )
            for versie, youth in zip(versies, youths, strict=True)
            for i in range(2)
        ]
    )
    Afspraak.objects.bulk_create(
        [
            Afspraak(
                versie=versie,
                wat="Een afspraak uit het plangesprek.",
                wie_gezinslid=parent if i == 0 else None,
                wie_organisatie=None if i == 0 else who[n][0],
                wie_naam=parent.naam if i == 0 else who[n][0].naam,
                deadline=today + dt.timedelta(days=rng.randrange(-30, 60)),
                status=rng.choice([AfspraakStatus.OPEN, AfspraakStatus.OPEN, AfspraakStatus.GEDAAN]),
                volgorde=i,
            )
            for n, versie, parent in zip(numbers, versies, parents, strict=True)
            for i in range(2)
        ]
    )
    Gezinsplan.objects.filter(pk__in=[p.pk for p in plannen]).update(eerste_open_deadline=eerste_open_deadline())
    # About one in four plans is carried (gedragen): the parent, a youth of 12+ and the regisseur agreed.
    instemmingen: list[Instemming] = []
    for n, plan, versie, parent, youth in zip(numbers, plannen, versies, parents, youths, strict=True):
        if n % 4:
            continue
        user = who[n][1]
        instemmingen.append(Instemming(versie=versie, plan=plan, gezinslid=parent, vastgelegd_door=user))
        instemmingen.append(Instemming(versie=versie, plan=plan, medewerker=user, vastgelegd_door=user))
        assert youth.geboortedatum is not None
        if regels.mag_zelf_zien(youth.geboortedatum, today):
            instemmingen.append(Instemming(versie=versie, plan=plan, gezinslid=youth, vastgelegd_door=user))
    Instemming.objects.bulk_create(instemmingen)
