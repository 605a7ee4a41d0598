"""Every read of plans, scoped to the actor. Page and API reads use a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, Scope, register_scope
from jeugdketen.core.models import Actie
from jeugdketen.core.toegangslog import log_access, log_attempt
from jeugdketen.gezinnen import regels
from jeugdketen.gezinnen import selectors as gezinnen
from jeugdketen.gezinnen.models import Gezin, Gezinslid, LidSoort, Netwerklid

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


def plans_visible_to(actor: Actor) -> QuerySet[Gezinsplan]:
    """Plans of the families the actor sees; a network member only while the family shares it."""
    families = gezinnen.families_visible_to(actor)
    qs = Gezinsplan.objects.filter(gezin__in=families.values("pk"))
    if actor.is_burger:
        shared_with_network = Netwerklid.objects.filter(gebruiker_id=actor.user.pk, actief=True, ziet_plan=True)
        own = Gezinslid.objects.filter(gebruiker_id=actor.user.pk)
        qs = qs.filter(Q(gezin__in=own.values("gezin_id")) | Q(gezin__in=shared_with_network.values("gezin_id")))
    return qs


def _plan_grondslag(actor: Actor, plan: Any) -> str:
    return gezinnen.grondslag(actor, getattr(plan, "gezin", None))


def register_scopes() -> None:
    register_scope(
        Gezinsplan,
        Scope(
            queryset=lambda actor: plans_visible_to(actor).select_related("gezin"),
            object_type="gezinsplan",
            client_id=lambda plan: gezinnen.client_id(plan.gezin),
            grondslag=_plan_grondslag,
        ),
    )


def plan_for_family_or_404(
    actor: Actor, gezin_uuid: UUID | str, *, segment: str, actie: str = Actie.READ
) -> Gezinsplan:
    """The plan of a family by the family's uuid, through the scope; logged like get_visible_or_404."""
    plan = (
        plans_visible_to(actor)
        .select_related(
            "gezin__gemeente",
            "huidige_versie",
            "regisseur_gezinslid",
            "regisseur_medewerker",
            "regisseur_organisatie",
        )
        .filter(gezin__uuid=gezin_uuid)
        .first()
    )
    if plan is None:
        log_attempt(actor, actie=actie, object_type="gezinsplan", object_id=str(gezin_uuid), segment=segment)
        raise Http404
    gezin = gezinnen.families_visible_to(actor).filter(pk=plan.gezin_id).first() if not actor.is_burger else plan.gezin
    log_access(
        actor,
        actie=actie,
        object_type="gezinsplan",
        object_id=str(plan.uuid),
        segment=segment,
        client_id=gezinnen.client_id(plan.gezin),
        grondslag=gezinnen.grondslag(actor, gezin),
    )
    return plan


def plan_of(gezin: Gezin) -> Gezinsplan | None:
    return Gezinsplan.objects.filter(gezin=gezin).select_related("huidige_versie").first()


def versions_of(plan: Gezinsplan) -> QuerySet[Planversie]:
    return Planversie.objects.filter(plan=plan).order_by("-nummer")


def version(plan: Gezinsplan, nummer: int) -> Planversie:
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
        raise Http404
    return found


@dataclass
class Deelnemer:
    naam: str
    rol: str
    gezinslid: Gezinslid | None = None
    netwerklid: Netwerklid | None = None
    medewerker_id: int | None = None
    laatst_ingestemd: int | None = None  # version number agreed to last

    def key(self) -> tuple[str, int]:
        if self.gezinslid is not None:
            return ("lid", self.gezinslid.pk)
        if self.netwerklid is not None:
            return ("netwerk", self.netwerklid.pk)
        return ("mw", self.medewerker_id or 0)


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
            result.append(Deelnemer(lid.naam, lid.get_soort_display(), gezinslid=lid))
    for n in netwerk:
        if n.actief and n.ziet_plan:
            result.append(Deelnemer(n.naam, n.get_relatie_display(), netwerklid=n))
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
    leden = list(Gezinslid.objects.filter(gezin_id=plan.gezin_id).order_by("soort", "geboortedatum", "id"))
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
    qs = plans_visible_to(actor).select_related(
        "gezin__gemeente", "regisseur_gezinslid", "regisseur_medewerker", "regisseur_organisatie", "huidige_versie"
    )
    try:
        if gemeente:
            qs = qs.filter(gezin__gemeente__uuid=UUID(gemeente))
        if regisseur == "ik":
            qs = qs.filter(regisseur_medewerker_id=actor.user.pk)
        elif regisseur:
            qs = qs.filter(regisseur_medewerker__uuid=UUID(regisseur))
    except ValueError:  # a filter value that is no uuid matches nothing (never a 500)
        return qs.none()
    return qs.order_by("gezin__naam", "id")


def families_without_plan(actor: Actor) -> QuerySet[Gezin]:
    return gezinnen.families_visible_to(actor).filter(plan__isnull=True).select_related("gemeente").order_by("naam")


def _as_regisseur(actor: Actor) -> Q:
    """The plans this person coordinates: as a professional, or as a parent (eigen regie)."""
    if actor.is_burger:
        return Q(regisseur_gezinslid__gebruiker_id=actor.user.pk)
    return Q(regisseur_medewerker_id=actor.user.pk)


def overdue_evaluations(actor: Actor, op: dt.date, limit: int = 20) -> list[Gezinsplan]:
    return list(
        plans_visible_to(actor)
        .filter(_as_regisseur(actor), volgende_evaluatie__lt=op)
        .select_related("gezin")
        .order_by("volgende_evaluatie")[:limit]
    )


def late_agreements(actor: Actor, op: dt.date, limit: int = 20) -> list[Afspraak]:
    plans = plans_visible_to(actor).filter(_as_regisseur(actor))
    return list(
        Afspraak.objects.filter(
            versie__plan__in=plans.values("pk"),
            versie__plan__huidige_versie=F("versie"),
            status=AfspraakStatus.OPEN,
            deadline__lt=op,
        )
        .select_related("versie__plan__gezin")
        .order_by("deadline")[:limit]
    )


def open_proposals(actor: Actor, limit: int = 20) -> list[Reactie]:
    plans = plans_visible_to(actor).filter(_as_regisseur(actor))
    return list(
        Reactie.objects.filter(plan__in=plans.values("pk"), status="open")
        .select_related("plan__gezin")
        .order_by("-aangemaakt")[:limit]
    )


def plans_of_citizen(actor: Actor) -> list[Gezinsplan]:
    if not actor.is_burger:
        return []
    return list(plans_visible_to(actor).select_related("gezin").order_by("gezin__naam")[:10])


def jargon() -> list[tuple[str, str]]:
    """The region's active jargon list as (term, suggestie) pairs, for core.taal's check."""
    return list(Jargonterm.objects.filter(actief=True).values_list("term", "suggestie"))
