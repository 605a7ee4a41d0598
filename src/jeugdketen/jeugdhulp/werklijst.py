"""'Mijn werk' lists of jeugdhulp (issue 10, point 7), each within the actor's scope:

* waiting beyond the Treeknorm (access team and provider): no intake more than 4 weeks after the
  request, or no start more than 10 weeks after the intake (the region's norms);
* youths near 18 whose care ends at 18 or can continue (access team): youth care may continue to
  23 when decided before 18, foster care continues to 21 by default (Jeugdwet art. 1.1, 'jeugdige');
* thuiszitters home longer than 3 months without a suitable offer (school, leerplicht);
* measures running longer than the region's duration norm (GI).

Each list is one query for its items and one for its count; a list with people on it writes one
search entry in the access log.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor
from jeugdketen.core.postgres import plan_per_aanroep
from jeugdketen.core.werk import WerkItem, WerkLijst

from . import logevents, selectors
from .codes import MACHTIGINGEN, OTS_SOORTEN, Hulpvorm, MaatregelSoort
from .logevents import ObjectType
from .models import Jeugdhulpnormen, Maatregel, Thuiszitter, Traject

MAX_ITEMS = 5


def _lijst(
    actor: Actor, titel: str, leeg: str, items: list[WerkItem], *, object_type: ObjectType, meer: str
) -> WerkLijst:
    if items:
        logevents.werklijst_shown(actor, object_type)
    return WerkLijst(titel=titel, leeg_tekst=leeg, items=items, meer_link=meer)


def wachtend_boven_norm(qs: QuerySet[Traject], norm: Jeugdhulpnormen, op: dt.date) -> QuerySet[Traject]:
    """Assignments still waiting for an intake or a start beyond the Treeknorm on `op`."""
    intake = Q(intakedatum__isnull=True, aanmelddatum__lt=op - dt.timedelta(days=norm.treeknorm_intake_dagen))
    start = Q(begindatum__isnull=True, intakedatum__lt=op - dt.timedelta(days=norm.treeknorm_start_dagen))
    return (
        qs.filter(intake | start, begindatum__isnull=True)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=op))
        .exclude(reden_wijziging="13")
    )


def wachten_boven_norm(actor: Actor) -> WerkLijst | None:
    if not (selectors.is_toegang(actor) or selectors.is_aanbieder(actor)):
        return None
    op = selectors.vandaag()
    norm = selectors.normen_van(actor)
    volgorde = ("aanmelddatum", "id")
    # The five first pick themselves from the waiting rows alone; only those five are joined to
    # their youth and provider (the planner cannot estimate the waiting filter and would join
    # every waiting row to every organisation first; issue 16).
    eerste = wachtend_boven_norm(selectors.trajecten_visible_to(actor), norm, op).order_by(*volgorde)
    qs = selectors.trajecten_visible_to(actor).filter(pk__in=eerste.values("pk")[:MAX_ITEMS]).order_by(*volgorde)
    with plan_per_aanroep():  # the organisation decides the plan (the waiting index or the youths)
        trajecten = list(qs)
    items = []
    for t in trajecten:
        if t.intakedatum is None and t.aanmelddatum is not None:
            dagen = (op - t.aanmelddatum).days
            wacht = ngettext(
                "wacht %(n)s dag op een intake (norm %(m)s)", "wacht %(n)s dagen op een intake (norm %(m)s)", dagen
            ) % {"n": dagen, "m": norm.treeknorm_intake_dagen}
        else:
            assert t.intakedatum is not None
            dagen = (op - t.intakedatum).days
            wacht = ngettext(
                "wacht %(n)s dag op de start na de intake (norm %(m)s)",
                "wacht %(n)s dagen op de start na de intake (norm %(m)s)",
                dagen,
            ) % {"n": dagen, "m": norm.treeknorm_start_dagen}
        items.append(
            WerkItem(
                titel=f"{t.jeugdige.naam} – {t.aanbieder.naam}",
                link=reverse("jeugdhulp:traject", args=[t.uuid]),
                toelichting=wacht,
                te_laat=True,
            )
        )
    return _lijst(
        actor,
        _("Wachten langer dan de Treeknorm"),
        _("Niemand wacht langer dan de Treeknorm."),
        items,
        object_type=ObjectType.TRAJECT,
        meer=reverse("jeugdhulp:trajecten") + "?lijst=wachten",
    )


def bijna_18_qs(qs: QuerySet[Traject], norm: Jeugdhulpnormen, op: dt.date) -> QuerySet[Traject]:
    """Running or assigned care of youths whose 18th birthday falls after `op`, within the window."""
    na = kalender.uiterlijk_geboren(18, op)  # born after this: not 18 yet
    tot = kalender.uiterlijk_geboren(18, op + dt.timedelta(days=norm.bijna_18_dagen))
    return (
        qs.filter(jeugdige__geboortedatum__gt=na, jeugdige__geboortedatum__lte=tot, einddatum_zorg__isnull=True)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=op))
        .exclude(reden_wijziging="13")
    )


def bijna_18(actor: Actor) -> WerkLijst | None:
    if not selectors.is_toegang(actor):
        return None
    op = selectors.vandaag()
    norm = selectors.normen_van(actor)
    qs = bijna_18_qs(selectors.trajecten_visible_to(actor), norm, op).order_by("-jeugdige__geboortedatum", "id")
    items = []
    for t in qs[:MAX_ITEMS]:
        achttien = kalender.achttien(t.jeugdige.geboortedatum)
        if t.hulpvorm == Hulpvorm.PLEEGZORG:
            verder = _("pleegzorg loopt door tot 21 jaar, tenzij de jongere iets anders wil")
        else:
            verder = _("de hulp stopt bij 18, tenzij u voor 18 besluit dat ze doorloopt (kan tot 23 jaar)")
        items.append(
            WerkItem(
                titel=f"{t.jeugdige.naam} – {t.get_hulpvorm_display() or t.get_productcategorie_display()}",
                link=reverse("jeugdhulp:traject", args=[t.uuid]),
                toelichting=_("18 op %(d)s: %(v)s") % {"d": achttien.strftime("%d-%m-%Y"), "v": verder},
            )
        )
    return _lijst(
        actor,
        _("Bijna 18: hulp die stopt of door kan lopen"),
        _("Geen jongeren met hulp die binnenkort 18 worden."),
        items,
        object_type=ObjectType.TRAJECT,
        meer=reverse("jeugdhulp:trajecten") + "?lijst=bijna18",
    )


def thuiszitters_lang_qs(qs: QuerySet[Thuiszitter], norm: Jeugdhulpnormen, op: dt.date) -> QuerySet[Thuiszitter]:
    """Open reports of youths home longer than the norm (3 months) without a suitable offer."""
    return qs.filter(
        afgesloten_op__isnull=True,
        passend_aanbod_sinds__isnull=True,
        sinds__lt=op - dt.timedelta(days=norm.thuiszitter_dagen),
    )


def thuiszitters_zonder_aanbod(actor: Actor) -> WerkLijst | None:
    if not selectors.is_melder(actor):
        return None
    op = selectors.vandaag()
    norm = selectors.normen_van(actor)
    qs = thuiszitters_lang_qs(selectors.thuiszitters_visible_to(actor), norm, op).order_by("sinds", "id")
    items = [
        WerkItem(
            titel=t.jeugdige.naam,
            link=reverse("jeugdhulp:thuiszitter", args=[t.uuid]),
            toelichting=ngettext(
                "al %(n)s dag thuis, nog geen passend aanbod",
                "al %(n)s dagen thuis, nog geen passend aanbod",
                (op - t.sinds).days,
            )
            % {"n": (op - t.sinds).days},
            te_laat=True,
        )
        for t in qs[:MAX_ITEMS]
    ]
    return _lijst(
        actor,
        _("Thuiszitters langer dan 3 maanden zonder aanbod"),
        _("Geen thuiszitters die langer dan 3 maanden zonder passend aanbod zijn."),
        items,
        object_type=ObjectType.THUISZITTER,
        meer=reverse("jeugdhulp:thuiszitters") + "?lijst=lang",
    )


def boven_normduur_qs(qs: QuerySet[Maatregel], norm: Jeugdhulpnormen, op: dt.date) -> QuerySet[Maatregel]:
    """Running measures that have lasted longer than the region's norm for their kind."""
    lopend = qs.filter(Q(beeindigd_op__isnull=True) | Q(beeindigd_op__gt=op), ingangsdatum__lte=op).filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=op)
    )
    te_lang = (
        Q(soort__in=[str(s) for s in OTS_SOORTEN], ingangsdatum__lt=op - dt.timedelta(days=norm.ots_normduur_dagen))
        | Q(
            soort=MaatregelSoort.JEUGDRECLASSERING,
            ingangsdatum__lt=op - dt.timedelta(days=norm.jeugdreclassering_normduur_dagen),
        )
        | Q(
            soort__in=[str(s) for s in MACHTIGINGEN],
            ingangsdatum__lt=op - dt.timedelta(days=norm.gesloten_normduur_dagen),
        )
    )
    return lopend.filter(te_lang)


def maatregelen_boven_normduur(actor: Actor) -> WerkLijst | None:
    if not selectors.is_gi(actor):
        return None
    op = selectors.vandaag()
    qs = boven_normduur_qs(selectors.maatregelen_visible_to(actor), selectors.normen_van(actor), op).order_by(
        "ingangsdatum", "id"
    )
    items = [
        WerkItem(
            titel=f"{m.jeugdige.naam} – {m.get_soort_display()}",
            link=reverse("jeugdhulp:maatregel", args=[m.uuid]),
            toelichting=ngettext("loopt al %(n)s dag", "loopt al %(n)s dagen", (op - m.ingangsdatum).days)
            % {"n": (op - m.ingangsdatum).days},
            te_laat=True,
        )
        for m in qs[:MAX_ITEMS]
    ]
    return _lijst(
        actor,
        _("Maatregelen langer dan de normduur"),
        _("Geen maatregelen die langer lopen dan de normduur."),
        items,
        object_type=ObjectType.MAATREGEL,
        meer=reverse("jeugdhulp:maatregelen") + "?lijst=lang",
    )
