"""Plekvrij and sociale kaart pages (thin: parse, call a service or selector, render). Phone first.

A place holds no personal data: finding and changing places writes no access-log entry, but a
place of another organisation is refused like a missing one (`refuse` logs the attempt). A
reservation is personal data: its page goes through `core.access.fetch` (one entry per read),
every change is logged by its service, and a list that shows reservations writes one search entry.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jeugdketen.core import taal
from jeugdketen.core.access import Actor, Geweigerd, actor_for, fetch, policy, refuse, visible
from jeugdketen.core.csv_export import csv_response
from jeugdketen.core.forms import Conflict, flash_errors, submit, upload_bytes
from jeugdketen.core.models import Actie
from jeugdketen.core.paginering import pagina
from jeugdketen.core.rollen import Rol
from jeugdketen.organisaties import selectors as organisaties

from . import csvimport, forms, logevents, selectors, services, werklijst
from .models import Bron, Hulpaanbod, Plek, Reservering, Zoekopdracht

PAGE_SIZE = 20
PLEKKEN_PER_PAGINA = 50  # a provider's own places, grouped per location on the page
ZOEKERS = [Rol.HULPVERLENER, Rol.TRIAGE]
AANBIEDERS = [Rol.HULPVERLENER]


def _zoeker(request: HttpRequest) -> Actor:
    actor = actor_for(request)
    if not selectors.may_search(actor):
        refuse(actor, object_type=logevents.ObjectType.PLEK, segment=logevents.Segment.ZOEKEN, actie=Actie.SEARCH)
    return actor


def _aanbieder(request: HttpRequest) -> Actor:
    actor = actor_for(request)
    if not selectors.may_manage(actor):
        refuse(actor, object_type=logevents.ObjectType.PLEK, segment=logevents.Segment.BEHEER)
    return actor


def _eigen_plek(actor: Actor, uuid: UUID, *, segment: logevents.Segment, actie: str = Actie.UPDATE) -> Plek:
    plek = visible(actor, Plek).filter(uuid=uuid).first()
    if plek is None:
        refuse(actor, object_type=logevents.ObjectType.PLEK, object_id=str(uuid), segment=segment, actie=actie)
    return plek


# --- Searching -----------------------------------------------------------------------------


def _zoek_query(form: forms.ZoekForm) -> str:
    """The search as query parameters (for 'save this search' and the pagination links)."""
    data: Any = form.data
    return urlencode({k: v for k, v in data.lists() if k != "pagina"}, doseq=True)


@policy(roles=ZOEKERS, burger=False)
def zoeken(request: HttpRequest) -> HttpResponse:
    """Search places; without a query, everything that is free, nearest to the actor's municipality."""
    actor = _zoeker(request)
    thuis = selectors.thuisgemeente(actor)
    gezocht = any(k != "pagina" for k in request.GET)
    regio = organisaties.eigen_regio(actor)
    form = forms.ZoekForm(
        request.GET if gezocht else None,
        initial={"vanaf": thuis.naam if thuis else ""},
        regio=regio,
        gemeenten=list(organisaties.gemeenten_in_regio(actor).values_list("naam", flat=True)),
    )
    page = None
    if not gezocht:
        vraag: selectors.Zoekvraag | None = selectors.Zoekvraag(vanaf=thuis)
    else:
        vraag = form.vraag() if form.is_valid() else None
    if vraag is not None:
        page = pagina(request, selectors.zoeken(actor, vraag), per=PAGE_SIZE)
    termijnen = selectors.termijnen_voor(regio)
    return render(
        request,
        "plekvrij/zoeken.html",
        {
            "form": form,
            "page": page,
            "vraag": vraag,
            "gezocht": gezocht,
            "bewaar_query": _zoek_query(form) if gezocht and vraag is not None else "",
            "mag_reserveren": selectors.may_reserve(actor),
            "crisis_uren": termijnen["crisisplek"],
            "overig_dagen": round(termijnen["leefgroep"] / 24),
        },
    )


@policy(roles=ZOEKERS, burger=False)
def crisis(request: HttpRequest) -> HttpResponse:
    """A crisis-place search answers at once: free crisis places, nearest first, no form to fill."""
    actor = _zoeker(request)
    params = {"soort": "crisisplek"}
    thuis = selectors.thuisgemeente(actor)
    if thuis is not None:
        params["vanaf"] = thuis.naam  # the field shows what it carries: the name, as if typed
    return redirect(reverse("plekvrij:zoeken") + "?" + urlencode(params))


@policy(roles=ZOEKERS, burger=False)
def plek(request: HttpRequest, uuid: UUID) -> HttpResponse:
    actor = _zoeker(request)
    gevonden = selectors.plek_voor_zoeker(actor, uuid)
    if gevonden is None:
        refuse(actor, object_type=logevents.ObjectType.PLEK, object_id=str(uuid), segment=logevents.Segment.PLEK)
    return render(
        request,
        "plekvrij/plek.html",
        {"plek": gevonden, "mag_reserveren": selectors.may_reserve(actor) and getattr(gevonden, "vrij_nu", 0) > 0},
    )


@policy(roles=ZOEKERS, burger=False)
def reserveren(request: HttpRequest, uuid: UUID) -> HttpResponse:
    actor = _zoeker(request)
    gevonden = selectors.plek_voor_zoeker(actor, uuid)
    if gevonden is None or not selectors.may_reserve(actor):
        refuse(
            actor,
            object_type=logevents.ObjectType.RESERVERING,
            object_id=str(uuid),
            segment=logevents.Segment.RESERVEREN,
            actie=Actie.CREATE,
        )
    form = forms.ReserveringForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda d: services.reservering_maken(plek=gevonden, by=actor, **d),
        success=lambda r: (
            _("De plek is voor u vastgehouden tot %(tijd)s. De aanbieder krijgt bericht.")
            % {"tijd": timezone.localtime(r.verloopt_op).strftime("%H:%M")}
        ),
    )
    if saved:
        return redirect("plekvrij:reservering", uuid=saved.value.uuid)
    return render(request, "plekvrij/reserveren.html", {"plek": gevonden, "form": form})


# --- Saved searches ---------------------------------------------------------------------------


@policy(roles=ZOEKERS, burger=False)
def zoekopdrachten(request: HttpRequest) -> HttpResponse:
    actor = _zoeker(request)
    page = pagina(
        request,
        visible(actor, Zoekopdracht).select_related("gemeente", "regio").prefetch_related("specialismen"),
    )
    return render(request, "plekvrij/zoekopdrachten.html", {"zoekopdrachten": list(page.object_list), "page": page})


@policy(roles=ZOEKERS, burger=False)
@require_POST
def zoekopdracht_bewaren(request: HttpRequest) -> HttpResponse:
    actor = _zoeker(request)
    form = forms.ZoekForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Deze zoekopdracht kan niet worden bewaard. Zoek opnieuw."))
        return redirect("plekvrij:zoeken")
    try:
        services.zoekopdracht_bewaren(by=actor, vraag=form.vraag())
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("plekvrij:zoeken")
    messages.success(request, _("Bewaard. U krijgt een bericht zodra er zo'n plek vrijkomt."))
    return redirect("plekvrij:zoekopdrachten")


@policy(roles=ZOEKERS, burger=False)
@require_POST
def zoekopdracht_verwijderen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    actor = _zoeker(request)
    zoekopdracht = visible(actor, Zoekopdracht).filter(uuid=uuid).first()
    if zoekopdracht is None:
        refuse(
            actor,
            object_type=logevents.ObjectType.ZOEKOPDRACHT,
            object_id=str(uuid),
            segment=logevents.Segment.ZOEKOPDRACHT_VERWIJDEREN,
            actie=Actie.DELETE,
        )
    services.zoekopdracht_verwijderen(zoekopdracht=zoekopdracht, by=actor)
    messages.success(request, _("De zoekopdracht is verwijderd."))
    return redirect("plekvrij:zoekopdrachten")


# --- Reservations -----------------------------------------------------------------------------


@policy(roles=ZOEKERS, burger=False)
def reserveringen(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    aanbieder, aanvrager = selectors.may_manage(actor), selectors.may_reserve(actor)
    if not (aanbieder or aanvrager):
        refuse(
            actor,
            object_type=logevents.ObjectType.RESERVERING,
            segment=logevents.Segment.RESERVERING,
            actie=Actie.SEARCH,
        )
    rol = request.GET.get("kant", "")
    if rol not in (selectors.AANBIEDER, selectors.AANVRAGER):
        rol = selectors.AANBIEDER if aanbieder else selectors.AANVRAGER
    qs = selectors.reserveringen_lijst(actor, rol=rol).select_related("plek__locatie__gemeente", "organisatie")
    page = pagina(request, qs, per=PAGE_SIZE)
    if page.object_list:
        logevents.reserveringen_gezocht(
            actor,
            segment=logevents.Segment.LIJST_AANBIEDER
            if rol == selectors.AANBIEDER
            else logevents.Segment.LIJST_AANVRAGER,
        )
    return render(
        request,
        "plekvrij/reserveringen.html",
        {"page": page, "rol": rol, "beide": aanbieder and aanvrager, "nu": timezone.now()},
    )


@policy(roles=ZOEKERS, burger=False)
def reservering(request: HttpRequest, uuid: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(actor, Reservering, uuid=uuid, segment=logevents.Segment.RESERVERING)
    r = toegang.obj
    verlopen = selectors.verlopen_te_laat(r)
    return render(
        request,
        "plekvrij/reservering.html",
        {
            "r": r,
            "rol": toegang.relatie,
            "verlopen": verlopen,
            "open": r.houdt_plek and not verlopen,
            "antwoord_form": forms.AntwoordForm(),
        },
    )


ACTIES = {"bevestigen", "afwijzen", "geplaatst", "intrekken"}


@policy(roles=ZOEKERS, burger=False)
@require_POST
def reservering_actie(request: HttpRequest, uuid: UUID, actie: str) -> HttpResponse:
    actor = actor_for(request)
    r = visible(actor, Reservering).filter(uuid=uuid).first()
    if r is None or actie not in ACTIES:
        refuse(
            actor,
            object_type=logevents.ObjectType.RESERVERING,
            object_id=str(uuid),
            segment=logevents.Segment.RESERVERING,
            actie=Actie.UPDATE,
        )
    antwoord = forms.AntwoordForm(request.POST)
    tekst = antwoord.cleaned_data.get("antwoord", "") if antwoord.is_valid() else ""
    try:
        if actie == "bevestigen":
            services.reservering_beantwoorden(reservering=r, by=actor, bevestigen=True, antwoord=tekst)
            messages.success(request, _("Bevestigd. De aanvrager krijgt bericht."))
        elif actie == "afwijzen":
            services.reservering_beantwoorden(reservering=r, by=actor, bevestigen=False, antwoord=tekst)
            messages.success(request, _("Afgewezen. De plek is weer vrij en de aanvrager krijgt bericht."))
        elif actie == "geplaatst":
            services.reservering_plaatsen(reservering=r, by=actor)
            messages.success(request, _("Vastgelegd: de jongere is geplaatst. De plek telt nu als bezet."))
        else:
            services.reservering_intrekken(reservering=r, by=actor)
            messages.success(request, _("Ingetrokken. De plek is weer vrij."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("plekvrij:reservering", uuid=r.uuid)


# --- Providers: their own places --------------------------------------------------------------


@policy(roles=AANBIEDERS, burger=False)
def mijn_plekken(request: HttpRequest) -> HttpResponse:
    actor = _aanbieder(request)
    page = pagina(request, selectors.mijn_plekken(actor), per=PLEKKEN_PER_PAGINA)
    plekken = list(page.object_list)
    for p in plekken:
        p.keuzes = werklijst.snelkeuzes(p)
    locaties = selectors.per_locatie(plekken)
    return render(
        request,
        "plekvrij/mijn_plekken.html",
        {
            "locaties": locaties,
            "page": page,
            "wachtend": selectors.wachtende_reserveringen(actor).count(),
            "heeft_locaties": bool(locaties) or services.eigen_locaties(actor).exists(),
        },
    )


@policy(roles=AANBIEDERS, burger=False)
@require_POST
def plek_snel(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """One tap: "nu 2 vrij". Also the tap on the current number: "klopt nog" (current again)."""
    actor = _aanbieder(request)
    plek = _eigen_plek(actor, uuid, segment=logevents.Segment.SNEL)
    form = forms.SnelForm(request.POST)
    terug = reverse("home") if request.POST.get("terug") == "home" else reverse("plekvrij:mijn_plekken")
    if not form.is_valid():
        messages.error(request, _("Dat aantal klopt niet. Probeer het opnieuw."))
        return redirect(terug)
    try:
        bijgewerkt = services.plek_bijwerken(
            plek=plek,
            by=actor,
            wijziging=services.Wijziging(vrij=form.cleaned_data["vrij"]),
            basis_versie=form.cleaned_data["versie"],
            bron=Bron.SNEL,
        )
    except services.VerouderdeStand as exc:
        messages.error(
            request,
            _("%(plek)s is intussen gewijzigd (door een reservering of een collega): nu %(n)s vrij. Tik opnieuw.")
            % {"plek": exc.plek.titel, "n": exc.plek.vrij_nu},  # type: ignore[attr-defined]
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(
            request, _("Opgeslagen: %(plek)s heeft nu %(n)s vrij.") % {"plek": bijgewerkt.titel, "n": bijgewerkt.vrij}
        )
    return redirect(terug if terug == reverse("home") else f"{terug}#plek-{plek.uuid}")


def _plek_initial(plek: Plek) -> dict[str, Any]:
    return {
        "soort": plek.soort,
        "naam": plek.naam,
        "leeftijd_van": plek.leeftijd_van,
        "leeftijd_tot": plek.leeftijd_tot,
        "specialismen": list(plek.specialismen.all()),
        "gecontracteerd": plek.gecontracteerd,
        "buiten_gebruik": plek.buiten_gebruik,
        "bezet": plek.bezet,
        "vrij_vanaf": plek.vrij_vanaf,
        "contact_naam": plek.contact_naam,
        "contact_telefoon": plek.contact_telefoon,
        "toelichting": plek.toelichting,
        "versie": plek.versie,
    }


@policy(roles=AANBIEDERS, burger=False)
def plek_wijzigen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    actor = _aanbieder(request)
    plek = _eigen_plek(actor, uuid, segment=logevents.Segment.PLEK_BIJWERKEN)
    huidig = selectors.mijn_plekken(actor).get(pk=plek.pk)
    if request.method != "POST":
        form = forms.WijzigForm(initial=_plek_initial(plek))
        return render(request, "plekvrij/plek_wijzigen.html", {"plek": huidig, "form": form})
    form = forms.WijzigForm(request.POST)
    uitkomst = submit(
        request,
        form,
        lambda d: services.plek_bijwerken(
            plek=plek,
            by=actor,
            wijziging=form.wijziging(),
            gegevens=form.gegevens(),
            basis_versie=d["versie"],
            bron=Bron.FORMULIER,
        ),
        success=_("De plek is opgeslagen."),
    )
    if uitkomst:
        return redirect(reverse("plekvrij:mijn_plekken") + f"#plek-{plek.uuid}")
    if isinstance(uitkomst, Conflict):
        nieuwer = uitkomst.nieuwste
        context = {"plek": nieuwer, "form": form, "nieuwer": nieuwer}
        return render(request, "plekvrij/plek_wijzigen.html", context, status=uitkomst.status)
    return render(request, "plekvrij/plek_wijzigen.html", {"plek": huidig, "form": form})


@policy(roles=AANBIEDERS, burger=False)
def plek_geschiedenis(request: HttpRequest, uuid: UUID) -> HttpResponse:
    actor = _aanbieder(request)
    plek = _eigen_plek(actor, uuid, segment=logevents.Segment.GESCHIEDENIS, actie=Actie.READ)
    page = pagina(request, selectors.geschiedenis(plek), per=50)
    return render(request, "plekvrij/geschiedenis.html", {"plek": plek, "page": page})


@policy(roles=AANBIEDERS, burger=False)
def locatie_nieuw(request: HttpRequest) -> HttpResponse:
    actor = _aanbieder(request)
    form = forms.LocatieForm(request.POST or None)
    if submit(
        request,
        form,
        lambda d: services.locatie_aanmaken(by=actor, **d),
        success=_("De locatie is toegevoegd. Voeg nu de plekken toe."),
    ):
        return redirect("plekvrij:mijn_plekken_nieuw")
    return render(request, "plekvrij/locatie_nieuw.html", {"form": form})


@policy(roles=AANBIEDERS, burger=False)
def plek_nieuw(request: HttpRequest) -> HttpResponse:
    actor = _aanbieder(request)
    locaties = services.eigen_locaties(actor).order_by("naam")
    if not locaties.exists():
        messages.info(request, _("Voeg eerst een locatie toe."))
        return redirect("plekvrij:mijn_plekken_locatie")
    form = forms.NieuwePlekForm(request.POST or None, locaties=locaties)
    saved = submit(
        request,
        form,
        lambda d: services.plek_aanmaken(
            by=actor, locatie=d["locatie"], gegevens=form.gegevens(), wijziging=form.wijziging()
        ),
        success=_("De plek is toegevoegd."),
    )
    if saved:
        return redirect(reverse("plekvrij:mijn_plekken") + f"#plek-{saved.value.uuid}")
    return render(request, "plekvrij/plek_nieuw.html", {"form": form})


@policy(roles=AANBIEDERS, burger=False)
def bestand(request: HttpRequest) -> HttpResponse:
    """Many places at once: download the own places as CSV, change the numbers, upload."""
    actor = _aanbieder(request)
    if request.GET.get("download") == "csv":
        return _csv_download(selectors.mijn_plekken(actor))
    form = forms.BestandForm(request.POST or None, request.FILES or None)

    saved = submit(
        request,
        form,
        lambda d: csvimport.verwerken(by=actor, data=upload_bytes(d["bestand"], max_bytes=csvimport.MAX_BYTES)),
        success=None,  # the page shows the rows read and refused
    )
    resultaat = saved.value if saved else None
    return render(request, "plekvrij/bestand.html", {"form": form, "resultaat": resultaat})


def _csv_download(plekken: QuerySet[Plek]) -> HttpResponse:
    # The place's own names are free text: csv_response keeps a "=..." name from running as a
    # formula; the re-upload reads only the id, the numbers and the date (csvimport.INFORMATIEF).
    rijen = (
        dict(
            zip(
                csvimport.KOLOMMEN_UIT,
                (
                    p.uuid,
                    p.locatie.naam,
                    p.get_soort_display(),
                    p.naam,
                    p.gecontracteerd,
                    p.buiten_gebruik,
                    p.bezet,
                    p.vrij_vanaf.isoformat() if p.vrij_vanaf else "",
                ),
                strict=True,
            )
        )
        for p in plekken
    )
    return csv_response(rijen, csvimport.KOLOMMEN_UIT, filename="plekken.csv")


# --- The provider's own offers on the sociale kaart -------------------------------------------


def _aanbod_maker(request: HttpRequest) -> Actor:
    actor = actor_for(request)
    if not selectors.may_maintain_offers(actor):
        refuse(actor, object_type=logevents.ObjectType.AANBOD, segment=logevents.Segment.AANBOD_WIJZIGEN)
    return actor


@policy(roles=AANBIEDERS, burger=False)
def aanbod_lijst(request: HttpRequest) -> HttpResponse:
    actor = _aanbod_maker(request)
    rows = visible(actor, Hulpaanbod).order_by("titel", "id")
    page = pagina(request, rows, per=50)
    return render(request, "plekvrij/aanbod_lijst.html", {"page": page})


def _aanbod_initial(aanbod: Hulpaanbod) -> dict[str, Any]:
    initial = {naam: getattr(aanbod, naam) for naam in services.AANBOD_VELDEN}
    initial["gemeenten"] = list(aanbod.gemeenten.all())
    return initial


TAAL_VELDEN = ("samenvatting", "voor_wie", "hoe", "volgende_stap")


def _taaltips(request: HttpRequest, form: forms.AanbodForm, data: dict[str, Any]) -> None:
    """The sociale kaart is read by parents and youths: advice in plain language (B1), after saving."""
    tips = taal.check({veld: str(data.get(veld) or "") for veld in TAAL_VELDEN})
    for tip in tips[:5]:
        messages.info(
            request,
            _("Taaltip bij '%(veld)s': “%(fragment)s”. %(advies)s")
            % {"veld": form.fields[tip.veld].label, "fragment": tip.fragment, "advies": tip.advies},
        )


@policy(roles=AANBIEDERS, burger=False)
def aanbod_bewerken(request: HttpRequest, uuid: UUID | None = None) -> HttpResponse:
    actor = _aanbod_maker(request)
    aanbod = None
    if uuid is not None:
        aanbod = visible(actor, Hulpaanbod).filter(uuid=uuid).first()
        if aanbod is None:
            refuse(
                actor,
                object_type=logevents.ObjectType.AANBOD,
                object_id=str(uuid),
                segment=logevents.Segment.AANBOD_WIJZIGEN,
            )
    form = forms.AanbodForm(request.POST or None, initial=_aanbod_initial(aanbod) if aanbod else None)

    def opslaan(d: dict[str, Any]) -> Any:
        gegevens = {k: v for k, v in d.items() if k != "gemeenten"}
        return services.aanbod_opslaan(by=actor, gegevens=gegevens, gemeenten=list(d["gemeenten"]), aanbod=aanbod)

    saved = submit(request, form, opslaan, success=_("Het aanbod is opgeslagen."))
    if saved:
        _taaltips(request, form, form.cleaned_data)
        if saved.value.gepubliceerd:
            return redirect("plekvrij:sociale_kaart_aanbod", uuid=saved.value.uuid)
        return redirect("plekvrij:aanbod")
    return render(request, "plekvrij/aanbod_form.html", {"form": form, "aanbod": aanbod})


# --- Figures for policy staff -----------------------------------------------------------------


@policy(roles=[Rol.BELEID], burger=False)
def cijfers(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    regio = organisaties.eigen_regio(actor)
    if not selectors.may_see_figures(actor) or regio is None:
        refuse(actor, object_type=logevents.ObjectType.PLEK, segment=logevents.Segment.CIJFERS, actie=Actie.SEARCH)
    now = timezone.now()
    vandaag = timezone.localdate(now)
    reeks = list(selectors.reeks(regio, van=vandaag - dt.timedelta(days=13), tot=vandaag))
    return render(
        request,
        "plekvrij/cijfers.html",
        {
            "regio": regio,
            "stand": selectors.stand_van_regio(regio, now=now),
            "reeks": reeks,
            "plaatsing": selectors.tijd_tot_plaatsing(regio, van=now - dt.timedelta(days=365), tot=now),
            "drempel": selectors.DREMPEL,
            "nu": now,
        },
    )


# --- The public sociale kaart -----------------------------------------------------------------


@policy(public=True)
def kaart(request: HttpRequest) -> HttpResponse:
    """Anyone, without logging in: the region's help offers, searchable."""
    form = forms.KaartForm(request.GET or None)
    vraag = form.vraag() if form.is_bound and form.is_valid() else selectors.Kaartvraag()
    page = None
    if not form.is_bound or form.is_valid():
        page = pagina(request, selectors.kaart_zoeken(vraag), per=PAGE_SIZE)
    return render(request, "plekvrij/kaart/zoeken.html", {"form": form, "page": page})


@policy(public=True)
def kaart_aanbod(request: HttpRequest, uuid: UUID) -> HttpResponse:
    aanbod = selectors.kaart_aanbod(uuid)
    if aanbod is None:
        raise Geweigerd  # the public 404; no one to log for an anonymous visitor
    return render(
        request,
        "plekvrij/kaart/aanbod.html",
        {"aanbod": aanbod, "toegangsteams": selectors.toegangsteams_voor(aanbod)},
    )
