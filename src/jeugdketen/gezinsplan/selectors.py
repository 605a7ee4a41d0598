"""Every read of plans, scoped to the actor. Page and API reads use a fixed number of queries.

A plan is seen by exactly those who see its family (`gezinnen.selectors.scoped_to_families`, the
one rule, including "a network member only while the plan is shared with them"); the Gezinsplan
scope carries the actor's relation to the family, so `core.access.fetch(actor, Gezinsplan,
gezin__uuid=...)` returns the plan with the role in one query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.lookups import IsNull
from django.utils.translation import gettext as _

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, Scope, eenmaal_gebouwd, register_scope
from jeugdketen.core.rollen import Rol
from jeugdketen.gezinnen import regels
from jeugdketen.gezinnen import selectors as gezinnen
from jeugdketen.gezinnen.models import Gezin, Gezinslid, LidSoort, Netwerklid
from jeugdketen.organisaties.models import Gebruiker

from .logevents import ObjectType
from .models import (
    Afspraak,
    AfspraakStatus,
    Doel,
    Evaluatiescore,
    Gezinsplan,
    Instemming,
    Jargonterm,
    Planbijeenkomst,
    Planversie,
    Reactie,
    Regieperiode,
    Veiligheidsvoorwaarde,
)


def plannen_visible_to(actor: Actor) -> QuerySet[Gezinsplan]:
    """The plans of the families the actor sees (the family's rule; annotated with its basis)."""
    return eenmaal_gebouwd(
        actor, "gezinsplannen", lambda: gezinnen.scoped_to_families(actor, Gezinsplan.objects.all(), via="gezin")
    )


def heeft_plan(gezin: UUID) -> bool:
    """Whether the family has a plan, for anyone: which page to fetch, the plan or the family
    (to start one). It tells nothing by itself: a plan is visible exactly when its family is
    (`plannen_visible_to`), so whoever may not see the family gets the same 404 either way. The
    scope is applied by that fetch, not twice (a scoped check first cost the plan page 2.5 ms)."""
    return Gezinsplan.objects.filter(gezin__uuid=gezin).exists()


def _plan_relation(actor: Actor, plan: Gezinsplan) -> gezinnen.GezinsRol | None:
    return gezinnen.relation_of(actor, plan, gezin_id=plan.gezin_id)


def _plan_client_id(plan: Gezinsplan) -> str:
    return gezinnen.client_id(plan.gezin)


def register_scopes() -> None:
    register_scope(
        Gezinsplan,
        Scope(
            queryset=lambda actor: gezinnen.with_relation(actor, plannen_visible_to(actor), via="gezin").select_related(
                "gezin"
            ),
            object_type=ObjectType.GEZINSPLAN,
            client_id=_plan_client_id,
            grondslag=gezinnen.grondslag,
            relation=_plan_relation,
        ),
    )


def with_plan_page(queryset: QuerySet[Gezinsplan]) -> QuerySet[Gezinsplan]:
    """The joins of every plan page (the `related` of its fetch): family, municipality, the
    current version and the regisseur."""
    return queryset.select_related(
        "gezin__gemeente",
        "huidige_versie",
        "regisseur_gezinslid",
        "regisseur_medewerker",
        "regisseur_organisatie",
    )


def plan_of(gezin: Gezin) -> Gezinsplan | None:
    return Gezinsplan.objects.filter(gezin=gezin).select_related("huidige_versie").first()


def versions_of(plan: Gezinsplan) -> QuerySet[Planversie]:
    return Planversie.objects.filter(plan=plan).order_by("-nummer")


def version(plan: Gezinsplan, nummer: int) -> Planversie:
    """One version with its parts; Planversie.DoesNotExist for a number the plan does not have."""
    found = (
        Planversie.objects.filter(plan=plan, nummer=nummer)
        .prefetch_related(
            Prefetch("doelen", queryset=Doel.objects.order_by("volgorde", "id")),
            Prefetch("afspraken", queryset=Afspraak.objects.order_by("volgorde", "id")),
            Prefetch("veiligheidsvoorwaarden", queryset=Veiligheidsvoorwaarde.objects.select_related("organisatie")),
        )
        .first()
    )
    if found is None:
        raise Planversie.DoesNotExist(nummer)
    return found


@dataclass
class Deelnemer:
    """Someone whose agreement counts: a name, a role and which person it is (ids, no more)."""

    naam: str
    rol: str
    gezinslid_id: int | None = None
    netwerklid_id: int | None = None
    medewerker_id: int | None = None
    laatst_ingestemd: int | None = None  # version number agreed to last

    def key(self) -> tuple[str, int]:
        if self.gezinslid_id is not None:
            return ("lid", self.gezinslid_id)
        if self.netwerklid_id is not None:
            return ("netwerk", self.netwerklid_id)
        return ("mw", self.medewerker_id or 0)

    def is_van(self, rol: gezinnen.GezinsRol, actor: Actor) -> bool:
        """Is this the participant the actor is (by their relation to the family)?"""
        if rol.gezinslid is not None:
            return self.gezinslid_id == rol.gezinslid.pk
        if rol.netwerklid is not None:
            return self.netwerklid_id == rol.netwerklid.pk
        return rol.is_professional and self.medewerker_id is not None and self.medewerker_id == actor.user_pk


@dataclass
class PlanOverzicht:
    """Everything the plan page shows, loaded with a fixed number of queries."""

    plan: Gezinsplan
    versie: Planversie
    doelen: list[Doel]
    afspraken: list[Afspraak]
    voorwaarden: list[Veiligheidsvoorwaarde]
    scores: dict[UUID, list[Evaluatiescore]]
    deelnemers: list[Deelnemer]
    bijeenkomsten: list[Planbijeenkomst]
    reacties: list[Reactie]
    regiegeschiedenis: list[Regieperiode]
    gedragen: bool = False
    evaluatie_te_laat: bool = False
    te_laat: set[int] = field(default_factory=set)


def participants(plan: Gezinsplan, leden: list[Gezinslid], netwerk: list[Netwerklid]) -> list[Deelnemer]:
    """Who must agree for a version to be carried: parents/carers, youths of 12+, the network
    members who see the plan, and the regisseur when that is a professional."""
    today = kalender.vandaag()
    result = []
    for lid in leden:
        if lid.soort != LidSoort.JEUGDIGE or lid.geboortedatum and regels.mag_zelf_zien(lid.geboortedatum, today):
            result.append(Deelnemer(lid.naam, lid.get_soort_display(), gezinslid_id=lid.pk))
    for n in netwerk:
        if n.actief and n.ziet_plan:
            result.append(Deelnemer(n.naam, n.get_relatie_display(), netwerklid_id=n.pk))
    if plan.regisseur_medewerker_id is not None:
        naam = plan.regisseur_medewerker.weergavenaam if plan.regisseur_medewerker else ""
        result.append(Deelnemer(naam, "regisseur", medewerker_id=plan.regisseur_medewerker_id))
    return result


def _agreement_state(plan: Gezinsplan, deelnemers: list[Deelnemer]) -> bool:
    rows = Instemming.objects.filter(plan=plan).values_list(
        "gezinslid_id", "netwerklid_id", "medewerker_id", "versie__nummer"
    )
    latest: dict[tuple[str, int], int] = {}
    for lid_id, netwerk_id, mw_id, nummer in rows:
        key = ("lid", lid_id) if lid_id else ("netwerk", netwerk_id) if netwerk_id else ("mw", mw_id)
        latest[key] = max(latest.get(key, 0), nummer)
    for d in deelnemers:
        d.laatst_ingestemd = latest.get(d.key())
    return bool(deelnemers) and all(d.laatst_ingestemd == plan.versie for d in deelnemers)


def plan_overview(plan: Gezinsplan, *, nummer: int | None = None) -> PlanOverzicht:
    versie = version(plan, nummer or plan.versie)
    leden = list(
        Gezinslid.objects.filter(gezin_id=plan.gezin_id)
        .only("id", "soort", "voornaam", "achternaam", "geboortedatum")  # never the BSN
        .order_by("soort", "geboortedatum", "id")
    )
    netwerk = list(Netwerklid.objects.filter(gezin_id=plan.gezin_id).order_by("naam", "id"))
    deelnemers = participants(plan, leden, netwerk)
    gedragen = _agreement_state(plan, deelnemers)
    scores: dict[UUID, list[Evaluatiescore]] = {}
    for score in Evaluatiescore.objects.filter(plan=plan).order_by("datum", "id"):
        scores.setdefault(score.doel_sleutel, []).append(score)
    today = kalender.vandaag()
    afspraken = list(versie.afspraken.all())
    return PlanOverzicht(
        plan=plan,
        versie=versie,
        doelen=list(versie.doelen.all()),
        afspraken=afspraken,
        voorwaarden=list(versie.veiligheidsvoorwaarden.all()),
        scores=scores,
        deelnemers=deelnemers,
        bijeenkomsten=list(Planbijeenkomst.objects.filter(plan=plan).order_by("-datum", "-id")[:20]),
        reacties=list(Reactie.objects.filter(plan=plan).order_by("-aangemaakt", "-id")[:50]),
        regiegeschiedenis=list(
            Regieperiode.objects.filter(plan=plan).select_related("overgedragen_door").order_by("-van", "-id")[:20]
        ),
        gedragen=gedragen,
        evaluatie_te_laat=bool(plan.volgende_evaluatie and plan.volgende_evaluatie < today),
        te_laat={a.pk for a in afspraken if a.status == AfspraakStatus.OPEN and a.deadline and a.deadline < today},
    )


def plan_list_for(actor: Actor, *, gemeente: str = "", regisseur: str = "") -> QuerySet[Gezinsplan]:
    """The plans in the family list, filterable by municipality (uuid) and regisseur (uuid or 'ik')."""
    return filtered_plan_list(with_plan_page(plannen_visible_to(actor)), actor, gemeente=gemeente, regisseur=regisseur)


def lijst_telling(actor: Actor, *, gemeente: str = "", regisseur: str = "") -> Callable[[int], int] | None:
    """How the plan list is counted (`pagina(..., aantal=)`, the API's `telling`): unfiltered, on
    the professional's own consent rows — one per family with a plan, exactly the list's rows —
    at most `tot`. The list's own COUNT joins each plan to its family and then to the consent: at
    50k families PostgreSQL scanned every family for it (7 of its 11 ms). The plan is a scalar
    lookup by the family's unique key, which PostgreSQL cannot turn into a hash of every plan as
    it did with an EXISTS. With a filter (or for anyone else) None: the list's own count."""
    if gemeente or regisseur or not gezinnen.is_professional(actor):
        return None
    met_plan = (
        gezinnen.consented_family_ids(actor)
        .filter(IsNull(Subquery(Gezinsplan.objects.filter(gezin_id=OuterRef("gezin_id")).values("pk")[:1]), False))
        .distinct()
    )
    return lambda tot: met_plan[:tot].count()


def filtered_plan_list(
    plans: QuerySet[Gezinsplan], actor: Actor, *, gemeente: str = "", regisseur: str = ""
) -> QuerySet[Gezinsplan]:
    """The list's filters on already scoped plans (the page and the API): a value that is no
    uuid matches nothing, never a 500."""
    try:
        if gemeente:
            plans = plans.filter(gezin__gemeente__uuid=UUID(gemeente))
        if regisseur == "ik":
            plans = plans.filter(regisseur_medewerker_id=actor.user_pk)
        elif regisseur:
            plans = plans.filter(regisseur_medewerker__uuid=UUID(regisseur))
    except ValueError:
        return plans.none()
    return gezinnen.in_naamvolgorde(actor, plans, via="gezin")


def families_without_plan(actor: Actor) -> QuerySet[Gezin]:
    """The actor's families that have no plan yet. For a professional the anti-join runs on the
    actor's own consent rows (a few hundred, each one probe of the plan's unique family key), not
    on every family: a NOT EXISTS on the families let the planner hash every family and every
    plan at 20k families. The scope itself still decides who is seen."""
    families = gezinnen.gezinnen_visible_to(actor)
    if gezinnen.is_professional(actor):
        zonder_plan = gezinnen.consented_family_ids(actor, zonder_plan=True).exclude(
            Exists(Gezinsplan.objects.filter(gezin_id=OuterRef("gezin_id")))
        )
        families = families.filter(pk__in=zonder_plan)
    else:
        families = families.filter(~Exists(Gezinsplan.objects.filter(gezin_id=OuterRef("pk"))))
    return families.select_related("gemeente").order_by("naam")


def _as_regisseur(actor: Actor) -> Q:
    """The plans this person coordinates: as a professional, or as a parent (eigen regie)."""
    if actor.is_burger:
        return Q(regisseur_gezinslid__gebruiker_id=actor.user_pk)
    return Q(regisseur_medewerker_id=actor.user_pk)


def overdue_evaluations(actor: Actor, op: dt.date, limit: int = 20) -> list[Gezinsplan]:
    return list(
        plannen_visible_to(actor)
        .filter(_as_regisseur(actor), volgende_evaluatie__lt=op)
        .select_related("gezin")
        .order_by("volgende_evaluatie")[:limit]
    )


def late_agreements(actor: Actor, op: dt.date, limit: int = 20) -> list[Afspraak]:
    return list(late_agreements_qs(actor, op, limit))


def late_agreements_qs(actor: Actor, op: dt.date, limit: int = 20) -> QuerySet[Afspraak]:
    """The regisseur's open agreements past their deadline, earliest first. The `limit` first come
    from the `limit` plans with the earliest open deadline (a plan outside them has `limit`
    earlier agreements before its first), so only those plans are read: by the (regisseur,
    eerste_open_deadline) index, not every agreement of every plan they coordinate."""
    plans = (
        plannen_visible_to(actor)
        .filter(_as_regisseur(actor), eerste_open_deadline__lt=op)
        .order_by("eerste_open_deadline", "id")
        .values("pk")[:limit]
    )
    return (
        Afspraak.objects.filter(
            versie__plan__in=plans,
            versie__plan__huidige_versie=F("versie"),
            status=AfspraakStatus.OPEN,
            deadline__lt=op,
        )
        .select_related("versie__plan__gezin")
        .order_by("deadline", "id")[:limit]
    )


def open_proposals(actor: Actor, limit: int = 20) -> list[Reactie]:
    plans = plannen_visible_to(actor).filter(_as_regisseur(actor))
    return list(
        Reactie.objects.filter(plan__in=plans.values("pk"), status="open")
        .select_related("plan__gezin")
        .order_by("-aangemaakt")[:limit]
    )


def plans_of_citizen(actor: Actor) -> list[Gezinsplan]:
    if not actor.is_burger:
        return []
    return list(plannen_visible_to(actor).select_related("gezin").order_by("gezin__naam")[:10])


def reactie_of(plan: Gezinsplan, uuid: UUID) -> Reactie | None:
    """One comment on this plan (None for another plan's comment)."""
    return Reactie.objects.filter(plan=plan, uuid=uuid).select_related("plan").first()


def _regie_professionals(gezin_id: int) -> QuerySet[Gebruiker]:
    """Care professionals of the organisations with an active consent for the whole family."""
    org_ids = gezinnen.active_consents().filter(gezin_id=gezin_id, medewerker__isnull=True).values("organisatie_id")
    return Gebruiker.objects.filter(
        medewerkerschappen__organisatie_id__in=org_ids,
        medewerkerschappen__rol=Rol.HULPVERLENER,
        medewerkerschappen__actief=True,
    ).distinct()


def regie_candidates(plan: Gezinsplan) -> list[tuple[str, str]]:
    """Whom the regie can go to: a parent or carer of the family (eigen regie) or a care
    professional of an organisation with access to the whole family; as ("lid:<uuid>" or
    "mw:<uuid>", name) choices."""
    keuzes = [
        (f"lid:{lid.uuid}", _("{naam} (eigen regie)").format(naam=lid.naam))
        for lid in gezinnen.members_of(plan.gezin)
        if lid.soort != LidSoort.JEUGDIGE
    ]
    users = _regie_professionals(plan.gezin_id).order_by("last_name")[:200]
    return keuzes + [(f"mw:{u.uuid}", u.weergavenaam) for u in users]


def regie_professional(plan: Gezinsplan, uuid: str) -> Gebruiker | None:
    """A care professional the regie may go to, by uuid (the service checks their access again)."""
    try:
        return _regie_professionals(plan.gezin_id).filter(uuid=UUID(uuid)).first()
    except ValueError:
        return None


def jargon() -> list[tuple[str, str]]:
    """The region's active jargon list as (term, suggestie) pairs, for core.taal's check."""
    return list(Jargonterm.objects.filter(actief=True).values_list("term", "suggestie"))


# --- Figures for the monitor (aggregates only) ---------------------------------------------


def een_plan_een_regisseur(op: dt.date) -> list[dict[str, Any]]:
    """Per municipality on `op`: families that several organisations work with (active consent or
    mandate of two or more organisations), and how many of them have one agreed plan (a version)
    with its one regisseur (the plan's constraint holds exactly one). Grouped in the database."""
    from django.db.models import Count, Exists, OuterRef

    eind = dt.datetime.combine(op + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    actief = (
        Q(
            toestemmingen__actief_sinds__lt=eind,
            toestemmingen__ingangsdatum__lte=op,
        )
        & (Q(toestemmingen__ingetrokken_op__isnull=True) | Q(toestemmingen__ingetrokken_op__gte=eind))
        & (Q(toestemmingen__einddatum__isnull=True) | Q(toestemmingen__einddatum__gte=op))
    )
    meerdere = (
        Gezin.objects.annotate(organisaties=Count("toestemmingen__organisatie", distinct=True, filter=actief))
        .filter(organisaties__gte=2)
        .values("pk")
    )
    met_plan = Gezinsplan.objects.filter(gezin=OuterRef("pk"), versie__gte=1)
    rows = (
        Gezin.objects.filter(pk__in=meerdere)
        .annotate(heeft_plan=Exists(met_plan))
        .values("gemeente__cbs_code")
        .annotate(gezinnen=Count("pk"), met_plan=Count("pk", filter=Q(heeft_plan=True)))
        .order_by("gemeente__cbs_code")
    )
    return [{"gemeente": r["gemeente__cbs_code"], "gezinnen": r["gezinnen"], "met_plan": r["met_plan"]} for r in rows]
