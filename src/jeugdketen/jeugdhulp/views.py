"""Pages of jeugdhulp: thin — parse, fetch or call a service, render. Access decides in the scopes
(selectors.py); every page that shows a person logs it; no access is the 404 page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jeugdketen.core import taal
from jeugdketen.core.access import Actor, actor_for, fetch, policy, refuse, request_actie, visible
from jeugdketen.core.forms import submit
from jeugdketen.core.models import Actie
from jeugdketen.core.paginering import pagina
from jeugdketen.core.pdf import pdf_response
from jeugdketen.core.rollen import Rol
from jeugdketen.core.toegangslog import log_access
from jeugdketen.organisaties import selectors as organisaties

from . import csvimport, forms, logevents, selectors, services, voorbeelden, werklijst
from .codes import Bron
from .logevents import Grondslag, ObjectType, Segment
from .models import Beschikking, Maatregel, Ontvangst, Thuiszitter, Traject

PROFESSIONAL = policy(roles=[Rol.HULPVERLENER], burger=False)
BURGER = policy(roles=[Rol.BURGER], burger=True)


# --- Trajectories ---------------------------------------------------------------------------

LIJSTEN = {
    "lopend": _("Lopende hulp"),
    "wachten": _("Wachten langer dan de Treeknorm"),
    "bijna18": _("Bijna 18"),
    "alle": _("Alle toewijzingen"),
}


@PROFESSIONAL
def trajecten(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    if not (selectors.is_toegang(actor) or selectors.is_gi(actor) or selectors.is_aanbieder(actor)):
        refuse(actor, object_type=ObjectType.TRAJECT, segment=Segment.LIJST, actie=Actie.SEARCH)
    lijst = request.GET.get("lijst", "lopend")
    lijst = lijst if lijst in LIJSTEN else "lopend"
    filtreer = _trajecten_filter(actor, lijst)
    page = pagina(
        request,
        filtreer(visible(actor, Traject)).order_by("-ingangsdatum", "-id"),
        aantal=lambda tot: selectors.aantal_trajecten(actor, filtreer, tot),
    )
    logevents.listed(actor, ObjectType.TRAJECT)
    return render(
        request,
        "jeugdhulp/trajecten.html",
        {"page": page, "lijst": lijst, "lijsten": LIJSTEN, "is_toegang": selectors.is_toegang(actor)},
    )


def _trajecten_filter(actor: Actor, lijst: str) -> Callable[[QuerySet[Traject]], QuerySet[Traject]]:
    """The list's filter, applied to the scope for the page and to each of its arms for the count."""
    op = selectors.vandaag()
    if lijst == "wachten":
        norm = selectors.normen_van(actor)
        return lambda qs: werklijst.wachtend_boven_norm(qs, norm, op)
    if lijst == "bijna18":
        norm = selectors.normen_van(actor)
        return lambda qs: werklijst.bijna_18_qs(qs, norm, op)
    if lijst == "lopend":
        return lambda qs: selectors.lopend_of_toegewezen(qs, op)
    return lambda qs: qs


def _traject(request: HttpRequest, uuid: UUID, segment: str, actie: str = Actie.READ) -> tuple[Any, Traject, str]:
    actor = actor_for(request)
    toegang = fetch(
        actor, Traject, uuid=uuid, segment=segment, actie=actie, related=lambda qs: qs.select_related("beschikking")
    )
    return actor, toegang.obj, toegang.relatie


def _traject_context(traject: Traject, rol: str, **forms_: Any) -> dict[str, Any]:
    leveringen = list(selectors.leveringen_van(traject))
    open_starts = [lev.begindatum for lev in leveringen if lev.einddatum is None or lev.reden_beeindiging == "20"]
    return {
        "traject": traject,
        "rol": rol,
        "leveringen": leveringen,
        "is_aanbieder": rol == selectors.AANBIEDER,
        "start_form": forms_.get("start_form") or forms.StartForm(),
        "stop_form": forms_.get("stop_form") or (forms.StopForm(starts=open_starts) if open_starts else None),
        "wachttijd_form": forms_.get("wachttijd_form")
        or forms.WachttijdForm(initial={"aanmelddatum": traject.aanmelddatum, "intakedatum": traject.intakedatum}),
        "normen": selectors.normen(traject.gemeente.regio_id),
    }


@policy(roles=[Rol.HULPVERLENER, Rol.BURGER], burger=True)
def traject(request: HttpRequest, uuid: UUID) -> HttpResponse:
    _actor, obj, rol = _traject(request, uuid, Segment.DETAIL)
    return render(request, "jeugdhulp/traject.html", _traject_context(obj, rol))


def _traject_formulier(
    request: HttpRequest, uuid: UUID, *, segment: str, form: Any, key: str, run: Any, klaar: str
) -> HttpResponse:
    """The provider's forms on a trajectory's page: validate, run the service, or show the errors."""
    actor, obj, rol = _traject(request, uuid, segment, Actie.UPDATE)
    bound = form(obj)
    if submit(request, bound, lambda d: run(actor, obj, d), success=klaar):
        return redirect("jeugdhulp:traject", uuid=obj.uuid)
    return render(request, "jeugdhulp/traject.html", _traject_context(obj, rol, **{key: bound}), status=400)


@PROFESSIONAL
@require_POST
def traject_starten(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return _traject_formulier(
        request,
        uuid,
        segment=Segment.LEVERING,
        form=lambda t: forms.StartForm(request.POST),
        key="start_form",
        run=lambda actor, t, d: services.levering_starten(
            by=actor, traject=t, begindatum=d["begindatum"], intakedatum=d["intakedatum"]
        ),
        klaar=_("De start van de hulp is opgeslagen."),
    )


@PROFESSIONAL
@require_POST
def traject_stoppen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return _traject_formulier(
        request,
        uuid,
        segment=Segment.LEVERING,
        form=lambda t: forms.StopForm(request.POST, starts=[lev.begindatum for lev in selectors.leveringen_van(t)]),
        key="stop_form",
        run=lambda actor, t, d: services.levering_stoppen(
            by=actor, traject=t, begindatum=d["begindatum"], einddatum=d["einddatum"], reden=d["reden"]
        ),
        klaar=_("Het einde van de hulp is opgeslagen."),
    )


@PROFESSIONAL
@require_POST
def traject_wachttijd(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return _traject_formulier(
        request,
        uuid,
        segment=Segment.WACHTTIJD,
        form=lambda t: forms.WachttijdForm(request.POST),
        key="wachttijd_form",
        run=lambda actor, t, d: services.wachttijd_vastleggen(
            by=actor, traject=t, aanmelddatum=d["aanmelddatum"], intakedatum=d["intakedatum"]
        ),
        klaar=_("De datums zijn opgeslagen."),
    )


# --- Decisions (beschikkingen) and the letter -------------------------------------------------


@PROFESSIONAL
@require_http_methods(["GET", "POST"])
def beschikking_nieuw(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    if not selectors.is_toegang(actor):
        refuse(actor, object_type=ObjectType.BESCHIKKING, segment=Segment.BRIEF, actie=Actie.CREATE)
    form = forms.BeschikkingForm(
        request.POST or None, gemeenten=selectors.gemeenten_van(actor), aanbieders=selectors.aanbieders()
    )
    tips = []
    if request.method == "POST" and form.is_valid() and not request.POST.get("taal_gezien"):
        # The letter is for the family: plain language first (core.taal); saving as it is stays possible.
        tips = taal.check({_("Waarom deze hulp"): form.cleaned_data["toelichting"]})
    if request.method == "POST" and form.is_valid() and not tips:
        d = form.cleaned_data
        toewijzing = services.ToewijzingInvoer(
            aanbieder=d["aanbieder"],
            productcategorie=d["productcategorie"],
            productcode=d["productcode"].strip(),
            ingangsdatum=d["ingangsdatum"],
            einddatum=d["einddatum"],
            volume=d["volume"],
            eenheid=d["eenheid"],
            frequentie=d["frequentie"],
            verwijzer=d["verwijzer"],
            aanmelddatum=d["aanmelddatum"],
        )
        saved = submit(
            request,
            form,
            lambda d: services.beschikking_nemen(
                by=actor,
                jeugdige=form.jeugdige(),
                gemeente=d["gemeente"],
                besluitdatum=d["besluitdatum"],
                toelichting=d["toelichting"],
                toewijzing=toewijzing,
            ),
            success=_("Het besluit is opgeslagen. Het gezin vindt de brief in Jeugdketen."),
        )
        if saved:
            return redirect("jeugdhulp:beschikking", uuid=saved.value.uuid)
    return render(request, "jeugdhulp/beschikking_nieuw.html", {"form": form, "taaltips": tips})


def _brief_context(beschikking: Beschikking) -> dict[str, Any]:
    from .brief import brief

    return {"beschikking": beschikking, "brief": brief(beschikking)}


@policy(roles=[Rol.HULPVERLENER, Rol.BURGER], burger=True)
def beschikking(request: HttpRequest, uuid: UUID) -> HttpResponse:
    toegang = fetch(actor_for(request), Beschikking, uuid=uuid, segment=Segment.BRIEF)
    return render(request, "jeugdhulp/beschikking.html", _brief_context(toegang.obj))


@policy(roles=[Rol.HULPVERLENER, Rol.BURGER], burger=True)
def beschikking_pdf(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The decision letter as a tagged PDF (PDF/UA, core.pdf) for the family's own paper copy."""
    toegang = fetch(actor_for(request), Beschikking, uuid=uuid, segment=Segment.PDF, actie=Actie.EXPORT)
    return pdf_response(
        request, "jeugdhulp/brief_pdf.html", _brief_context(toegang.obj), filename="besluit-jeugdhulp.pdf"
    )


@BURGER
def mijn(request: HttpRequest) -> HttpResponse:
    """The family's portal: the decisions and the help for their youths."""
    actor = actor_for(request)
    page = pagina(request, visible(actor, Beschikking).order_by("-besluitdatum", "-id"))
    besluiten = list(page.object_list)
    hulp = list(selectors.lopend_of_toegewezen(visible(actor, Traject), selectors.vandaag()).order_by("ingangsdatum"))
    if besluiten or hulp:
        logevents.listed(actor, ObjectType.BESCHIKKING, segment=Segment.PORTAAL)
    return render(request, "jeugdhulp/mijn.html", {"besluiten": besluiten, "hulp": hulp, "page": page})


# --- iJw messages -----------------------------------------------------------------------------


@PROFESSIONAL
@require_http_methods(["GET", "POST"])
def ijw(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    if not (selectors.is_toegang(actor) or selectors.is_aanbieder(actor)):
        refuse(actor, object_type=ObjectType.ONTVANGST, segment=Segment.UPLOAD, actie=Actie.SEARCH)
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        verwerking = services.ijw_bericht_verwerken(
            by=actor, inhoud=bestand.read(services_max()), bestandsnaam=bestand.name or "", bron=Bron.PAGINA
        )
        if verwerking.herhaald:
            messages.info(request, _("Dit bestand was al eerder verwerkt. Er is niets veranderd."))
        return redirect("jeugdhulp:ontvangst", uuid=verwerking.ontvangst.uuid)
    page = pagina(request, visible(actor, Ontvangst).order_by("-ingediend_op", "-id"))
    logevents.listed(actor, ObjectType.ONTVANGST)
    context = {
        "form": form,
        "page": page,
        "is_aanbieder": bool(selectors.agb_van(actor)),
        "is_toegang": selectors.is_toegang(actor),
    }
    return render(request, "jeugdhulp/ijw.html", context)


def services_max() -> int:
    from .ijw import MAX_BYTES

    return MAX_BYTES + 1  # one byte more than allowed, so the parser can say it is too big


@PROFESSIONAL
def ijw_voorbeeld(request: HttpRequest, soort: str) -> HttpResponse:
    """An example message that fits the organisation's own data, to try the upload: a JW305 for one
    of a provider's assignments, a JW301 for a municipality (voorbeelden.py)."""
    actor = actor_for(request)
    stamp = timezone.localtime().strftime("%y%m%d%H%M%S")[:12]
    agb = selectors.agb_van(actor)
    if soort == "jw305" and agb:
        traject = selectors.traject_voor_voorbeeld(actor)
        if traject is not None:
            log_access(
                actor,
                actie=Actie.EXPORT,
                object_type=ObjectType.TRAJECT,
                object_id=str(traject.uuid),
                segment=Segment.UPLOAD,
                client_id=selectors.client_id(traject),
                grondslag=str(Grondslag.AANBIEDER),
            )
            inhoud = voorbeelden.voor_aanbieder(traject, agb, selectors.vandaag(), stamp)
            return _xml(inhoud, "JW305-voorbeeld.xml")
    gemeente = selectors.gemeenten_van(actor).order_by("naam").first()
    aanbieder = selectors.aanbieders().first()
    if soort == "jw301" and gemeente is not None and aanbieder is not None:
        inhoud = voorbeelden.voor_gemeente(
            gemeente.cbs_code, aanbieder.zorgaanbieder.agb_code, selectors.vandaag(), stamp
        )
        return _xml(inhoud, "JW301-voorbeeld.xml")
    refuse(actor, object_type=ObjectType.ONTVANGST, segment=Segment.UPLOAD)


def _xml(inhoud: bytes, naam: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@PROFESSIONAL
def ontvangst(request: HttpRequest, uuid: UUID) -> HttpResponse:
    toegang = fetch(actor_for(request), Ontvangst, uuid=uuid, segment=Segment.UPLOAD)
    return render(request, "jeugdhulp/ontvangst.html", {"o": toegang.obj})


@PROFESSIONAL
def ontvangst_retour(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """Download the return message (JW302/JW306/JW308)."""
    toegang = fetch(actor_for(request), Ontvangst, uuid=uuid, segment=Segment.RETOUR, actie=Actie.EXPORT)
    o = toegang.obj
    if not o.retourbericht:
        refuse(actor_for(request), object_type=ObjectType.ONTVANGST, object_id=str(o.uuid), segment=Segment.RETOUR)
    naam = {"JW301": "JW302", "JW305": "JW306", "JW307": "JW308"}.get(o.berichtsoort, "retour")
    response = HttpResponse(o.retourbericht.encode("utf-8"), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{naam}-{o.retour_identificatie}.xml"'
    return response


@PROFESSIONAL
@require_http_methods(["GET", "POST"])
def csv_upload(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    if not (selectors.is_toegang(actor) or selectors.is_aanbieder(actor)):
        refuse(actor, object_type=ObjectType.TRAJECT, segment=Segment.CSV, actie=Actie.CREATE)
    form = forms.CsvForm(request.POST or None, request.FILES or None)
    saved = submit(
        request,
        form,
        lambda d: csvimport.verwerken(actor=actor, data=d["bestand"].read(5 * 1024 * 1024)),
        success=None,  # the page shows the rows read and refused
    )
    resultaat = saved.value if saved else None
    return render(request, "jeugdhulp/csv.html", {"form": form, "resultaat": resultaat, "kolommen": csvimport.KOLOMMEN})


# --- Measures (GI) ------------------------------------------------------------------------------


@PROFESSIONAL
def maatregelen(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    if not selectors.is_gi(actor):
        refuse(actor, object_type=ObjectType.MAATREGEL, segment=Segment.LIJST, actie=Actie.SEARCH)
    qs = visible(actor, Maatregel)
    lang = request.GET.get("lijst") == "lang"
    if lang:
        qs = werklijst.boven_normduur_qs(qs, selectors.normen_van(actor), selectors.vandaag())
    page = pagina(request, qs.order_by("-ingangsdatum", "-id"))
    logevents.listed(actor, ObjectType.MAATREGEL)
    return render(request, "jeugdhulp/maatregelen.html", {"page": page, "lang": lang})


@PROFESSIONAL
@require_http_methods(["GET", "POST"])
def maatregel_nieuw(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    if not selectors.is_gi(actor):
        refuse(actor, object_type=ObjectType.MAATREGEL, segment=Segment.DETAIL, actie=Actie.CREATE)
    form = forms.MaatregelForm(request.POST or None, gemeenten=organisaties.gemeenten_in_regio(actor))
    saved = submit(
        request,
        form,
        lambda d: services.maatregel_vastleggen(
            by=actor,
            jeugdige=form.jeugdige(),
            gemeente=d["gemeente"],
            soort=d["soort"],
            voorwaardelijk=d["voorwaardelijk"],
            uitspraakdatum=d["uitspraakdatum"],
            ingangsdatum=d["ingangsdatum"],
            einddatum=d["einddatum"],
        ),
        success=_("De maatregel is opgeslagen."),
    )
    if saved:
        return redirect("jeugdhulp:maatregel", uuid=saved.value.uuid)
    return render(request, "jeugdhulp/maatregel_nieuw.html", {"form": form})


def _maatregel_context(obj: Maatregel, **extra: Any) -> dict[str, Any]:
    return {
        "m": obj,
        "verlengingen": list(selectors.verlengingen_van(obj)),
        "verleng_form": extra.get("verleng_form") or forms.VerlengForm(),
        "beeindig_form": extra.get("beeindig_form") or forms.BeeindigForm(),
    }


@PROFESSIONAL
@require_http_methods(["GET", "POST"])
def maatregel(request: HttpRequest, uuid: UUID) -> HttpResponse:
    actor = actor_for(request)
    actie = request_actie(request)
    obj = fetch(actor, Maatregel, uuid=uuid, segment=Segment.DETAIL, actie=actie).obj
    if request.method == "POST":
        if "verlengen" in request.POST:
            verleng = forms.VerlengForm(request.POST)
            if submit(
                request,
                verleng,
                lambda d: services.maatregel_verlengen(by=actor, maatregel=obj, **d),
                success=_("De verlenging is opgeslagen."),
            ):
                return redirect("jeugdhulp:maatregel", uuid=obj.uuid)
            context = _maatregel_context(obj, verleng_form=verleng)
            return render(request, "jeugdhulp/maatregel.html", context, status=400)
        beeindig = forms.BeeindigForm(request.POST)
        if submit(
            request,
            beeindig,
            lambda d: services.maatregel_beeindigen(by=actor, maatregel=obj, op=d["op"]),
            success=_("De maatregel is beëindigd."),
        ):
            return redirect("jeugdhulp:maatregel", uuid=obj.uuid)
        return render(request, "jeugdhulp/maatregel.html", _maatregel_context(obj, beeindig_form=beeindig), status=400)
    return render(request, "jeugdhulp/maatregel.html", _maatregel_context(obj))


# --- Thuiszitters (school, leerplicht) ----------------------------------------------------------


@PROFESSIONAL
def thuiszitters(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    if not selectors.is_melder(actor):
        refuse(actor, object_type=ObjectType.THUISZITTER, segment=Segment.LIJST, actie=Actie.SEARCH)
    qs = visible(actor, Thuiszitter)
    lang = request.GET.get("lijst") == "lang"
    if lang:
        qs = werklijst.thuiszitters_lang_qs(qs, selectors.normen_van(actor), selectors.vandaag())
    page = pagina(request, qs.order_by("afgesloten_op", "sinds", "id"))
    logevents.listed(actor, ObjectType.THUISZITTER)
    return render(request, "jeugdhulp/thuiszitters.html", {"page": page, "lang": lang})


@PROFESSIONAL
@require_http_methods(["GET", "POST"])
def thuiszitter_nieuw(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    if not selectors.is_melder(actor):
        refuse(actor, object_type=ObjectType.THUISZITTER, segment=Segment.DETAIL, actie=Actie.CREATE)
    org = selectors.organisatie_van(actor)
    form = forms.ThuiszitterForm(
        request.POST or None,
        gemeenten=organisaties.gemeenten_in_regio(actor),
        scholen=selectors.scholen(org.regio_id if org else None),
    )
    saved = submit(
        request,
        form,
        lambda d: services.thuiszitter_melden(
            by=actor,
            jeugdige=form.jeugdige(),
            gemeente=d["gemeente"],
            soort=d["soort"],
            school=d["school"],
            sinds=d["sinds"],
            passend_aanbod_sinds=d["passend_aanbod_sinds"],
        ),
        success=_("De melding is opgeslagen."),
    )
    if saved:
        return redirect("jeugdhulp:thuiszitter", uuid=saved.value.uuid)
    is_school = org is not None and org.soort == "school"
    return render(request, "jeugdhulp/thuiszitter_nieuw.html", {"form": form, "is_school": is_school})


@PROFESSIONAL
@require_http_methods(["GET", "POST"])
def thuiszitter(request: HttpRequest, uuid: UUID) -> HttpResponse:
    actor = actor_for(request)
    actie = request_actie(request)
    obj = fetch(actor, Thuiszitter, uuid=uuid, segment=Segment.DETAIL, actie=actie).obj
    form = forms.ThuiszitterBijwerkenForm(
        request.POST or None,
        initial={"passend_aanbod_sinds": obj.passend_aanbod_sinds, "afgesloten_op": obj.afgesloten_op},
    )
    if submit(
        request,
        form,
        lambda d: services.thuiszitter_bijwerken(by=actor, thuiszitter=obj, **d),
        success=_("De melding is bijgewerkt."),
    ):
        return redirect("jeugdhulp:thuiszitter", uuid=obj.uuid)
    status = 400 if request.method == "POST" else 200
    return render(request, "jeugdhulp/thuiszitter.html", {"t": obj, "form": form}, status=status)
