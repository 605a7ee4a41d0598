"""Reads about organisations and the acting person."""

from __future__ import annotations

from django.db.models import QuerySet

from jeugdketen.core.access import Actor
from jeugdketen.core.rollen import Rol

from .models import Gebruiker, Medewerker


def memberships(user: Gebruiker) -> QuerySet[Medewerker]:
    return (
        Medewerker.objects.filter(gebruiker=user, actief=True)
        .select_related("organisatie")
        .order_by("organisatie__naam", "id")  # the header's choice lists them by name
    )


def build_actor(user: Gebruiker, *, organisatie_uuid: str | None, ip: str, request_id: str) -> Actor:
    """The acting context: for a professional, the roles in the organisation they act for now."""
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
    if active:
        org = active[0].organisatie
        rollen = frozenset(m.rol for m in rows if m.organisatie_id == org.id)
    else:
        org, rollen = None, frozenset()
    return Actor(
        user=user,
        rol=",".join(sorted(rollen)) or "geen",
        rollen=rollen,
        organisatie_id=str(org.uuid) if org else "",
        organisatie_naam=org.naam if org else "",
        organisatie_soort=org.soort if org else "",
        display_name=name,
        namens=name,
        ip=ip,
        request_id=request_id,
        organisaties=tuple({str(m.organisatie.uuid): m.organisatie.naam for m in rows}.items()),
    )
