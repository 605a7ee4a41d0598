"""Every read of the verwijsindex, scoped to the actor; `register_scopes()` registers the scopes
of registrations and matches with core.access (called from apps.ready()).

* A meldingsbevoegde professional sees the current registrations of their own organisation, and
  the matches their organisation takes part in — never anyone else's (art. 7.1.2.1, B8).
* Functional management sees matches only for the coordination task: organisations and dates,
  never the youth key or the contact details (art. 7.1.3.2), and usage figures only aggregated.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from uuid import UUID

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.utils import timezone

from jeugdketen.core import paginering
from jeugdketen.core.access import Actor, Scope, register_scope
from jeugdketen.core.models import Toegangslogregel
from jeugdketen.core.rollen import Rol
from jeugdketen.organisaties.models import ApiSleutel, Gebruiker, Medewerker, Organisatie

from . import logevents, pseudoniem
from .logevents import Grondslag, ObjectType
from .models import (
    Aansluiting,
    Gebruiksteller,
    Gezinsmatch,
    Jongere,
    Match,
    MatchStatus,
    Melding,
    MeldingStatus,
    Regiebeleid,
)


class Relatie(StrEnum):
    """How the actor relates to a registration or a match (the scope's `relation`)."""

    MELDER = "melder"  # the actor's organisation made this registration
    DEELNEMER = "deelnemer"  # the actor's organisation takes part in this match
    REGIE = "regie"  # ... and coordinates it
    BEHEER = "beheer"  # functional management of the region: coordination only


def meldingen_visible_to(actor: Actor) -> QuerySet[Melding]:
    if not actor.organisatie_id or not actor.has_role(Rol.MELDINGSBEVOEGD):
        return Melding.objects.none()
    # The organisation as an InitPlan on its own row, not a join: with a constant
    # `organisatie_id` the list walks the (organisatie, status, aangemeld_op, id) index in its own
    # order and stops at the page; behind a join PostgreSQL joins and sorts every registration of
    # the organisation first (issue 16).
    organisatie = (
        Organisatie.objects.filter(pk=actor.organisatie_pk, aangesloten_verwijsindex=True).order_by().values("id")[:1]
    )
    return Melding.objects.filter(organisatie_id=Subquery(organisatie), status=MeldingStatus.ACTIEF).select_related(
        "jongere", "match", "organisatie"
    )


def matches_visible_to(actor: Actor) -> QuerySet[Match]:
    """A meldingsbevoegde sees the matches their organisation takes part in (`deelnemer`); a
    functional manager without that role the current matches of their region, to coordinate."""
    if not actor.organisatie_id:
        return Match.objects.none()
    actief = Match.objects.filter(status=MatchStatus.ACTIEF).select_related("jongere", "regie_organisatie")
    if actor.has_role(Rol.MELDINGSBEVOEGD):
        eigen = Melding.objects.filter(
            match=OuterRef("pk"), status=MeldingStatus.ACTIEF, organisatie_id=actor.organisatie_pk
        )
        return actief.filter(Exists(eigen)).annotate(deelnemer=Value(True))
    if actor.has_role(Rol.FUNCTIONEEL_BEHEER):
        in_regio = Melding.objects.filter(match=OuterRef("pk"), organisatie__regio_id=actor.regio_pk)
        return actief.filter(Exists(in_regio)).annotate(deelnemer=Value(False))
    return Match.objects.none()


def gezinsmatches_visible_to(actor: Actor) -> QuerySet[Gezinsmatch]:
    """A meldingsbevoegde sees the current family matches in which their organisation has a
    current registration on one of the youths; nobody else sees any (not functional management:
    a family match needs no coordination of its own)."""
    if not actor.organisatie_id or not actor.has_role(Rol.MELDINGSBEVOEGD):
        return Gezinsmatch.objects.none()
    eigen = Melding.objects.filter(
        jongere__gezinsmatch=OuterRef("pk"), status=MeldingStatus.ACTIEF, organisatie_id=actor.organisatie_pk
    )
    return Gezinsmatch.objects.filter(Exists(eigen), status=MatchStatus.ACTIEF)


def relatie_met_melding(actor: Actor, melding: Melding) -> Relatie:
    """Only the registering organisation's meldingsbevoegden see a registration (the scope)."""
    return Relatie.MELDER


def relatie_met_match(actor: Actor, match: Match) -> Relatie:
    if not getattr(match, "deelnemer", False):
        return Relatie.BEHEER
    regie = match.regie_organisatie
    return Relatie.REGIE if regie is not None and str(regie.uuid) == actor.organisatie_id else Relatie.DEELNEMER


def _match_grondslag(actor: Actor, match: Match) -> str:
    return Grondslag.MATCHREGIE if relatie_met_match(actor, match) == Relatie.BEHEER else Grondslag.MATCH


def register_scopes() -> None:
    register_scope(
        Melding,
        Scope(
            queryset=meldingen_visible_to,
            object_type=ObjectType.MELDING,
            client_id=lambda melding: logevents.client_id(melding.jongere),
            grondslag=lambda actor, melding: Grondslag.MELDING,
            relation=relatie_met_melding,
        ),
    )
    register_scope(
        Gezinsmatch,
        Scope(
            queryset=gezinsmatches_visible_to,
            object_type=ObjectType.GEZINSMATCH,
            client_id=lambda gezinsmatch: f"vi-gezin:{gezinsmatch.uuid}",
            grondslag=lambda actor, gezinsmatch: Grondslag.MATCH,
            relation=lambda actor, gezinsmatch: Relatie.DEELNEMER,
        ),
    )
    register_scope(
        Match,
        Scope(
            queryset=matches_visible_to,
            object_type=ObjectType.MATCH,
            client_id=logevents.match_client_id,
            grondslag=_match_grondslag,
            relation=relatie_met_match,
        ),
    )


def organisatie_van(actor: Actor, *, met_aansluiting: bool = False) -> Organisatie | None:
    """The organisation the actor acts for (None for a citizen or someone without one);
    `met_aansluiting`: with its connection to the index and its coordinator in the same query."""
    if not actor.organisatie_id:
        return None
    qs = Organisatie.objects.filter(pk=actor.organisatie_pk)
    if met_aansluiting:
        qs = qs.select_related("vi_aansluiting__coordinator")
    return qs.first()


def match_deelnemers(match: Match) -> list[Melding]:
    return list(
        Melding.objects.filter(match=match, status=MeldingStatus.ACTIEF)
        .select_related("organisatie")
        .order_by("aangemeld_op", "id")
    )


def met_deelnemers(matches: QuerySet[Match]) -> QuerySet[Match]:
    """Each match with its current registrations and their organisations (`actieve_meldingen`),
    in one extra query whatever the number of matches."""
    return matches.prefetch_related(
        Prefetch(
            "meldingen",
            queryset=Melding.objects.filter(status=MeldingStatus.ACTIEF)
            .select_related("organisatie")
            .order_by("aangemeld_op", "id"),
            to_attr="actieve_meldingen",
        )
    )


def mijn_meldingen(actor: Actor, *, te_informeren: bool = False) -> QuerySet[Melding]:
    qs = meldingen_visible_to(actor).order_by("-aangemeld_op", "-id")
    if te_informeren:
        qs = qs.filter(geinformeerd_op__isnull=True)
    return qs


def mijn_matches(actor: Actor) -> QuerySet[Match]:
    """The matches the actor's organisation takes part in (not the region's, for a manager)."""
    if not actor.has_role(Rol.MELDINGSBEVOEGD):
        return Match.objects.none()
    return matches_visible_to(actor).order_by("-aangemaakt", "-id")


def aantal_te_informeren(actor: Actor) -> int:
    """How many of the organisation's registrations still wait to be told to the youth or
    parents, counting at most one past the lists' cap (the home page says "meer dan 1.000" beyond
    it, as every list does): an exact count read every registration of a large organisation (issue 16)."""
    return paginering.tel(meldingen_visible_to(actor).filter(geinformeerd_op__isnull=True), paginering.TELLEN_TOT + 1)


def archief_signalen(melding: Melding) -> list[Melding]:
    return [s.archief for s in melding.archief_signalen.select_related("archief__organisatie")]


# --- Functional management ------------------------------------------------------------------


def beheer_organisaties(regio_id: int) -> QuerySet[Organisatie]:
    return (
        Organisatie.objects.filter(regio_id=regio_id)
        .annotate(
            n_bevoegd=Count(
                "medewerkers", filter=Q(medewerkers__rol=Rol.MELDINGSBEVOEGD, medewerkers__actief=True), distinct=True
            )
        )
        .order_by("-aangesloten_verwijsindex", "naam")
    )


def regiebeleid(regio_id: int) -> Regiebeleid | None:
    return Regiebeleid.objects.filter(regio_id=regio_id).first()


def termijn_dagen(regio_id: int) -> int:
    beleid = regiebeleid(regio_id)
    return beleid.termijn_dagen if beleid else 10


def matches_voor_regie(regio_id: int, *, alles: bool = False) -> QuerySet[Match]:
    """Current matches in the region without coordination, or without recorded contact, past the term."""
    grens = timezone.now() - timedelta(days=termijn_dagen(regio_id))
    in_regio = Melding.objects.filter(match=OuterRef("pk"), organisatie__regio_id=regio_id)
    qs = Match.objects.filter(Exists(in_regio), status=MatchStatus.ACTIEF)
    if not alles:
        qs = qs.filter(Q(regie_organisatie__isnull=True) | Q(contact_vastgelegd_op__isnull=True)).filter(
            aangemaakt__lte=grens
        )
    return (
        qs.select_related("regie_organisatie")
        .prefetch_related(
            Prefetch(
                "meldingen",
                queryset=Melding.objects.filter(status=MeldingStatus.ACTIEF)
                .select_related("organisatie")
                .only("id", "match_id", "organisatie__naam", "organisatie__soort", "organisatie__uuid"),
                to_attr="actieve_meldingen",
            )
        )
        .order_by("aangemaakt", "id")
    )


def logboek(client: str, *, regio_id: int) -> QuerySet[Toegangslogregel]:
    """Who registered, removed or was signalled about this youth — by organisations of the
    manager's own region only (a functional manager has no business in another region's index)."""
    eigen = [str(u) for u in Organisatie.objects.filter(regio_id=regio_id).values_list("uuid", flat=True)]
    return Toegangslogregel.objects.filter(
        client_id=client, object_type__startswith="verwijsindex", organisatie_id__in=eigen
    ).order_by("tijdstip", "id")


@dataclass
class Gebruik:
    per_maand: list[dict[str, object]]
    mediaan_dagen_regie: float | None
    mediaan_dagen_contact: float | None
    nooit_gemeld: list[str]
    aangesloten: int


def _mediaan(waarden: list[float]) -> float | None:
    return round(statistics.median(waarden), 1) if waarden else None


def gebruik(regio_id: int, *, sinds: date | None = None) -> Gebruik:
    """Aggregated usage: per organisation and month; medians; connected organisations that never registered."""
    tellers = Gebruiksteller.objects.filter(organisatie__regio_id=regio_id)
    if sinds:
        tellers = tellers.filter(maand__gte=sinds)
    per_maand = list(
        tellers.values("organisatie__naam", "maand")
        .annotate(meldingen=Sum("meldingen"), matches=Sum("matches"))
        .order_by("-maand", "organisatie__naam")
    )
    in_regio = Melding.objects.filter(match=OuterRef("pk"), organisatie__regio_id=regio_id)
    matches = Match.objects.filter(Q(Exists(in_regio)) | Q(regie_organisatie__regio_id=regio_id)).values_list(
        "aangemaakt", "regie_sinds", "contact_vastgelegd_op"
    )
    regie, contact = [], []
    for aangemaakt, regie_sinds, contact_op in matches.iterator():
        if regie_sinds:
            regie.append((regie_sinds - aangemaakt).total_seconds() / 86400)
        if contact_op:
            contact.append((contact_op - aangemaakt).total_seconds() / 86400)
    ooit = Gebruiksteller.objects.filter(organisatie=OuterRef("pk"), meldingen__gt=0)
    nooit = list(
        Organisatie.objects.filter(regio_id=regio_id, aangesloten_verwijsindex=True)
        .exclude(Exists(ooit))
        .order_by("naam")
        .values_list("naam", flat=True)
    )
    aangesloten = Organisatie.objects.filter(regio_id=regio_id, aangesloten_verwijsindex=True).count()
    return Gebruik(per_maand, _mediaan(regie), _mediaan(contact), nooit, aangesloten)


def aansluiting(organisatie: Organisatie) -> Aansluiting | None:
    return Aansluiting.objects.select_related("coordinator").filter(organisatie=organisatie).first()


# --- Functional management: one organisation ------------------------------------------------


def beheer_organisatie(regio_id: int, uuid: UUID | str) -> Organisatie | None:
    """An organisation of the manager's own region (another region's is not theirs to manage)."""
    return Organisatie.objects.filter(uuid=uuid, regio_id=regio_id).first()


@dataclass
class Persoon:
    gebruiker: Gebruiker
    bevoegd: bool


def personen_van(organisatie: Organisatie) -> list[Persoon]:
    """The organisation's active staff, once per person, with whether they are meldingsbevoegd."""
    rows = (
        Medewerker.objects.filter(organisatie=organisatie, actief=True)
        .select_related("gebruiker")
        .order_by("gebruiker__last_name", "gebruiker_id", "rol")
    )
    personen: dict[int, Persoon] = {}
    for m in rows:
        p = personen.setdefault(m.gebruiker_id, Persoon(m.gebruiker, False))
        p.bevoegd = p.bevoegd or m.rol == Rol.MELDINGSBEVOEGD
    return list(personen.values())


def medewerker_van(organisatie: Organisatie, gebruiker_uuid: str) -> Gebruiker | None:
    """A person who works at this organisation now, by their uuid (None for anyone else)."""
    if not _is_uuid(gebruiker_uuid):
        return None
    return (
        Gebruiker.objects.filter(
            uuid=gebruiker_uuid, medewerkerschappen__organisatie=organisatie, medewerkerschappen__actief=True
        )
        .distinct()
        .first()
    )


def api_sleutels(organisatie: Organisatie) -> QuerySet[ApiSleutel]:
    return ApiSleutel.objects.filter(organisatie=organisatie).order_by("-aangemaakt")


def api_sleutel(organisatie: Organisatie, uuid: str) -> ApiSleutel | None:
    if not _is_uuid(uuid):
        return None
    return ApiSleutel.objects.filter(organisatie=organisatie, uuid=uuid).first()


def client_voor_bsn(bsn: str) -> str:
    """The logbook's client id of a youth by BSN ("" when the index holds no key for them)."""
    jongere = Jongere.objects.filter(sleutel=pseudoniem.for_bsn(bsn)).first()
    return logevents.client_id(jongere) if jongere is not None else ""


def client_voor_melding(melding_uuid: UUID | str) -> str:
    """The logbook's client id of a registration by its number, also after it was destroyed."""
    rij = (
        Toegangslogregel.objects.filter(object_type=ObjectType.MELDING, object_id=str(melding_uuid))
        .exclude(client_id="-")
        .first()
    )
    return rij.client_id if rij is not None else ""


def _is_uuid(value: str) -> bool:
    import uuid as uuidlib

    try:
        uuidlib.UUID(value)
    except (ValueError, TypeError, AttributeError):
        return False
    return True


def meldingen_per_jaar(regio_id: int) -> dict[int, int]:
    """The monitor's figure: registrations per year by the region's organisations, summed from
    the usage counters in the database (never a registration)."""
    from django.db.models.functions import ExtractYear

    rows = (
        Gebruiksteller.objects.filter(organisatie__regio_id=regio_id)
        .annotate(jaar=ExtractYear("maand"))
        .values("jaar")
        .annotate(meldingen=Sum("meldingen"))
        .order_by("jaar")
    )
    return {int(r["jaar"]): int(r["meldingen"] or 0) for r in rows}
