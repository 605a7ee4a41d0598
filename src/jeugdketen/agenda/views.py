"""The agenda's pages: read by every professional of the region, changed by policy staff."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, actor_for, policy, refuse
from jeugdketen.core.csv_export import csv_response
from jeugdketen.core.forms import Conflict, submit
from jeugdketen.core.rollen import Rol

from . import forms, regels, selectors, services
from .logevents import ObjectType, Segment
from .models import Activiteit, Advies, Agenda

BELEID = [Rol.BELEID]


def _jaar(request: HttpRequest, agenda: Agenda) -> int:
    try:
        jaar = int(request.GET.get("jaar", ""))
    except ValueError:
        jaar = 0
    if jaar in agenda.jaren:
        return jaar
    return regels.standaardjaar(agenda.jaar_van, agenda.jaar_tot, kalender.vandaag().year)


def _agenda(actor: Actor, uuid: UUID) -> Agenda:
    found = selectors.agenda(actor, uuid)
    if found is None:
        refuse(actor, object_type=ObjectType.AGENDA, object_id=str(uuid), segment=Segment.AGENDA)
    return found


def _activiteit(actor: Actor, uuid: UUID, segment: str) -> Activiteit:
    found = selectors.activiteit(actor, uuid)
    if found is None:
        refuse(actor, object_type=ObjectType.ACTIVITEIT, object_id=str(uuid), segment=segment)
    return found


def _advies(actor: Actor, uuid: UUID) -> Advies:
    found = selectors.advies(actor, uuid)
    if found is None:
        refuse(actor, object_type=ObjectType.ADVIES, object_id=str(uuid), segment=Segment.INSPRAAK)
    return found


def _terug(activiteit: Activiteit, jaar: int | None = None) -> str:
    url = reverse("agenda:agenda", kwargs={"agenda": activiteit.thema.agenda.uuid})
    return (f"{url}?jaar={jaar}" if jaar else url) + f"#activiteit-{activiteit.uuid}"


def _render_edit(request: HttpRequest, template: str, uitkomst: Conflict | None, **context: Any) -> HttpResponse:
    """An edit page again after a submit that did not save: refused (errors on the form) or a
    conflict (core.forms.submit: the text saved in between as `nieuwer`, 409)."""
    if uitkomst is None:
        return render(request, template, context)
    return render(request, template, context | {"nieuwer": uitkomst.nieuwste}, status=uitkomst.status)


@policy(burger=False)
def overzicht(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    return render(
        request,
        "agenda/overzicht.html",
        {"agendas": list(selectors.agendas(actor)), "mag_bewerken": selectors.mag_bewerken(actor)},
    )


@policy(burger=False)
def agenda(request: HttpRequest, agenda: UUID) -> HttpResponse:
    actor = actor_for(request)
    gevonden = _agenda(actor, agenda)
    jaar = _jaar(request, gevonden)
    return render(
        request,
        "agenda/agenda.html",
        {"pagina": selectors.agenda_pagina(gevonden, jaar), "mag_bewerken": selectors.mag_bewerken(actor)},
    )


@policy(burger=False)
def agenda_csv(request: HttpRequest, agenda: UUID) -> HttpResponse:
    """The agenda's tables as one CSV, for whoever may read the agenda page."""
    gevonden = _agenda(actor_for(request), agenda)
    return csv_response(
        selectors.csv_rijen(gevonden), selectors.csv_kolommen(gevonden), filename=f"agenda-{gevonden.sleutel}.csv"
    )


def _budget_initial(activiteit: Activiteit) -> dict[str, Any]:
    return {f"budget_{b.jaar}": b.bedrag for b in activiteit.budgetten.all()}


def _activiteit_initial(activiteit: Activiteit) -> dict[str, Any]:
    velden = ("activiteit", "huidige_stand", "beoogd_resultaat", "planning", "partners", "indicator", "versie")
    return {**{v: getattr(activiteit, v) for v in velden}, **_budget_initial(activiteit)}


@policy(roles=BELEID, burger=False)
def activiteit_nieuw(request: HttpRequest, thema: UUID) -> HttpResponse:
    actor = actor_for(request)
    gevonden = selectors.thema(actor, thema)
    if gevonden is None:
        refuse(actor, object_type=ObjectType.AGENDA, object_id=str(thema), segment=Segment.ACTIVITEIT)
    form = forms.ActiviteitForm(request.POST or None, agenda=gevonden.agenda)
    saved = submit(
        request,
        form,
        lambda d: services.activiteit_toevoegen(
            thema=gevonden, by=actor, invoer=form.invoer(), budgetten=form.budgetten()
        ),
        success=_("De activiteit is toegevoegd."),
    )
    if saved:
        return redirect(_terug(saved.value))
    return render(request, "agenda/activiteit_form.html", {"form": form, "thema": gevonden, "activiteit": None})


@policy(roles=BELEID, burger=False)
def activiteit_wijzigen(request: HttpRequest, activiteit: UUID) -> HttpResponse:
    actor = actor_for(request)
    gevonden = _activiteit(actor, activiteit, Segment.ACTIVITEIT)
    agenda = gevonden.thema.agenda
    if request.method != "POST":
        form = forms.ActiviteitForm(initial=_activiteit_initial(gevonden), agenda=agenda)
        return render(
            request, "agenda/activiteit_form.html", {"form": form, "thema": gevonden.thema, "activiteit": gevonden}
        )
    form = forms.ActiviteitForm(request.POST, agenda=agenda)
    uitkomst = submit(
        request,
        form,
        lambda d: services.activiteit_wijzigen(
            activiteit=gevonden,
            by=actor,
            basis_versie=d["versie"] or 0,
            invoer=form.invoer(),
            budgetten=form.budgetten(),
        ),
        success=_("De activiteit is opgeslagen."),
    )
    if uitkomst:
        return redirect(_terug(gevonden))
    return _render_edit(
        request, "agenda/activiteit_form.html", uitkomst, form=form, thema=gevonden.thema, activiteit=gevonden
    )


@policy(roles=BELEID, burger=False)
def status(request: HttpRequest, activiteit: UUID) -> HttpResponse:
    actor = actor_for(request)
    gevonden = _activiteit(actor, activiteit, Segment.STATUS)
    agenda = gevonden.thema.agenda
    if request.method != "POST":
        jaar = _jaar(request, agenda)
        huidig = next((s for s in gevonden.statussen.all() if s.jaar == jaar), None)
        initial: dict[str, Any] = {"jaar": jaar, "versie": gevonden.versie}
        if huidig is not None:
            initial |= {"status": huidig.status, "toelichting": huidig.toelichting}
        form = forms.StatusForm(initial=initial, agenda=agenda)
        return render(request, "agenda/status_form.html", {"form": form, "activiteit": gevonden})
    form = forms.StatusForm(request.POST, agenda=agenda)
    uitkomst = submit(
        request,
        form,
        lambda d: services.status_vastleggen(
            activiteit=gevonden,
            by=actor,
            basis_versie=d["versie"],
            jaar=d["jaar"],
            status=d["status"],
            toelichting=d["toelichting"],
        ),
        success=_("De status is opgeslagen."),
    )
    if uitkomst:
        return redirect(_terug(gevonden, form.cleaned_data["jaar"]))
    return _render_edit(request, "agenda/status_form.html", uitkomst, form=form, activiteit=gevonden)


def _advies_invoer(form: forms.AdviesForm) -> services.AdviesInvoer:
    d = form.cleaned_data
    return services.AdviesInvoer(
        soort=d["soort"],
        van=d["van"],
        datum=d["datum"],
        onderwerp=d["onderwerp"],
        advies=d["advies"],
        reactie=d["reactie"],
        wat_gedaan=d["wat_gedaan"],
        thema=form.gekozen_thema(),
    )


def _inspraak_url(agenda: Agenda) -> str:
    return reverse("agenda:agenda", kwargs={"agenda": agenda.uuid}) + "#inspraak"


@policy(roles=BELEID, burger=False)
def advies_nieuw(request: HttpRequest, agenda: UUID) -> HttpResponse:
    actor = actor_for(request)
    gevonden = _agenda(actor, agenda)
    form = forms.AdviesForm(request.POST or None, themas=list(selectors.themas_van(gevonden)))
    if submit(
        request,
        form,
        lambda d: services.advies_vastleggen(agenda=gevonden, by=actor, invoer=_advies_invoer(form)),
        success=_("Het advies is vastgelegd."),
    ):
        return redirect(_inspraak_url(gevonden))
    return render(request, "agenda/advies_form.html", {"form": form, "agenda": gevonden, "advies": None})


@policy(roles=BELEID, burger=False)
def advies_wijzigen(request: HttpRequest, advies: UUID) -> HttpResponse:
    actor = actor_for(request)
    gevonden = _advies(actor, advies)
    themas = list(selectors.themas_van(gevonden.agenda))
    if request.method != "POST":
        velden = ("van", "soort", "datum", "onderwerp", "advies", "reactie", "wat_gedaan", "versie")
        initial = {v: getattr(gevonden, v) for v in velden} | {
            "thema": str(gevonden.thema.uuid) if gevonden.thema else ""
        }
        form = forms.AdviesForm(initial=initial, themas=themas)
        return render(request, "agenda/advies_form.html", {"form": form, "agenda": gevonden.agenda, "advies": gevonden})
    form = forms.AdviesForm(request.POST, themas=themas)
    uitkomst = submit(
        request,
        form,
        lambda d: services.advies_wijzigen(
            advies=gevonden, by=actor, basis_versie=d["versie"] or 0, invoer=_advies_invoer(form)
        ),
        success=_("Het advies is opgeslagen."),
    )
    if uitkomst:
        return redirect(_inspraak_url(gevonden.agenda))
    return _render_edit(
        request, "agenda/advies_form.html", uitkomst, form=form, agenda=gevonden.agenda, advies=gevonden
    )
