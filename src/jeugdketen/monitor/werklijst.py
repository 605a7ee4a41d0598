"""'Mijn werk' for policy staff: the monitor's state (when the figures were computed)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from jeugdketen.core.access import Actor
from jeugdketen.core.werk import WerkItem, WerkLijst
from jeugdketen.organisaties import selectors as organisaties

from . import selectors


def monitor(actor: Actor) -> WerkLijst | None:
    if not selectors.is_beleid(actor):
        return None
    regio = organisaties.eigen_regio(actor)
    if regio is None:
        return None
    berekening = selectors.laatste_berekening(regio)
    items = [
        WerkItem(
            titel=_("Monitor jeugd: de doelen van de regio in cijfers"),
            link=reverse("monitor:overzicht"),
            toelichting=(
                _("Berekend op %(t)s.") % {"t": formats.date_format(berekening.klaar_op, "DATETIME_FORMAT")}
                if berekening
                else _("Nog niet berekend.")
            ),
        )
    ]
    return WerkLijst(
        titel=_("Monitor"), leeg_tekst=_("Geen cijfers."), items=items, meer_link=reverse("monitor:overzicht")
    )
