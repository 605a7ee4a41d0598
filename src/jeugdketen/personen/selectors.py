"""Reads of the person record. No page shows a `Jeugdige` on its own: the apps that hold a
youth's data (gezinnen, jeugdhulp) scope and log every read; these are their building blocks."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from jeugdketen.organisaties.models import Gemeente

from .models import BrpGegevens, Jeugdige, Woonplaatsperiode


def periodes_op(op: dt.date) -> QuerySet[Woonplaatsperiode]:
    return Woonplaatsperiode.objects.filter(Q(tot__isnull=True) | Q(tot__gte=op), vanaf__lte=op)


def gemeente_op(jeugdige: Jeugdige, op: dt.date) -> Gemeente | None:
    """The responsible municipality on a day (woonplaatsbeginsel), or None if not recorded."""
    periode = periodes_op(op).filter(jeugdige=jeugdige).select_related("gemeente").first()
    return periode.gemeente if periode is not None else None


def jeugdigen_in(gemeenten: QuerySet[Gemeente], op: dt.date) -> QuerySet[Jeugdige]:
    """Youths for whom one of these municipalities is responsible on `op`."""
    return Jeugdige.objects.filter(pk__in=periodes_op(op).filter(gemeente__in=gemeenten).values("jeugdige_id"))


def geschiedenis(jeugdige: Jeugdige) -> QuerySet[Woonplaatsperiode]:
    return Woonplaatsperiode.objects.filter(jeugdige=jeugdige).select_related("gemeente").order_by("vanaf")


def brp_gegevens(bsns: list[str]) -> dict[str, BrpGegevens]:
    """The last known BRP data of these persons, by BSN (absent: never found in the BRP)."""
    return {g.bsn: g for g in BrpGegevens.objects.filter(bsn__in=[b for b in bsns if b])}
