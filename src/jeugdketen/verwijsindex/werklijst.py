"""'Mijn werk' lists of the verwijsindex (registered in apps.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jeugdketen.core import paginering
from jeugdketen.core.access import Actor
from jeugdketen.core.rollen import Rol
from jeugdketen.core.werk import WerkItem, WerkLijst

from . import selectors


def te_informeren(actor: Actor) -> WerkLijst | None:
    if not actor.has_role(Rol.MELDINGSBEVOEGD):
        return None
    n = selectors.aantal_te_informeren(actor)
    lijst = WerkLijst(
        titel=_("Verwijsindex"),
        leeg_tekst=_("Alle meldingen van uw organisatie zijn gemeld aan de jongere of ouders."),
        meer_link=reverse("verwijsindex:meldingen"),
    )
    if n:
        titel = (
            _("Meer dan %(n)s meldingen: nog informeren") % {"n": f"{paginering.TELLEN_TOT:,}".replace(",", ".")}
            if n > paginering.TELLEN_TOT
            else ngettext("%(n)s melding: nog informeren", "%(n)s meldingen: nog informeren", n) % {"n": n}
        )
        lijst.items.append(
            WerkItem(
                titel=titel,
                link=reverse("verwijsindex:meldingen") + "?te_informeren=1",
                toelichting=_("Vertel de jongere of ouders over de melding, of leg vast waarom dat nog niet kan."),
            )
        )
    return lijst


def regie_escalaties(actor: Actor) -> WerkLijst | None:
    if not actor.has_role(Rol.FUNCTIONEEL_BEHEER):
        return None
    organisatie = selectors.organisatie_van(actor)
    if organisatie is None:
        return None
    n = selectors.matches_voor_regie(organisatie.regio_id).count()
    lijst = WerkLijst(
        titel=_("Matchregie"),
        leeg_tekst=_("Geen matches zonder regie of zonder contact."),
        meer_link=reverse("verwijsindex:beheer_regie"),
    )
    if n:
        lijst.items.append(
            WerkItem(
                titel=ngettext("%(n)s match wacht te lang", "%(n)s matches wachten te lang", n) % {"n": n},
                link=reverse("verwijsindex:beheer_regie"),
                te_laat=True,
            )
        )
    return lijst
