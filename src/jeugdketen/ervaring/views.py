"""The family member's invitation (their own, on a phone) and the policy page (aggregates only)."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jeugdketen.core import kalender
from jeugdketen.core.access import actor_for, fetch, policy, refuse
from jeugdketen.core.forms import Conflict, Saved, conflict, submit
from jeugdketen.core.models import Actie
from jeugdketen.core.rollen import Rol

from . import regels, selectors, services
from .forms import ErvaringForm
from .logevents import ObjectType, Segment
from .models import Uitnodiging


@policy()
def uitnodiging(request: HttpRequest, uuid: UUID) -> HttpResponse:
    actor = actor_for(request)
    post = request.method == "POST"
    toegang = fetch(
        actor,
        Uitnodiging,
        uuid=uuid,
        segment=Segment.ANTWOORD if post else Segment.UITNODIGING,
        actie=Actie.CREATE if post else Actie.READ,
        related=lambda qs: qs.select_related("gezinslid__gezin"),
    )
    obj = toegang.obj
    form = ErvaringForm(request.POST if post else None)
    uitkomst: Saved[None] | Conflict | None
    if obj.beantwoord_op is not None and post:
        # Answered before: the form is not even read, the page says why (the conflict outcome).
        uitkomst = conflict(request, form, services.AlBeantwoord())
    else:
        uitkomst = submit(
            request,
            form,
            lambda d: services.antwoord_geven(
                toegang=toegang, by=actor, scores=form.scores(), opmerking=d["opmerking"]
            ),
            success=_("Dank u wel! Uw antwoord is opgeslagen."),
        )
    if uitkomst:
        return redirect("ervaring:uitnodiging", uuid=obj.uuid)
    status = 200
    if isinstance(uitkomst, Conflict):
        obj.beantwoord_op = obj.beantwoord_op or kalender.vandaag()
        status = uitkomst.status
    return render(
        request,
        "ervaring/uitnodiging.html",
        {"uitnodiging": obj, "form": form, "kernwaarden": regels.KERNWAARDEN},
        status=status,
    )


@policy(roles=[Rol.BELEID], burger=False)
def cijfers(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    regio = selectors.regio_van(actor)
    if regio is None:
        refuse(actor, object_type=ObjectType.UITNODIGING, segment=Segment.UITNODIGING)
    tot = kalender.vandaag().year
    groepen = selectors.overzicht(regio=regio, jaar_van=tot - 4, jaar_tot=tot)
    return render(
        request,
        "ervaring/cijfers.html",
        {
            "regio": regio,
            "groepen": groepen,
            "kernwaarden": regels.KERNWAARDEN,
            "drempel": regels.OPMERKINGEN_VANAF,
            "van": tot - 4,
            "tot": tot,
        },
    )
