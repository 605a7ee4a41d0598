"""Every read of the agenda. The agenda is public policy without personal data: any professional
of a region reads its agendas; policy staff (`beleid`) change them. Citizens do not see it here.

`agenda_voor_rapport(regio, jaar)` gives the agenda in the shape of the seeds' tables for the
monitor's yearly report; `agenda/_rapport.html` renders it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Prefetch, QuerySet

from jeugdketen.core.access import Actor
from jeugdketen.core.rollen import Rol
from jeugdketen.organisaties import selectors as organisaties
from jeugdketen.organisaties.models import Regio

from . import regels, uitbreidingen
from .models import Actielijn, Activiteit, Activiteitstatus, Advies, Agenda, Thema


def mag_lezen(actor: Actor) -> bool:
    return actor.is_authenticated and not actor.is_burger


def mag_bewerken(actor: Actor) -> bool:
    return mag_lezen(actor) and actor.has_role(Rol.BELEID)


def agendas(actor: Actor) -> QuerySet[Agenda]:
    regio = organisaties.eigen_regio(actor)
    if regio is None:
        return Agenda.objects.none()
    return Agenda.objects.filter(regio=regio)


def agenda(actor: Actor, uuid: UUID | str) -> Agenda | None:
    return agendas(actor).select_related("regio").filter(uuid=uuid).first()


def activiteit(actor: Actor, uuid: UUID | str) -> Activiteit | None:
    return (
        Activiteit.objects.filter(thema__agenda__in=agendas(actor), uuid=uuid)
        .select_related("thema__agenda__regio")
        .prefetch_related("budgetten", "statussen")
        .first()
    )


def thema(actor: Actor, uuid: UUID | str) -> Thema | None:
    return Thema.objects.filter(agenda__in=agendas(actor), uuid=uuid).select_related("agenda__regio").first()


def advies(actor: Actor, uuid: UUID | str) -> Advies | None:
    return Advies.objects.filter(agenda__in=agendas(actor), uuid=uuid).select_related("agenda__regio", "thema").first()


def themas_van(agenda: Agenda) -> QuerySet[Thema]:
    return agenda.themas.all()


# --- The agenda page -------------------------------------------------------------------------


@dataclass(frozen=True)
class Cijfer:
    code: str
    naam: str
    waarde: str | None  # None: no source, or no figure yet


@dataclass
class ActiviteitRij:
    activiteit: Activiteit
    status: Activiteitstatus | None
    budget: dict[int, int]
    cijfer: Cijfer | None

    @property
    def anker(self) -> str:
        """The row's id on the page: a saved edit returns to it (views._terug)."""
        return f"activiteit-{self.activiteit.uuid}"


@dataclass
class ThemaBlok:
    thema: Thema
    rijen: list[ActiviteitRij]
    adviezen: list[Advies]
    budget_totaal: dict[int, int] = field(default_factory=dict)

    @property
    def budget_rijen(self) -> list[ActiviteitRij]:
        return [r for r in self.rijen if r.budget]

    @property
    def heeft_budget(self) -> bool:
        return bool(self.budget_rijen)


@dataclass
class PuntRij:
    tekst: str
    indicator: Cijfer | None


@dataclass
class Onderdeel:
    kop: str
    soort: str
    punten: list[PuntRij]


@dataclass
class ActielijnBlok:
    actielijn: Actielijn
    onderdelen: list[Onderdeel]


@dataclass
class AgendaPagina:
    agenda: Agenda
    jaar: int
    themas: list[ThemaBlok]
    actielijnen: list[ActielijnBlok]
    adviezen: list[Advies]


class _Cijfers:
    """The figure of each indicator on one page, asked of the registered sources once per code."""

    def __init__(self, regio: Regio, jaar: int) -> None:
        self.regio, self.jaar = regio, jaar
        self._found: dict[str, Cijfer] = {}

    def __getitem__(self, code: str) -> Cijfer:
        if code not in self._found:
            self._found[code] = Cijfer(
                code=code,
                naam=regels.indicator_naam(code),
                waarde=uitbreidingen.cijfer(code, gemeente_code=None, regio=self.regio, jaar=self.jaar),
            )
        return self._found[code]


def agenda_pagina(agenda: Agenda, jaar: int) -> AgendaPagina:
    """Everything the agenda page shows for one year, in a fixed number of queries."""
    cijfers = _Cijfers(agenda.regio, jaar)
    themas = list(
        agenda.themas.prefetch_related(
            Prefetch(
                "activiteiten",
                queryset=Activiteit.objects.prefetch_related(
                    Prefetch("statussen", queryset=Activiteitstatus.objects.filter(jaar=jaar), to_attr="status_jaar"),
                    "budgetten",
                ),
            )
        )
    )
    adviezen = list(agenda.adviezen.select_related("thema"))
    per_thema: dict[int | None, list[Advies]] = defaultdict(list)
    for a in adviezen:
        per_thema[a.thema_id].append(a)
    blokken = []
    for t in themas:
        rijen = []
        totaal: dict[int, int] = defaultdict(int)
        for act in t.activiteiten.all():
            budget = {b.jaar: b.bedrag for b in act.budgetten.all()}
            for j, bedrag in budget.items():
                totaal[j] += bedrag
            status_jaar = getattr(act, "status_jaar", [])
            rijen.append(
                ActiviteitRij(
                    activiteit=act,
                    status=status_jaar[0] if status_jaar else None,
                    budget=budget,
                    cijfer=cijfers[act.indicator] if act.indicator else None,
                )
            )
        blokken.append(ThemaBlok(thema=t, rijen=rijen, adviezen=per_thema.get(t.pk, []), budget_totaal=dict(totaal)))
    lijnen = []
    for lijn in agenda.actielijnen.prefetch_related("punten"):
        onderdelen: list[Onderdeel] = []
        for p in lijn.punten.all():
            if not onderdelen or onderdelen[-1].kop != p.kop or onderdelen[-1].soort != p.soort:
                onderdelen.append(Onderdeel(kop=p.kop, soort=p.soort, punten=[]))
            onderdelen[-1].punten.append(
                PuntRij(tekst=p.tekst, indicator=cijfers[p.indicator] if p.indicator else None)
            )
        lijnen.append(ActielijnBlok(actielijn=lijn, onderdelen=onderdelen))
    return AgendaPagina(agenda=agenda, jaar=jaar, themas=blokken, actielijnen=lijnen, adviezen=adviezen)


# --- The agenda as CSV ------------------------------------------------------------------------


def csv_kolommen(agenda: Agenda) -> list[str]:
    """The columns of the agenda's CSV: the page's activity table, then the status of every year
    and the budget of every year (the page shows one year's status at a time)."""
    return [
        "thema",
        "activiteit",
        "huidige_stand",
        "beoogd_resultaat",
        "planning",
        "partners",
        "indicator",
        *(k for j in agenda.jaren for k in (f"status_{j}", f"toelichting_{j}")),
        *(f"budget_{j}" for j in agenda.jaren),
    ]


def csv_rijen(agenda: Agenda) -> list[dict[str, object]]:
    """One row per activity, theme by theme in the page's order, in three queries."""
    activiteiten = (
        Activiteit.objects.filter(thema__agenda=agenda)
        .select_related("thema")
        .prefetch_related("statussen", "budgetten")
        .order_by("thema__nummer", "volgorde", "id")
    )
    rijen: list[dict[str, object]] = []
    for a in activiteiten:
        rij: dict[str, object] = {
            "thema": str(a.thema),
            "activiteit": a.activiteit,
            "huidige_stand": a.huidige_stand,
            "beoogd_resultaat": a.beoogd_resultaat,
            "planning": a.planning,
            "partners": a.partners,
            "indicator": a.indicator,
        }
        for s in a.statussen.all():
            rij[f"status_{s.jaar}"] = s.get_status_display()
            rij[f"toelichting_{s.jaar}"] = s.toelichting
        for b in a.budgetten.all():
            rij[f"budget_{b.jaar}"] = b.bedrag
        rijen.append(rij)
    return rijen


# --- The yearly report ---------------------------------------------------------------------


@dataclass(frozen=True)
class RapportRij:
    activiteit: str
    huidige_stand: str
    beoogd_resultaat: str
    planning: str
    status: str  # the status's Dutch label that year, "" when none was recorded
    status_toelichting: str


@dataclass(frozen=True)
class RapportThema:
    titel: str
    rijen: list[RapportRij]


@dataclass(frozen=True)
class RapportAgenda:
    titel: str
    jaar: int
    themas: list[RapportThema]


def agenda_voor_rapport(regio: Regio, jaar: int) -> list[RapportAgenda]:
    """The region's agendas that cover `jaar`, in the seeds' table shape: theme → rows of activity,
    current state, intended result, planning, and the activity's status that year. Agendas of
    action lines only (no themes) are left out: they have no status table."""
    result = []
    for ag in Agenda.objects.filter(
        regio=regio, jaar_van__lte=jaar, jaar_tot__gte=jaar, themas__isnull=False
    ).distinct():
        pagina = agenda_pagina(ag, jaar)
        themas = [
            RapportThema(
                titel=str(blok.thema),
                rijen=[
                    RapportRij(
                        activiteit=r.activiteit.activiteit,
                        huidige_stand=r.activiteit.huidige_stand,
                        beoogd_resultaat=r.activiteit.beoogd_resultaat,
                        planning=r.activiteit.planning,
                        status=r.status.get_status_display() if r.status else "",
                        status_toelichting=r.status.toelichting if r.status else "",
                    )
                    for r in blok.rijen
                ],
            )
            for blok in pagina.themas
        ]
        result.append(RapportAgenda(titel=ag.titel, jaar=jaar, themas=themas))
    return result
