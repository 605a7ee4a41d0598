"""Every read of jeugdhulp data, scoped to the actor (evaluated in the query of every request).

Who sees what (issue 10, point 6):
* the access team (toegang) of the responsible municipality: the trajectories and decisions of
  its municipalities (its own municipality, or every one of its region when it works region-wide),
  also of youths who live there now;
* a provider: only the trajectories assigned to itself;
* a GI: the measures it carries out, and the trajectories of youths under a current measure of it;
* a school and leerplicht: the thuiszitters their organisation reported;
* a parent with authority: the decisions and trajectories of their family's youths under 16; a
  youth from 12: their own;
* family-plan participants: the help in place, on the plan page, within the family's consent
  (`hulp_in_gezin`);
* policy staff: nothing but the aggregates at the end of this module.
Nobody else. Every list and detail writes the access log (views, API, `core.access.fetch`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.lookups import IsNull

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, Scope, eenmaal_gebouwd, register_scope
from jeugdketen.core.models import Actie
from jeugdketen.core.toegangslog import log_access
from jeugdketen.gezinnen import regels
from jeugdketen.gezinnen import selectors as gezinnen
from jeugdketen.gezinnen.models import Gezin, Gezinslid, LidSoort
from jeugdketen.organisaties import selectors as organisaties
from jeugdketen.organisaties.models import Gemeente, Organisatie, OrganisatieSoort, Regio
from jeugdketen.personen import selectors as personen
from jeugdketen.personen.models import Jeugdige

from .codes import OTS_SOORTEN, MaatregelSoort, RedenWijziging
from .logevents import Grondslag, ObjectType, Segment
from .models import (
    Beschikking,
    Jeugdhulpnormen,
    Levering,
    Maatregel,
    Ontvangst,
    Productcode,
    Thuiszitter,
    Traject,
    Zorgaanbieder,
)

# How an actor relates to a record (the `relatie` of core.access.fetch)
TOEGANG = "toegang"
AANBIEDER = "aanbieder"
GI = "gi"
GEZIN = "gezin"
MELDER = "melder"

MELDENDE_SOORTEN = frozenset({OrganisatieSoort.SCHOOL, OrganisatieSoort.LEERPLICHT})
AANBIEDER_SOORTEN = frozenset(
    {
        OrganisatieSoort.JEUGDHULPAANBIEDER,
        OrganisatieSoort.PLEEGZORGAANBIEDER,
        OrganisatieSoort.GGZ,
        OrganisatieSoort.GEHANDICAPTENZORG,
        OrganisatieSoort.VERSLAVINGSZORG,
        OrganisatieSoort.CRISISDIENST,
    }
)
OUDERS_ZIEN_TOT = regels.ZELF_BESLISSEN_VANAF  # from 16 the youth decides alone (SECURITY B4)


def vandaag() -> dt.date:
    return kalender.vandaag()


# --- Who is acting ------------------------------------------------------------------------


def is_professional(actor: Actor) -> bool:
    return gezinnen.is_professional(actor)


def is_toegang(actor: Actor) -> bool:
    return is_professional(actor) and actor.organisatie_soort == OrganisatieSoort.TOEGANG


def is_gi(actor: Actor) -> bool:
    return is_professional(actor) and actor.organisatie_soort == OrganisatieSoort.GI


def is_melder(actor: Actor) -> bool:
    return is_professional(actor) and actor.organisatie_soort in MELDENDE_SOORTEN


def is_aanbieder(actor: Actor) -> bool:
    """A professional of a care provider (the menu; what they see is their own assignments)."""
    return is_professional(actor) and actor.organisatie_soort in AANBIEDER_SOORTEN


def organisatie_van(actor: Actor) -> Organisatie | None:
    if not actor.organisatie_id:
        return None
    return Organisatie.objects.filter(pk=actor.organisatie_pk).select_related("gemeente", "regio").first()


def gemeenten_van(actor: Actor) -> QuerySet[Gemeente]:
    """The municipalities an access team works for: its own, or all of its region (`werkgebied`)."""
    if not is_toegang(actor):
        return Gemeente.objects.none()
    return organisaties.werkgebied(actor)


def _eigen_jeugdigen(actor: Actor) -> QuerySet[Any]:
    """For a citizen: the persons whose help they may see (own, from 12; their children under 16)."""
    today = kalender.vandaag()
    user_id = actor.user_pk or 0
    zelf = Gezinslid.objects.filter(
        gebruiker_id=user_id,
        soort=LidSoort.JEUGDIGE,
        geboortedatum__lte=kalender.uiterlijk_geboren(regels.ZELF_ZIEN_VANAF, today),
    )
    ouder_in = (
        Gezinslid.objects.filter(gebruiker_id=user_id, gezag=True).exclude(soort=LidSoort.JEUGDIGE).values("gezin_id")
    )
    kinderen = Gezinslid.objects.filter(
        gezin_id__in=ouder_in,
        soort=LidSoort.JEUGDIGE,
        geboortedatum__gt=kalender.uiterlijk_geboren(OUDERS_ZIEN_TOT, today),
    )
    return Gezinslid.objects.filter(Q(pk__in=zelf.values("pk")) | Q(pk__in=kinderen.values("pk"))).values("persoon_id")


def _lopende_maatregelen(op: dt.date) -> QuerySet[Maatregel]:
    return Maatregel.objects.filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=op),
        Q(beeindigd_op__isnull=True) | Q(beeindigd_op__gte=op),
        ingangsdatum__lte=op,
    )


# --- Scopes ---------------------------------------------------------------------------------


def trajecten_visible_to(actor: Actor) -> QuerySet[Traject]:
    """The trajectories this actor may see right now. Built once per actor and day: the home's
    tiles ask for it four times (`core.access.eenmaal_gebouwd`; the SQL runs at every use)."""
    return eenmaal_gebouwd(actor, "jeugdhulp.trajecten", lambda: _trajecten_scope(actor))


def _trajecten_scope(actor: Actor) -> QuerySet[Traject]:
    base = Traject.objects.select_related("aanbieder", "gemeente", "jeugdige")
    if not actor.is_authenticated:
        return base.none()
    if actor.is_burger:
        return base.filter(jeugdige_id__in=_eigen_jeugdigen(actor))
    if not is_professional(actor):
        return base.none()
    # Each arm is checked on the trajectory's own row, never by hashing every resident of the
    # municipality first (issue 16): the organisation and its municipalities are the actor's own
    # numbers; the residence is a correlated scalar lookup of this youth's current period (LIMIT
    # 1, by the youth's index), which PostgreSQL cannot turn into a hash of all residents as it
    # did with the IN and, for a list it expects to be long, with an EXISTS. So a page or tile
    # walks its own index (the waiting rows, the newest assignments) and stops at its limit.
    condition = Q(aanbieder_id=actor.organisatie_pk)
    if is_toegang(actor):
        gemeenten = gemeenten_van(actor)
        woont_er = personen.periodes_op(vandaag()).filter(jeugdige_id=OuterRef("jeugdige_id"), gemeente__in=gemeenten)
        condition |= Q(gemeente__in=gemeenten) | Q(IsNull(Subquery(woont_er.values("pk")[:1]), False))
    if is_gi(actor):
        condition |= Q(jeugdige_id__in=_gi_jeugdigen(actor))
    return base.filter(condition)


def _gi_jeugdigen(actor: Actor) -> QuerySet[Any]:
    return _lopende_maatregelen(vandaag()).filter(gi_id=actor.organisatie_pk).values("jeugdige_id")


def _traject_armen(actor: Actor) -> list[Q] | None:
    """The arms of a professional's trajectory scope, each a set of rows its own index finds:
    the provider's own (`aanbieder_id`), the municipality's (`gemeente_id`), those of the youths
    living there now (the periods by `(gemeente, tot)`, then `jeugdige_id`), a GI's measures'
    youths. Their union is exactly `trajecten_visible_to` (None: not a professional's scope)."""
    if not actor.is_authenticated or actor.is_burger or not is_professional(actor):
        return None
    armen = [Q(aanbieder_id=actor.organisatie_pk)]
    if is_toegang(actor):
        gemeenten = list(gemeenten_van(actor).values_list("pk", flat=True))
        armen.append(Q(gemeente__in=gemeenten))
        armen.append(
            Q(jeugdige_id__in=personen.periodes_op(vandaag()).filter(gemeente__in=gemeenten).values("jeugdige_id"))
        )
    if is_gi(actor):
        armen.append(Q(jeugdige_id__in=_gi_jeugdigen(actor)))
    return armen


def aantal_trajecten(
    actor: Actor, filtreer: Callable[[QuerySet[Traject]], QuerySet[Traject]], tot: int | None = None
) -> int:
    """How many rows `filtreer(trajecten_visible_to(actor))` holds (at most `tot`: the list's
    capped count, core.paginering), counted as a UNION (not UNION ALL: a trajectory in two arms
    counts once) of the scope's arms, each filtered the same way.

    A COUNT over the scope itself reads every trajectory the list's filter lets through, of the
    whole region, and checks the arms on each (issue 16, benchmarks README); each arm here starts
    from the team's own rows by its own index."""
    armen = _traject_armen(actor)
    rijen: QuerySet[Traject, Any]
    if armen is None:
        rijen = filtreer(trajecten_visible_to(actor)).order_by()
    else:
        delen = [filtreer(Traject.objects.filter(arm)).order_by().values("pk") for arm in armen]
        if tot is not None and len(delen) > 1 and connection.features.supports_slicing_ordering_in_compound:
            # A LIMIT on the UNION stops nothing: the UNION dedupes every row of every arm first
            # (the municipality's 6,000 at 20k families). Each arm stops at `tot` rows instead and
            # the IN dedupes the few ids: an arm at `tot` makes the union at least `tot`;
            # otherwise every arm is whole and the count is exact.
            begrensd = [deel[:tot] for deel in delen]
            ids = begrensd[0].union(*begrensd[1:], all=True)
            return min(Traject.objects.filter(pk__in=ids).count(), tot)
        rijen = delen[0].union(*delen[1:]) if len(delen) > 1 else delen[0]
    return (rijen[:tot] if tot is not None else rijen).count()


def rol_bij_traject(actor: Actor, traject: Traject) -> str | None:
    """The actor's relation to a trajectory in their scope (decides what they may do with it)."""
    if actor.is_burger:
        return GEZIN
    if traject.aanbieder_id == actor.organisatie_pk:
        return AANBIEDER
    if is_toegang(actor):
        return TOEGANG
    if is_gi(actor):
        return GI
    return None


def _grondslag(actor: Actor, obj: Any) -> str:
    relatie = {
        GEZIN: Grondslag.GEZIN,
        AANBIEDER: Grondslag.AANBIEDER,
        TOEGANG: Grondslag.TOEGANG,
        GI: Grondslag.GI,
    }
    if isinstance(obj, Traject):
        rol = rol_bij_traject(actor, obj)
        return str(relatie.get(rol or "", Grondslag.TOEGANG))
    if isinstance(obj, Beschikking):
        return str(Grondslag.GEZIN if actor.is_burger else Grondslag.TOEGANG)
    if isinstance(obj, Maatregel):
        return str(Grondslag.GI)
    if isinstance(obj, Thuiszitter):
        return str(Grondslag.LEERPLICHT)
    return str(Grondslag.IJW)


def client_id(obj: Any) -> str:
    """The pseudonymous client id in the access log: the person's uuid (never a BSN)."""
    jeugdige = getattr(obj, "jeugdige", None)
    return str(jeugdige.uuid) if jeugdige is not None else "-"


def beschikkingen_visible_to(actor: Actor) -> QuerySet[Beschikking]:
    base = Beschikking.objects.select_related("jeugdige", "gemeente", "organisatie")
    if not actor.is_authenticated:
        return base.none()
    if actor.is_burger:
        return base.filter(jeugdige_id__in=_eigen_jeugdigen(actor))
    if is_toegang(actor):
        return base.filter(gemeente__in=gemeenten_van(actor))
    return base.none()


def maatregelen_visible_to(actor: Actor) -> QuerySet[Maatregel]:
    base = Maatregel.objects.select_related("jeugdige", "gemeente", "gi")
    if is_gi(actor):
        return base.filter(gi_id=actor.organisatie_pk)
    return base.none()


def thuiszitters_visible_to(actor: Actor) -> QuerySet[Thuiszitter]:
    base = Thuiszitter.objects.select_related("jeugdige", "gemeente", "school", "gemeld_door_organisatie")
    if is_melder(actor):
        return base.filter(gemeld_door_organisatie_id=actor.organisatie_pk)
    return base.none()


def ontvangsten_visible_to(actor: Actor) -> QuerySet[Ontvangst]:
    """Received iJw messages: only the organisation that sent them sees them."""
    if not is_professional(actor):
        return Ontvangst.objects.none()
    return Ontvangst.objects.filter(organisatie_id=actor.organisatie_pk).select_related("jeugdige")


def register_scopes() -> None:
    register_scope(
        Traject,
        Scope(
            queryset=trajecten_visible_to,
            object_type=ObjectType.TRAJECT,
            client_id=client_id,
            grondslag=_grondslag,
            relation=rol_bij_traject,
        ),
    )
    register_scope(
        Beschikking,
        Scope(
            queryset=beschikkingen_visible_to,
            object_type=ObjectType.BESCHIKKING,
            client_id=client_id,
            grondslag=_grondslag,
            relation=lambda actor, obj: GEZIN if actor.is_burger else TOEGANG,
        ),
    )
    register_scope(
        Maatregel,
        Scope(
            queryset=maatregelen_visible_to,
            object_type=ObjectType.MAATREGEL,
            client_id=client_id,
            grondslag=_grondslag,
            relation=lambda actor, obj: GI,
        ),
    )
    register_scope(
        Thuiszitter,
        Scope(
            queryset=thuiszitters_visible_to,
            object_type=ObjectType.THUISZITTER,
            client_id=client_id,
            grondslag=_grondslag,
            relation=lambda actor, obj: MELDER,
        ),
    )
    register_scope(
        Ontvangst,
        Scope(
            queryset=ontvangsten_visible_to,
            object_type=ObjectType.ONTVANGST,
            client_id=client_id,
            grondslag=lambda actor, obj: str(Grondslag.IJW),
            relation=lambda actor, obj: AANBIEDER,
        ),
    )


# --- Reads for pages ------------------------------------------------------------------------


def leveringen_van(traject: Traject) -> QuerySet[Levering]:
    return Levering.objects.filter(traject=traject).order_by("begindatum")


def trajecten_van_beschikking(beschikking: Beschikking) -> QuerySet[Traject]:
    return Traject.objects.filter(beschikking=beschikking).select_related("aanbieder").order_by("id")


def verlengingen_van(maatregel: Maatregel) -> QuerySet[Any]:
    return maatregel.verlengingen.order_by("tot")


def aanbieders() -> QuerySet[Organisatie]:
    """Organisations that can receive an assignment (they have an AGB code)."""
    return Organisatie.objects.filter(zorgaanbieder__isnull=False).select_related("zorgaanbieder").order_by("naam")


def agb_van(actor: Actor) -> str:
    """The AGB code of the actor's organisation ('' when it has none)."""
    if not is_professional(actor):
        return ""
    code = Zorgaanbieder.objects.filter(organisatie_id=actor.organisatie_pk).values_list("agb_code", flat=True)
    return str(code.first() or "")


def traject_voor_voorbeeld(actor: Actor) -> Traject | None:
    """One of the provider's own assignments whose care has not started (for an example JW305)."""
    qs = trajecten_visible_to(actor).filter(aanbieder_id=actor.organisatie_pk, begindatum__isnull=True)
    return qs.exclude(reden_wijziging="13").order_by("-ingangsdatum", "-id").first()


def gis() -> QuerySet[Organisatie]:
    return Organisatie.objects.filter(soort=OrganisatieSoort.GI).order_by("naam")


def scholen(regio_id: int | None) -> QuerySet[Organisatie]:
    return Organisatie.objects.filter(soort=OrganisatieSoort.SCHOOL, regio_id=regio_id or 0).order_by("naam")


def productcodes() -> QuerySet[Productcode]:
    return Productcode.objects.filter(actief=True).order_by("categorie", "code")


def normen(regio: Regio | int | None) -> Jeugdhulpnormen:
    """The region's norms, or the defaults when the region set none (not saved)."""
    regio_id = regio.pk if isinstance(regio, Regio) else regio
    if not regio_id:
        return Jeugdhulpnormen()
    return Jeugdhulpnormen.objects.filter(regio_id=regio_id).first() or Jeugdhulpnormen(regio_id=regio_id)


def normen_van(actor: Actor) -> Jeugdhulpnormen:
    return normen(actor.regio_pk)


def lopend_op(qs: QuerySet[Traject], op: dt.date) -> QuerySet[Traject]:
    """Trajectories whose care has started and not (definitively) stopped on `op`."""
    return qs.filter(Q(einddatum_zorg__isnull=True) | Q(einddatum_zorg__gte=op), begindatum__lte=op)


def lopend_of_toegewezen(qs: QuerySet[Traject], op: dt.date) -> QuerySet[Traject]:
    """Care running on `op`, or assigned and not yet ended (waiting for its start)."""
    return (
        qs.filter(Q(einddatum_zorg__isnull=True) | Q(einddatum_zorg__gte=op))
        .filter(Q(begindatum__isnull=False) | Q(einddatum__isnull=True) | Q(einddatum__gte=op))
        .exclude(reden_wijziging="13")
    )


def in_zorg(persoon: str, op: dt.date | None = None) -> Q:
    """Whether the person `OuterRef(persoon)` is in care on a day: a running trajectory, or an
    assignment that has not ended yet (waiting for the start), or a current youth-protection
    measure. For the toekomstplan.

    Correlated on the trajectory's and the measure's youth index: a watch list looks up its own
    few youths, instead of hashing every current trajectory first (issue 16). The measure arm is
    a scalar `(SELECT … LIMIT 1) IS NOT NULL`, which the planner cannot hash: as an EXISTS it
    hashed the whole measure table whenever the statistics called it small."""
    op = op or vandaag()
    lopend = Q(begindatum__lte=op) & (Q(einddatum_zorg__isnull=True) | Q(einddatum_zorg__gte=op))
    toegewezen = (
        Q(einddatum_zorg__isnull=True)
        & (Q(einddatum__isnull=True) | Q(einddatum__gte=op))
        & ~Q(reden_wijziging=RedenWijziging.VERWIJDERD)
    )
    traject = Traject.objects.filter(lopend | toegewezen, jeugdige_id=OuterRef(persoon))
    maatregel = _lopende_maatregelen(op).filter(jeugdige_id=OuterRef(persoon))
    return Q(Exists(traject)) | Q(IsNull(Subquery(maatregel.values("pk")[:1]), False))


def personen_in_zorg(op: dt.date | None = None) -> QuerySet[Jeugdige]:
    """Persons in care on a day (`in_zorg`)."""
    return Jeugdige.objects.filter(in_zorg("pk", op))


# --- The help in place, on the family plan (gezinsplan.uitbreidingen) ------------------------


@dataclass(frozen=True)
class HulpInGezin:
    jeugdige: str
    hulp: str
    aanbieder: str
    vanaf: dt.date | None
    tot: dt.date | None


def hulp_in_gezin(actor: Actor, gezin: Gezin, rol: gezinnen.GezinsRol | None) -> list[HulpInGezin]:
    """The care in place for the youths of this family, for whoever takes part in the family now
    as a professional with consent or mandate, a parent, or the youth (not the network). `rol`:
    the actor's relation to the family, as the family plan page's fetch found it in this request
    (`gezinnen.rol_in_gezin` elsewhere); None: no part in it, nothing.

    The same trajectories as everywhere (the youth member's person record), one query, and one
    access-log entry when there is something to show."""
    if rol is None or rol.soort == gezinnen.NETWERK:
        return []
    today = vandaag()
    leden = Gezinslid.objects.filter(gezin=gezin, soort=LidSoort.JEUGDIGE, persoon__isnull=False)
    rows = list(
        Traject.objects.filter(jeugdige_id__in=leden.values("persoon_id"), jeugdige__gezinsleden__gezin=gezin)
        .filter(Q(einddatum_zorg__isnull=True) | Q(einddatum_zorg__gte=today))
        .exclude(reden_wijziging="13")
        .annotate(lid_voornaam=F("jeugdige__gezinsleden__voornaam"))
        .select_related("aanbieder")
        .order_by("ingangsdatum", "id")
    )
    if rows:
        log_access(
            actor,
            actie=Actie.READ,
            object_type=ObjectType.HULP_IN_GEZIN,
            object_id=str(gezin.uuid),
            segment=Segment.GEZINSPLAN,
            client_id=gezinnen.client_id(gezin),
            grondslag=str(Grondslag.GEZINSPLAN),
        )
    return [
        HulpInGezin(
            jeugdige=r.lid_voornaam,
            hulp=r.get_hulpvorm_display() or r.get_productcategorie_display(),
            aanbieder=r.aanbieder.naam,
            vanaf=r.begindatum or r.ingangsdatum,
            tot=r.einddatum_zorg or r.einddatum,
        )
        for r in rows
    ]


def koppelingen_voor_gezinsplan(actor: Actor, gezin: Any, rol: gezinnen.GezinsRol | None) -> list[Any]:
    """The family plan's 'help in place' (gezinsplan.uitbreidingen provider)."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    from jeugdketen.gezinsplan.uitbreidingen import Koppeling

    result = []
    for hulp in hulp_in_gezin(actor, gezin, rol):
        periode = _("vanaf %(d)s") % {"d": date_format(hulp.vanaf)} if hulp.vanaf else ""
        if hulp.tot:
            periode += " " + _("tot en met %(d)s") % {"d": date_format(hulp.tot)}
        result.append(
            Koppeling(
                titel=_("Hulp voor %(naam)s: %(hulp)s") % {"naam": hulp.jeugdige, "hulp": hulp.hulp},
                link="",
                toelichting=f"{hulp.aanbieder} {periode}".strip(),
            )
        )
    return result


# --- Aggregates for the monitor: computed in the database, a fixed number of queries -----------


def _overlapt(jaar: int, start: str, einde: str) -> Q:
    begin, eind = dt.date(jaar, 1, 1), dt.date(jaar, 12, 31)
    return Q(**{f"{start}__lte": eind}) & (Q(**{f"{einde}__isnull": True}) | Q(**{f"{einde}__gte": begin}))


def _jaar(jaar: int, veld: str) -> Q:
    return Q(**{f"{veld}__gte": dt.date(jaar, 1, 1), f"{veld}__lte": dt.date(jaar, 12, 31)})


def jeugdigen_met_hulp(jaren: list[int], *, gemeenten: QuerySet[Gemeente] | None = None) -> list[dict[str, Any]]:
    """Per municipality and year: distinct youths with help (trajectories whose care ran in the
    year), with a stay, in foster care, in jeugdzorgplus, in a small-scale stay; and the number of
    trajectories by kind of help. One query for all years (conditional aggregation)."""
    from .codes import MET_VERBLIJF, Hulpvorm

    qs = Traject.objects.exclude(hulpvorm="").filter(begindatum__isnull=False)
    if gemeenten is not None:
        qs = qs.filter(gemeente__in=gemeenten)
    verblijf = Q(hulpvorm__in=[str(v) for v in MET_VERBLIJF])
    annotations: dict[str, Any] = {}
    for jaar in jaren:
        loopt = _overlapt(jaar, "begindatum", "einddatum_zorg")
        annotations[f"met_hulp_{jaar}"] = Count("jeugdige", distinct=True, filter=loopt)
        annotations[f"met_verblijf_{jaar}"] = Count("jeugdige", distinct=True, filter=loopt & verblijf)
        annotations[f"pleegzorg_{jaar}"] = Count(
            "jeugdige", distinct=True, filter=loopt & Q(hulpvorm=Hulpvorm.PLEEGZORG)
        )
        annotations[f"gesloten_{jaar}"] = Count("jeugdige", distinct=True, filter=loopt & Q(hulpvorm=Hulpvorm.GESLOTEN))
        annotations[f"kleinschalig_{jaar}"] = Count(
            "jeugdige", distinct=True, filter=loopt & verblijf & Q(kleinschalig=True)
        )
        annotations[f"pleegzorg_voortijdig_{jaar}"] = Count(
            "pk",
            filter=Q(hulpvorm=Hulpvorm.PLEEGZORG)
            & _jaar(jaar, "einddatum_zorg")
            & Q(reden_beeindiging__in=["32", "33", "34", "35"]),
        )
        annotations[f"pleegzorg_beeindigd_{jaar}"] = Count(
            "pk", filter=Q(hulpvorm=Hulpvorm.PLEEGZORG) & _jaar(jaar, "einddatum_zorg")
        )
    rows = qs.values("gemeente__cbs_code").annotate(**annotations).order_by("gemeente__cbs_code")
    return _per_jaar(rows, jaren)


def trajecten_per_hulpvorm(jaren: list[int]) -> list[dict[str, Any]]:
    """Per municipality, year and kind of help: trajectories whose care ran in the year."""
    annotations = {f"n_{jaar}": Count("pk", filter=_overlapt(jaar, "begindatum", "einddatum_zorg")) for jaar in jaren}
    rows = (
        Traject.objects.exclude(hulpvorm="")
        .filter(begindatum__isnull=False)
        .values("gemeente__cbs_code", "hulpvorm")
        .annotate(**annotations)
        .order_by("gemeente__cbs_code", "hulpvorm")
    )
    return [
        {"gemeente": r["gemeente__cbs_code"], "hulpvorm": r["hulpvorm"], "jaar": jaar, "trajecten": r[f"n_{jaar}"]}
        for r in rows
        for jaar in jaren
    ]


def verwijzingen(jaren: list[int]) -> list[dict[str, Any]]:
    """Per municipality, year and referrer (COD327; '' unknown): assignments that began in the year."""
    annotations = {f"n_{jaar}": Count("pk", filter=_jaar(jaar, "ingangsdatum")) for jaar in jaren}
    rows = (
        Traject.objects.exclude(reden_wijziging="13")
        .values("gemeente__cbs_code", "verwijzer")
        .annotate(**annotations)
        .order_by("gemeente__cbs_code", "verwijzer")
    )
    return [
        {"gemeente": r["gemeente__cbs_code"], "verwijzer": r["verwijzer"], "jaar": jaar, "trajecten": r[f"n_{jaar}"]}
        for r in rows
        for jaar in jaren
    ]


def binnen_wachttijdnorm(jaren: list[int], *, regio: Regio | None = None) -> list[dict[str, Any]]:
    """Per municipality and year of start: trajectories with known waiting times, and how many were
    within both Treeknorm steps (request → intake, intake → start; the region's norms)."""
    rows = _wachttijd_annotaties(jaren, regio, "gemeente__cbs_code")
    return _per_jaar(rows, jaren)


def binnen_wachttijdnorm_per_aanbieder(jaren: list[int], *, regio: Regio) -> list[dict[str, Any]]:
    """As binnen_wachttijdnorm, per provider organisation (its uuid under "aanbieder") instead of
    per municipality: a provider sees its own waiting times (the monitor). Aggregates only."""
    rows = _wachttijd_annotaties(jaren, regio, "aanbieder__uuid", gemeente__regio=regio)
    result = []
    for row in rows:
        aanbieder = str(row.pop("aanbieder__uuid"))
        for jaar in jaren:
            suffix = f"_{jaar}"
            values = {k[: -len(suffix)]: v for k, v in row.items() if k.endswith(suffix)}
            result.append({"aanbieder": aanbieder, "jaar": jaar, **values})
    return result


def _wachttijd_annotaties(jaren: list[int], regio: Regio | None, groep: str, **filters: Any) -> Any:
    from django.db.models import DurationField, ExpressionWrapper

    norm = normen(regio)
    qs = Traject.objects.filter(aanmelddatum__isnull=False, intakedatum__isnull=False, begindatum__isnull=False)
    qs = qs.annotate(
        tot_intake=ExpressionWrapper(F("intakedatum") - F("aanmelddatum"), output_field=DurationField()),
        tot_start=ExpressionWrapper(F("begindatum") - F("intakedatum"), output_field=DurationField()),
    )
    binnen = Q(tot_intake__lte=dt.timedelta(days=norm.treeknorm_intake_dagen)) & Q(
        tot_start__lte=dt.timedelta(days=norm.treeknorm_start_dagen)
    )
    annotations: dict[str, Any] = {}
    for jaar in jaren:
        annotations[f"gemeten_{jaar}"] = Count("pk", filter=_jaar(jaar, "begindatum"))
        annotations[f"binnen_norm_{jaar}"] = Count("pk", filter=_jaar(jaar, "begindatum") & binnen)
    return qs.filter(**filters).values(groep).annotate(**annotations).order_by(groep)


def ots(jaren: list[int]) -> list[dict[str, Any]]:
    """Per municipality and year: youths under an OTS (incl. voorlopige) in the year, and the
    number and total days of the OTS that ended in the year (average duration = days / number)."""
    from django.db.models import DurationField, ExpressionWrapper, Sum
    from django.db.models.functions import Coalesce

    qs = Maatregel.objects.filter(soort__in=[str(s) for s in OTS_SOORTEN]).annotate(
        einde=Coalesce("beeindigd_op", "einddatum"),
    )
    qs = qs.annotate(duur=ExpressionWrapper(F("einde") - F("ingangsdatum"), output_field=DurationField()))
    annotations: dict[str, Any] = {}
    for jaar in jaren:
        annotations[f"met_ots_{jaar}"] = Count(
            "jeugdige", distinct=True, filter=_overlapt(jaar, "ingangsdatum", "einde")
        )
        eindigde = _jaar(jaar, "einde") & Q(einde__lt=vandaag())
        annotations[f"ots_beeindigd_{jaar}"] = Count("pk", filter=eindigde)
        annotations[f"ots_duur_{jaar}"] = Sum("duur", filter=eindigde)
    rows = qs.values("gemeente__cbs_code").annotate(**annotations).order_by("gemeente__cbs_code")
    result = _per_jaar(rows, jaren)
    for row in result:
        duur = row.pop("ots_duur")
        row["ots_duur_dagen"] = duur.days if isinstance(duur, dt.timedelta) else (duur or 0)
    return result


def ots_duren(jaren: list[int]) -> dict[tuple[str, int], list[int]]:
    """Per (municipality, year): the durations in days of the OTS that ended in the year, sorted,
    for a median (numbers only: no youth, no measure, no date leaves this function)."""
    from django.db.models import DurationField, ExpressionWrapper
    from django.db.models.functions import Coalesce, ExtractYear

    qs = (
        Maatregel.objects.filter(soort__in=[str(s) for s in OTS_SOORTEN])
        .annotate(einde=Coalesce("beeindigd_op", "einddatum"))
        .filter(einde__lt=vandaag(), einde__year__in=jaren)
        .annotate(
            duur=ExpressionWrapper(F("einde") - F("ingangsdatum"), output_field=DurationField()),
            eindjaar=ExtractYear("einde"),
        )
    )
    result: dict[tuple[str, int], list[int]] = {}
    for code, jaar, duur in qs.values_list("gemeente__cbs_code", "eindjaar", "duur").order_by():
        dagen = duur.days if isinstance(duur, dt.timedelta) else int(duur or 0)
        result.setdefault((code, int(jaar)), []).append(dagen)
    return {k: sorted(v) for k, v in result.items()}


def jeugdigen_met_maatregel(jaren: list[int]) -> list[dict[str, Any]]:
    """Per municipality and year: distinct youths under a youth-protection measure (OTS, voogdij,
    provisional ones included) and under juvenile probation in the year. One query."""
    from .codes import JEUGDBESCHERMING

    annotations: dict[str, Any] = {}
    for jaar in jaren:
        loopt = _overlapt(jaar, "ingangsdatum", "einddatum")
        annotations[f"jeugdbescherming_{jaar}"] = Count(
            "jeugdige", distinct=True, filter=loopt & Q(soort__in=[str(s) for s in JEUGDBESCHERMING])
        )
        annotations[f"jeugdreclassering_{jaar}"] = Count(
            "jeugdige", distinct=True, filter=loopt & Q(soort=MaatregelSoort.JEUGDRECLASSERING)
        )
    rows = Maatregel.objects.values("gemeente__cbs_code").annotate(**annotations).order_by("gemeente__cbs_code")
    return _per_jaar(rows, jaren)


def maatregelen_per_soort(jaren: list[int]) -> list[dict[str, Any]]:
    """Per municipality, year and kind of measure: distinct youths under it in the year."""
    annotations = {
        f"n_{jaar}": Count("jeugdige", distinct=True, filter=_overlapt(jaar, "ingangsdatum", "einddatum"))
        for jaar in jaren
    }
    rows = (
        Maatregel.objects.values("gemeente__cbs_code", "soort")
        .annotate(**annotations)
        .order_by("gemeente__cbs_code", "soort")
    )
    return [
        {"gemeente": r["gemeente__cbs_code"], "soort": r["soort"], "jaar": jaar, "jeugdigen": r[f"n_{jaar}"]}
        for r in rows
        for jaar in jaren
        if r["soort"] in MaatregelSoort.values
    ]


def thuiszitters(jaren: list[int], *, regio: Regio | None = None) -> list[dict[str, Any]]:
    """Per municipality and year: thuiszitters in the year, and those home longer than the norm
    (3 months) without a suitable offer at the end of the year (or now, for this year)."""
    norm = normen(regio).thuiszitter_dagen
    annotations: dict[str, Any] = {}
    for jaar in jaren:
        peildatum = min(dt.date(jaar, 12, 31), vandaag())
        annotations[f"thuiszitters_{jaar}"] = Count(
            "jeugdige", distinct=True, filter=_overlapt(jaar, "sinds", "afgesloten_op")
        )
        annotations[f"lang_zonder_aanbod_{jaar}"] = Count(
            "jeugdige",
            distinct=True,
            filter=Q(sinds__lte=peildatum - dt.timedelta(days=norm))
            & (Q(afgesloten_op__isnull=True) | Q(afgesloten_op__gt=peildatum))
            & (Q(passend_aanbod_sinds__isnull=True) | Q(passend_aanbod_sinds__gt=peildatum)),
        )
    rows = Thuiszitter.objects.values("gemeente__cbs_code").annotate(**annotations).order_by("gemeente__cbs_code")
    return _per_jaar(rows, jaren)


def _per_jaar(rows: Any, jaren: list[int]) -> list[dict[str, Any]]:
    """Turn one row per municipality with `<name>_<year>` columns into one row per municipality
    and year (in Python over the aggregated rows: municipalities × years, never over records)."""
    result = []
    for row in rows:
        gemeente = row.pop("gemeente__cbs_code")
        for jaar in jaren:
            suffix = f"_{jaar}"
            values = {k[: -len(suffix)]: v for k, v in row.items() if k.endswith(suffix)}
            result.append({"gemeente": gemeente, "jaar": jaar, **values})
    return result
