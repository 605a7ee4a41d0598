"""Toekomstplan pages (thin: parse, call a service or selector, render). Phone first."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, Toegang, actor_for, fetch, policy, refuse, request_actie
from jeugdketen.core.forms import apply_errors, flash_errors, submit
from jeugdketen.core.models import Actie
from jeugdketen.core.paginering import pagina
from jeugdketen.core.rollen import Rol

from . import forms, logevents, selectors, services
from .logevents import ObjectType, Segment
from .models import Status, Toekomstplan
from .selectors import PlanRol

PAGE_SIZE = 25


# A page fetches the plan once (`core.access.fetch`: one access-log entry, with the actor's role
# in the plan). A POST fetches it with the change's action: that entry is the change's one log
# entry (the service does not log it again), also when the form comes back with an error.


def _jongere(toegang: Toegang[Toekomstplan]) -> bool:
    """A part of the plan only the youth reaches (`fetch(mag=...)`: anyone else only the denial)."""
    return bool(toegang.relatie == PlanRol.JONGERE)


def _gezinsplan_url(actor: Actor, plan: Toekomstplan) -> str | None:
    if not selectors.gezinsplan_link_visible(actor, plan):
        return None
    try:
        return reverse("gezinsplan:plan", kwargs={"gezin": plan.gezin.uuid})
    except NoReverseMatch:  # the family plan pages are not mounted (yet)
        return None


@policy()
def mijn(request: HttpRequest) -> HttpResponse:
    """The toekomstplannen the actor sees, and for a youth of 16+ without one: start it."""
    actor = actor_for(request)
    page = pagina(request, selectors.plans_list_for(actor), per=PAGE_SIZE)
    plans = list(page.object_list)
    if plans:
        logevents.plans_listed(actor)
    return render(
        request,
        "toekomstplan/mijn.html",
        {
            "page": page,
            "plans": plans,
            "starten": selectors.youths_to_start_for(actor),
            "signalen": selectors.may_watch(actor),
        },
    )


@policy()
@require_POST
def starten(request: HttpRequest, jeugdige: UUID) -> HttpResponse:
    actor = actor_for(request)
    lid = selectors.youth_for_start(actor, jeugdige)
    if lid is None:
        refuse(
            actor,
            object_type=ObjectType.TOEKOMSTPLAN,
            object_id=str(jeugdige),
            segment=Segment.STARTEN,
            actie=Actie.CREATE,
        )
    try:
        plan = services.toekomstplan_starten(jeugdige=lid, by=actor)
    except ValidationError as exc:
        flash_errors(request, exc)
        existing = getattr(lid, "toekomstplan", None)
        return redirect("toekomstplan:plan", plan=existing.uuid) if existing else redirect("toekomstplan:mijn")
    messages.success(request, _("Het toekomstplan is gestart. Kies nu de onderwerpen."))
    return redirect("toekomstplan:onderwerpen", plan=plan.uuid)


@policy()
def plan(request: HttpRequest, plan: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(actor, Toekomstplan, uuid=plan, segment=Segment.TOEKOMSTPLAN)
    obj, rol = toegang.obj, toegang.relatie
    overzicht = selectors.overview(obj)
    geboortedatum = obj.jeugdige.geboortedatum
    return render(
        request,
        "toekomstplan/plan.html",
        {
            "plan": obj,
            "rol": rol,
            "ov": overzicht,
            "is_jongere": rol == PlanRol.JONGERE,
            "mag_bijwerken": rol != PlanRol.OUDER,
            "mag_kiezen": selectors.may_choose_topics(toegang),
            "gezinsplan_url": _gezinsplan_url(actor, obj),
            "ouders_zien": selectors.parents_see(obj),
            "mag_delen": rol == PlanRol.JONGERE
            and geboortedatum is not None
            and kalender.bereikt(kalender.zestien, geboortedatum, kalender.vandaag()),
        },
    )


@policy()
def onderwerpen(request: HttpRequest, plan: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(
        actor,
        Toekomstplan,
        uuid=plan,
        segment=Segment.ONDERWERPEN,
        actie=request_actie(request),
        mag=selectors.may_choose_topics,
    )
    obj = toegang.obj
    topics = list(selectors.active_topics().prefetch_related("onderdelen"))
    chosen = selectors.chosen_topic_ids(obj)
    form = forms.OnderwerpenForm(request.POST or None)
    if submit(
        request,
        form,
        lambda d: services.onderwerpen_kiezen(toegang=toegang, by=actor, onderwerpen=list(d["onderwerpen"])),
        success=_("Je keuze is opgeslagen."),
    ):
        return redirect("toekomstplan:plan", plan=obj.uuid)
    if request.method == "POST":
        chosen_uuids = set(request.POST.getlist("onderwerpen"))
        chosen = {t.pk for t in topics if str(t.uuid) in chosen_uuids}
    rows = [
        {
            "onderwerp": t,
            "gekozen": t.pk in chosen,
            "moet": [o for o in t.onderdelen.all() if o.actief and o.voor_18],
        }
        for t in topics
    ]
    return render(request, "toekomstplan/onderwerpen.html", {"plan": obj, "form": form, "rows": rows})


@policy()
def onderdeel(request: HttpRequest, plan: UUID, onderdeel: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(  # a parent reads a part, only the youth and professionals change it
        actor,
        Toekomstplan,
        uuid=plan,
        segment=Segment.ONDERDELEN,
        actie=request_actie(request),
        mag=lambda t: request.method != "POST" or t.relatie != PlanRol.OUDER,
    )
    obj = toegang.obj
    regel = selectors.item_in_plan(obj, onderdeel)
    if regel is None:
        messages.error(request, _("Dit onderdeel staat niet (meer) in dit toekomstplan."))
        return redirect("toekomstplan:plan", plan=obj.uuid)
    mag_bijwerken = toegang.relatie != PlanRol.OUDER
    initial = {
        "status": regel.status,
        "eigenaar": regel.voortgang.eigenaar if regel.voortgang else "",
        "notitie": regel.voortgang.notitie if regel.voortgang else "",
    }
    data = None
    if request.method == "POST":
        data = request.POST.copy()
        if data.get("snel"):  # the one-tap button on the plan page changes only the status
            data["eigenaar"] = initial["eigenaar"]
            data["notitie"] = initial["notitie"]
    form = forms.OnderdeelForm(data, initial=initial, voor_18=regel.onderdeel.voor_18)
    if submit(
        request,
        form,
        lambda d: services.onderdeel_bijwerken(toegang=toegang, by=actor, onderdeel=regel.onderdeel, **d),
        success=lambda rij: _("Opgeslagen: {titel} – {status}.").format(
            titel=regel.onderdeel.titel, status=Status(form.cleaned_data["status"]).label
        ),
    ):
        return redirect(reverse("toekomstplan:plan", kwargs={"plan": obj.uuid}) + f"#o-{regel.onderdeel.uuid}")
    return render(
        request,
        "toekomstplan/onderdeel.html",
        {"plan": obj, "regel": regel, "form": form, "mag_bijwerken": mag_bijwerken},
    )


@policy()
def assistent(request: HttpRequest, plan: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(
        actor, Toekomstplan, uuid=plan, segment=Segment.ASSISTENT, actie=request_actie(request), mag=_jongere
    )
    obj = toegang.obj
    kandidaten = selectors.network_candidates(obj)
    wat = request.POST.get("actie", "")
    kies = forms.AssistentKiezenForm(request.POST if wat == "kiezen" else None, kandidaten=kandidaten, prefix="kies")
    nodig = forms.AssistentUitnodigenForm(request.POST if wat == "uitnodigen" else None, prefix="nodig")
    code = None
    if request.method == "POST":
        try:
            if wat == "stoppen":
                services.assistent_kiezen(toegang=toegang, by=actor, netwerklid=None)
                messages.success(request, _("Je hebt geen assistent meer."))
                return redirect("toekomstplan:plan", plan=obj.uuid)
            if wat == "kiezen" and kies.is_valid():
                gekozen = next(n for n in kandidaten if str(n.uuid) == kies.cleaned_data["netwerklid"])
                services.assistent_kiezen(toegang=toegang, by=actor, netwerklid=gekozen)
                messages.success(request, _("{naam} is nu je assistent.").format(naam=gekozen.naam))
                return redirect("toekomstplan:plan", plan=obj.uuid)
            if wat == "uitnodigen" and nodig.is_valid():
                _lid, code = services.assistent_uitnodigen(
                    toegang=toegang,
                    by=actor,
                    naam=nodig.cleaned_data["naam"],
                    relatie=nodig.cleaned_data["relatie"],
                    email=nodig.cleaned_data["email"],
                )
            elif wat not in ("kiezen", "uitnodigen"):
                messages.error(request, _("Kies wat je wilt doen."))
        except ValidationError as exc:
            # Not core.forms.submit: one page with three posts (stop, choose, invite) and two forms;
            # the refusal lands on the form that was posted, the invitation renders its one-time code.
            target = nodig if wat == "uitnodigen" else kies
            apply_errors(target, exc)
        obj.refresh_from_db()
    return render(
        request,
        "toekomstplan/assistent.html",
        {"plan": obj, "kies": kies, "nodig": nodig, "kandidaten": kandidaten, "code": code},
    )


@policy()
@require_POST
def delen(request: HttpRequest, plan: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(actor, Toekomstplan, uuid=plan, segment=Segment.DELEN, actie=Actie.UPDATE, mag=_jongere)
    obj = toegang.obj
    keuze = request.POST.get("delen")
    if keuze not in ("ja", "nee"):
        messages.error(request, _("Kies of je ouders mogen meekijken: ja of nee."))
        return redirect("toekomstplan:plan", plan=obj.uuid)
    try:
        services.delen_met_ouders(toegang=toegang, by=actor, delen=keuze == "ja")
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(
            request,
            _("Je ouders kunnen nu meekijken.") if keuze == "ja" else _("Je ouders kijken niet meer mee."),
        )
    return redirect("toekomstplan:plan", plan=obj.uuid)


@policy()
def pdf(request: HttpRequest, plan: UUID) -> HttpResponse:
    """The toekomstplan as a PDF (core.pdf: tagged PDF/UA) for whoever may see it."""
    from jeugdketen.core.pdf import pdf_response

    obj = fetch(actor_for(request), Toekomstplan, uuid=plan, segment=Segment.PDF, actie=Actie.EXPORT).obj
    context = {"plan": obj, "ov": selectors.overview(obj)}
    return pdf_response(request, "toekomstplan/pdf.html", context, filename="toekomstplan.pdf")


@policy()
def gegevens(request: HttpRequest, plan: UUID) -> HttpResponse:
    """The youth downloads their own toekomstplan data (JSON)."""
    actor = actor_for(request)
    toegang = fetch(actor, Toekomstplan, uuid=plan, segment=Segment.GEGEVENS, actie=Actie.EXPORT, mag=_jongere)
    obj = toegang.obj
    body = json.dumps(selectors.export_data(obj), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mijn-toekomstplan.json"'
    return response


@policy()
def toegangslog(request: HttpRequest, plan: UUID) -> HttpResponse:
    """Who looked at my toekomstplan (the youth's own part of the access log)."""
    actor = actor_for(request)
    toegang = fetch(actor, Toekomstplan, uuid=plan, segment=Segment.TOEGANGSLOG, mag=_jongere)
    obj = toegang.obj
    page = pagina(request, selectors.access_log_of(obj), per=PAGE_SIZE)
    return render(
        request, "toekomstplan/toegangslog.html", {"plan": obj, "page": page, "regels": list(page.object_list)}
    )


@policy(roles=[Rol.HULPVERLENER], burger=False)
def signalen(request: HttpRequest) -> HttpResponse:
    """Watch lists for the access team, per municipality; paginated, fixed number of queries."""
    actor = actor_for(request)
    if not selectors.may_watch(actor):
        refuse(actor, object_type=ObjectType.SIGNALEN, segment=Segment.SIGNALEN)
    gemeenten = list(selectors.watch_municipalities(actor))
    data = request.GET.copy()
    data.setdefault("lijst", selectors.ZONDER_PLAN)
    if gemeenten:
        data.setdefault("gemeente", str(gemeenten[0].uuid))
    form = forms.SignaalForm(data, gemeenten=gemeenten)
    context: dict[str, Any] = {"form": form, "gemeenten": gemeenten, "rows": [], "page": None}
    if form.is_valid():
        gemeente = next(g for g in gemeenten if str(g.uuid) == form.cleaned_data["gemeente"])
        lijst = form.cleaned_data["lijst"]
        totalen = selectors.totals()
        qs = selectors.watch_list(actor, lijst=lijst, gemeente=gemeente, op=kalender.vandaag(), totalen=totalen)
        page = pagina(request, qs, per=PAGE_SIZE)
        rows = list(page.object_list)
        for row in rows:
            row.achttien = kalender.achttien(row.geboortedatum)
            row.regie = getattr(row.gezin, "plan", None)
        logevents.watch_list_searched(actor, lijst=lijst)
        context.update(
            {
                "rows": rows,
                "page": page,
                "lijst": lijst,
                "gemeente": gemeente,
                "totalen": totalen,
            }
        )
    return render(request, "toekomstplan/signalen.html", context)
