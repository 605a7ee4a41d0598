"""Parkstad's youth care 2018 until now in the shape of the real figures, for the monitor and the
benchmarks (docs/jeugdhulp.md, "Demo").

The shape (DOMAIN.md, CBS): in 2018 about 18.4% of Heerlen's under-18s had youth care and about
14.5% in the other Parkstad municipalities (11.7% nationally), slowly falling; youth protection
1.2% of under-18s, juvenile probation 0.4% of 12–22-year-olds; about one in ten youths with help
has a stay, about half of the stays foster care. The trends are what the seeds aim for: more foster
care and small-scale stays, fewer closed placements, more referrals from the local teams and fewer
from GPs, shorter OTS, more waiting within the Treeknorm, fewer foster placements ending early,
fewer thuiszitters without an offer.

Each `size` unit adds one such Parkstad (unit 1 is the demo's region; more units make it denser,
about 90 units is the national 625,000 trajectories a year). Rows go in with `executemany` in
chunks of 20,000: a fixed number of statements per chunk and bounded memory. Deterministic per
unit; a unit that exists is skipped (idempotent). The youths' BSN-like numbers fail the 11-test on
purpose, so no record can ever be a real person.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid as uuidlib
from collections.abc import Iterator
from typing import Any

from django.db import connection, models
from django.utils import timezone

from jeugdketen.core import kalender
from jeugdketen.jeugdhulp.codes import Hulpvorm, MaatregelSoort, ThuiszitterSoort
from jeugdketen.jeugdhulp.models import Levering, Maatregel, Productcode, Thuiszitter, Traject
from jeugdketen.organisaties.models import Gemeente, Organisatie, OrganisatieSoort, Regio
from jeugdketen.personen.models import Jeugdige, Woonplaatsperiode

# Inhabitants under 18 per municipality (CBS StatLine, 1 January 2018, rounded; Beekdaelen is
# the three municipalities that merged into it in 2019).
ONDER_18 = {
    "GM0917": 13_700,  # Heerlen
    "GM0928": 6_900,  # Kerkrade
    "GM0882": 6_000,  # Landgraaf
    "GM1954": 5_900,  # Beekdaelen
    "GM0899": 4_300,  # Brunssum
    "GM0986": 2_000,  # Voerendaal
    "GM0965": 1_600,  # Simpelveld
}
AANDEEL_2018 = {"GM0917": 0.184}  # Heerlen, the highest share in the country (CBS)
AANDEEL_OVERIG_2018 = 0.145
DALING_PER_JAAR = 0.015  # relative fall of the share with youth care per year
NIEUW_PER_JAAR = 0.72  # share of a year's youths with help whose care started that year
EERSTE_JAAR = 2018
CHUNK = 20_000
NAMEN = ["Bemelmans", "Coenen", "Frissen", "Habets", "Janssen", "Kleijnen", "Meertens", "Notermans", "Vaessen"]
VOORNAMEN = ["Anouk", "Bram", "Daan", "Eva", "Finn", "Lotte", "Mila", "Noah", "Sem", "Tess", "Yara", "Zoë"]


def _t(jaar: int) -> float:
    """0 in 2018, 1 in 2025: how far the trends have come."""
    return min(max((jaar - EERSTE_JAAR) / 7, 0.0), 1.0)


def _hulpvorm(rng: random.Random, jaar: int) -> str:
    t = _t(jaar)
    if rng.random() < 0.03:
        return Hulpvorm.CRISIS
    if rng.random() < 0.10:  # a stay
        r = rng.random()
        pleeg, huis, gesloten = 0.42 + 0.10 * t, 0.08 + 0.03 * t, 0.06 - 0.03 * t
        if r < pleeg:
            return Hulpvorm.PLEEGZORG
        if r < pleeg + huis:
            return Hulpvorm.GEZINSHUIS
        if r < pleeg + huis + gesloten:
            return Hulpvorm.GESLOTEN
        return Hulpvorm.RESIDENTIEEL
    r = rng.random()
    wijk = 0.30 + 0.10 * t
    if r < wijk:
        return Hulpvorm.WIJKTEAM
    if r < wijk + 0.52 - 0.08 * t:
        return Hulpvorm.AMBULANT
    if r < 0.92:
        return Hulpvorm.DAGHULP
    return Hulpvorm.NETWERK


def _verwijzer(rng: random.Random, jaar: int, hulpvorm: str) -> str:
    t = _t(jaar)
    if hulpvorm == Hulpvorm.GESLOTEN:
        return "08" if rng.random() < 0.7 else "04"
    weights = {
        "01": 0.28 + 0.12 * t,  # the local access team: a growing share (seed 002)
        "02": 0.38 - 0.08 * t,  # GPs
        "03": 0.04,
        "04": 0.10 - 0.02 * t,
        "05": 0.06,
        "06": 0.09 - 0.02 * t,
        "08": 0.05,
    }
    return rng.choices(list(weights), weights=list(weights.values()))[0]


DUUR: dict[str, tuple[int, int]] = {  # typical duration in days (low, high)
    Hulpvorm.WIJKTEAM: (40, 200),
    Hulpvorm.AMBULANT: (60, 420),
    Hulpvorm.DAGHULP: (90, 400),
    Hulpvorm.NETWERK: (60, 300),
    Hulpvorm.PLEEGZORG: (180, 1800),
    Hulpvorm.GEZINSHUIS: (180, 1200),
    Hulpvorm.GESLOTEN: (60, 240),
    Hulpvorm.RESIDENTIEEL: (120, 700),
    Hulpvorm.CRISIS: (7, 40),
}


def _fictief_bsn(n: int) -> str:
    """A 9-digit number that fails the 11-test (never a real BSN), unique for each n."""
    for laatste in range(10):
        kandidaat = f"{n:08d}{laatste}"
        digits = [int(c) for c in kandidaat]
        if (sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]) % 11 != 0:
            return kandidaat
    raise AssertionError("unreachable")  # pragma: no cover


def _uuid(rng: random.Random) -> uuidlib.UUID:
    return uuidlib.UUID(int=rng.getrandbits(128), version=4)


def _insert(model: type[models.Model], rows: list[dict[str, Any]]) -> int:
    """executemany in chunks: one statement per CHUNK rows, whatever the database."""
    if not rows:
        return 0
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608 - our own names
    plan = [(f.attname, _leeg(f), _omzetter(f)) for f in fields]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            batch = [
                tuple((zet(row[naam]) if zet else row[naam]) if naam in row else leeg for naam, leeg, zet in plan)
                for row in rows[start : start + CHUNK]
            ]
            if connection.vendor == "postgresql":
                # COPY: several times the rate of executemany at national scale (demo/schaal.py).
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # noqa: S608 - our names
                    for values in batch:
                        copy.write_row(values)
            else:
                cursor.executemany(sql, batch)
    return len(rows)


def _leeg(field: Any) -> Any:
    """The value of a column a row leaves out: its default, else NULL or the empty text."""
    if field.has_default():
        return field.get_db_prep_save(field.get_default(), connection)
    return None if field.null else ""


def _omzetter(field: Any) -> Any:
    """How one column's Python value becomes the database value (Django's own conversion, done once
    per distinct value: calling it for every cell of 100,000 rows would take most of the time)."""
    if isinstance(field, (models.DateTimeField, models.DateField, models.UUIDField)):
        cache: dict[Any, Any] = {}

        def zet(value: Any) -> Any:
            if value is None:
                return None
            if value not in cache:
                cache[value] = field.get_db_prep_save(value, connection)
            return cache[value]

        if not isinstance(field, models.UUIDField):
            return zet
        if connection.vendor == "postgresql":
            return None  # psycopg writes a uuid.UUID as it is
        return lambda v: field.get_db_prep_save(v, connection)
    return None


def bouwen(regio: Regio, *, size: int) -> None:
    gemeenten = {g.cbs_code: g for g in Gemeente.objects.filter(regio=regio, cbs_code__in=ONDER_18)}
    if not gemeenten:
        return
    orgs = {o.naam: o for o in Organisatie.objects.filter(regio=regio, zorgaanbieder__isnull=False)}
    gi = Organisatie.objects.filter(regio=regio, soort=OrganisatieSoort.GI).order_by("id").first()
    leerplicht = Organisatie.objects.filter(regio=regio, soort=OrganisatieSoort.LEERPLICHT).order_by("id").first()
    scholen = list(Organisatie.objects.filter(regio=regio, soort=OrganisatieSoort.SCHOOL).order_by("id")[:20])
    producten: dict[str, list[Productcode]] = {}
    for p in Productcode.objects.filter(actief=True).order_by("code"):
        producten.setdefault(p.hulpvorm, []).append(p)
    if not orgs or gi is None or leerplicht is None or not scholen or not producten:
        return
    for unit in range(1, size + 1):
        eerste = _fictief_bsn(unit * 1_000_000 + 1)
        if Jeugdige.objects.filter(bsn=eerste).exists():
            continue
        _unit(unit, gemeenten, orgs, gi, leerplicht, scholen, producten)


def _aanbieder(orgs: dict[str, Organisatie], hulpvorm: str, rng: random.Random) -> Organisatie:
    if hulpvorm == Hulpvorm.PLEEGZORG and "Pleegzorg Zuid-Limburg" in orgs:
        return orgs["Pleegzorg Zuid-Limburg"]
    if hulpvorm == Hulpvorm.CRISIS and "Integrale Crisisdienst Jeugd Zuid-Limburg" in orgs:
        return orgs["Integrale Crisisdienst Jeugd Zuid-Limburg"]
    if hulpvorm == Hulpvorm.AMBULANT and "GGZ Jeugd Parkstad" in orgs and rng.random() < 0.4:
        return orgs["GGZ Jeugd Parkstad"]
    return orgs.get("Jeugdhulp Parkstad") or next(iter(orgs.values()))


def _jaren() -> Iterator[int]:
    yield from range(EERSTE_JAAR - 1, kalender.vandaag().year + 1)


def _unit(
    unit: int,
    gemeenten: dict[str, Gemeente],
    orgs: dict[str, Organisatie],
    gi: Organisatie,
    leerplicht: Organisatie,
    scholen: list[Organisatie],
    producten: dict[str, list[Productcode]],
) -> None:
    rng = random.Random(f"jeugdhulp-massa-{unit}")
    today = kalender.vandaag()
    nu = timezone.now()
    nummer = unit * 1_000_000  # the BSN-like numbers of this unit: 8 digits + a check digit that fails
    personen: list[dict[str, Any]] = []
    plannen: list[tuple[int, str, dict[str, Any]]] = []  # (person index, gemeente code, trajectory)
    maatregelen: list[tuple[int, dict[str, Any]]] = []
    thuis: list[tuple[int, dict[str, Any]]] = []

    def persoon(code: str, geboren: dt.date) -> int:
        nonlocal nummer
        nummer += 1
        personen.append(
            {
                "uuid": _uuid(rng),
                "bsn": _fictief_bsn(nummer),
                "geboortedatum": geboren,
                "geslacht": rng.choice("12"),
                "voornamen": rng.choice(VOORNAMEN),
                "achternaam": rng.choice(NAMEN),
                "aangemaakt": nu,
                "_gemeente": code,
            }
        )
        return len(personen) - 1

    toewijzingnummer = unit * 10_000_000
    for code, onder_18 in ONDER_18.items():
        if code not in gemeenten:
            continue
        for jaar in _jaren():
            t = _t(jaar)
            aandeel = AANDEEL_2018.get(code, AANDEEL_OVERIG_2018) * (1 - DALING_PER_JAAR * max(jaar - EERSTE_JAAR, 0))
            jaar_begin = dt.date(jaar, 1, 1)
            dagen = (min(dt.date(jaar, 12, 31), today) - jaar_begin).days + 1
            if dagen <= 0:
                continue
            nieuw = int(onder_18 * aandeel * NIEUW_PER_JAAR * dagen / 365)
            for _ in range(nieuw):
                start = jaar_begin + dt.timedelta(days=rng.randrange(dagen))
                geboren = start - dt.timedelta(days=rng.randrange(200, 17 * 365))
                index = persoon(code, geboren)
                for volgnummer in range(2 if rng.random() < 0.2 else 1):
                    hulpvorm = _hulpvorm(rng, jaar)
                    keuze = producten.get(hulpvorm) or producten[Hulpvorm.AMBULANT]
                    if hulpvorm in (Hulpvorm.RESIDENTIEEL, Hulpvorm.GEZINSHUIS):
                        klein = rng.random() < 0.2 + 0.3 * t
                        keuze = [p for p in keuze if bool(p.kleinschalig) == klein] or keuze
                    product = rng.choice(keuze)
                    binnen_norm = rng.random() < 0.6 + 0.2 * t
                    aanmelding = start - dt.timedelta(days=rng.randrange(5, 120 if not binnen_norm else 40))
                    intake = aanmelding + dt.timedelta(days=rng.randrange(1, 28 if binnen_norm else 60))
                    begin = intake + dt.timedelta(days=rng.randrange(1, 70 if binnen_norm else 120))
                    if volgnummer == 1:
                        begin += dt.timedelta(days=rng.randrange(60, 300))
                    low, high = DUUR[hulpvorm]
                    einde = begin + dt.timedelta(days=rng.randrange(low, high))
                    ingang = max(aanmelding, begin - dt.timedelta(days=rng.randrange(0, 8)))
                    reden = ""
                    wacht = begin > today  # assigned, the care has not started yet
                    if wacht:
                        ingang = min(ingang, today)
                        intake = intake if intake <= today else None  # type: ignore[assignment]
                    elif einde <= today:
                        voortijdig = 0.30 - 0.10 * t if hulpvorm == Hulpvorm.PLEEGZORG else 0.15
                        reden = rng.choice(["32", "33", "34", "35"]) if rng.random() < voortijdig else "31"
                    toewijzingnummer += 1
                    plannen.append(
                        (
                            index,
                            code,
                            {
                                "uuid": _uuid(rng),
                                "aanbieder_id": _aanbieder(orgs, hulpvorm, rng).pk,
                                "toewijzingnummer": toewijzingnummer,
                                "productcategorie": product.categorie,
                                "productcode": product.code,
                                "hulpvorm": hulpvorm,
                                "kleinschalig": product.kleinschalig if hulpvorm in _VERBLIJF else None,
                                "verwijzer": _verwijzer(rng, jaar, hulpvorm),
                                "toegewezen_op": _om_negen(ingang),
                                "ingangsdatum": ingang,
                                "einddatum": einde + dt.timedelta(days=rng.randrange(0, 60)),
                                "aanmelddatum": aanmelding,
                                "intakedatum": intake,
                                "begindatum": None if wacht else begin,
                                "einddatum_zorg": einde if reden else None,
                                "reden_beeindiging": reden,
                                "bron": "demo",
                                "aangemaakt": nu,
                                "gewijzigd": nu,
                            },
                        )
                    )
            # Youth protection (1.2% of under-18s under a measure; about 40% of them new each year)
            # and juvenile probation (0.4% of 12-22; here the under-18 part).
            for _ in range(int(onder_18 * (0.012 * 0.4 + 0.0015) * dagen / 365)):
                start = jaar_begin + dt.timedelta(days=rng.randrange(dagen))
                r = rng.random()
                soort = (
                    MaatregelSoort.JEUGDRECLASSERING
                    if r < 0.25
                    else MaatregelSoort.VOORLOPIGE_OTS
                    if r < 0.33
                    else MaatregelSoort.VOOGDIJ
                    if r < 0.45
                    else MaatregelSoort.MACHTIGING_GESLOTEN
                    if r < 0.50
                    else MaatregelSoort.OTS
                )
                leeftijd = (
                    rng.randrange(12 * 365, 17 * 365)
                    if soort == MaatregelSoort.JEUGDRECLASSERING
                    else rng.randrange(100, 17 * 365)
                )
                geboren = start - dt.timedelta(days=leeftijd)
                duur = {
                    MaatregelSoort.OTS: int(rng.gauss(900 - 300 * t, 200)),
                    MaatregelSoort.VOORLOPIGE_OTS: rng.randrange(30, 90),
                    MaatregelSoort.JEUGDRECLASSERING: rng.randrange(120, 500),
                    MaatregelSoort.MACHTIGING_GESLOTEN: rng.randrange(60, 183),
                }.get(soort)
                loopt_tot = None if duur is None else start + dt.timedelta(days=max(duur, 30))
                achttien = kalender.achttien(geboren)
                beeindigd = loopt_tot if loopt_tot is not None and loopt_tot <= today else None
                if soort == MaatregelSoort.VOOGDIJ and achttien <= today:
                    beeindigd = achttien
                maatregelen.append(
                    (
                        persoon(code, geboren),
                        {
                            "uuid": _uuid(rng),
                            "gi_id": gi.pk,
                            "soort": soort,
                            "voorwaardelijk": soort == MaatregelSoort.MACHTIGING_GESLOTEN and rng.random() < 0.3,
                            "uitspraakdatum": start,
                            "ingangsdatum": start,
                            "einddatum": loopt_tot,
                            "beeindigd_op": beeindigd,
                            "bron": "demo",
                            "aangemaakt": nu,
                        },
                    )
                )
            # Thuiszitters: about 0.15% of under-18s a year; an offer comes sooner as years pass.
            for _ in range(int(onder_18 * 0.0015 * dagen / 365)):
                sinds = jaar_begin + dt.timedelta(days=rng.randrange(dagen))
                geboren = sinds - dt.timedelta(days=rng.randrange(6 * 365, 16 * 365))
                r = rng.random()
                thuis_soort = (
                    ThuiszitterSoort.RELATIEF
                    if r < 0.55
                    else ThuiszitterSoort.ABSOLUUT
                    if r < 0.80
                    else ThuiszitterSoort.VRIJSTELLING_5A
                    if r < 0.95
                    else ThuiszitterSoort.VRIJSTELLING_5B
                )
                aanbod = sinds + dt.timedelta(days=rng.randrange(20, 300 - int(150 * t)))
                terug = aanbod + dt.timedelta(days=rng.randrange(20, 200))
                thuis.append(
                    (
                        persoon(code, geboren),
                        {
                            "uuid": _uuid(rng),
                            "school_id": rng.choice(scholen).pk if thuis_soort == ThuiszitterSoort.RELATIEF else None,
                            "soort": thuis_soort,
                            "sinds": sinds,
                            "passend_aanbod_sinds": aanbod if aanbod <= today else None,
                            "gemeld_door_organisatie_id": leerplicht.pk,
                            "gemeld_op": nu,
                            "afgesloten_op": terug if terug <= today else None,
                            "bron": "demo",
                        },
                    )
                )
    gemeente_van = [p.pop("_gemeente") for p in personen]
    _insert(Jeugdige, personen)
    ids = dict(
        Jeugdige.objects.filter(bsn__gte=personen[0]["bsn"], bsn__lte=personen[-1]["bsn"]).values_list("bsn", "id")
    )
    pk = [ids[p["bsn"]] for p in personen]
    _insert(
        Woonplaatsperiode,
        [
            {"jeugdige_id": pk[i], "gemeente_id": gemeenten[gemeente_van[i]].pk, "vanaf": p["geboortedatum"]}
            for i, p in enumerate(personen)
        ],
    )
    trajecten = [{**row, "jeugdige_id": pk[i], "gemeente_id": gemeenten[code].pk} for i, code, row in plannen]
    _insert(Traject, trajecten)
    nummers = dict(
        Traject.objects.filter(
            toewijzingnummer__gt=unit * 10_000_000, toewijzingnummer__lte=toewijzingnummer
        ).values_list("toewijzingnummer", "id")
    )
    _insert(
        Levering,
        [
            {
                "traject_id": nummers[row["toewijzingnummer"]],
                "begindatum": row["begindatum"],
                "einddatum": row["einddatum_zorg"],
                "reden_beeindiging": row["reden_beeindiging"],
                "aangemaakt": nu,
            }
            for row in trajecten
            if row["begindatum"] is not None
        ],
    )
    _insert(
        Maatregel,
        [{**row, "jeugdige_id": pk[i], "gemeente_id": gemeenten[gemeente_van[i]].pk} for i, row in maatregelen],
    )
    _insert(
        Thuiszitter,
        [{**row, "jeugdige_id": pk[i], "gemeente_id": gemeenten[gemeente_van[i]].pk} for i, row in thuis],
    )


_NEGEN: dict[dt.date, dt.datetime] = {}


def _om_negen(dag: dt.date) -> dt.datetime:
    """9:00 local time on a day (make_aware once per day, not once per trajectory)."""
    if dag not in _NEGEN:
        _NEGEN[dag] = timezone.make_aware(dt.datetime.combine(dag, dt.time(9)))
    return _NEGEN[dag]


_VERBLIJF = {Hulpvorm.PLEEGZORG, Hulpvorm.GEZINSHUIS, Hulpvorm.GESLOTEN, Hulpvorm.RESIDENTIEEL}
