"""'Mijn werk' for a parent or youth: open invitations to say how the help went (no names)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jeugdketen.core.access import Actor
from jeugdketen.core.werk import WerkItem, WerkLijst

from . import selectors


def mijn_uitnodigingen(actor: Actor) -> WerkLijst | None:
    if not actor.is_burger:
        return None
    open_ = list(selectors.open_uitnodigingen(actor)[:5])
    if not open_:
        return None
    return WerkLijst(
        titel=_("Hoe ging het?"),
        leeg_tekst="",
        items=[
            WerkItem(
                titel=_("Geef uw mening over de hulp (1 minuut)"),
                link=reverse("ervaring:uitnodiging", kwargs={"uuid": u.uuid}),
                toelichting=_("Na de evaluatie van %(datum)s") % {"datum": date_format(u.evaluatie_datum)},
            )
            for u in open_
        ],
    )
