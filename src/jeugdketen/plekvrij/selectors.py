"""Every read of plekvrij data.

Who may do what (evaluated per request, never cached):
* search places: professionals with the hulpverlener or triage role of an access team, the
  crisis service, a GI, Veilig Thuis or a provider (not a school or GP: they ask the access
  team). Availability holds no personal data, so a search writes no access-log entry;
* reserve a place: those of them who work for an access team, the crisis service or a GI;
* keep places current: professionals (hulpverlener) of a provider — only their own organisation's
  places (`Plek` scope);
* a reservation (the only personal data here) is seen by the requesting organisation and by the
  provider whose place it holds (`Reservering` scope, read through `core.access.fetch`);
* the monitor's figures are aggregates per region and kind; the time to placement is suppressed
  below `DREMPEL` reservations, because it is about persons.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from jeugdketen.core.access import Actor, Scope, register_scope, visible
from jeugdketen.core.rollen import Rol
from jeugdketen.organisaties.models import Gemeente, Organisatie, OrganisatieSoort, Regio

from . import centroiden, logevents
from .models import (
    HOUDT_PLEK,
    STANDAARD_TERMIJN_OVERIG,
    STANDAARD_TERMIJN_UREN,
    Actualiteitstermijn,
    Dagstand,
    Hulpaanbod,
    Plek,
    Reservering,
    ReserveringStatus,
    Soort,
    Specialisme,
    Zoekopdracht,
)

M = TypeVar("M", bound=Model)

# Organisations that hold places (a provider of youth care, foster care, mental-health or
# disability care); their hulpverleners keep their own places current.
AANBIEDER_SOORTEN = frozenset(
    {
        OrganisatieSoort.JEUGDHULPAANBIEDER,
        OrganisatieSoort.PLEEGZORGAANBIEDER,
        OrganisatieSoort.GGZ,
        OrganisatieSoort.GEHANDICAPTENZORG,
        OrganisatieSoort.VERSLAVINGSZORG,
    }
)
# Organisations that place youths: the access team, the crisis service and the GI reserve.
RESERVEERDER_SOORTEN = frozenset({OrganisatieSoort.TOEGANG, OrganisatieSoort.CRISISDIENST, OrganisatieSoort.GI})
# Who searches: those who place youths, Veilig Thuis (it arranges safety with them) and the
# providers themselves (onward placements). A school or GP asks the access team instead.
ZOEKER_SOORTEN = RESERVEERDER_SOORTEN | AANBIEDER_SOORTEN | {OrganisatieSoort.VEILIG_THUIS}
AANVRAGER = "aanvrager"
AANBIEDER = "aanbieder"
DREMPEL = 10  # suppression threshold for figures about persons (SECURITY B11)


def is_uuid(value: Any) -> bool:
    try:
        uuidlib.UUID(str(value))
    except ValueError:
        return False
    return True


def _professional(actor: Actor) -> bool:
    return actor.is_authenticated and not actor.is_burger and bool(actor.organisatie_id)


def may_search(actor: Actor) -> bool:
    return (
        _professional(actor)
        and actor.has_role(Rol.HULPVERLENER, Rol.TRIAGE)
        and actor.organisatie_soort in ZOEKER_SOORTEN
    )


def may_reserve(actor: Actor) -> bool:
    return may_search(actor) and actor.organisatie_soort in RESERVEERDER_SOORTEN


def may_manage(actor: Actor) -> bool:
    return _professional(actor) and actor.has_role(Rol.HULPVERLENER) and actor.organisatie_soort in AANBIEDER_SOORTEN


def may_maintain_offers(actor: Actor) -> bool:
    """Any organisation with hulpverleners keeps its own offers on the sociale kaart."""
    return _professional(actor) and actor.has_role(Rol.HULPVERLENER)


def may_see_figures(actor: Actor) -> bool:
    return _professional(actor) and actor.has_role(Rol.BELEID)


# --- Scopes -----------------------------------------------------------------------------------


def plekken_visible_to(actor: Actor) -> QuerySet[Plek]:
    """The places the actor may change: those of the organisation they act for, nothing else."""
    if not may_manage(actor):
        return Plek.objects.none()
    return Plek.objects.filter(locatie__organisatie_id=actor.organisatie_pk)


def reserveringen_visible_to(actor: Actor) -> QuerySet[Reservering]:
    condition = Q(pk__in=[])
    if may_reserve(actor):
        condition |= Q(organisatie_id=actor.organisatie_pk)
    if may_manage(actor):
        condition |= Q(plek__locatie__organisatie_id=actor.organisatie_pk)
    return Reservering.objects.filter(condition)


def rol_in_reservering(actor: Actor, reservering: Reservering) -> str | None:
    if may_manage(actor) and reservering.plek.locatie.organisatie_id == actor.organisatie_pk:
        return AANBIEDER
    if may_reserve(actor) and reservering.organisatie_id == actor.organisatie_pk:
        return AANVRAGER
    return None


def zoekopdrachten_visible_to(actor: Actor) -> QuerySet[Zoekopdracht]:
    if not may_search(actor):
        return Zoekopdracht.objects.none()
    return Zoekopdracht.objects.filter(eigenaar_id=actor.user_pk)


def hulpaanbod_visible_to(actor: Actor) -> QuerySet[Hulpaanbod]:
    if not may_maintain_offers(actor):
        return Hulpaanbod.objects.none()
    return Hulpaanbod.objects.filter(aanbieder_id=actor.organisatie_pk)


def register_scopes() -> None:
    register_scope(
        Plek,
        Scope(
            queryset=lambda actor: plekken_visible_to(actor).select_related("locatie__gemeente"),
            object_type=logevents.ObjectType.PLEK,
            client_id=lambda plek: "-",  # availability is about no person
            grondslag=lambda actor, plek: "eigen plekken bijhouden",
        ),
    )
    register_scope(
        Reservering,
        Scope(
            queryset=lambda actor: reserveringen_visible_to(actor).select_related(
                "plek__locatie__organisatie", "plek__locatie__gemeente", "organisatie"
            ),
            object_type=logevents.ObjectType.RESERVERING,
            client_id=logevents.client_id,
            grondslag=lambda actor, r: logevents.PLAATSING,
            relation=rol_in_reservering,
        ),
    )
    register_scope(
        Zoekopdracht,
        Scope(
            queryset=zoekopdrachten_visible_to,
            object_type=logevents.ObjectType.ZOEKOPDRACHT,
            client_id=lambda z: "-",
            grondslag=lambda actor, z: "eigen zoekopdracht",
        ),
    )
    register_scope(
        Hulpaanbod,
        Scope(
            queryset=hulpaanbod_visible_to,
            object_type=logevents.ObjectType.AANBOD,
            client_id=lambda a: "-",
            grondslag=lambda actor, a: "eigen aanbod bijhouden",
        ),
    )


# --- The live numbers of a place ----------------------------------------------------------------


def termijn_uren(soort: str) -> int:
    return STANDAARD_TERMIJN_UREN.get(Soort(soort), STANDAARD_TERMIJN_OVERIG)


def termijnen_voor(regio: Regio | None) -> dict[str, int]:
    """The freshness term (hours) of every kind in a region: its own setting or the default."""
    eigen = {}
    if regio is not None:
        eigen = dict(Actualiteitstermijn.objects.filter(regio=regio).values_list("soort", "uren"))
    return {soort: eigen.get(soort, termijn_uren(soort)) for soort in Soort.values}


def verouderd_conditie(now: dt.datetime) -> Q:
    """Stale: not updated within the kind's freshness term of the place's own region.

    A place updated exactly `term` hours ago is still current; one second later it is stale.
    One query for the region settings, whatever the number of places."""
    condition = Q(pk__in=[])
    eigen: dict[str, list[int]] = defaultdict(list)
    for regio_id, soort, uren in Actualiteitstermijn.objects.values_list("regio_id", "soort", "uren"):
        eigen[soort].append(regio_id)
        condition |= Q(
            soort=soort, locatie__organisatie__regio_id=regio_id, bijgewerkt_op__lt=now - dt.timedelta(hours=uren)
        )
    for soort in Soort.values:
        standaard = Q(soort=soort, bijgewerkt_op__lt=now - dt.timedelta(hours=termijn_uren(soort)))
        if eigen[soort]:
            standaard &= ~Q(locatie__organisatie__regio_id__in=eigen[soort])
        condition |= standaard
    return condition


def gehouden_nu(now: dt.datetime) -> dict[int, int]:
    """Per place, the reservations that hold it right now (one query; few rows at any moment: a
    hold lasts hours and ends by itself)."""
    rijen = (
        Reservering.objects.filter(status__in=HOUDT_PLEK, verloopt_op__gt=now)
        .order_by()
        .values("plek")
        .annotate(n=Count("pk"))
        .values_list("plek", "n")
    )
    return dict(rijen)


def met_stand(qs: QuerySet[Plek], now: dt.datetime) -> QuerySet[Plek]:
    """Annotate `gereserveerd_nu`, `vrij_nu` and `verouderd` (all computed in the query).

    The holds (`gehouden_nu`) are read first, in one query; each row takes its number from a CASE
    of those few places. As a correlated subquery PostgreSQL ran it four times a row of the search
    (filter, two sort keys, the row: 1,500 probes for a page at national scale, 8 of its 13 ms;
    issue 16). An expired hold counts as free at once, whether or not the job has released it."""
    whens = [When(pk=plek_id, then=Value(n)) for plek_id, n in sorted(gehouden_nu(now).items())]
    gereserveerd = Case(*whens, default=Value(0), output_field=IntegerField())
    return qs.annotate(
        gereserveerd_nu=gereserveerd,
        vrij_nu=ExpressionWrapper(
            F("gecontracteerd") - F("buiten_gebruik") - F("bezet") - F("gereserveerd_nu"), output_field=IntegerField()
        ),
        verouderd=Case(
            When(verouderd_conditie(now), then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
    )


# --- Search -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Zoekvraag:
    soort: str = ""
    leeftijd: int | None = None
    specialismen: tuple[Specialisme, ...] = ()
    gemeente: Gemeente | None = None
    regio: Regio | None = None
    vanaf: Gemeente | None = None  # where from: "nearest first"
    datum: dt.date | None = None  # free on this day (default: now)
    ook_vol: bool = False


def _met_specialismen(qs: QuerySet[Plek], specialismen: tuple[Specialisme, ...]) -> QuerySet[Plek]:
    through = Plek.specialismen.through
    for specialisme in specialismen:
        qs = qs.filter(Exists(through.objects.filter(plek_id=OuterRef("pk"), specialisme_id=specialisme.pk)))
    return qs


def _afstand(vanaf: Gemeente | None) -> Any:
    """Distance between municipality centroids (km), as a CASE over the municipalities in the
    public centroid file (one query maps their codes to ids); unknown → NULL, ranked last."""
    if vanaf is None:
        return Value(None, output_field=FloatField())
    afstanden = centroiden.afstanden_vanaf(vanaf.cbs_code)
    ids = dict(Gemeente.objects.filter(cbs_code__in=afstanden).values_list("cbs_code", "id"))
    whens = [When(locatie__gemeente_id=ids[code], then=Value(km)) for code, km in afstanden.items() if code in ids]
    if not whens:
        return Value(None, output_field=FloatField())
    return Case(*whens, default=Value(None), output_field=FloatField())


def zoeken(actor: Actor, vraag: Zoekvraag, *, now: dt.datetime | None = None) -> QuerySet[Plek]:
    """Places for the search page and the API, in a fixed number of queries (paginate it).

    Order: current entries before stale ones, available before full ones, nearest first, then
    the most free places."""
    if not may_search(actor):
        return Plek.objects.none()
    now = now or timezone.now()
    qs = Plek.objects.filter(actief=True, locatie__actief=True)
    if vraag.soort:
        qs = qs.filter(soort=vraag.soort)
    if vraag.leeftijd is not None:
        qs = qs.filter(leeftijd_van__lte=vraag.leeftijd, leeftijd_tot__gte=vraag.leeftijd)
    if vraag.gemeente is not None:
        qs = qs.filter(locatie__gemeente=vraag.gemeente)
    if vraag.regio is not None:
        qs = qs.filter(locatie__gemeente__regio=vraag.regio)
    qs = met_stand(_met_specialismen(qs, vraag.specialismen), now)
    vandaag = timezone.localdate(now)
    beschikbaar = Q(vrij_nu__gt=0)
    if vraag.datum is not None and vraag.datum > vandaag:
        beschikbaar |= Q(vrij_vanaf__gt=vandaag, vrij_vanaf__lte=vraag.datum)
    qs = qs.annotate(
        beschikbaar=Case(When(beschikbaar, then=Value(True)), default=Value(False), output_field=BooleanField()),
        afstand=_afstand(vraag.vanaf),
    )
    if not vraag.ook_vol:
        qs = qs.filter(beschikbaar=True)
    return (
        qs.select_related("locatie__gemeente", "locatie__organisatie")
        .prefetch_related("specialismen")
        .order_by("verouderd", "-beschikbaar", F("afstand").asc(nulls_last=True), "-vrij_nu", "locatie__naam", "id")
    )


def plek_voor_zoeker(actor: Actor, uuid: Any, *, now: dt.datetime | None = None) -> Plek | None:
    """One active place with its live numbers, for someone who may search."""
    if not may_search(actor):
        return None
    now = now or timezone.now()
    qs = Plek.objects.filter(uuid=uuid, actief=True, locatie__actief=True)
    return (
        met_stand(qs, now)
        .select_related("locatie__gemeente", "locatie__organisatie")
        .prefetch_related("specialismen")
        .first()
    )


def actieve_specialismen() -> QuerySet[Specialisme]:
    return Specialisme.objects.filter(actief=True).order_by("volgorde", "naam", "id")


def geen(model: type[M]) -> QuerySet[M]:
    """An empty set of `model` (an API class's schema queryset; nothing visible)."""
    return model._default_manager.none()


def gemeenten_met_code(codes: list[str]) -> QuerySet[Gemeente]:
    return Gemeente.objects.filter(cbs_code__in=codes)


def thuisgemeente(actor: Actor) -> Gemeente | None:
    """Where a search starts from by default: the municipality of the actor's organisation."""
    return Gemeente.objects.filter(pk=actor.gemeente_pk).first()


# --- The provider's own places ---------------------------------------------------------------


def mijn_plekken(actor: Actor, *, now: dt.datetime | None = None) -> QuerySet[Plek]:
    now = now or timezone.now()
    return (
        met_stand(visible(actor, Plek).filter(actief=True, locatie__actief=True), now)
        .select_related("locatie__gemeente")
        .prefetch_related("specialismen")
        .order_by("locatie__naam", "locatie_id", "soort", "naam", "id")
    )


@dataclass
class LocatieMetPlekken:
    locatie: Any
    plekken: list[Plek] = field(default_factory=list)

    @property
    def verouderd(self) -> bool:
        return any(getattr(p, "verouderd", False) for p in self.plekken)


def per_locatie(plekken: list[Plek]) -> list[LocatieMetPlekken]:
    groepen: dict[int, LocatieMetPlekken] = {}
    for plek in plekken:
        groepen.setdefault(plek.locatie_id, LocatieMetPlekken(plek.locatie)).plekken.append(plek)
    return list(groepen.values())


def geschiedenis(plek: Plek) -> QuerySet[Any]:
    return plek.standen.order_by("-tijdstip", "-id")


def verlopen_te_laat(reservering: Reservering, now: dt.datetime | None = None) -> bool:
    """Expired by the clock, even when the job has not released it yet."""
    return reservering.houdt_plek and reservering.verloopt_op <= (now or timezone.now())


def reserveringen_lijst(actor: Actor, *, rol: str) -> QuerySet[Reservering]:
    """Incoming (aanbieder) or outgoing (aanvrager) reservations, newest first (paginate it)."""
    qs = visible(actor, Reservering)
    if rol == AANBIEDER:
        qs = qs.filter(plek__locatie__organisatie_id=actor.organisatie_pk) if may_manage(actor) else qs.none()
    else:
        qs = qs.filter(organisatie_id=actor.organisatie_pk) if may_reserve(actor) else qs.none()
    return qs.order_by("-aangevraagd_op", "-id")


def wachtende_reserveringen(actor: Actor, now: dt.datetime | None = None) -> QuerySet[Reservering]:
    """Holds on the provider's places still waiting for an answer (not expired)."""
    return reserveringen_lijst(actor, rol=AANBIEDER).filter(
        status=ReserveringStatus.AANGEVRAAGD, verloopt_op__gt=now or timezone.now()
    )


# --- Saved searches that match a place --------------------------------------------------------


def zoekopdrachten_die_passen(plek: Plek) -> QuerySet[Zoekopdracht]:
    """Saved searches this place answers (kind, age, area and every specialism asked for)."""
    gemeente = plek.locatie.gemeente
    eigen = plek.specialismen.values("pk")
    return (
        Zoekopdracht.objects.filter(Q(soort="") | Q(soort=plek.soort))
        .filter(
            Q(leeftijd__isnull=True) | Q(leeftijd__gte=plek.leeftijd_van, leeftijd__lte=plek.leeftijd_tot),
            Q(gemeente__isnull=True, regio__isnull=True) | Q(gemeente=gemeente) | Q(regio_id=gemeente.regio_id),
        )
        .exclude(specialismen__in=Specialisme.objects.exclude(pk__in=eigen))
        .select_related("eigenaar")
    )


# --- Sociale kaart (public) -----------------------------------------------------------------


@dataclass(frozen=True)
class Kaartvraag:
    tekst: str = ""
    categorie: str = ""
    gemeente: Gemeente | None = None
    leeftijd: int | None = None
    zonder_verwijzing: bool = False


def kaart_zoeken(vraag: Kaartvraag) -> QuerySet[Hulpaanbod]:
    """Published offers for the public pages (no login, no personal data)."""
    qs = Hulpaanbod.objects.filter(gepubliceerd=True)
    if vraag.tekst:
        for woord in vraag.tekst.split()[:6]:
            qs = qs.filter(
                Q(titel__icontains=woord)
                | Q(samenvatting__icontains=woord)
                | Q(voor_wie__icontains=woord)
                | Q(waar__icontains=woord)
            )
    if vraag.categorie:
        qs = qs.filter(categorie=vraag.categorie)
    if vraag.gemeente is not None:
        in_gemeente = Hulpaanbod.gemeenten.through.objects.filter(hulpaanbod_id=OuterRef("pk"))
        qs = qs.filter(regio_id=vraag.gemeente.regio_id).filter(
            ~Exists(in_gemeente) | Exists(in_gemeente.filter(gemeente_id=vraag.gemeente.pk))
        )
    if vraag.leeftijd is not None:
        qs = qs.filter(leeftijd_van__lte=vraag.leeftijd, leeftijd_tot__gte=vraag.leeftijd)
    if vraag.zonder_verwijzing:
        qs = qs.filter(toegankelijkheid="vrij")
    return qs.select_related("aanbieder").prefetch_related("gemeenten").order_by("titel", "id")


def kaart_aanbod(uuid: Any) -> Hulpaanbod | None:
    return (
        Hulpaanbod.objects.filter(uuid=uuid, gepubliceerd=True)
        .select_related("aanbieder", "regio")
        .prefetch_related("gemeenten")
        .first()
    )


def toegangsteams_voor(aanbod: Hulpaanbod) -> list[Organisatie]:
    """No wrong door: the access teams (CJG, wijkteam) that help further where the offer is."""
    gemeenten = [g.pk for g in aanbod.gemeenten.all()]
    qs = Organisatie.objects.filter(soort=OrganisatieSoort.TOEGANG, regio_id=aanbod.regio_id)
    if gemeenten:
        qs = qs.filter(Q(gemeente_id__in=gemeenten) | Q(gemeente__isnull=True))
    return list(qs.order_by("naam")[:5])


def gemeenten_met_aanbod() -> QuerySet[Gemeente]:
    regio_ids = Hulpaanbod.objects.filter(gepubliceerd=True).values("regio_id")
    return Gemeente.objects.filter(regio_id__in=regio_ids).order_by("naam")


# --- Figures for the monitor (aggregates only) ---------------------------------------------


@dataclass(frozen=True)
class Stand:
    soort: str
    plekken: int
    gecontracteerd: int
    bruikbaar: int
    bezet: int
    gereserveerd: int
    vrij: int
    niet_actueel: int

    @property
    def label(self) -> str:
        return str(Soort(self.soort).label)

    @property
    def aandeel_niet_actueel(self) -> int | None:
        return round(100 * self.niet_actueel / self.plekken) if self.plekken else None


def stand_per_soort(*, regio: Regio | None = None, now: dt.datetime | None = None) -> dict[tuple[int, str], Stand]:
    """Live totals per (region id, kind) in two grouped queries, whatever the number of places."""
    now = now or timezone.now()
    qs = Plek.objects.filter(actief=True, locatie__actief=True)
    if regio is not None:
        qs = qs.filter(locatie__organisatie__regio=regio)
    rijen = (
        qs.order_by()
        .values("locatie__organisatie__regio_id", "soort")
        .annotate(
            plekken=Count("pk"),
            gecontracteerd_s=Coalesce(Sum("gecontracteerd"), 0),
            buiten_gebruik_s=Coalesce(Sum("buiten_gebruik"), 0),
            bezet_s=Coalesce(Sum("bezet"), 0),
            gereserveerd_s=Coalesce(Sum("gereserveerd"), 0),
            niet_actueel=Count("pk", filter=verouderd_conditie(now)),
        )
    )
    verlopen = {
        (r["plek__locatie__organisatie__regio_id"], r["plek__soort"]): r["n"]
        for r in Reservering.objects.filter(status__in=HOUDT_PLEK, verloopt_op__lte=now, plek__in=qs.values("pk"))
        .order_by()
        .values("plek__locatie__organisatie__regio_id", "plek__soort")
        .annotate(n=Count("pk"))
    }
    result = {}
    for r in rijen:
        key = (r["locatie__organisatie__regio_id"], r["soort"])
        gereserveerd = r["gereserveerd_s"] - verlopen.get(key, 0)
        bruikbaar = r["gecontracteerd_s"] - r["buiten_gebruik_s"]
        result[key] = Stand(
            soort=r["soort"],
            plekken=r["plekken"],
            gecontracteerd=r["gecontracteerd_s"],
            bruikbaar=bruikbaar,
            bezet=r["bezet_s"],
            gereserveerd=gereserveerd,
            vrij=bruikbaar - r["bezet_s"] - gereserveerd,
            niet_actueel=r["niet_actueel"],
        )
    return result


def stand_van_regio(regio: Regio, *, now: dt.datetime | None = None) -> list[Stand]:
    """One row per kind (kinds without places included, as zeros), in the kinds' order."""
    per_soort = {soort: stand for (_r, soort), stand in stand_per_soort(regio=regio, now=now).items()}
    return [per_soort.get(s) or Stand(s, 0, 0, 0, 0, 0, 0, 0) for s in Soort.values]


def reeks(regio: Regio, *, van: dt.date, tot: dt.date) -> QuerySet[Dagstand]:
    """Free and occupied places per kind over time (the precomputed day totals)."""
    return Dagstand.objects.filter(regio=regio, datum__gte=van, datum__lte=tot).order_by("datum", "soort")


@dataclass(frozen=True)
class Plaatsingsduur:
    soort: str
    aantal: int | None  # None: fewer than DREMPEL, suppressed
    gemiddeld_uren: float | None

    @property
    def label(self) -> str:
        return str(Soort(self.soort).label)


def tijd_tot_plaatsing(regio: Regio, *, van: dt.datetime, tot: dt.datetime) -> list[Plaatsingsduur]:
    """Average hours from reservation request to placement, per kind, for placements in the period.

    Aggregated in the database; a kind with fewer than DREMPEL placements shows neither count nor
    average (it would be about a recognisable few)."""
    duur = ExpressionWrapper(F("afgehandeld_op") - F("aangevraagd_op"), output_field=DurationField())
    rijen = {
        r["plek__soort"]: r
        for r in Reservering.objects.filter(
            status=ReserveringStatus.GEPLAATST,
            plek__locatie__organisatie__regio=regio,
            afgehandeld_op__gte=van,
            afgehandeld_op__lt=tot,
        )
        .order_by()
        .values("plek__soort")
        .annotate(n=Count("pk"), gem=Sum(duur))
    }
    result = []
    for soort in Soort.values:
        r = rijen.get(soort)
        if r is None or r["n"] < DREMPEL:
            result.append(Plaatsingsduur(soort, None, None))
            continue
        totaal: dt.timedelta = r["gem"]
        result.append(Plaatsingsduur(soort, r["n"], round(totaal.total_seconds() / 3600 / r["n"], 1)))
    return result


def bezetting_per_organisatie(regio: Regio) -> list[dict[str, Any]]:
    """Per provider organisation of the region (its uuid and name): usable and occupied places now,
    summed over its active places in one grouped query (the monitor: a provider's own figures)."""
    rijen = (
        Plek.objects.filter(actief=True, locatie__actief=True, locatie__organisatie__regio=regio)
        .order_by()
        .values("locatie__organisatie__uuid", "locatie__organisatie__naam")
        .annotate(
            gecontracteerd_s=Coalesce(Sum("gecontracteerd"), 0),
            buiten_gebruik_s=Coalesce(Sum("buiten_gebruik"), 0),
            bezet_s=Coalesce(Sum("bezet"), 0),
        )
    )
    return [
        {
            "organisatie": str(r["locatie__organisatie__uuid"]),
            "naam": r["locatie__organisatie__naam"],
            "bruikbaar": r["gecontracteerd_s"] - r["buiten_gebruik_s"],
            "bezet": r["bezet_s"],
        }
        for r in rijen
    ]
