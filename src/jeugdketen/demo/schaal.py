"""Data at national scale for lists, benchmarks and load tests (`jeugdketen seed --size N`).

One size unit is FAMILIES_PER_UNIT families with a gezinsplan, built in its own transaction
(committed per unit: bounded memory, an interrupted build keeps every finished unit, and a
rebuild skips them). The proportions follow the national figures at every size:

* municipalities: one per FAMILIES_PER_MUNICIPALITY families (500k families with a plan over
  342 municipalities), the demo regions' own municipalities first, then generated youth-care
  regions of MUNICIPALITIES_PER_REGION municipalities (42 regions nationally). Every municipality
  gets a fixed set of organisations (a local team, schools, GP practices) and every region a
  fixed set of regional ones (care providers, GI, Veilig Thuis, crisis service) with a few
  places in plekvrij: organisations grow with municipalities, never with families;
* professionals: one per CASELOAD families of their organisation, added as families arrive;
* families: one or two parents, one to three youths (about two youths a family), consent for
  the local team and often for a care provider, a plan with a first version, two goals and two
  agreements, and a toekomstplan for most youths of 16.5 or over (PLAN_SHARE; the watch list
  finds the others);
* persons: every youth member is the platform's one person record of that youth (`persoon`, as
  `gezinnen.services` does it). In a municipality with jeugdhulp data, IN_CARE_SHARE of the youths
  (the first youth of a unit excepted) are persons in care from `jeugdhulp_massa` (its youths
  are built first): the member takes that person's BSN, birth date and name, so the family page,
  the toekomstplan watch lists and the trajectories name the same person. The others get a new
  person record of their own;
* verwijsindex: REGISTRATIONS_PER_FAMILY registrations per family (the family's youths by the
  local team, a quarter of them also by a second organisation: a match; and youths outside the
  families), ≥ 2 million at 500k families;
* crisis: one case per CRISIS_PER_FAMILIES families, mostly closed;
* jeugdhulp: trajectories and measures through `jeugdhulp_massa` (one of its units per
  JEUGDHULP_UNIT_EVERY size units, 90 of them at national scale: ~625k trajectories a year);
* monitor: CBS-like population per municipality, year (2018 on) and age band for every
  municipality that has none (POPULATION_PER_FAMILY residents per band per family with a plan),
  then the monitor's facts computed once per region, as its nightly job does;
* the demo logins' own caseload grows with the size: DEMO_CASELOAD_PER_UNIT families per unit
  have the `toegang` login as regisseur and consent for the `aanbieder` login's organisation.

National scale is `--size 500` (500k families, ~1M youths in families, ~2M registrations).
Everything is bulk (one COPY per table per unit on PostgreSQL, one executemany on SQLite).
Youths' BSN-like numbers fail the 11-test on purpose: no record can ever be a real person.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import sys
import time
import uuid as uuidlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.db import connection, models, transaction
from django.db.models import Count
from django.utils import timezone

from jeugdketen.core import kalender
from jeugdketen.core.postgres import instelling
from jeugdketen.core.rollen import Rol
from jeugdketen.crisis.models import Aanpak, Crisiscasus, CrisisJeugdige, Gevaar, Kanaal, MelderSoort
from jeugdketen.demo import jeugdhulp_massa
from jeugdketen.gezinnen.models import Gezin, Gezinslid, LidSoort, Toestemming, ToestemmingSoort
from jeugdketen.gezinsplan.models import (
    Afspraak,
    AfspraakStatus,
    Doel,
    DoelStatus,
    Gezinsplan,
    Levensgebied,
    Planversie,
    Regieperiode,
)
from jeugdketen.jeugdhulp.selectors import personen_in_zorg
from jeugdketen.monitor import berekening
from jeugdketen.monitor.models import Bevolking, Leeftijdsklasse
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
from jeugdketen.personen.models import Jeugdige, Woonplaatsperiode
from jeugdketen.plekvrij.models import Locatie, Plek, Soort
from jeugdketen.toekomstplan.models import Onderdeel, Planonderdeel, Status, Toekomstplan
from jeugdketen.verwijsindex import pseudoniem
from jeugdketen.verwijsindex.models import Aansluiting, Bron, Informeren, Jongere, Match, Melding
from jeugdketen.verwijsindex.termijnen import termijnen

FAMILIES_PER_UNIT = 1000
NATIONAL_SIZE = 500
FAMILIES_PER_MUNICIPALITY = 1460  # 500,000 families with a plan / 342 municipalities
MUNICIPALITIES_PER_REGION = 8  # 342 municipalities / 42 youth-care regions
MAX_MUNICIPALITIES = 342
CASELOAD = 25  # families per professional of a local team
REGIONAL_CASELOAD = 100  # families per professional of a regional organisation with consent
REGISTRATIONS_PER_FAMILY = 4
CRISIS_PER_FAMILIES = 40
JEUGDHULP_UNIT_EVERY = NATIONAL_SIZE / 90  # 90 jeugdhulp_massa units ≈ 625k trajectories a year
DEMO_CASELOAD_PER_UNIT = 10
PRODUCTION_CHUNK = 5000
ANALYZE_EVERY = 50  # family units between two ANALYZEs of a long build
# Families with a gezinsplan are families in contact with care: half of their youths (where the
# jeugdhulp data lives) are in care, against about 12% of all youths nationally.
IN_CARE_SHARE = 0.5
PLAN_SHARE = 0.8  # youths of 16.5 or over with a toekomstplan
# Residents per family with a plan, per age band: 3.4M under 18 and 1M aged 18-22 nationally
# against 500k families with a plan (CBS 2024, rounded).
POPULATION_PER_FAMILY = {Leeftijdsklasse.K0_11: 4.3, Leeftijdsklasse.K12_17: 2.5, Leeftijdsklasse.K18_22: 2.0}
FIRST_MONITOR_YEAR = 2018

# Per municipality: (kind, name pattern, how many). Per region: likewise.
MUNICIPAL_ORGS: list[tuple[str, str, int]] = [
    (OrganisatieSoort.TOEGANG, "Wijkteam Jeugd {gemeente}", 1),
    (OrganisatieSoort.SCHOOL, "Basisschool {gemeente} {n}", 2),
    (OrganisatieSoort.HUISARTSENPRAKTIJK, "Huisartsenpraktijk {gemeente} {n}", 2),
]
REGIONAL_ORGS: list[tuple[str, str, int]] = [
    (OrganisatieSoort.JEUGDHULPAANBIEDER, "Jeugdhulp {regio} {n}", 2),
    (OrganisatieSoort.GGZ, "GGZ Jeugd {regio}", 1),
    (OrganisatieSoort.GI, "Jeugdbescherming {regio}", 1),
    (OrganisatieSoort.VEILIG_THUIS, "Veilig Thuis {regio}", 1),
    (OrganisatieSoort.CRISISDIENST, "Crisisdienst Jeugd {regio}", 1),
]
VOORNAMEN = ["Anouk", "Bram", "Daan", "Eva", "Finn", "Hanna", "Jesse", "Lotte", "Mila", "Noah", "Sem", "Tess", "Yara"]
OUDERNAMEN = ["Chantal", "Dirk", "Frank", "Ilse", "Jeroen", "Kim", "Marco", "Nicole", "Petra", "Rik", "Sandra"]
ACHTERNAMEN = ["Aarts", "Bakker", "de Boer", "Claessens", "Dekker", "Hendriks", "Jansen", "Kok", "Mulder", "Post"]


@dataclass
class Progress:
    """A progress bar on stderr: units done, rows per second, time left."""

    total: int
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    started: float = field(default_factory=time.perf_counter)
    done: int = 0

    def step(self, label: str) -> None:
        self.done += 1
        elapsed = time.perf_counter() - self.started
        left = elapsed / self.done * (self.total - self.done)
        filled = int(30 * self.done / max(self.total, 1))
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} {label} "
            f"{elapsed:,.0f} s, nog ~{left:,.0f} s   "
        )
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()


def _failing_bsn(n: int) -> str:
    return jeugdhulp_massa._fictief_bsn(n)


def _unit_bsn(unit: int, k: int) -> str:
    """The k-th youth of a unit (8 digits from 92,000,000 on and a check digit that fails the
    11-test; jeugdhulp_massa's youths stay below 92,000,000)."""
    assert 0 < k < 5000 and unit < 1_500
    return _failing_bsn(92_000_000 + unit * 5_000 + k)


def municipalities_for(size: int, eenheid: int = FAMILIES_PER_UNIT) -> int:
    return min(MAX_MUNICIPALITIES, max(1, math.ceil(size * eenheid / FAMILIES_PER_MUNICIPALITY)))


class _World:
    """Municipalities, organisations and their professionals, loaded once and grown as needed."""

    def __init__(self, regios: list[Regio], password: str) -> None:
        self.password = password
        self.regios = regios
        self.gemeenten = list(Gemeente.objects.filter(regio__in=regios).select_related("regio").order_by("id"))
        self.orgs: dict[tuple[int, str], list[Organisatie]] = {}  # (gemeente or -regio id, kind) → orgs
        self.staff: dict[int, list[Gebruiker]] = {}
        self.assigned: dict[int, int] = {}
        self.by_pk: dict[int, Organisatie] = {}
        # Municipalities where jeugdhulp_massa puts its persons in care.
        self.zorg_gemeenten = {g.pk for g in self.gemeenten if g.cbs_code in jeugdhulp_massa.ONDER_18}
        # Per such municipality the highest person id a unit linked: the next unit looks after it,
        # instead of walking past every person linked so far (which made the units of a national
        # build slower and slower). Empty again after a restart: the first look is a full walk.
        self.zorg_na: dict[int, int] = {}

    def ensure_municipalities(self, wanted: int) -> None:
        """Generated youth-care regions until there are `wanted` municipalities: first those an
        earlier (interrupted or smaller) build made, then new ones. (Without the first step a
        resumed national build made a second 342 municipalities beside the first.)"""
        known = {r.pk for r in self.regios}
        for regio in Regio.objects.filter(naam__startswith="Jeugdregio ").exclude(pk__in=known).order_by("id"):
            if len(self.gemeenten) >= wanted:
                break
            self.regios.append(regio)
            self.gemeenten += list(regio.gemeenten.select_related("regio").order_by("id"))
        missing = wanted - len(self.gemeenten)
        if missing <= 0:
            return
        taken = set(Gemeente.objects.values_list("cbs_code", flat=True))
        codes = (f"GM{n:04d}" for n in range(8001, 9999) if f"GM{n:04d}" not in taken)
        existing_regions = Regio.objects.filter(naam__startswith="Jeugdregio ").count()
        made = 0
        while made < missing:
            existing_regions += 1
            regio = Regio.objects.create(naam=f"Jeugdregio {existing_regions:02d}")
            self.regios.append(regio)
            for i in range(min(MUNICIPALITIES_PER_REGION, missing - made)):
                gemeente = Gemeente.objects.create(
                    regio=regio, naam=f"Gemeente {existing_regions:02d}-{i + 1}", cbs_code=next(codes)
                )
                self.gemeenten.append(gemeente)
                made += 1

    def ensure_organisations(self) -> None:
        """The fixed set per municipality and per region; returns nothing, fills self.orgs."""
        have = {(o.naam, o.regio_id): o for o in Organisatie.objects.filter(regio__in=self.regios)}
        new: list[Organisatie] = []

        def want(regio: Regio, gemeente: Gemeente | None, soort: str, naam: str) -> None:
            if (naam, regio.pk) not in have:
                org = Organisatie(
                    regio=regio,
                    gemeente=gemeente,
                    soort=soort,
                    naam=naam,
                    aangesloten_verwijsindex=soort not in NIET_MELDBEVOEGDE_SOORTEN,
                    email=f"info-{len(have) + len(new)}@schaal.demo.jeugdketen.nl",
                )
                new.append(org)
                have[(naam, regio.pk)] = org

        for gemeente in self.gemeenten:
            for soort, pattern, count in MUNICIPAL_ORGS:
                for n in range(count):
                    want(gemeente.regio, gemeente, soort, pattern.format(gemeente=gemeente.naam, n=n + 1))
        for regio in self.regios:
            for soort, pattern, count in REGIONAL_ORGS:
                for n in range(count):
                    want(regio, None, soort, pattern.format(regio=regio.naam, n=n + 1))
        Organisatie.objects.bulk_create(new, batch_size=PRODUCTION_CHUNK)
        now = timezone.now()
        Aansluiting.objects.bulk_create(
            [Aansluiting(organisatie=o, sinds=now - dt.timedelta(days=400)) for o in new if o.aangesloten_verwijsindex]
        )
        _places([o for o in new if o.soort == OrganisatieSoort.JEUGDHULPAANBIEDER], self.gemeenten)
        by_name = {naam: o for (naam, _r), o in have.items()}
        self.orgs.clear()
        for gemeente in self.gemeenten:
            for soort, pattern, count in MUNICIPAL_ORGS:
                self.orgs[(gemeente.pk, soort)] = [
                    by_name[pattern.format(gemeente=gemeente.naam, n=n + 1)] for n in range(count)
                ]
        for regio in self.regios:
            for soort, pattern, count in REGIONAL_ORGS:
                self.orgs[(-regio.pk, soort)] = [
                    by_name[pattern.format(regio=regio.naam, n=n + 1)] for n in range(count)
                ]
        self.by_pk = {o.pk: o for orgs in self.orgs.values() for o in orgs}
        ids = list(self.by_pk)
        self.staff = {pk: [] for pk in ids}
        for m in (
            Medewerker.objects.filter(organisatie_id__in=ids, rol=Rol.HULPVERLENER)
            .select_related("gebruiker")
            .order_by("id")
        ):
            self.staff[m.organisatie_id].append(m.gebruiker)
        self.assigned = dict.fromkeys(ids, 0)
        for row in Toestemming.objects.filter(organisatie_id__in=ids).values("organisatie_id").annotate(n=Count("id")):
            self.assigned[row["organisatie_id"]] = row["n"]

    def local(self, gemeente: Gemeente, soort: str) -> list[Organisatie]:
        return self.orgs[(gemeente.pk, soort)]

    def regional(self, gemeente: Gemeente, soort: str) -> list[Organisatie]:
        return self.orgs[(-gemeente.regio_id, soort)]

    def hire(self, rng: random.Random, added: dict[int, int]) -> None:
        """Professionals for the families just given to each organisation (caseload ratio)."""
        users: list[Gebruiker] = []
        owners: list[Organisatie] = []
        for pk, n in added.items():
            self.assigned[pk] += n
            org = self._org(pk)
            per = CASELOAD if org.soort == OrganisatieSoort.TOEGANG else REGIONAL_CASELOAD
            wanted = math.ceil(self.assigned[pk] / per)
            for k in range(len(self.staff[pk]), wanted):
                users.append(
                    Gebruiker(
                        username=f"prof-{pk}-{k}",
                        password=self.password,
                        soort=GebruikerSoort.MEDEWERKER,
                        first_name=rng.choice(OUDERNAMEN),
                        last_name=rng.choice(ACHTERNAMEN),
                        email=f"prof-{pk}-{k}@schaal.demo.jeugdketen.nl",
                    )
                )
                owners.append(org)
        Gebruiker.objects.bulk_create(users, batch_size=PRODUCTION_CHUNK)
        rows = []
        for user, org in zip(users, owners, strict=True):
            rows.append(Medewerker(gebruiker=user, organisatie=org, rol=Rol.HULPVERLENER))
            if org.aangesloten_verwijsindex:
                rows.append(Medewerker(gebruiker=user, organisatie=org, rol=Rol.MELDINGSBEVOEGD))
            if org.soort == OrganisatieSoort.CRISISDIENST:
                rows.append(Medewerker(gebruiker=user, organisatie=org, rol=Rol.TRIAGE))
            self.staff[org.pk].append(user)
        Medewerker.objects.bulk_create(rows, batch_size=PRODUCTION_CHUNK)

    def _org(self, pk: int) -> Organisatie:
        return self.by_pk[pk]


def _places(aanbieders: list[Organisatie], gemeenten: list[Gemeente]) -> None:
    """Two locations with three kinds of place for every new regional care provider."""
    if not aanbieders:
        return
    now = timezone.now()
    first_of: dict[int, Gemeente] = {}
    for g in gemeenten:
        first_of.setdefault(g.regio_id, g)
    locaties = Locatie.objects.bulk_create(
        [
            Locatie(organisatie=o, naam=f"{o.naam} locatie {i + 1}", gemeente=first_of[o.regio_id])
            for o in aanbieders
            if o.regio_id in first_of
            for i in range(2)
        ]
    )
    rng = random.Random(len(locaties))
    plekken = []
    for locatie in locaties:
        for soort in rng.sample(list(Soort.values), 3):
            contract = rng.randrange(2, 12)
            plekken.append(
                Plek(
                    locatie=locatie,
                    soort=soort,
                    leeftijd_van=rng.choice([0, 4, 12]),
                    leeftijd_tot=rng.choice([17, 18, 23]),
                    gecontracteerd=contract,
                    bezet=rng.randrange(0, contract + 1),
                    bijgewerkt_op=now - dt.timedelta(hours=rng.randrange(0, 24 * 14)),
                    bijgewerkt_door_naam="Demo",
                )
            )
    Plek.objects.bulk_create(plekken, batch_size=PRODUCTION_CHUNK)


def bouwen(
    regios: list[Regio],
    *,
    size: int,
    eenheid: int = FAMILIES_PER_UNIT,
    progress: Progress | None = None,
    password: str | None = None,
    jeugdhulp: bool = True,
    on_unit: Callable[[int], None] | None = None,
) -> int:
    """Build size units of `eenheid` families over the demo regions (and generated ones).

    Returns the number of units built now (a unit that exists is skipped)."""
    if size <= 0 or not regios:
        return 0
    with plannen_per_uitvoering():
        return _bouwen(regios, size, eenheid, progress, password, jeugdhulp, on_unit)


@contextmanager
def plannen_per_uitvoering() -> Iterator[None]:
    """Plan every statement of the build with its own values. The app's connection prepares a
    statement on its second run (settings.DB_PREPARE_THRESHOLD) and after five runs PostgreSQL
    may keep one generic plan for it; for the build's lookups, whose values pick very different
    row counts (the persons in care after the last one linked, a municipality's rows), a generic
    plan reads whole tables: a national build's family unit took 82 s instead of 1–2 s."""
    with instelling("plan_cache_mode", "force_custom_plan"):
        yield


@contextmanager
def zonder_fk_controle() -> Iterator[None]:
    """Inside a unit's transaction, on PostgreSQL as a superuser: no foreign-key checks for the
    unit's rows. Django's foreign keys are DEFERRABLE INITIALLY DEFERRED, so every row a unit
    copies in queued a check (a lookup of the row it refers to, and a lock on it) that its COMMIT
    ran: half of a national build's database time was spent in COMMIT. The generator allocates
    every id it refers to before it writes (`_ids`); tests/demo/test_schaal.py checks every
    foreign key of a build on both databases. The role turns off every trigger, the access log's
    too (its chain head is kept by one): a unit writes no access-log row (tested). SET LOCAL cannot
    outlive the transaction (a failed unit rolls it back); the block sets the role back itself,
    for a caller's outer transaction."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        superuser = bool(cursor.fetchone()[0])
        if superuser:  # the role is a superuser's setting; others get the checks
            cursor.execute("SET LOCAL session_replication_role = replica")
    yield
    if superuser:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = origin")


def _bouwen(
    regios: list[Regio],
    size: int,
    eenheid: int,
    progress: Progress | None,
    password: str | None,
    jeugdhulp: bool,
    on_unit: Callable[[int], None] | None,
) -> int:
    from django.contrib.auth.hashers import make_password

    rng0 = random.Random("schaal")
    world = _World(list(regios), password or make_password(None))
    world.ensure_municipalities(municipalities_for(size, eenheid))
    world.ensure_organisations()
    demo = _demo_caseload()
    must = list(Onderdeel.objects.filter(actief=True, voor_18=True).order_by("volgorde", "id"))
    jh_units = max(1, round(size / JEUGDHULP_UNIT_EVERY)) if jeugdhulp else 0
    progress = progress or Progress(total=size + jh_units + 1, stream=sys.stderr)
    # Jeugdhulp first: the families' youths in care are its persons.
    parkstad = next((r for r in regios if r.gemeenten.filter(cbs_code__in=jeugdhulp_massa.ONDER_18).exists()), None)
    for n in range(1, jh_units + 1):
        if parkstad is not None:
            with transaction.atomic(), zonder_fk_controle():
                jeugdhulp_massa.bouwen(parkstad, size=n)  # unit n only: the ones before exist
        progress.step(f"jeugdhulp eenheid {n}")
    if jh_units:
        _analyze()  # the family units look up its persons in care: by today's statistics
    built = 0
    for unit in range(1, size + 1):
        if Gezinslid.objects.filter(bsn=_unit_bsn(unit, 1)).exists():
            progress.step(f"eenheid {unit} (bestond al)")
            continue
        with transaction.atomic(), zonder_fk_controle():
            _unit(unit, eenheid, world, demo, must, rng0)
        built += 1
        if built % ANALYZE_EVERY == 0:
            _analyze()  # the tables have grown since the planner last looked
        if on_unit:
            on_unit(unit)
        progress.step(f"gezinnen {unit * eenheid:,}")
    _population(world.gemeenten, families=size * eenheid, rng=random.Random("bevolking"))
    _analyze()
    for regio in world.regios:  # the facts every monitor page reads (its nightly job, once now)
        berekening.bereken(regio)
    progress.step("monitor")
    return built


def _analyze() -> None:
    """Fresh planner statistics. Without them a national build's lookups were planned for the
    empty tables of its start: the persons-in-care lookup walked 560k residence periods a unit."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _population(gemeenten: list[Gemeente], *, families: int, rng: random.Random) -> None:
    """Population rows for every municipality without any (the demo's own CSV stays as it is),
    from 2018 to this year, growing slowly; one bulk insert."""
    have = set(Bevolking.objects.filter(gemeente__in=gemeenten).values_list("gemeente_id", flat=True))
    per_municipality = max(1, families // max(1, len(gemeenten)))
    rows: list[Bevolking] = []
    for gemeente in gemeenten:
        if gemeente.pk in have:
            continue
        scale = per_municipality * rng.uniform(0.8, 1.2)
        for jaar in range(FIRST_MONITOR_YEAR, kalender.vandaag().year + 1):
            groei = 1 + 0.004 * (jaar - FIRST_MONITOR_YEAR)
            rows.extend(
                Bevolking(gemeente=gemeente, jaar=jaar, leeftijd=band, aantal=round(scale * f * groei), bron="schaal")
                for band, f in POPULATION_PER_FAMILY.items()
            )
    Bevolking.objects.bulk_create(rows, batch_size=PRODUCTION_CHUNK)


@dataclass
class _Demo:
    toegang: Organisatie
    toegang_user: Gebruiker
    aanbieder: Organisatie
    heerlen: Gemeente


def _demo_caseload() -> _Demo | None:
    m = (
        Medewerker.objects.filter(gebruiker__username="toegang", rol=Rol.HULPVERLENER)
        .select_related("organisatie__gemeente", "gebruiker")
        .first()
    )
    a = (
        Medewerker.objects.filter(gebruiker__username="aanbieder", rol=Rol.HULPVERLENER)
        .select_related("organisatie")
        .first()
    )
    if m is None or a is None or m.organisatie.gemeente is None:
        return None
    return _Demo(m.organisatie, m.gebruiker, a.organisatie, m.organisatie.gemeente)


def _age_days(rng: random.Random) -> int:
    return rng.randrange(30, 21 * 365)


def _persons_in_care(
    gemeente_id: int, n: int, today: dt.date, *, na: int = 0
) -> list[tuple[int, str, dt.date, str, str]]:
    """Up to n persons in care living in the municipality, of a family youth's age and in no
    family yet, with an id above `na` (one query with a limit; lowest ids first, so the same build
    gives the same data)."""
    return list(
        personen_in_zorg(today)
        .filter(
            id__gt=na,
            woonplaatsen__gemeente_id=gemeente_id,
            woonplaatsen__tot__isnull=True,
            geboortedatum__gt=today - dt.timedelta(days=21 * 365),
            geboortedatum__lte=today - dt.timedelta(days=30),
            gezinsleden__isnull=True,
        )
        .order_by("id")
        .values_list("id", "bsn", "geboortedatum", "voornamen", "achternaam")[:n]
    )


def _ids(model: type[models.Model], n: int) -> list[int]:
    """n fresh primary keys: from the table's own sequence on PostgreSQL (one statement), after
    the highest one on SQLite (one writer)."""
    if n <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, n])
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        start = int(cursor.fetchone()[0]) + 1
        return list(range(start, start + n))


def _copy(model: type[models.Model], rows: list[dict[str, Any]], rng: random.Random, now: dt.datetime) -> None:
    """Rows (dicts by attname, with their "id") in: COPY on PostgreSQL, executemany elsewhere.
    A column a row leaves out gets its default; auto_now fields `now`; uuid fields a fresh uuid."""
    if not rows:
        return
    fields = list(model._meta.concrete_fields)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    pg = connection.vendor == "postgresql"
    plan: list[tuple[str, Any, Any, str]] = []
    for f in fields:
        kind = "value"
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            kind = "now"
        elif isinstance(f, models.UUIDField) and f.has_default():
            kind = "uuid"
        plan.append(
            (f.attname, jeugdhulp_massa._leeg(f) if kind == "value" else None, jeugdhulp_massa._omzetter(f), kind)
        )
    now_db = now if pg else models.DateTimeField().get_db_prep_save(now, connection)

    def values(row: dict[str, Any]) -> tuple[Any, ...]:
        out = []
        for naam, leeg, zet, kind in plan:
            if naam in row:
                v = row[naam]
                out.append(zet(v) if zet else v)
            elif kind == "now":
                out.append(now_db)
            elif kind == "uuid":
                u = uuidlib.UUID(int=rng.getrandbits(128), version=4)
                out.append(u if pg else u.hex)
            else:
                out.append(leeg)
        return tuple(out)

    with connection.cursor() as cursor:
        if pg:
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # noqa: S608 - our names
                for row in rows:
                    copy.write_row(values(row))
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", [values(r) for r in rows])  # noqa: S608


def _with_ids(model: type[models.Model], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for row, pk in zip(rows, _ids(model, len(rows)), strict=True):
        row["id"] = pk
    return rows


def _unit(
    unit: int, eenheid: int, world: _World, demo: _Demo | None, must: list[Onderdeel], rng0: random.Random
) -> None:
    rng = random.Random(f"schaal-{unit}")
    today, now = kalender.vandaag(), timezone.now()
    gemeenten = world.gemeenten
    n_demo = max(1, DEMO_CASELOAD_PER_UNIT * eenheid // FAMILIES_PER_UNIT) if demo else 0
    # 1. Who: municipality, regisseur organisation (and a second consent) per family.
    plan_rows: list[tuple[Gemeente, Organisatie, Organisatie | None]] = []
    added: dict[int, int] = {}
    for i in range(eenheid):
        if i < n_demo and demo is not None:
            plan_rows.append((demo.heerlen, demo.toegang, demo.aanbieder))
            continue
        gemeente = gemeenten[(unit * eenheid + i) % len(gemeenten)]
        team = world.local(gemeente, OrganisatieSoort.TOEGANG)[0]
        second = (
            rng.choice(world.regional(gemeente, OrganisatieSoort.JEUGDHULPAANBIEDER)) if rng.random() < 0.35 else None
        )
        plan_rows.append((gemeente, team, second))
        added[team.pk] = added.get(team.pk, 0) + 1
        if second is not None:
            added[second.pk] = added.get(second.pk, 0) + 1
    world.hire(rng, added)
    rr: dict[int, int] = {}

    def regisseur(org: Organisatie) -> Gebruiker:
        if demo is not None and org.pk == demo.toegang.pk:
            return demo.toegang_user
        staff = world.staff[org.pk]
        rr[org.pk] = rr.get(org.pk, -1) + 1
        return staff[rr[org.pk] % len(staff)]

    who = [regisseur(org) for _g, org, _s in plan_rows]
    # 2. Families and members; persons in care for the youths where the jeugdhulp data lives.
    per_gemeente: dict[int, int] = {}
    for row in plan_rows:
        if row[0].pk in world.zorg_gemeenten:
            per_gemeente[row[0].pk] = per_gemeente.get(row[0].pk, 0) + 3
    pools = {pk: _persons_in_care(pk, n, today, na=world.zorg_na.get(pk, 0)) for pk, n in sorted(per_gemeente.items())}
    taken: dict[int, int] = dict.fromkeys(pools, 0)
    gezinnen = _with_ids(
        Gezin,
        [
            {"naam": f"Gezin {rng.choice(ACHTERNAMEN)}", "gemeente_id": g.pk, "aangemaakt_door_id": user.pk}
            for (g, _o, _s), user in zip(plan_rows, who, strict=True)
        ],
    )
    leden: list[dict[str, Any]] = []
    eerste_ouder: list[dict[str, Any]] = []
    jeugd: list[tuple[int, dict[str, Any]]] = []
    personen: list[dict[str, Any]] = []
    k = 0
    for idx, gezin in enumerate(gezinnen):
        achternaam = gezin["naam"].removeprefix("Gezin ")
        gemeente_pk = plan_rows[idx][0].pk
        in_care = pools.get(gemeente_pk, [])
        for n in range(1 if rng.random() < 0.35 else 2):
            ouder = {
                "gezin_id": gezin["id"],
                "gemeente_id": gemeente_pk,
                "soort": LidSoort.OUDER,
                "voornaam": rng.choice(OUDERNAMEN),
                "achternaam": achternaam,
                "gezag": True,
            }
            if n == 0:
                eerste_ouder.append(ouder)
            leden.append(ouder)
        for _ in range(rng.choices([1, 2, 3], weights=[30, 40, 30])[0]):
            k += 1
            youth = {
                "gezin_id": gezin["id"],
                "gemeente_id": gemeente_pk,
                "soort": LidSoort.JEUGDIGE,
                "voornaam": rng.choice(VOORNAMEN),
                "achternaam": achternaam,
                "bsn": _unit_bsn(unit, k),
                "geboortedatum": today - dt.timedelta(days=_age_days(rng)),
            }
            # The first youth keeps the unit's own number: it is how a rebuild sees the unit.
            if k > 1 and taken.get(gemeente_pk, 0) < len(in_care) and rng.random() < IN_CARE_SHARE:
                p_id, p_bsn, p_geboren, p_voornamen, p_achternaam = in_care[taken[gemeente_pk]]
                taken[gemeente_pk] += 1
                youth.update(
                    bsn=p_bsn,
                    geboortedatum=p_geboren,
                    voornaam=p_voornamen or youth["voornaam"],
                    achternaam=p_achternaam or achternaam,
                    persoon_id=p_id,
                )
            else:
                personen.append(
                    {
                        "bsn": youth["bsn"],
                        "geboortedatum": youth["geboortedatum"],
                        "voornamen": youth["voornaam"],
                        "achternaam": achternaam,
                        "_gemeente": gemeente_pk,
                        "_lid": youth,
                    }
                )
            leden.append(youth)
            jeugd.append((idx, youth))
    for pk, n in taken.items():
        if n:
            world.zorg_na[pk] = pools[pk][n - 1][0]
    _with_ids(Jeugdige, personen)
    woonplaatsen = []
    for p in personen:
        p.pop("_lid")["persoon_id"] = p["id"]
        woonplaatsen.append({"jeugdige_id": p["id"], "gemeente_id": p.pop("_gemeente"), "vanaf": p["geboortedatum"]})
    _with_ids(Woonplaatsperiode, woonplaatsen)
    _with_ids(Gezinslid, leden)
    # 3. Consent: the regisseur's organisation, often a care provider too.
    consents = []
    for idx, (_g, org, second) in enumerate(plan_rows):
        for o in (org, second) if second is not None else (org,):
            consents.append(
                {
                    "gezin_id": gezinnen[idx]["id"],
                    "gezin_naam": gezinnen[idx]["naam"],
                    "gezin_heeft_plan": True,  # every generated family has its plan (step 4)
                    "soort": ToestemmingSoort.TOESTEMMING,
                    "organisatie_id": o.pk,
                    "doel": "Gezinsplan maken en uitvoeren",
                    "ingangsdatum": today - dt.timedelta(days=rng.randrange(0, 300)),
                    "einddatum": today + dt.timedelta(days=rng.randrange(5, 365)),
                    "gegeven_door_id": eerste_ouder[idx]["id"],
                    "actief_sinds": now,
                    "vastgelegd_door_id": who[idx].pk,
                }
            )
    _with_ids(Toestemming, consents)
    # 4. Plans: first version, regie period, two goals and two agreements each.
    plannen = _with_ids(Gezinsplan, [{} for _ in gezinnen])
    versies = _with_ids(Planversie, [{} for _ in gezinnen])
    for i, (plan, versie) in enumerate(zip(plannen, versies, strict=True)):
        evaluatie = today + dt.timedelta(days=rng.randrange(-60, 120))
        org, user = plan_rows[i][1], who[i]
        plan.update(
            gezin_id=gezinnen[i]["id"],
            versie=1,
            huidige_versie_id=versie["id"],
            regisseur_medewerker_id=user.pk,
            regisseur_organisatie_id=org.pk,
            volgende_evaluatie=evaluatie,
        )
        versie.update(
            plan_id=plan["id"],
            nummer=1,
            situatie="Het gezin wil graag minder zorgen over school en geld.",
            krachten="Het gezin heeft een netwerk dat helpt.",
            volgende_evaluatie=evaluatie,
            toelichting="Eerste versie",
            auteur_id=user.pk,
            auteur_naam=user.weergavenaam,
            auteur_organisatie=org.naam,
        )
    regie = _with_ids(
        Regieperiode,
        [
            {
                "plan_id": plan["id"],
                "medewerker_id": who[i].pk,
                "organisatie_id": plan_rows[i][1].pk,
                "naam": f"{who[i].weergavenaam} ({plan_rows[i][1].naam})",
                "van": now,
                "reden": "Plan gestart",
                "overgedragen_door_id": who[i].pk,
            }
            for i, plan in enumerate(plannen)
        ],
    )
    eerste_jeugd: dict[int, dict[str, Any]] = {}
    for idx, youth in jeugd:
        eerste_jeugd.setdefault(idx, youth)
    gebieden = list(Levensgebied.values)
    doelen = _with_ids(
        Doel,
        [
            {
                "versie_id": versie["id"],
                "levensgebied": rng.choice(gebieden),
                "voor_wie": eerste_jeugd[i]["voornaam"],
                "resultaat": "Een doel dat het gezin zelf heeft gekozen.",
                "streefdatum": today + dt.timedelta(days=rng.randrange(30, 200)),
                "status": rng.choice(DoelStatus.values),
                "volgorde": j,
            }
            for i, versie in enumerate(versies)
            for j in range(2)
        ],
    )
    afspraken = _with_ids(
        Afspraak,
        [
            {
                "versie_id": versie["id"],
                "wat": "Een afspraak uit het plangesprek.",
                "wie_gezinslid_id": eerste_ouder[i]["id"] if j == 0 else None,
                "wie_organisatie_id": None if j == 0 else plan_rows[i][1].pk,
                "wie_naam": f"{eerste_ouder[i]['voornaam']} {eerste_ouder[i]['achternaam']}"
                if j == 0
                else plan_rows[i][1].naam,
                "deadline": today + dt.timedelta(days=rng.randrange(-30, 60)),
                "status": rng.choice([AfspraakStatus.OPEN, AfspraakStatus.OPEN, AfspraakStatus.GEDAAN]),
                "volgorde": j,
            }
            for i, versie in enumerate(versies)
            for j in range(2)
        ],
    )
    for i, plan in enumerate(plannen):  # each plan's current version is versies[i], its agreements 2i, 2i+1
        open_ = [a["deadline"] for a in afspraken[2 * i : 2 * i + 2] if a["status"] == AfspraakStatus.OPEN]
        plan["eerste_open_deadline"] = min(open_, default=None)
    # 5. A toekomstplan for most youths of 16.5 or over, with the must-items before 18.
    oud = [
        (idx, y)
        for idx, y in jeugd
        if kalender.bereikt(kalender.zestieneneenhalf, y["geboortedatum"], today) and rng.random() < PLAN_SHARE
    ]
    tplannen = _with_ids(
        Toekomstplan,
        [
            {
                "jeugdige_id": y["id"],
                "gezin_id": gezinnen[idx]["id"],
                "gezinsplan_id": plannen[idx]["id"],
                "aangemaakt_door_id": who[idx].pk,
            }
            for idx, y in oud
        ],
    )
    onderdelen = _with_ids(
        Planonderdeel,
        [
            {
                "plan_id": tp["id"],
                "onderdeel_id": o.pk,
                "status": rng.choice([Status.OPEN, Status.BEZIG, Status.GEREGELD]),
            }
            for tp in tplannen
            for o in must
        ],
    )
    # 6. Verwijsindex: the families' youths by the local team (a quarter also by a school or GP:
    #    a match), and youths outside the families, REGISTRATIONS_PER_FAMILY a family in all.
    keys = pseudoniem.key_chain()

    def sleutel(text: str) -> str:
        value = text
        for key in keys:
            value = pseudoniem.rekey(value, key)
        return value

    registrations: list[tuple[str, dt.date, list[Organisatie]]] = []
    for idx, youth in jeugd:
        gemeente, team = plan_rows[idx][0], plan_rows[idx][1]
        orgs = [team]
        if rng.random() < 0.25:
            pool = world.local(gemeente, OrganisatieSoort.SCHOOL) + world.local(
                gemeente, OrganisatieSoort.HUISARTSENPRAKTIJK
            )
            orgs.append(rng.choice(pool))
        registrations.append((sleutel("bsn:" + youth["bsn"]), youth["geboortedatum"], orgs))
    made = sum(len(o) for _s, _d, o in registrations)
    n = 0
    while made < REGISTRATIONS_PER_FAMILY * eenheid:
        n += 1
        gemeente = gemeenten[rng.randrange(len(gemeenten))]
        pool = world.local(gemeente, OrganisatieSoort.SCHOOL) + world.local(
            gemeente, OrganisatieSoort.HUISARTSENPRAKTIJK
        )
        pool += world.regional(gemeente, OrganisatieSoort.JEUGDHULPAANBIEDER) + world.local(
            gemeente, OrganisatieSoort.TOEGANG
        )
        orgs = rng.sample(pool, 2 if rng.random() < 0.125 else 1)
        geboren = today - dt.timedelta(days=rng.randrange(365, 22 * 365))
        registrations.append((sleutel(f"bsn:schaal{unit:05d}{n:07d}"), geboren, orgs))
        made += len(orgs)
    jongeren = _with_ids(Jongere, [{"sleutel": s} for s, _d, _o in registrations])
    matches = _with_ids(
        Match,
        [
            {"jongere_id": j["id"], "aangemaakt": now, "regie_organisatie_id": orgs[0].pk, "regie_sinds": now}
            for j, (_s, _d, orgs) in zip(jongeren, registrations, strict=True)
            if len(orgs) > 1
        ],
    )
    match_of = {m["jongere_id"]: m["id"] for m in matches}
    melder_of: dict[int, Gebruiker] = {}
    meldingen = []
    for j, (_s, geboren, orgs) in zip(jongeren, registrations, strict=True):
        t = termijnen(geboortedatum=geboren, gemeld_op=today)
        for org in orgs:
            if org.pk not in melder_of:
                if demo is not None and org.pk == demo.toegang.pk:
                    melder_of[org.pk] = demo.toegang_user
                else:
                    if not world.staff[org.pk]:
                        world.hire(rng, {org.pk: 1})
                    melder_of[org.pk] = world.staff[org.pk][0]
            melder = melder_of[org.pk]
            meldingen.append(
                {
                    "jongere_id": j["id"],
                    "organisatie_id": org.pk,
                    "melder_id": melder.pk,
                    "melder_naam": melder.weergavenaam,
                    "melder_email": melder.email,
                    "aangemeld_op": now,
                    "verwijderdatum": t.verwijderdatum,
                    "automatische_reden": t.automatische_reden,
                    "uiterste_datum": t.uiterste_datum,
                    "informeren": t.informeren or Informeren.JONGERE,
                    "kenmerk_hint": "******" + f"{j['id'] % 1000:03d}",
                    "bron": Bron.API,
                    "match_id": match_of.get(j["id"]),
                }
            )
    _with_ids(Melding, meldingen)
    # 7. Crisis: one case a CRISIS_PER_FAMILIES families, nine in ten closed after triage.
    cases = []
    for idx in range(0, len(gezinnen), CRISIS_PER_FAMILIES):
        gemeente = plan_rows[idx][0]
        dienst = world.regional(gemeente, OrganisatieSoort.CRISISDIENST)[0]
        if not world.staff[dienst.pk]:
            world.hire(rng, {dienst.pk: 1})
        user = world.staff[dienst.pk][0]
        ontvangen = now - dt.timedelta(hours=rng.randrange(1, 24 * 300))
        cases.append(
            {
                "regio_id": gemeente.regio_id,
                "organisatie_id": dienst.pk,
                "ontvangen_op": ontvangen,
                "kanaal": Kanaal.TELEFOON,
                "melder_soort": MelderSoort.BURGER,
                "melder_naam": "Buurvrouw",
                "gemeente_id": gemeente.pk,
                "verantwoordelijke_gemeente_id": gemeente.pk,
                "wat_speelt": "Hoog oplopende ruzie thuis, het kind is bang.",
                "gevaar": rng.choice(Gevaar.values),
                "vastgelegd_door_id": user.pk,
                "casushouder_id": user.pk,
                "triage_op": ontvangen + dt.timedelta(hours=1),
                "aanpak": rng.choice(Aanpak.values),
                "triage_door_id": user.pk,
                "gezin_id": gezinnen[idx]["id"],
                "gesloten_op": ontvangen + dt.timedelta(days=rng.randrange(1, 28)) if rng.random() < 0.9 else None,
                "_jeugd": eerste_jeugd[idx],
            }
        )
    kids = []
    for case in cases:
        y = case.pop("_jeugd")
        kids.append(
            {
                "voornaam": y["voornaam"],
                "achternaam": y["achternaam"],
                "geboortedatum": y["geboortedatum"],
                "bsn": y["bsn"],
                "gezinslid_id": y["id"],
            }
        )
    _with_ids(Crisiscasus, cases)
    for case, kid in zip(cases, kids, strict=True):
        kid["casus_id"] = case["id"]
    _with_ids(CrisisJeugdige, kids)
    # Everything in, in foreign-key order, one COPY per table.
    for model, rows in [
        (Gezin, gezinnen),
        (Jeugdige, personen),
        (Woonplaatsperiode, woonplaatsen),
        (Gezinslid, leden),
        (Toestemming, consents),
        (Gezinsplan, plannen),
        (Planversie, versies),
        (Regieperiode, regie),
        (Doel, doelen),
        (Afspraak, afspraken),
        (Toekomstplan, tplannen),
        (Planonderdeel, onderdelen),
        (Jongere, jongeren),
        (Match, matches),
        (Melding, meldingen),
        (Crisiscasus, cases),
        (CrisisJeugdige, kids),
    ]:
        _copy(model, rows, rng, now)


def demo_regions() -> list[Regio]:
    """The demo's own regions (Parkstad first), where the generated families start."""
    from jeugdketen.demo.generator import REGION_NAMES

    by_name = {r.naam: r for r in Regio.objects.filter(naam__in=REGION_NAMES)}
    return [by_name[n] for n in REGION_NAMES if n in by_name]
