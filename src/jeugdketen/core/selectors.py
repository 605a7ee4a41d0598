"""Reads of the kernel's own rows: a person's notifications and the access log for its manager."""

from __future__ import annotations

from django.db.models import QuerySet

from .access import Actor
from .models import Notificatie, Toegangslogregel
from .periode import Periode


def notificaties_van(actor: Actor) -> QuerySet[Notificatie]:
    """The actor's own notifications, newest first (nobody else's: the query is by their login)."""
    if actor.user_pk is None:
        return Notificatie.objects.none()
    return Notificatie.objects.filter(ontvanger_id=actor.user_pk).order_by("-aangemaakt", "-id")


def ongelezen_van(actor: Actor) -> QuerySet[Notificatie]:
    return notificaties_van(actor).filter(gelezen__isnull=True)


def logregels(*, client: str, periode: Periode) -> QuerySet[Toegangslogregel]:
    """The whole access log for the log manager (the view's policy admits only them), newest first,
    for one client id if given. Informed entries (`Actie.INFORM`) are listed as what they are:
    being told, not a look at the data."""
    qs = Toegangslogregel.objects.order_by("-tijdstip", "-id")
    if client:
        qs = qs.filter(client_id=client)
    return periode.filter(qs)
