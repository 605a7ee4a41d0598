"""Toekomstplan pages (thin: parse, call a service or selector, render). Phone first."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jeugdketen.core import kalender
from jeugdketen.core.access import Actor, actor_for, deny, get_visible_or_404, policy, scope_for
from jeugdketen.core.models import Actie
from jeugdketen.core.rollen import Rol
from jeugdketen.core.toegangslog import log_access

from . import forms, selectors, services
from .models import Status, Toekomstplan

PAGE_SIZE = 25


def _plan(request: HttpRequest, plan: UUID, segment: str, actie: str = Actie.READ) -> tuple[Actor, Toekomstplan, str]:
    """The plan through its scope. A read is logged here; a POST is logged once by the service
    that changes it (or as a read by `_log_read` when the form is shown again)."""
    actor = actor_for(request)
    if request.method == "POST":
        found = scope_for(Toekomstplan).queryset(actor).filter(uuid=plan).first()
        if found is None:
            raise deny(actor, object_type="toekomstplan", object_id=str(plan), segment=segment)
        obj = found
    else:
        obj = get_visible_or_404(actor, Toekomstplan, uuid=plan, segment=segment, actie=actie)
    rol = selectors.rol_in_plan(actor, obj)
    if rol is None:
        raise Http404
    return actor, obj, rol


def _log_read(actor: Actor, plan: Toekomstplan, segment: str) -> None:
    log_access(
        actor,
        actie=Actie.READ,
        object_type="toekomstplan",
        object_id=str(plan.uuid),
        segment=segment,
        client_id=selectors.client_id(plan),
        grondslag=selectors.grondslag(actor, plan),
    )


def _errors(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def _may_choose_topics(rol: str, plan: Toekomstplan) -> bool:
    if rol == selectors.JONGERE:
        return True
    youth_login = plan.jeugdige.gebruiker
    return rol == selectors.PROFESSIONAL and (youth_login is None or not youth_login.is_active)


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
    page = Paginator(selectors.plans_list_for(actor), PAGE_SIZE).get_page(request.GET.get("pagina"))
    plans = list(page.object_list)
    if plans:
        log_access(actor, actie=Actie.SEARCH, object_type="toekomstplan", segment="lijst", client_id="-")
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
        raise deny(actor, object_type="toekomstplan", object_id=str(jeugdige), segment="starten")
    try:
        plan = services.toekomstplan_starten(jeugdige=lid, by=actor)
    except ValidationError as exc:
        for m in _errors(exc):
            messages.error(request, m)
        existing = getattr(lid, "toekomstplan", None)
        return redirect("toekomstplan:plan", plan=existing.uuid) if existing else redirect("toekomstplan:mijn")
    messages.success(request, _("Het toekomstplan is gestart. Kies nu de onderwerpen."))
    return redirect("toekomstplan:onderwerpen", plan=plan.uuid)


@policy()
def plan(request: HttpRequest, plan: UUID) -> HttpResponse:
    actor, obj, rol = _plan(request, plan, "toekomstplan")
    overzicht = selectors.overview(obj)
    return render(
        request,
        "toekomstplan/plan.html",
        {
            "plan": obj,
            "rol": rol,
            "ov": overzicht,
            "is_jongere": rol == selectors.JONGERE,
            "mag_bijwerken": rol != selectors.OUDER,
            "mag_kiezen": _may_choose_topics(rol, obj),
            "gezinsplan_url": _gezinsplan_url(actor, obj),
            "ouders_zien": selectors.parents_see(obj),
            "mag_delen": rol == selectors.JONGERE
            and kalender.bereikt(kalender.zestien, obj.jeugdige.geboortedatum, kalender.vandaag()),  # type: ignore[arg-type]
        },
    )


@policy()
def onderwerpen(request: HttpRequest, plan: UUID) -> HttpResponse:
    actie = Actie.UPDATE if request.method == "POST" else Actie.READ
    actor, obj, rol = _plan(request, plan, "onderwerpen", actie=actie)
    if not _may_choose_topics(rol, obj):
        raise deny(actor, object_type="toekomstplan", object_id=str(obj.uuid), segment="onderwerpen")
    topics = list(selectors.active_topics().prefetch_related("onderdelen"))
    chosen = selectors.chosen_topic_ids(obj)
    form = forms.OnderwerpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.onderwerpen_kiezen(plan=obj, by=actor, onderwerpen=list(form.cleaned_data["onderwerpen"]))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Je keuze is opgeslagen."))
            return redirect("toekomstplan:plan", plan=obj.uuid)
    if request.method == "POST":
        _log_read(actor, obj, "onderwerpen")
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
    actie = Actie.UPDATE if request.method == "POST" else Actie.READ
    actor, obj, rol = _plan(request, plan, "onderdelen", actie=actie)
    regel = selectors.item_in_plan(obj, onderdeel)
    if regel is None:
        messages.error(request, _("Dit onderdeel staat niet (meer) in dit toekomstplan."))
        return redirect("toekomstplan:plan", plan=obj.uuid)
    mag_bijwerken = rol != selectors.OUDER
    initial = {
        "status": regel.status,
        "eigenaar": regel.voortgang.eigenaar if regel.voortgang else "",
        "notitie": regel.voortgang.notitie if regel.voortgang else "",
    }
    data = None
    if request.method == "POST":
        if not mag_bijwerken:
            raise deny(actor, object_type="toekomstplan", object_id=str(obj.uuid), segment="onderdelen")
        data = request.POST.copy()
        if data.get("snel"):  # the one-tap button on the plan page changes only the status
            data["eigenaar"] = initial["eigenaar"]
            data["notitie"] = initial["notitie"]
    form = forms.OnderdeelForm(data, initial=initial, voor_18=regel.onderdeel.voor_18)
    if data is not None and form.is_valid():
        try:
            services.onderdeel_bijwerken(
                plan=obj,
                by=actor,
                onderdeel=regel.onderdeel,
                status=form.cleaned_data["status"],
                eigenaar=form.cleaned_data["eigenaar"],
                notitie=form.cleaned_data["notitie"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Opgeslagen: {titel} – {status}.").format(
                    titel=regel.onderdeel.titel, status=Status(form.cleaned_data["status"]).label
                ),
            )
            return redirect(reverse("toekomstplan:plan", kwargs={"plan": obj.uuid}) + f"#o-{regel.onderdeel.uuid}")
    if data is not None:
        _log_read(actor, obj, "onderdelen")
    return render(
        request,
        "toekomstplan/onderdeel.html",
        {"plan": obj, "regel": regel, "form": form, "mag_bijwerken": mag_bijwerken},
    )


@policy()
def assistent(request: HttpRequest, plan: UUID) -> HttpResponse:
    actie = Actie.UPDATE if request.method == "POST" else Actie.READ
    actor, obj, rol = _plan(request, plan, "assistent", actie=actie)
    if rol != selectors.JONGERE:
        raise deny(actor, object_type="toekomstplan", object_id=str(obj.uuid), segment="assistent")
    kandidaten = selectors.network_candidates(obj)
    wat = request.POST.get("actie", "")
    kies = forms.AssistentKiezenForm(request.POST if wat == "kiezen" else None, kandidaten=kandidaten, prefix="kies")
    nodig = forms.AssistentUitnodigenForm(request.POST if wat == "uitnodigen" else None, prefix="nodig")
    code = None
    if request.method == "POST":
        try:
            if wat == "stoppen":
                services.assistent_kiezen(plan=obj, by=actor, netwerklid=None)
                messages.success(request, _("Je hebt geen assistent meer."))
                return redirect("toekomstplan:plan", plan=obj.uuid)
            if wat == "kiezen" and kies.is_valid():
                gekozen = next(n for n in kandidaten if str(n.uuid) == kies.cleaned_data["netwerklid"])
                services.assistent_kiezen(plan=obj, by=actor, netwerklid=gekozen)
                messages.success(request, _("{naam} is nu je assistent.").format(naam=gekozen.naam))
                return redirect("toekomstplan:plan", plan=obj.uuid)
            if wat == "uitnodigen" and nodig.is_valid():
                _lid, code = services.assistent_uitnodigen(
                    plan=obj,
                    by=actor,
                    naam=nodig.cleaned_data["naam"],
                    relatie=nodig.cleaned_data["relatie"],
                    email=nodig.cleaned_data["email"],
                )
            elif wat not in ("kiezen", "uitnodigen"):
                messages.error(request, _("Kies wat je wilt doen."))
        except ValidationError as exc:
            target = nodig if wat == "uitnodigen" else kies
            target.add_error(None, exc)
        if code is None:
            _log_read(actor, obj, "assistent")
        obj.refresh_from_db()
    return render(
        request,
        "toekomstplan/assistent.html",
        {"plan": obj, "kies": kies, "nodig": nodig, "kandidaten": kandidaten, "code": code},
    )


@policy()
@require_POST
def delen(request: HttpRequest, plan: UUID) -> HttpResponse:
    actor, obj, rol = _plan(request, plan, "delen", actie=Actie.UPDATE)
    if rol != selectors.JONGERE:
        raise deny(actor, object_type="toekomstplan", object_id=str(obj.uuid), segment="delen")
    keuze = request.POST.get("delen")
    if keuze not in ("ja", "nee"):
        messages.error(request, _("Kies of je ouders mogen meekijken: ja of nee."))
        return redirect("toekomstplan:plan", plan=obj.uuid)
    try:
        services.delen_met_ouders(plan=obj, by=actor, delen=keuze == "ja")
    except ValidationError as exc:
        for m in _errors(exc):
            messages.error(request, m)
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

    _actor, obj, _rol = _plan(request, plan, "pdf", actie=Actie.EXPORT)
    context = {"plan": obj, "ov": selectors.overview(obj)}
    return pdf_response(request, "toekomstplan/pdf.html", context, filename="toekomstplan.pdf")


@policy()
def gegevens(request: HttpRequest, plan: UUID) -> HttpResponse:
    """The youth downloads their own toekomstplan data (JSON)."""
    actor, obj, rol = _plan(request, plan, "gegevens", actie=Actie.EXPORT)
    if rol != selectors.JONGERE:
        raise deny(actor, object_type="toekomstplan", object_id=str(obj.uuid), segment="gegevens")
    body = json.dumps(selectors.export_data(obj), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mijn-toekomstplan.json"'
    return response


@policy()
def toegangslog(request: HttpRequest, plan: UUID) -> HttpResponse:
    """Who looked at my toekomstplan (the youth's own part of the access log)."""
    actor, obj, rol = _plan(request, plan, "toegangslog")
    if rol != selectors.JONGERE:
        raise deny(actor, object_type="toekomstplan", object_id=str(obj.uuid), segment="toegangslog")
    page = Paginator(selectors.access_log_of(obj), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request, "toekomstplan/toegangslog.html", {"plan": obj, "page": page, "regels": list(page.object_list)}
    )


@policy(roles=[Rol.HULPVERLENER], burger=False)
def signalen(request: HttpRequest) -> HttpResponse:
    """Watch lists for the access team, per municipality; paginated, fixed number of queries."""
    actor = actor_for(request)
    if not selectors.may_watch(actor):
        raise deny(actor, object_type="toekomstplan_signalen", segment="signalen")
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
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
        rows = list(page.object_list)
        for row in rows:
            row.achttien = kalender.achttien(row.geboortedatum)
            row.regie = getattr(row.gezin, "plan", None)
        log_access(
            actor,
            actie=Actie.SEARCH,
            object_type="toekomstplan_signalen",
            segment=lijst,
            client_id="-",
            grondslag="wettelijke taak gemeente (Jeugdwet art. 2.3): toekomstplan voor 18",
        )
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
