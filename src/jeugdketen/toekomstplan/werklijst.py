"""'Mijn werk' on the home page: the own toekomstplan (youth, assistant, parent) and the watch
lists for the access team."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from jeugdketen.core.access import Actor
from jeugdketen.core.werk import WerkItem, WerkLijst

from . import selectors


def mijn_toekomstplan(actor: Actor) -> WerkLijst | None:
    if actor.user is None:
        return None
    if actor.is_burger:
        plans = list(selectors.plans_list_for(actor)[:5])
        starten = selectors.youths_to_start_for(actor)
        if not plans and not starten:
            return None
        items = [
            WerkItem(
                titel=_("Toekomstplan van {naam}").format(naam=p.jeugdige.voornaam),
                link=reverse("toekomstplan:plan", kwargs={"plan": p.uuid}),
            )
            for p in plans
        ]
        if starten:
            items.append(WerkItem(titel=_("Begin aan je toekomstplan"), link=reverse("toekomstplan:mijn")))
        return WerkLijst(titel=_("Toekomstplan: klaar voor 18"), leeg_tekst="", items=items)
    if selectors.may_watch(actor):
        return WerkLijst(
            titel=_("Toekomstplan: jongeren rond 18"),
            leeg_tekst="",
            items=[
                WerkItem(
                    titel=_("Bekijk de signaallijsten"),
                    link=reverse("toekomstplan:signalen"),
                    toelichting=_("Jongeren van 16,5 zonder toekomstplan, en jongeren die bijna 18 zijn."),
                )
            ],
        )
    return None
