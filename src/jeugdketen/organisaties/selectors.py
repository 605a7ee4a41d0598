"""Reads about organisations and the acting person."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from jeugdketen.core.access import Actor, refuse
from jeugdketen.core.models import Actie
from jeugdketen.core.rollen import Rol

from .api_auth import SysteemClient
from .models import Gebruiker, Gemeente, Medewerker, Organisatie, Regio


def gemeenten_met_naam(naam: str) -> list[Gemeente]:
    """The municipalities called `naam`, in any case (at most two: enough to tell one from
    several). A name typed into a search: a lookup, not a list of the country's 342 (issue 16)."""
    return list(Gemeente.objects.filter(naam__iexact=naam).order_by("id")[:2])


def regio_met_naam(naam: str) -> Regio | None:
    """The region called `naam`, in any case (region names are unique)."""
    return Regio.objects.filter(naam__iexact=naam).first()


def namen_beginnend_met(begin: str, *, model: type[Gemeente] | type[Regio] = Gemeente, aantal: int = 5) -> list[str]:
    """Names of municipalities (or regions) that start with `begin`, in any case, by name:
    suggestions for a name that was not found."""
    namen = model.objects.filter(naam__istartswith=begin).order_by("naam").values_list("naam", flat=True)
    return list(namen[:aantal])


def gemeenten_in_regio(actor: Actor) -> QuerySet[Gemeente]:
    """The municipalities of the actor's organisation's region, by name: what a team filters its
    lists on (not all 342 of the country) and a GI or leerplicht works in region-wide."""
    return Gemeente.objects.filter(regio_id=actor.regio_pk).order_by("naam")


def werkgebied(actor: Actor) -> QuerySet[Gemeente]:
    """Where the actor's organisation works: its own municipality, or, for an organisation of the
    whole region, every municipality of its region (by name)."""
    if actor.gemeente_pk:
        return Gemeente.objects.filter(pk=actor.gemeente_pk)
    return gemeenten_in_regio(actor)


def eigen_regio(actor: Actor) -> Regio | None:
    """The region of the organisation the actor acts for; None for a citizen, a visitor or a
    system without one (the actor's `regio_pk` is 0 then)."""
    return Regio.objects.filter(pk=actor.regio_pk).first()


def regios() -> QuerySet[Regio]:
    """Every youth-care region, by name (reference data)."""
    return Regio.objects.order_by("naam")


def gemeente_met_uuid(uuid: str) -> Gemeente | None:
    """The municipality with this id; None for an unknown or malformed id."""
    found: Gemeente | None = _by_uuid(Gemeente.objects.all(), uuid)
    return found


def regio_met_uuid(uuid: str) -> Regio | None:
    """The region with this id; None for an unknown or malformed id."""
    found: Regio | None = _by_uuid(Regio.objects.all(), uuid)
    return found


def telefoon_van(organisatie_uuid: str) -> str:
    """The organisation's own phone number ("" when it has none or does not exist)."""
    return str(_by_uuid(Organisatie.objects.values_list("telefoon", flat=True), organisatie_uuid) or "")


def _by_uuid(qs: QuerySet[Any], uuid: str) -> Any:
    try:
        return qs.filter(uuid=uuid).first()
    except (ValidationError, ValueError):  # not an id at all: the same answer as a missing one
        return None


def memberships(user: Gebruiker) -> QuerySet[Medewerker]:
    return (
        Medewerker.objects.filter(gebruiker=user, actief=True)
        .select_related("organisatie")
        .order_by("organisatie__naam", "id")  # the header's choice lists them by name
    )


SYSTEEM_ROL = "systeem"


def build_actor(
    user: Gebruiker | SysteemClient, *, organisatie_uuid: str | None = None, ip: str, request_id: str
) -> Actor:
    """The one builder of the acting context, for a person's session and an organisation's system.

    A professional gets the roles in the organisation they act for now; a citizen the citizen
    role; an organisation system (API key) acts for its organisation as a care professional
    (`hulpverlener`) and, while the organisation is connected to the verwijsindex, as meldingsbevoegd
    (each registration names its meldingsbevoegde professional); named after the system in the log.
    """
    if isinstance(user, SysteemClient):
        org = user.organisatie
        systeem_rollen = {Rol.HULPVERLENER, Rol.MELDINGSBEVOEGD} if org.aangesloten_verwijsindex else {Rol.HULPVERLENER}
        return Actor(
            user=user,
            rol=SYSTEEM_ROL,
            rollen=frozenset(systeem_rollen),
            organisatie_id=str(org.uuid),
            organisatie_naam=org.naam,
            organisatie_soort=org.soort,
            organisatie_pk=org.pk,
            regio_pk=org.regio_id,
            gemeente_pk=org.gemeente_id or 0,
            display_name=str(user),
            namens=str(user),
            ip=ip,
            request_id=request_id,
            bronsysteem="api",
        )
    name = user.weergavenaam
    if user.is_burger:
        return Actor(
            user=user,
            rol=Rol.BURGER,
            rollen=frozenset({Rol.BURGER}),
            display_name=name,
            namens=name,
            ip=ip,
            request_id=request_id,
        )
    rows = list(memberships(user))
    active = [m for m in rows if str(m.organisatie.uuid) == organisatie_uuid] or rows[:1]
    acting: Organisatie | None = active[0].organisatie if active else None
    rollen = frozenset(m.rol for m in rows if acting is not None and m.organisatie_id == acting.id)
    return Actor(
        user=user,
        rol=",".join(sorted(rollen)) or "geen",
        rollen=rollen,
        organisatie_id=str(acting.uuid) if acting else "",
        organisatie_naam=acting.naam if acting else "",
        organisatie_soort=acting.soort if acting else "",
        organisatie_pk=acting.pk if acting else 0,
        regio_pk=acting.regio_id if acting else 0,
        gemeente_pk=(acting.gemeente_id or 0) if acting else 0,
        display_name=name,
        namens=name,
        ip=ip,
        request_id=request_id,
        organisaties=tuple({str(m.organisatie.uuid): m.organisatie.naam for m in rows}.items()),
    )


def person_of(actor: Actor) -> Gebruiker | None:
    """The person's login behind an actor; None for anonymous visitors and organisation systems.

    Services that record *who* did something (`door`, `vastgelegd_door`) take the person from here,
    so `Actor.user` keeps one meaning (a `Principal`) and the type checker knows which one it is."""
    return actor.user if isinstance(actor.user, Gebruiker) else None


def acting_person(
    actor: Actor, *, object_type: str, object_id: str = "", segment: str, actie: str = Actie.UPDATE
) -> Gebruiker:
    """The person making a change (a change names a person as its author). An organisation's
    system, or anyone without a login, gets the logged refusal instead: the one place that rule
    lives, for every app's services."""
    person = person_of(actor)
    if person is None:
        refuse(actor, object_type=object_type, object_id=object_id, segment=segment, actie=actie)
    return person
