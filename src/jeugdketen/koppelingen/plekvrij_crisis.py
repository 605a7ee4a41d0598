"""crisis.plekken.Plekzoeker on top of plekvrij's selectors and services.

crisis asks for crisis places free now for the youth's age, nearest first, and holds one; plekvrij
does the search (its own access rules: may_search / may_reserve) and the reservation (its own
checks, locking and notifications). Neither app knows the other; this module knows both.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jeugdketen.core.access import Actor
from jeugdketen.crisis import plekken
from jeugdketen.organisaties import selectors as organisaties
from jeugdketen.organisaties.models import Gemeente
from jeugdketen.organisaties.selectors import person_of
from jeugdketen.plekvrij import selectors, services
from jeugdketen.plekvrij.models import Soort

MAX_PLEKKEN = 20  # the nearest ones; the crisis worker calls, they do not browse


def _crisisplek(plek: Any) -> plekken.Crisisplek:
    locatie = plek.locatie
    return plekken.Crisisplek(
        ref=str(plek.uuid),
        naam=f"{locatie.naam} – {plek.naam}" if plek.naam else locatie.naam,
        aanbieder=locatie.organisatie.naam,
        gemeente=locatie.gemeente.naam,
        vrij=plek.vrij_nu,
        telefoon=plek.contact_telefoon or locatie.telefoon,
        bijgewerkt=plek.bijgewerkt_op,
        afstand_km=plek.afstand if getattr(plek, "afstand", None) is not None else None,
        verouderd=plek.verouderd,
    )


def _contact_telefoon(actor: Actor) -> str:
    """Where the provider calls back: the crisis service's (24/7) number, else the worker's own."""
    org = organisaties.telefoon_van(actor.organisatie_id)
    if org:
        return org
    persoon = person_of(actor)
    return persoon.telefoon if persoon is not None else ""


class PlekvrijZoeker:
    def zoek(
        self, actor: Actor, *, leeftijd: int | None, gemeente: Gemeente, op: dt.datetime
    ) -> list[plekken.Crisisplek]:
        vraag = selectors.Zoekvraag(soort=Soort.CRISISPLEK, leeftijd=leeftijd, vanaf=gemeente)
        return [_crisisplek(p) for p in selectors.zoeken(actor, vraag, now=op)[:MAX_PLEKKEN]]

    def reserveer(
        self, actor: Actor, *, plek_ref: str, uren: int, kenmerk: str, initialen: str, leeftijd: int | None
    ) -> plekken.Reservering:
        plek = selectors.plek_voor_zoeker(actor, plek_ref) if selectors.is_uuid(plek_ref) else None
        if plek is None or plek.soort != Soort.CRISISPLEK or leeftijd is None:
            raise plekken.PlekNietBeschikbaar
        try:
            r = services.reservering_maken(
                plek=plek,
                by=actor,
                uren=max(1, min(uren, services.MAX_UREN)),
                initialen=initialen,
                leeftijd=leeftijd,
                contact_telefoon=_contact_telefoon(actor),
                toelichting=_("Crisisplaatsing door de crisisdienst (kenmerk %(kenmerk)s).") % {"kenmerk": kenmerk},
            )
        except ValidationError as exc:
            raise plekken.PlekNietBeschikbaar from exc
        return plekken.Reservering(ref=str(r.uuid), plek=_crisisplek(plek), tot=r.verloopt_op)
