"""'Mijn werk' on the home page: overdue evaluations and late agreements for the regisseur,
and the own plan for a family member."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor
from jeugdketen.core.postgres import plan_per_aanroep
from jeugdketen.core.werk import WerkItem, WerkLijst
from jeugdketen.gezinnen import selectors as gezinnen
from jeugdketen.gezinnen.models import Gezin

from . import selectors

# Per kind (late evaluations, late agreements, open proposals), as every home tile: the first
# five, the rest through "meer" (the regisseur's own plans). Twenty of each made a regisseur's
# home a list of sixty items, on a phone too (and the heaviest part of the page to draw).
PER_SOORT = 5


def _plan(gezin: Gezin) -> str:
    return reverse("gezinsplan:plan", kwargs={"gezin": gezin.uuid})


def mijn_gezinnen(actor: Actor) -> WerkLijst | None:
    if actor.user is None:
        return None
    today = kalender.vandaag()
    if actor.is_burger:
        plans = selectors.plans_of_citizen(actor)
        return WerkLijst(
            titel=_("Ons gezinsplan"),
            leeg_tekst=_("Er is nog geen gezinsplan voor u."),
            items=[
                WerkItem(
                    titel=_("Bekijk het gezinsplan van {naam}").format(naam=p.gezin.naam),
                    link=_plan(p.gezin),
                )
                for p in plans
            ]
            + _regie_items(actor, today),  # a parent with eigen regie has the regisseur's work too
        )
    if not gezinnen.is_professional(actor):
        return None
    items = _regie_items(actor, today)
    return WerkLijst(
        titel=_("Gezinsplannen waar u regisseur bent"),
        leeg_tekst=_("Geen evaluaties of afspraken die te laat zijn."),
        items=items,
        meer_link=reverse("gezinsplan:lijst") + "?regisseur=ik",
    )


def _regie_items(actor: Actor, today: dt.date) -> list[WerkItem]:
    """What the regisseur of a plan has to do: late evaluations and agreements, open proposals.

    A professional's are planned for their own values on every call: a generic plan cannot know
    how many plans one regisseur coordinates, and for one with 1,700 late plans at national scale
    it read and sorted them all (10 ms for each of the first two lists, 0.2 ms planned for the
    values). A parent coordinates their own family's plan only: the generic plan is right, and
    planning anew cost their home 3 ms."""
    if actor.is_burger:
        return _regie_werk(actor, today)
    with plan_per_aanroep():
        return _regie_werk(actor, today)


def _regie_werk(actor: Actor, today: dt.date) -> list[WerkItem]:
    items = [
        WerkItem(
            titel=_("Evaluatie te laat: {naam}").format(naam=p.gezin.naam),
            link=_plan(p.gezin),
            toelichting=_("Gepland op {datum}").format(
                datum=p.volgende_evaluatie.strftime("%d-%m-%Y") if p.volgende_evaluatie else ""
            ),
            te_laat=True,
        )
        for p in selectors.overdue_evaluations(actor, today, limit=PER_SOORT)
    ]
    items += [
        WerkItem(
            titel=_("Afspraak te laat: {naam}").format(naam=a.versie.plan.gezin.naam),
            link=_plan(a.versie.plan.gezin) + "#afspraken",
            toelichting=f"{a.wat[:80]} – {a.wie_naam} – {a.deadline:%d-%m-%Y}" if a.deadline else a.wat[:80],
            te_laat=True,
        )
        for a in selectors.late_agreements(actor, today, limit=PER_SOORT)
    ]
    items += [
        WerkItem(
            titel=_("Nieuwe reactie of voorstel: {naam}").format(naam=r.plan.gezin.naam),
            link=_plan(r.plan.gezin) + "#reacties",
            toelichting=r.get_soort_display(),
        )
        for r in selectors.open_proposals(actor, limit=PER_SOORT)
    ]
    return items
