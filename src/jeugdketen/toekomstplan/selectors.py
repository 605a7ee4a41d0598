"""Every read of toekomstplan data, scoped to the actor.

Who sees a youth's toekomstplan (evaluated in the query of every request, never cached):
* the youth themself (own login);
* the assistant the youth chose (an active network member of the family, own login);
* a professional whose organisation holds an active consent or mandate for the family —
  the same rule as the family plan (gezinnen.selectors.gezinnen_visible_to);
* a parent/carer of the family: while the youth is under 16 (parents decide along, SECURITY B4);
  from 16 to 18 only while the youth shares the plan with them; from 18 only when the youth
  shared it *as an adult* — a sharing given as a minor ends on the 18th birthday (issue 5.5).
Nobody else: not other network members, not other family members, not other professionals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, Scope, Toegang, register_scope
from jeugdketen.core.models import Actie, Toegangslogregel
from jeugdketen.core.rollen import Rol
from jeugdketen.gezinnen import selectors as gezinnen
from jeugdketen.gezinnen.models import Gezin, Gezinslid, LidSoort, Netwerklid
from jeugdketen.gezinsplan import selectors as gezinsplan
from jeugdketen.jeugdhulp import selectors as jeugdhulp
from jeugdketen.organisaties import selectors as organisaties
from jeugdketen.organisaties.models import Gemeente, OrganisatieSoort

from . import leeftijd, logevents
from .models import KLAAR, GekozenOnderwerp, Onderdeel, Onderwerp, Planonderdeel, Status, Toekomstplan

if TYPE_CHECKING:
    from jeugdketen.gezinsplan.uitbreidingen import Koppeling


class PlanRol(StrEnum):
    """How the actor takes part in a plan: the scope's relation, decided once per request by fetch."""

    JONGERE = "jongere"
    ASSISTENT = "assistent"
    PROFESSIONAL = "professional"
    OUDER = "ouder"


JONGERE = PlanRol.JONGERE
ASSISTENT = PlanRol.ASSISTENT
PROFESSIONAL = PlanRol.PROFESSIONAL
OUDER = PlanRol.OUDER

ZELF_STARTEN_VANAF = 16  # the youth starts and leads their own plan from 16
PROFESSIONAL_STARTEN_VANAF = 15  # "from 16.5, earlier if wanted": a professional may start at 15
OUDERS_BESLISSEN_MEE_TOT = 16  # SECURITY B4: from 16 the youth decides alone


def toekomstplannen_visible_to(actor: Actor, *, met_grondslag: bool = True) -> QuerySet[Toekomstplan]:
    """`met_grondslag`: a professional's plans carry the family's consent or mandate, which a fetch
    logs as the basis (logevents.grondslag). Lists and links leave it out: each of the two is the
    family scope once more in the statement (the plan page's link took 6 ms to compile, issue 16)."""
    if actor.user is None or not actor.user.is_authenticated:
        return Toekomstplan.objects.none()
    if not actor.is_burger:
        if not gezinnen.is_professional(actor):
            return Toekomstplan.objects.none()
        families = gezinnen.gezinnen_visible_to(actor)
        plans = Toekomstplan.objects.filter(gezin__in=families.values("pk"))
        if not met_grondslag:
            return plans
        access: Any = families.filter(pk=OuterRef("gezin_id"))
        return plans.annotate(
            toegang_soort=Subquery(access.values("toegang_soort")[:1]),
            toegang_grondslag=Subquery(access.values("toegang_grondslag")[:1]),
        )
    today = kalender.vandaag()
    user_id = actor.user_pk
    if user_id is None:
        return Toekomstplan.objects.none()
    own = Q(jeugdige__gebruiker_id=user_id)
    assistant = Q(
        assistent__in=Netwerklid.objects.filter(gebruiker_id=user_id, actief=True).values("pk"),
    )
    ouder_van = Gezinslid.objects.filter(gebruiker_id=user_id).exclude(soort=LidSoort.JEUGDIGE).values("gezin_id")
    parent = Q(gezin__in=ouder_van) & (
        Q(jeugdige__geboortedatum__gt=kalender.uiterlijk_geboren(OUDERS_BESLISSEN_MEE_TOT, today))
        | Q(ouders_delen=True, jeugdige__geboortedatum__gt=kalender.uiterlijk_geboren(18, today))
        | Q(ouders_delen_volwassen=True)
    )
    # The few plans of the citizen's three relations first, each arm by its own index, then the
    # plans by id: as one OR across the member, network and plan tables PostgreSQL read every
    # member and plan of the country (400 ms for a parent's home page at national scale, issue 16).
    arms = [
        Toekomstplan.objects.filter(arm).order_by().values_list("pk", flat=True) for arm in (own, assistant, parent)
    ]
    return Toekomstplan.objects.filter(pk__in=list(arms[0].union(*arms[1:])))


def rol_in_plan(actor: Actor, plan: Toekomstplan) -> PlanRol:
    """How the actor takes part in a plan of their scope (the scope's relation: `fetch` asks it
    for the plan it found, so the role is decided in the same request as the access)."""
    if not actor.is_burger:
        return PlanRol.PROFESSIONAL
    if plan.jeugdige.gebruiker_id == actor.user_pk:
        return PlanRol.JONGERE
    if plan.assistent is not None and plan.assistent.actief and plan.assistent.gebruiker_id == actor.user_pk:
        return PlanRol.ASSISTENT
    return PlanRol.OUDER


def may_choose_topics(toegang: Toegang[Toekomstplan]) -> bool:
    """The youth chooses their topics; a professional only for a youth without an own (active) login."""
    if toegang.relatie == PlanRol.JONGERE:
        return True
    login = toegang.obj.jeugdige.gebruiker
    return toegang.relatie == PlanRol.PROFESSIONAL and (login is None or not login.is_active)


def _plan_scope(actor: Actor) -> QuerySet[Toekomstplan]:
    return toekomstplannen_visible_to(actor).select_related("jeugdige__gebruiker", "gezin", "assistent")


def register_scopes() -> None:
    register_scope(
        Toekomstplan,
        Scope(
            queryset=_plan_scope,
            object_type=logevents.ObjectType.TOEKOMSTPLAN,
            client_id=logevents.client_id,
            grondslag=logevents.grondslag,
            relation=rol_in_plan,
        ),
    )


def plans_list_for(actor: Actor) -> QuerySet[Toekomstplan]:
    return (
        toekomstplannen_visible_to(actor, met_grondslag=False)
        .select_related("jeugdige", "gezin")
        .order_by("jeugdige__voornaam", "id")
    )


def youths_to_start_for(actor: Actor) -> list[Gezinslid]:
    """Citizens: their own youth membership(s) of 16+ without a plan (to offer 'start')."""
    user_id = actor.user_pk
    if not actor.is_burger or user_id is None:
        return []
    cutoff = kalender.uiterlijk_geboren(ZELF_STARTEN_VANAF, kalender.vandaag())
    return list(
        Gezinslid.objects.filter(
            gebruiker_id=user_id,
            soort=LidSoort.JEUGDIGE,
            geboortedatum__lte=cutoff,
            toekomstplan__isnull=True,
        ).select_related("gezin")[:5]
    )


def youth_for_start(actor: Actor, jeugdige_uuid: UUID | str) -> Gezinslid | None:
    """A youth the actor may start a plan for (self from 16, or a professional with consent from 15)."""
    qs = Gezinslid.objects.filter(uuid=jeugdige_uuid, soort=LidSoort.JEUGDIGE).select_related("gezin", "gebruiker")
    if not actor.is_authenticated:
        return None
    today = kalender.vandaag()
    if actor.is_burger:
        user_id = actor.user_pk
        if user_id is None:
            return None
        return qs.filter(
            gebruiker_id=user_id, geboortedatum__lte=kalender.uiterlijk_geboren(ZELF_STARTEN_VANAF, today)
        ).first()
    if not gezinnen.is_professional(actor):
        return None
    return qs.filter(
        gezin__in=gezinnen.gezinnen_visible_to(actor).values("pk"),
        geboortedatum__lte=kalender.uiterlijk_geboren(PROFESSIONAL_STARTEN_VANAF, today),
    ).first()


def toekomstplannen_van_gezin(actor: Actor, gezin: Gezin, rol: gezinnen.GezinsRol | None) -> QuerySet[Toekomstplan]:
    """For the family plan page: the toekomstplannen of this family the actor may see. `rol`: the
    actor's relation to the family as the page's fetch found it in this request. A professional
    sees every plan of a family in their scope (`toekomstplannen_visible_to`), so with that
    relation the scope is not asked again; for the family itself it decides per plan (a parent
    may see the family but not a 17-year-old's plan)."""
    if rol is not None and rol.is_professional and rol.gezin_id == gezin.pk:
        return Toekomstplan.objects.filter(gezin=gezin).select_related("jeugdige")
    return toekomstplannen_visible_to(actor, met_grondslag=False).filter(gezin=gezin).select_related("jeugdige")


def koppelingen_voor_gezinsplan(actor: Actor, gezin: Gezin, rol: gezinnen.GezinsRol | None) -> list[Koppeling]:
    """The family plan page shows each toekomstplan of the family that the actor may see."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from jeugdketen.gezinsplan.uitbreidingen import Koppeling

    return [
        Koppeling(
            titel=_("Toekomstplan van %(naam)s") % {"naam": plan.jeugdige.voornaam},
            link=reverse("toekomstplan:plan", kwargs={"plan": plan.uuid}),
            toelichting=_("Klaar voor 18: wat is al geregeld en wat nog niet."),
        )
        for plan in toekomstplannen_van_gezin(actor, gezin, rol)
    ]


def parents_see(plan: Toekomstplan, today: dt.date | None = None) -> bool:
    """Do the parents see it right now? Sharing from before 18 ends on the 18th birthday."""
    today = today or kalender.vandaag()
    adult = plan.jeugdige.geboortedatum is not None and kalender.bereikt(
        kalender.achttien, plan.jeugdige.geboortedatum, today
    )
    return bool(plan.ouders_delen_volwassen if adult else plan.ouders_delen)


def gezinsplan_link_visible(actor: Actor, plan: Toekomstplan) -> bool:
    return (
        plan.gezinsplan_id is not None and gezinsplan.plannen_visible_to(actor).filter(pk=plan.gezinsplan_id).exists()
    )


def network_candidates(plan: Toekomstplan) -> list[Netwerklid]:
    """Network members the youth can choose as assistant: active, with an own login."""
    return list(
        Netwerklid.objects.filter(gezin_id=plan.gezin_id, actief=True, gebruiker__isnull=False).order_by("naam", "id")
    )


def access_log_of(plan: Toekomstplan) -> QuerySet[Toegangslogregel]:
    """Who looked at or changed the youth's data. Someone who was only told something (`INFORM`)
    did not look: they are not listed."""
    return (
        Toegangslogregel.objects.filter(client_id=logevents.client_id(plan))
        .exclude(actie=Actie.INFORM)
        .order_by("-tijdstip", "-id")
    )


# --- The plan's content --------------------------------------------------------------------


@dataclass
class Regel:
    """One item as the plan shows it: the catalogue item with this plan's progress."""

    onderdeel: Onderdeel
    voortgang: Planonderdeel | None = None

    @property
    def status(self) -> str:
        return self.voortgang.status if self.voortgang else Status.OPEN

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def klaar(self) -> bool:
        return self.status in KLAAR

    @property
    def eigenaar(self) -> str:
        return self.voortgang.get_eigenaar_display() if self.voortgang and self.voortgang.eigenaar else ""


@dataclass
class OnderwerpInPlan:
    onderwerp: Onderwerp
    gekozen: bool
    regels: list[Regel] = field(default_factory=list)

    @property
    def klaar(self) -> int:
        return sum(1 for r in self.regels if r.klaar)


@dataclass
class Overzicht:
    plan: Toekomstplan
    onderwerpen: list[OnderwerpInPlan]
    niet_meer_in_lijst: list[Regel]
    totaal: int
    klaar: int
    moet_totaal: int
    moet_klaar: int
    leeftijd_jaren: int
    achttien: dt.date

    @property
    def procent(self) -> int:
        return round(100 * self.klaar / self.totaal) if self.totaal else 0

    @property
    def regels(self) -> list[Regel]:
        return [r for o in self.onderwerpen for r in o.regels]


def overview(plan: Toekomstplan) -> Overzicht:
    """The plan page's content in four queries, whatever the size of the catalogue.

    A plan holds: every active must-before-18 item, plus every active item of the chosen topics.
    Progress of items the region retired stays visible in `niet_meer_in_lijst`.
    """
    onderwerpen = list(Onderwerp.objects.filter(actief=True).order_by("volgorde", "naam", "id"))
    items = list(Onderdeel.objects.filter(actief=True, onderwerp__actief=True).order_by("volgorde", "titel", "id"))
    gekozen = set(GekozenOnderwerp.objects.filter(plan=plan).values_list("onderwerp_id", flat=True))
    rows = {
        r.onderdeel_id: r
        for r in Planonderdeel.objects.filter(plan=plan).select_related("onderdeel__onderwerp", "gewijzigd_door")
    }
    per_topic: dict[int, OnderwerpInPlan] = {o.pk: OnderwerpInPlan(o, o.pk in gekozen) for o in onderwerpen}
    shown: set[int] = set()
    for item in items:
        topic = per_topic.get(item.onderwerp_id)
        if topic is not None and (topic.gekozen or item.voor_18):
            topic.regels.append(Regel(item, rows.get(item.pk)))
            shown.add(item.pk)
    retired = [
        Regel(row.onderdeel, row)
        for pk, row in rows.items()
        if pk not in shown and not (row.onderdeel.actief and row.onderdeel.onderwerp.actief)
    ]
    regels = [r for t in per_topic.values() for r in t.regels]
    moet = [r for r in regels if r.onderdeel.voor_18]
    geboortedatum = plan.jeugdige.geboortedatum
    assert geboortedatum is not None
    today = kalender.vandaag()
    return Overzicht(
        plan=plan,
        onderwerpen=list(per_topic.values()),
        niet_meer_in_lijst=retired,
        totaal=len(regels),
        klaar=sum(1 for r in regels if r.klaar),
        moet_totaal=len(moet),
        moet_klaar=sum(1 for r in moet if r.klaar),
        leeftijd_jaren=kalender.leeftijd(geboortedatum, today),
        achttien=kalender.achttien(geboortedatum),
    )


def item_in_plan(plan: Toekomstplan, onderdeel_uuid: UUID | str) -> Regel | None:
    """An item the plan holds now (must item, or item of a chosen topic), with its progress."""
    item = (
        Onderdeel.objects.filter(uuid=onderdeel_uuid, actief=True, onderwerp__actief=True)
        .select_related("onderwerp")
        .filter(Q(voor_18=True) | Q(onderwerp__in=GekozenOnderwerp.objects.filter(plan=plan).values("onderwerp_id")))
        .first()
    )
    if item is None:
        return None
    return Regel(item, Planonderdeel.objects.filter(plan=plan, onderdeel=item).first())


def active_topics() -> QuerySet[Onderwerp]:
    return Onderwerp.objects.filter(actief=True).order_by("volgorde", "naam", "id")


def chosen_topic_ids(plan: Toekomstplan) -> set[int]:
    return set(GekozenOnderwerp.objects.filter(plan=plan).values_list("onderwerp_id", flat=True))


def export_data(plan: Toekomstplan) -> dict[str, Any]:
    """The youth's own toekomstplan data (AVG art. 15/20), as plain JSON-ready values."""
    data = overview(plan)
    jeugdige = plan.jeugdige
    return {
        "soort": "toekomstplan",
        "id": str(plan.uuid),
        "jongere": {
            "voornaam": jeugdige.voornaam,
            "achternaam": jeugdige.achternaam,
            "geboortedatum": jeugdige.geboortedatum.isoformat() if jeugdige.geboortedatum else None,
        },
        "aangemaakt": plan.aangemaakt.isoformat(),
        "gewijzigd": plan.gewijzigd.isoformat(),
        "assistent": plan.assistent.naam if plan.assistent else None,
        "ouders_mogen_meekijken": parents_see(plan),
        "gekozen_onderwerpen": [o.onderwerp.naam for o in data.onderwerpen if o.gekozen],
        "onderdelen": [
            {
                "onderwerp": r.onderdeel.onderwerp.naam if r in data.niet_meer_in_lijst else o_naam,
                "onderdeel": r.onderdeel.titel,
                "moet_voor_18": r.onderdeel.voor_18,
                "status": r.status_label,
                "wie_regelt_het": r.eigenaar,
                "notitie": r.voortgang.notitie if r.voortgang else "",
                "bijgewerkt": r.voortgang.gewijzigd.isoformat() if r.voortgang else None,
                "nog_in_de_lijst": r not in data.niet_meer_in_lijst,
            }
            for o_naam, r in [(o.onderwerp.naam, r) for o in data.onderwerpen for r in o.regels]
            + [("", r) for r in data.niet_meer_in_lijst]
        ],
    }


# --- Watch lists for the access team (signaallijsten) ---------------------------------------

ZONDER_PLAN = "zonder_plan"
VOOR_18_OPEN = "voor_18_open"
ZORG_NA_18 = "zorg_na_18"
LIJSTEN = (ZONDER_PLAN, VOOR_18_OPEN, ZORG_NA_18)
ZORG_NA_18_ONDERWERP = "zorg-na-18"


def may_watch(actor: Actor) -> bool:
    """The watch lists are for access-team workers (toegang/CJG/wijkteam) with the hulpverlener role."""
    return bool(
        gezinnen.is_professional(actor)
        and actor.organisatie_soort == OrganisatieSoort.TOEGANG
        and actor.has_role(Rol.HULPVERLENER)
    )


def watch_municipalities(actor: Actor) -> QuerySet[Gemeente]:
    """The municipalities an access team watches: its own, or every one of its region if region-wide."""
    if not may_watch(actor):
        return Gemeente.objects.none()
    return organisaties.werkgebied(actor)


def youths_in_care() -> QuerySet[Gezinslid]:
    """Youths in care: the youth's person record has youth care assigned or running, or a current
    youth-protection measure (jeugdhulp, issue 10 point 6; before, a stand-in: a professional
    regisseur)."""
    return Gezinslid.objects.filter(
        jeugdhulp.in_zorg("persoon_id"), soort=LidSoort.JEUGDIGE, geboortedatum__isnull=False, persoon__isnull=False
    )


def must_total() -> int:
    return Onderdeel.objects.filter(actief=True, voor_18=True, onderwerp__actief=True).count()


def _count_done(**filters: Any) -> Any:
    done = (
        Planonderdeel.objects.filter(
            plan__jeugdige_id=OuterRef("pk"),
            status__in=KLAAR,
            onderdeel__actief=True,
            onderdeel__onderwerp__actief=True,
            **filters,
        )
        .order_by()
        .values("plan__jeugdige_id")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(done, output_field=IntegerField()), Value(0))


def boundary_window(lijst: str, op: dt.date) -> tuple[dt.date, dt.date]:
    """(born after, born on or before) for each list, from the age boundaries on `op`."""
    na_18 = kalender.uiterlijk_geboren(kalender.achttien, op)
    if lijst == ZONDER_PLAN:
        return na_18, kalender.uiterlijk_geboren(kalender.zestieneneenhalf, op)
    if lijst == VOOR_18_OPEN:
        return na_18, kalender.uiterlijk_geboren(leeftijd.zes_maanden_voor_18, op)
    # ZORG_NA_18: from 6 months before the 18th birthday until 3 months after it.
    return (
        kalender.uiterlijk_geboren(leeftijd.drie_maanden_na_18, op),
        kalender.uiterlijk_geboren(leeftijd.zes_maanden_voor_18, op),
    )


@dataclass(frozen=True)
class Totalen:
    moet: int
    zorg_na_18: int


def totals() -> Totalen:
    """Catalogue sizes the watch lists compare against (one query)."""
    rows = Onderdeel.objects.filter(actief=True, onderwerp__actief=True).aggregate(
        moet=Count("pk", filter=Q(voor_18=True)),
        zorg=Count("pk", filter=Q(onderwerp__sleutel=ZORG_NA_18_ONDERWERP)),
    )
    return Totalen(moet=rows["moet"] or 0, zorg_na_18=rows["zorg"] or 0)


def watch_list(actor: Actor, *, lijst: str, gemeente: Gemeente, op: dt.date, totalen: Totalen) -> QuerySet[Gezinslid]:
    """One watch list for one municipality, as one query (paginate it). Each row carries whether
    the actor may open the family (`zichtbaar`); the page shows names only for those."""
    if lijst not in LIJSTEN or not watch_municipalities(actor).filter(pk=gemeente.pk).exists():
        return Gezinslid.objects.none()
    na, tot = boundary_window(lijst, op)
    # The member's own copy of the family's municipality: one index range (gemeente, soort,
    # geboortedatum) holds exactly this municipality's youths of the window (issue 16).
    qs = youths_in_care().filter(gemeente=gemeente, geboortedatum__gt=na, geboortedatum__lte=tot)
    qs = qs.annotate(
        zichtbaar=Exists(gezinnen.gezinnen_visible_to(actor).filter(pk=OuterRef("gezin_id"))),
        moet_klaar=_count_done(onderdeel__voor_18=True),
        heeft_plan=Exists(Toekomstplan.objects.filter(jeugdige_id=OuterRef("pk"))),
    )
    if lijst == ZONDER_PLAN:
        qs = qs.filter(heeft_plan=False)
    elif lijst == VOOR_18_OPEN:
        qs = qs.filter(moet_klaar__lt=totalen.moet)
    else:
        qs = qs.annotate(zorg_klaar=_count_done(onderdeel__onderwerp__sleutel=ZORG_NA_18_ONDERWERP))
    return qs.select_related(
        "gezin__plan__regisseur_medewerker", "gezin__plan__regisseur_organisatie", "toekomstplan"
    ).order_by("geboortedatum", "id")


# --- Figures for the monitor (aggregates only) ---------------------------------------------


def dekking_per_gemeente(op: dt.date) -> list[dict[str, Any]]:
    """Per municipality on `op`: youths in care aged 16.5 to 18, and how many of them have a
    toekomstplan. One grouped query; no youth leaves this function."""
    na, tot = boundary_window(ZONDER_PLAN, op)
    rows = (
        youths_in_care()
        .filter(geboortedatum__gt=na, geboortedatum__lte=tot)
        .values("gemeente__cbs_code")
        .annotate(jeugdigen=Count("pk"), met_plan=Count("pk", filter=Q(toekomstplan__isnull=False)))
        .order_by("gemeente__cbs_code")
    )
    return [{"gemeente": r["gemeente__cbs_code"], "jeugdigen": r["jeugdigen"], "met_plan": r["met_plan"]} for r in rows]
