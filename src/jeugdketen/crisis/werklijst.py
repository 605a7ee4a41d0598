"""'Mijn werk' on the home page: the crisis board for the crisis service (it lands there), the
hand-overs for the access team, and what was decided for the family."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from jeugdketen.core.access import Actor
from jeugdketen.core.models import Actie
from jeugdketen.core.toegangslog import log_access
from jeugdketen.core.werk import WerkItem, WerkLijst

from . import selectors


def _log_lijst(actor: Actor, deel: str) -> None:
    log_access(actor, actie=Actie.SEARCH, object_type="crisiscasus", segment=selectors.segment(deel), client_id="-")


def crisisbord(actor: Actor) -> WerkLijst | None:
    if not selectors.is_crisisdienst(actor):
        return None
    rows = selectors.bordregels(list(selectors.bord(actor)[:5]))
    if rows:  # names of youths in a crisis are shown: that is a logged look at the cases
        _log_lijst(actor, "werk bord")
    items = []
    for row in rows:
        eerste = row.klokken[0] if row.klokken else None
        if eerste is None:
            toelichting = _("Geen lopende norm")
        elif eerste.over:
            toelichting = _("{norm}: {tijd} over de norm").format(norm=eerste.label, tijd=eerste.resterend_tekst)
        else:
            toelichting = _("{norm}: nog {tijd}").format(norm=eerste.label, tijd=eerste.resterend_tekst)
        items.append(
            WerkItem(
                titel=_("Crisis in {gemeente}: {jongeren}").format(
                    gemeente=row.casus.verantwoordelijke_gemeente.naam,
                    jongeren=", ".join(j.naam for j in row.casus.jeugdigen.all()),
                ),
                link=reverse("crisis:casus", kwargs={"casus": row.casus.uuid}),
                toelichting=toelichting,
                te_laat=row.over,
            )
        )
    return WerkLijst(
        titel=_("Crisisbord: lopende casussen, eerste deadline bovenaan"),
        leeg_tekst=_("Er lopen geen crisiscasussen."),
        items=items,
        meer_link=reverse("crisis:bord"),
    )


def overdrachten(actor: Actor) -> WerkLijst | None:
    if not selectors.ziet_overdrachten(actor):
        return None
    rows = list(selectors.overdrachten_voor(actor).filter(overdracht__opgepakt_op__isnull=True)[:5])
    if not rows and actor.organisatie_soort != "toegang":
        return None
    if rows:
        _log_lijst(actor, "werk overdrachten")
    return WerkLijst(
        titel=_("Overdrachten van de crisisdienst"),
        leeg_tekst=_("Geen nieuwe overdrachten."),
        items=[
            WerkItem(
                titel=_("Overdracht: {jongeren}").format(jongeren=", ".join(j.naam for j in c.jeugdigen.all())),
                link=reverse("crisis:overdracht_bekijken", kwargs={"casus": c.uuid}),
                toelichting=c.verantwoordelijke_gemeente.naam,
            )
            for c in rows
        ],
        meer_link=reverse("crisis:overdrachten"),
    )


def eigen_crisis(actor: Actor) -> WerkLijst | None:
    if not actor.is_burger:
        return None
    rows = list(selectors.eigen_crisissen(actor)[:3])
    if not rows:
        return None
    return WerkLijst(
        titel=_("Na de crisis"),
        leeg_tekst="",
        items=[
            WerkItem(
                titel=_("Wat is er besloten, en wie kunt u bellen"),
                link=reverse("crisis:gezin", kwargs={"casus": c.uuid}),
            )
            for c in rows
        ],
    )
