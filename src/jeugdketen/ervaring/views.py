"""The family member's invitation (their own, on a phone) and the policy page (aggregates only)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jeugdketen.core import kalender
from jeugdketen.core.access import actor_for, fetch, policy, refuse
from jeugdketen.core.forms import apply_errors
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
    status = 200
    if post and obj.beantwoord_op is None and form.is_valid():
        try:
            services.antwoord_geven(
                toegang=toegang, by=actor, scores=form.scores(), opmerking=form.cleaned_data["opmerking"]
            )
        except services.AlBeantwoord:
            obj.beantwoord_op = kalender.vandaag()
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Dank u wel! Uw antwoord is opgeslagen."))
            return redirect("ervaring:uitnodiging", uuid=obj.uuid)
    if post and obj.beantwoord_op is not None:
        status = 409
        messages.error(
            request, _("U heeft deze vragen al beantwoord. Een tweede antwoord kan niet: uw eerste antwoord telt.")
        )
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
