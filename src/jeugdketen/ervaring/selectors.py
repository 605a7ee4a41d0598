"""Reads of family experience.

* An invitation is its invitee's own: the scope is "invitations of this login", nothing else (a
  professional, policy staff or another family member gets the 404).
* `ervaring_cijfers` gives the monitor counts and means per municipality, year and core value,
  aggregated in the database, unsuppressed: the monitor suppresses (small counts) before showing.
  It never returns anything per family or per answer.
* `opmerkingen` gives policy staff the remarks of a group (municipality × year) only when that
  group has at least `regels.OPMERKINGEN_VANAF` answers, without family or date, sorted by text.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Aggregate, Avg, Count, Q, QuerySet
from django.utils import timezone

from jeugdketen.core.access import Actor, Scope, register_scope
from jeugdketen.core.rollen import Rol
from jeugdketen.gezinsplan.models import Gezinsplan
from jeugdketen.organisaties.api_auth import hash_key
from jeugdketen.organisaties.models import Regio

from . import logevents, regels
from .models import Antwoord, Uitnodiging
from .regels import CODE_LENGTE


def uitnodigingen_visible_to(actor: Actor) -> QuerySet[Uitnodiging]:
    if not actor.is_authenticated or not actor.is_burger or actor.user_pk is None:
        return Uitnodiging.objects.none()
    return Uitnodiging.objects.filter(gebruiker_id=actor.user_pk, gezinslid__gebruiker_id=actor.user_pk)


def _relatie(actor: Actor, uitnodiging: Uitnodiging) -> str | None:
    return "genodigde" if uitnodiging.gebruiker_id == actor.user_pk else None


def register_scopes() -> None:
    register_scope(
        Uitnodiging,
        Scope(
            queryset=uitnodigingen_visible_to,
            object_type=logevents.ObjectType.UITNODIGING,
            client_id=logevents.client_id,
            grondslag=logevents.grondslag,
            relation=_relatie,
        ),
    )


def open_uitnodigingen(actor: Actor) -> QuerySet[Uitnodiging]:
    return uitnodigingen_visible_to(actor).filter(beantwoord_op__isnull=True)


# --- Members without a login: one-time codes --------------------------------------------------

ONBEKEND, GEBRUIKT, VERLOPEN = "onbekend", "gebruikt", "verlopen"


def zonder_inlog_open(plan: Gezinsplan) -> QuerySet[Uitnodiging]:
    """The plan family's open invitations of members without a login (for their codes)."""
    return (
        Uitnodiging.objects.filter(
            gezinslid__gezin_id=plan.gezin_id, gebruiker__isnull=True, beantwoord_op__isnull=True
        )
        .select_related("gezinslid")
        .order_by("gezinslid__voornaam", "id")
    )


def code_hash(code: str) -> str:
    return hash_key("ervaring:" + regels.code_normaal(code))


def uitnodiging_met_code(code: str) -> Uitnodiging | None:
    if len(regels.code_normaal(code)) != CODE_LENGTE:
        return None
    return uitnodiging_met_hash(code_hash(code))


def uitnodiging_met_hash(hash_: str) -> Uitnodiging | None:
    """The invitation whose current code has this hash (after the code was typed and checked: the
    session keeps the hash, never the code). A replaced code's hash finds nothing."""
    if not hash_:
        return None
    return (
        Uitnodiging.objects.filter(code_hash=hash_, gebruiker__isnull=True).select_related("gezinslid__gezin").first()
    )


def code_reden(uitnodiging: Uitnodiging | None) -> str | None:
    """Why a code does not work (None: it works)."""
    if uitnodiging is None:
        return ONBEKEND
    if uitnodiging.beantwoord_op is not None:
        return GEBRUIKT
    if uitnodiging.code_verloopt_op is None or uitnodiging.code_verloopt_op <= timezone.now():
        return VERLOPEN
    return None


def mag_cijfers_zien(actor: Actor) -> bool:
    return actor.is_authenticated and not actor.is_burger and actor.has_role(Rol.BELEID)


@dataclass(frozen=True)
class ErvaringCijfer:
    gemeente_code: str
    gemeente: str
    jaar: int
    kernwaarde: str  # the field name (regels.VELDEN): luister, eerlijk, ...
    kernwaarde_tekst: str
    aantal: int
    gemiddelde: Decimal | None  # two decimals; None when no one scored this value


def _groepen(regio: Regio, jaar_van: int, jaar_tot: int) -> QuerySet[Antwoord, dict[str, Any]]:
    aggregaten: dict[str, Aggregate] = {}
    for veld in regels.VELDEN:
        aggregaten[f"n_{veld}"] = Count(veld)
        aggregaten[f"gem_{veld}"] = Avg(veld)
    return (
        Antwoord.objects.filter(gemeente__regio=regio, jaar__gte=jaar_van, jaar__lte=jaar_tot)
        .values("gemeente__cbs_code", "gemeente__naam", "jaar")
        .annotate(antwoorden=Count("id"), **aggregaten)
        .order_by("gemeente__naam", "jaar")
    )


def _twee(value: float | Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def ervaring_cijfers(*, regio: Regio, jaar_van: int, jaar_tot: int) -> list[ErvaringCijfer]:
    """Per municipality, year and core value: how many scored it and the mean (one query)."""
    labels = dict(regels.KERNWAARDEN)
    return [
        ErvaringCijfer(
            gemeente_code=g["gemeente__cbs_code"],
            gemeente=g["gemeente__naam"],
            jaar=g["jaar"],
            kernwaarde=veld,
            kernwaarde_tekst=str(labels[veld]),
            aantal=g[f"n_{veld}"],
            gemiddelde=_twee(g[f"gem_{veld}"]),
        )
        for g in _groepen(regio, jaar_van, jaar_tot)
        for veld in regels.VELDEN
    ]


@dataclass(frozen=True)
class Groep:
    """One row of the policy page: a municipality in a year, suppressed below the threshold."""

    gemeente: str
    jaar: int
    antwoorden: int
    gemiddelden: list[Decimal | None]  # per core value; None = not shown (fewer than the threshold)
    opmerkingen: list[str]  # only when the group has enough answers

    @property
    def klein(self) -> bool:
        return self.antwoorden < regels.OPMERKINGEN_VANAF


def overzicht(*, regio: Regio, jaar_van: int, jaar_tot: int) -> list[Groep]:
    """The policy page: two queries whatever the number of answers."""
    groepen = list(_groepen(regio, jaar_van, jaar_tot))
    grote = {(g["gemeente__cbs_code"], g["jaar"]) for g in groepen if g["antwoorden"] >= regels.OPMERKINGEN_VANAF}
    opmerkingen: dict[tuple[str, int], list[str]] = {}
    if grote:
        rows = (
            Antwoord.objects.filter(gemeente__regio=regio, jaar__gte=jaar_van, jaar__lte=jaar_tot)
            .exclude(opmerking="")
            .values_list("gemeente__cbs_code", "jaar", "opmerking")
            .order_by("opmerking")
        )
        for code, jaar, tekst in rows:
            if (code, jaar) in grote:
                opmerkingen.setdefault((code, jaar), []).append(tekst)
    drempel = regels.OPMERKINGEN_VANAF
    return [
        Groep(
            gemeente=g["gemeente__naam"],
            jaar=g["jaar"],
            antwoorden=g["antwoorden"],
            gemiddelden=[_twee(g[f"gem_{v}"]) if g[f"n_{v}"] >= drempel else None for v in regels.VELDEN],
            opmerkingen=opmerkingen.get((g["gemeente__cbs_code"], g["jaar"]), []),
        )
        for g in groepen
    ]


def hoge_scores(*, regio: Regio, jaren: list[int]) -> list[dict[str, Any]]:
    """For the monitor's "ervaring" indicator, per municipality and year: how many scores were
    given over the six core values (`noemer`) and how many of them were a 4 or 5 (`teller`).
    Aggregated in the database, unsuppressed (the monitor suppresses); never per family."""
    aggregaten: dict[str, Aggregate] = {}
    for veld in regels.VELDEN:
        aggregaten[f"n_{veld}"] = Count(veld)
        aggregaten[f"hoog_{veld}"] = Count("id", filter=Q(**{f"{veld}__gte": 4}))
    rijen = (
        Antwoord.objects.filter(gemeente__regio=regio, jaar__in=jaren)
        .values("gemeente__cbs_code", "jaar")
        .annotate(**aggregaten)
        .order_by("gemeente__cbs_code", "jaar")
    )
    return [
        {
            "gebied": r["gemeente__cbs_code"],
            "jaar": r["jaar"],
            "teller": sum(r[f"hoog_{v}"] for v in regels.VELDEN),
            "noemer": sum(r[f"n_{v}"] for v in regels.VELDEN),
        }
        for r in rijen
    ]
