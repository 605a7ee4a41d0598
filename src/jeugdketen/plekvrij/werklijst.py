"""'Mijn werk' on the home page: a provider updates its places there with one tap per place, and
sees reservations waiting for an answer; a requester sees their open reservations."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from jeugdketen.core.access import Actor
from jeugdketen.core.werk import WerkItem, WerkKnop, WerkLijst

from . import selectors
from .models import HOUDT_PLEK, Plek

OP_HOME = 8  # places shown on the home page; the rest under "Alles bekijken"
MAX_KNOPPEN = 6  # up to this many free places: one button per number ("nu 2 vrij")


@dataclass(frozen=True)
class Snelkeuze:
    vrij: int
    label: str
    huidig: bool


def snelkeuzes(plek: Plek) -> list[Snelkeuze]:
    """The one-tap choices of a place (annotated by selectors.met_stand).

    Up to MAX_KNOPPEN free places: a button per number, the current one says "klopt nog". More
    places: one fewer, "klopt nog", one more. Every tap also confirms the place is current."""
    hoogstens = max(plek.bruikbaar - plek.gereserveerd_nu, 0)  # type: ignore[attr-defined]
    nu = plek.vrij_nu  # type: ignore[attr-defined]
    if hoogstens <= MAX_KNOPPEN:
        return [
            Snelkeuze(n, _("%(n)s vrij (klopt nog)") % {"n": n} if n == nu else _("%(n)s vrij") % {"n": n}, n == nu)
            for n in range(hoogstens + 1)
        ]
    keuzes = []
    if nu > 0:
        keuzes.append(Snelkeuze(nu - 1, _("1 minder vrij"), False))
    keuzes.append(Snelkeuze(nu, _("%(n)s vrij (klopt nog)") % {"n": nu}, True))
    if nu < hoogstens:
        keuzes.append(Snelkeuze(nu + 1, _("1 meer vrij"), False))
    return keuzes


def stand_tekst(plek: Plek) -> str:
    tekst = _("Nu %(n)s vrij. Bijgewerkt %(tijd)s geleden.") % {
        "n": plek.vrij_nu,  # type: ignore[attr-defined]
        "tijd": timesince(plek.bijgewerkt_op, depth=1),
    }
    if plek.verouderd:  # type: ignore[attr-defined]
        tekst += " " + _("Niet actueel: werk de plek bij.")
    return tekst


def mijn_plekken(actor: Actor) -> WerkLijst | None:
    if not selectors.may_manage(actor):
        return None
    # Stale places first: they are the ones to look at.
    plekken = list(selectors.mijn_plekken(actor).order_by("-verouderd", "locatie__naam", "soort", "id")[:OP_HOME])
    items = []
    for plek in plekken:
        action = reverse("plekvrij:plek_snel", kwargs={"uuid": plek.uuid})
        items.append(
            WerkItem(
                titel=f"{plek.get_soort_display()}: {plek.titel} ({plek.locatie.gemeente.naam})",
                link=reverse("plekvrij:mijn_plekken") + f"#plek-{plek.uuid}",
                toelichting=stand_tekst(plek),
                knoppen=[
                    WerkKnop(
                        label=k.label,
                        action=action,
                        velden={"vrij": str(k.vrij), "versie": str(plek.versie), "terug": "home"},
                        huidig=k.huidig,
                    )
                    for k in snelkeuzes(plek)
                ],
            )
        )
    return WerkLijst(
        titel=_("Plekvrij: uw vrije plekken"),
        leeg_tekst=_("Uw organisatie heeft nog geen plekken. Voeg ze toe onder 'Mijn plekken'."),
        items=items,
        meer_link=reverse("plekvrij:mijn_plekken"),
    )


def mijn_reserveringen(actor: Actor) -> WerkLijst | None:
    """No personal data on the home page: which place, the state and when it lapses."""
    now = timezone.now()
    if selectors.may_manage(actor):
        rows = list(selectors.wachtende_reserveringen(actor, now).select_related("plek__locatie")[:5])
        titel = _("Plekvrij: reserveringen die wachten op uw antwoord")
        status = _("Wacht op uw antwoord")
        leeg = _("Er wachten geen reserveringen op uw antwoord.")
    elif selectors.may_reserve(actor):
        rows = list(
            selectors.reserveringen_lijst(actor, rol=selectors.AANVRAGER)
            .filter(status__in=HOUDT_PLEK, verloopt_op__gt=now)
            .select_related("plek__locatie")[:5]
        )
        titel = _("Plekvrij: uw lopende reserveringen")
        status = ""
        leeg = _("U heeft geen lopende reserveringen.")
    else:
        return None
    items = [
        WerkItem(
            titel=_("%(soort)s: %(plek)s") % {"soort": r.plek.get_soort_display(), "plek": r.plek.titel},
            link=reverse("plekvrij:reservering", kwargs={"uuid": r.uuid}),
            toelichting=_("%(status)s. Vervalt %(tijd)s.")
            % {
                "status": status or r.get_status_display(),
                "tijd": date_format(timezone.localtime(r.verloopt_op), "j F H:i"),
            },
        )
        for r in rows
    ]
    return WerkLijst(titel=titel, leeg_tekst=leeg, items=items, meer_link=reverse("plekvrij:reserveringen"))
