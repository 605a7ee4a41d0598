"""Every read of crisis data, scoped to the actor (ARCHITECTURE.md: selectors).

Who sees a crisis case, and as what (the scope's relation, evaluated in the query of every
request):
* CRISISDIENST: a professional with the triage role, acting for the crisis service that took the
  report — the whole case;
* MANDAAT: a GI or Veilig Thuis professional whose organisation takes part in the case by legal
  mandate (a `Deelname`, recorded as such) — the whole case, while the participation lasts;
* TOEGANG: a professional of an access team of the responsible municipality, once the case was
  handed over to the access team — the hand-over only, not the report;
* GEZIN: a parent or carer of the linked family, or a youth of 12+ of it, once there is a
  hand-over — what was decided, the next step and whom to call.
Nobody else: not the network, not policy staff (they get the aggregates at the bottom of this
module, through the monitor), not another crisis service.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import TruncMonth, TruncQuarter
from django.urls import reverse
from django.utils import timezone

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, Scope, register_scope, visible
from jeugdketen.core.rollen import Rol
from jeugdketen.gezinnen import regels
from jeugdketen.gezinnen import selectors as gezinnen
from jeugdketen.gezinnen.models import Gezin, Gezinslid, LidSoort
from jeugdketen.organisaties.models import Organisatie, OrganisatieSoort, Regio

from . import logevents
from . import normen as normregels
from .models import (
    Aanpak,
    Crisiscasus,
    Crisisnormen,
    Deelname,
    Moment,
    Norm,
    Normklok,
    Overdracht,
    OverdrachtRoute,
    Terugblik,
)

CRISISDIENST = "crisisdienst"
MANDAAT = "mandaat"
TOEGANG = "toegang"
GEZIN = "gezin"


def is_crisisdienst(actor: Actor) -> bool:
    return bool(
        actor.user is not None
        and not actor.is_burger
        and actor.organisatie_id
        and actor.organisatie_soort == OrganisatieSoort.CRISISDIENST
        and actor.has_role(Rol.TRIAGE)
    )


def ziet_overdrachten(actor: Actor) -> bool:
    """Access teams see the hand-overs of their municipality; GI and Veilig Thuis the cases they take part in."""
    return gezinnen.is_professional(actor) and (
        actor.organisatie_soort == OrganisatieSoort.TOEGANG or actor.organisatie_soort in gezinnen.MANDAAT_SOORTEN
    )


def _relaties(actor: Actor) -> list[tuple[str, Any]]:
    if actor.user_pk is None or not actor.is_authenticated:  # anonymous, or an organisation's system
        return []
    if actor.is_burger:
        cutoff = regels.zelf_zien_uiterlijk_geboren(kalender.vandaag())
        eigen = Gezinslid.objects.filter(gebruiker_id=actor.user_pk).filter(
            ~Q(soort=LidSoort.JEUGDIGE) | Q(geboortedatum__lte=cutoff)
        )
        heeft_overdracht = Exists(Overdracht.objects.filter(casus=OuterRef("pk")))
        return [(GEZIN, Q(gezin_id__in=eigen.values("gezin_id")) & heeft_overdracht)]
    result: list[tuple[str, Any]] = []
    if is_crisisdienst(actor):
        result.append((CRISISDIENST, Q(organisatie_id=actor.organisatie_pk)))
    if gezinnen.is_professional(actor) and actor.organisatie_soort in gezinnen.MANDAAT_SOORTEN:
        deelname = Deelname.objects.filter(
            casus=OuterRef("pk"), organisatie_id=actor.organisatie_pk, beeindigd_op__isnull=True
        )
        result.append((MANDAAT, Q(Exists(deelname))))
    if gezinnen.is_professional(actor) and actor.organisatie_soort == OrganisatieSoort.TOEGANG:
        overgedragen = Overdracht.objects.filter(casus=OuterRef("pk"), route=OverdrachtRoute.TOEGANG)
        result.append((TOEGANG, Q(verantwoordelijke_gemeente_id=actor.gemeente_pk) & Q(Exists(overgedragen))))
    return result


def cases_visible_to(actor: Actor) -> QuerySet[Any]:
    """The cases this actor may see right now, each annotated with the actor's `relatie`."""
    relaties = _relaties(actor)
    if not relaties:
        # Still annotated: callers filter on `relatie`, also when it is empty.
        return Crisiscasus.objects.none().annotate(relatie=Value("", output_field=CharField()))
    return Crisiscasus.objects.filter(reduce(or_, [q for _naam, q in relaties])).annotate(
        relatie=Case(*[When(q, then=Value(naam)) for naam, q in relaties], default=Value(""), output_field=CharField())
    )


def zichtbaar(actor: Actor) -> QuerySet[Any]:
    """The registered scope, annotated with `relatie` (typed loosely: the annotation is ours)."""
    return visible(actor, Crisiscasus)


def relation(actor: Actor, casus: Any) -> str | None:
    return getattr(casus, "relatie", "") or None


GRONDSLAG = {
    CRISISDIENST: logevents.Grondslag.CRISISDIENST,
    MANDAAT: logevents.Grondslag.MANDAAT,
    TOEGANG: logevents.Grondslag.TOEGANG,
    GEZIN: logevents.Grondslag.GEZIN,
}


def grondslag(actor: Actor, casus: Any) -> str:
    return GRONDSLAG.get(relation(actor, casus) or "", logevents.Grondslag.GEEN)


def register_scopes() -> None:
    register_scope(
        Crisiscasus,
        Scope(
            queryset=lambda actor: cases_visible_to(actor).select_related("gezin"),
            object_type=logevents.ObjectType.CRISISCASUS,
            client_id=logevents.client_id,
            grondslag=grondslag,
            relation=relation,
        ),
    )


def normen_voor(regio: Regio | int) -> Crisisnormen:
    """The region's norms; the seeds' defaults until the region sets its own."""
    regio_id = regio if isinstance(regio, int) else regio.pk
    found = Crisisnormen.objects.filter(regio_id=regio_id).select_related("teamleider").first()
    return found or Crisisnormen(regio_id=regio_id)


# --- The case page -----------------------------------------------------------------------------


def with_details(queryset: QuerySet[Crisiscasus]) -> QuerySet[Crisiscasus]:
    """Everything the case page shows, in a fixed number of queries."""
    return queryset.select_related(
        "gemeente", "verantwoordelijke_gemeente", "melder_organisatie", "casushouder", "organisatie", "gezin"
    ).prefetch_related(
        "jeugdigen",
        Prefetch("momenten", queryset=Moment.objects.order_by("tijdstip", "id")),
        Prefetch("klokken", queryset=Normklok.objects.order_by("deadline", "id")),
        Prefetch(
            "deelnames", queryset=Deelname.objects.filter(beeindigd_op__isnull=True).select_related("organisatie")
        ),
    )


def momenten_van(casus: Crisiscasus) -> dict[str, Moment]:
    return {m.soort: m for m in casus.momenten.all()}


def overdracht_van(casus: Crisiscasus) -> Overdracht | None:
    return Overdracht.objects.filter(casus=casus).prefetch_related("afspraken").first()


def terugblik_van(casus: Crisiscasus) -> Terugblik | None:
    return Terugblik.objects.filter(casus=casus).prefetch_related("themas").first()


@dataclass
class KlokStand:
    """A clock as the board and the case page show it, at one moment."""

    norm: str
    label: str
    klok: Normklok
    loopt: bool
    over: bool
    bijna: bool
    resterend: dt.timedelta
    procent: int

    @property
    def resterend_tekst(self) -> str:
        return duur_tekst(abs(self.resterend))


def stand(klok: Normklok, nu: dt.datetime) -> KlokStand:
    rekenklok = normregels.Klok(
        norm=klok.norm, start=klok.start, deadline=klok.deadline, eind=klok.eind, signaal_op=klok.signaal_op
    )
    return KlokStand(
        norm=klok.norm,
        label=str(Norm(klok.norm).label),
        klok=klok,
        loopt=rekenklok.loopt,
        over=rekenklok.over(nu) if rekenklok.loopt else rekenklok.binnen is False,
        bijna=rekenklok.bijna(nu),
        resterend=rekenklok.resterend(nu),
        procent=round(100 * rekenklok.fractie(nu)),
    )


def duur_tekst(duur: dt.timedelta) -> str:
    """'2 d 3 u', '5 u 10 min', '12 min' (plain, short; the page says 'nog' or 'over')."""
    from django.utils.translation import gettext as _

    minuten = int(duur.total_seconds() // 60)
    dagen, rest = divmod(minuten, 24 * 60)
    uren, minuten = divmod(rest, 60)
    if dagen:
        return _("{d} d {u} u").format(d=dagen, u=uren)
    if uren:
        return _("{u} u {m} min").format(u=uren, m=minuten)
    return _("{m} min").format(m=minuten)


# --- The crisis board --------------------------------------------------------------------------


def bord(actor: Actor) -> QuerySet[Crisiscasus]:
    """Open cases of the actor's crisis service, the nearest deadline first (passed ones first of
    all), cases without a running clock last. Paginate it; the page's query count is fixed."""
    return (
        zichtbaar(actor)
        .filter(relatie=CRISISDIENST, gesloten_op__isnull=True)
        .select_related("verantwoordelijke_gemeente", "casushouder")
        .prefetch_related(
            "jeugdigen", Prefetch("klokken", queryset=Normklok.objects.filter(eind__isnull=True).order_by("deadline"))
        )
        .order_by(F("volgende_deadline").asc(nulls_last=True), "ontvangen_op", "id")
    )


@dataclass
class Bordregel:
    casus: Crisiscasus
    klokken: list[KlokStand]
    over: bool
    bijna: bool


def bordregels(casussen: list[Crisiscasus], nu: dt.datetime | None = None) -> list[Bordregel]:
    nu = nu or timezone.now()
    rows = []
    for casus in casussen:
        standen = [stand(k, nu) for k in casus.klokken.all() if k.eind is None]
        rows.append(
            Bordregel(
                casus=casus,
                klokken=standen,
                over=any(s.over for s in standen),
                bijna=any(s.bijna for s in standen),
            )
        )
    return rows


def overdrachten_voor(actor: Actor) -> QuerySet[Crisiscasus]:
    """Cases handed over to the actor's access team, or that a GI / Veilig Thuis takes part in."""
    return (
        zichtbaar(actor)
        .filter(relatie__in=[TOEGANG, MANDAAT])
        .select_related("verantwoordelijke_gemeente", "overdracht")
        .prefetch_related("jeugdigen")
        .order_by(F("overdracht__opgepakt_op").asc(nulls_first=True), "-ontvangen_op", "id")
    )


def eigen_crisissen(actor: Actor) -> QuerySet[Crisiscasus]:
    if not actor.is_burger:
        return Crisiscasus.objects.none()
    return zichtbaar(actor).filter(relatie=GEZIN).select_related("overdracht").order_by("-ontvangen_op")


# --- Linking a family ----------------------------------------------------------------------------


def gezinnen_voor_koppeling(actor: Actor, casus: Crisiscasus) -> QuerySet[Gezin]:
    """Families the actor already has access to (consent or mandate) with a youth of this case
    by BSN. No free search: a family outside the actor's access is never offered."""
    bsns = [j.bsn for j in casus.jeugdigen.all() if j.bsn]
    if not bsns:
        return Gezin.objects.none()
    return (
        gezinnen.gezinnen_visible_to(actor)
        .filter(Exists(Gezinslid.objects.filter(gezin=OuterRef("pk"), bsn__in=bsns)))
        .select_related("gemeente")
        .order_by("naam", "id")
    )


def toegangsteams(gemeente_id: int) -> QuerySet[Organisatie]:
    return Organisatie.objects.filter(soort=OrganisatieSoort.TOEGANG, gemeente_id=gemeente_id).order_by("naam", "id")


def koppelingen_voor_gezinsplan(actor: Actor, gezin: Any, rol: object) -> list[Any]:
    """On the family plan page: a link to what was decided after a crisis, for who may see it
    (the crisis scope decides; the family relation `rol` does not)."""
    from django.utils.translation import gettext as _

    from jeugdketen.gezinsplan.uitbreidingen import Koppeling

    rows = list(
        zichtbaar(actor)
        .filter(gezin=gezin, relatie__in=[CRISISDIENST, GEZIN, MANDAAT])
        .filter(Exists(Overdracht.objects.filter(casus=OuterRef("pk"))))
        .order_by("-ontvangen_op")[:3]
    )
    result = []
    for casus in rows:
        naam = "crisis:gezin" if casus.relatie == GEZIN else "crisis:casus"
        result.append(
            Koppeling(
                titel=_("Na de crisis van {datum}: wat is besloten").format(
                    datum=timezone.localtime(casus.ontvangen_op).strftime("%d-%m-%Y")
                ),
                link=reverse(naam, kwargs={"casus": casus.uuid}),
                toelichting=_("Afspraken, veiligheidsplan en wie u kunt bellen."),
            )
        )
    return result


# --- Figures for the monitor (aggregates only; the monitor suppresses small counts) ------------


@dataclass
class Cijferregel:
    periode: dt.date
    gemeente_code: str
    gemeente_naam: str
    casussen: int = 0
    aanpak: dict[str, int] = field(default_factory=dict)
    # per norm: (cases where the norm was decided, of which within)
    normen: dict[str, tuple[int, int]] = field(default_factory=dict)
    gesloten: int = 0
    binnen_alle_normen: int = 0
    mediaan_minuten: dict[str, float] = field(default_factory=dict)

    def aandeel(self, norm: str) -> float | None:
        beoordeeld, binnen = self.normen.get(norm, (0, 0))
        return binnen / beoordeeld if beoordeeld else None

    @property
    def aandeel_alle_normen(self) -> float | None:
        return self.binnen_alle_normen / self.gesloten if self.gesloten else None


PERIODES = {"maand": TruncMonth, "kwartaal": TruncQuarter}


def _periode(per: str, veld: str) -> Any:
    if per not in PERIODES:
        raise ValueError(f"per must be one of {sorted(PERIODES)}")
    return PERIODES[per](veld, tzinfo=normregels.AMSTERDAM)


def _datum(value: Any) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def cijfers(*, regio: Regio, van: dt.date, tot: dt.date, per: str = "maand") -> list[Cijferregel]:
    """Per period (month or quarter, Europe/Amsterdam) and responsible municipality: the number of
    cases, the approach mix, per norm how many were decided and how many within it, how many closed
    cases were within every norm, and the median durations (minutes) per norm.

    Counts come from the database (GROUP BY); the medians need the durations of the period's
    stopped clocks (numbers only). `van`/`tot` are dates of the report, inclusive."""
    start = dt.datetime.combine(van, dt.time.min, tzinfo=normregels.AMSTERDAM)
    eind = dt.datetime.combine(tot + dt.timedelta(days=1), dt.time.min, tzinfo=normregels.AMSTERDAM)
    casussen = Crisiscasus.objects.filter(regio=regio, ontvangen_op__gte=start, ontvangen_op__lt=eind)
    mis = Exists(Normklok.objects.filter(casus=OuterRef("pk"), binnen=False))
    loopt = Exists(Normklok.objects.filter(casus=OuterRef("pk"), eind__isnull=True))
    rows: dict[tuple[dt.date, str], Cijferregel] = {}
    per_case = (
        casussen.annotate(periode=_periode(per, "ontvangen_op"))
        .values("periode", "verantwoordelijke_gemeente__cbs_code", "verantwoordelijke_gemeente__naam")
        .annotate(
            aantal=Count("id"),
            gesloten=Count("id", filter=Q(gesloten_op__isnull=False)),
            alle=Count("id", filter=Q(gesloten_op__isnull=False) & ~Q(mis) & ~Q(loopt)),
            **{f"aanpak_{a}": Count("id", filter=Q(aanpak=a)) for a in Aanpak.values},
        )
        .order_by("periode", "verantwoordelijke_gemeente__cbs_code")
    )
    for r in per_case:
        key = (_datum(r["periode"]), r["verantwoordelijke_gemeente__cbs_code"])
        rows[key] = Cijferregel(
            periode=key[0],
            gemeente_code=key[1],
            gemeente_naam=r["verantwoordelijke_gemeente__naam"],
            casussen=r["aantal"],
            aanpak={a: r[f"aanpak_{a}"] for a in Aanpak.values},
            gesloten=r["gesloten"],
            binnen_alle_normen=r["alle"],
        )
    klokken = Normklok.objects.filter(casus__in=casussen.values("pk"), binnen__isnull=False).annotate(
        periode=_periode(per, "casus__ontvangen_op")
    )
    for r in (
        klokken.values("periode", "casus__verantwoordelijke_gemeente__cbs_code", "norm")
        .annotate(beoordeeld=Count("id"), binnen_norm=Count("id", filter=Q(binnen=True)))
        .order_by()
    ):
        key = (_datum(r["periode"]), r["casus__verantwoordelijke_gemeente__cbs_code"])
        if key in rows:
            rows[key].normen[r["norm"]] = (r["beoordeeld"], r["binnen_norm"])
    duren: dict[tuple[dt.date, str, str], list[int]] = defaultdict(list)
    for periode, code, norm, minuten in klokken.filter(duur_minuten__isnull=False).values_list(
        "periode", "casus__verantwoordelijke_gemeente__cbs_code", "norm", "duur_minuten"
    ):
        duren[(_datum(periode), code, norm)].append(int(minuten or 0))
    for (periode, code, norm), waarden in duren.items():
        if (periode, code) in rows:
            rows[(periode, code)].mediaan_minuten[norm] = float(statistics.median(waarden))
    return list(rows.values())


def themas_cijfers(*, regio: Regio, van: dt.date, tot: dt.date, per: str = "kwartaal") -> list[dict[str, Any]]:
    """How often each theme of the look back was named, per period (aggregates only)."""
    start = dt.datetime.combine(van, dt.time.min, tzinfo=normregels.AMSTERDAM)
    eind = dt.datetime.combine(tot + dt.timedelta(days=1), dt.time.min, tzinfo=normregels.AMSTERDAM)
    through: Any = Terugblik.themas.through
    qs = (
        through.objects.filter(
            terugblik__casus__regio=regio,
            terugblik__casus__ontvangen_op__gte=start,
            terugblik__casus__ontvangen_op__lt=eind,
        )
        .annotate(periode=_periode(per, "terugblik__casus__ontvangen_op"))
        .values("periode", "terugblikthema__sleutel", "terugblikthema__naam")
        .annotate(aantal=Count("id"))
        .order_by("periode", "-aantal", "terugblikthema__naam")
    )
    return [
        {
            "periode": _datum(r["periode"]),
            "thema": r["terugblikthema__sleutel"],
            "naam": r["terugblikthema__naam"],
            "aantal": r["aantal"],
        }
        for r in qs
    ]


def wie_opties(gezin: Gezin) -> list[tuple[str, str]]:
    """Who can carry out an agreement in this family's plan: members, active network, and the
    organisations with access (the keys the family plan's services understand)."""
    opties = [(f"lid:{lid.uuid}", lid.naam) for lid in gezinnen.members_of(gezin)]
    opties += [(f"netwerk:{n.uuid}", n.naam) for n in gezinnen.network_of(gezin) if n.actief]
    organisaties = dict(
        gezinnen.active_consents().filter(gezin=gezin).values_list("organisatie__uuid", "organisatie__naam")
    )
    opties += [(f"org:{uuid}", naam) for uuid, naam in sorted(organisaties.items(), key=lambda kv: kv[1])]
    return opties
