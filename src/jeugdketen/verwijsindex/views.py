"""Pages of the verwijsindex: thin — parse, call a service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jeugdketen.core.access import actor_for, deny, get_visible_or_404, policy, visible
from jeugdketen.core.forms import apply_errors, flash_errors
from jeugdketen.core.models import Actie
from jeugdketen.core.rollen import Rol
from jeugdketen.core.toegangslog import log_access
from jeugdketen.organisaties import api_auth
from jeugdketen.organisaties.models import ApiSleutel, Gebruiker, Medewerker, Organisatie

from . import csvimport, pseudoniem, selectors, services
from .forms import (
    IdentificatieForm,
    InformerenForm,
    LogboekForm,
    OverlijdenForm,
    RegelsForm,
    UploadForm,
    VerwijderForm,
)
from .models import ZORGVERLENENDE_SOORTEN, Jongere, Match, Melding

MELDER = policy(roles=[Rol.MELDINGSBEVOEGD], burger=False)
BEHEER = policy(roles=[Rol.FUNCTIONEEL_BEHEER], burger=False)
PER_PAGINA = 25


def _org_of_404(request: HttpRequest) -> Organisatie:
    try:
        return services.meldende_organisatie(actor_for(request))
    except services.GeenToegang:
        raise deny(actor_for(request), object_type="verwijsindex", segment="niet_aangesloten") from None


# --- Professionals ------------------------------------------------------------------------


@MELDER
def meldingen(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    organisatie = _org_of_404(request)
    te_informeren = request.GET.get("te_informeren") == "1"
    page = Paginator(selectors.mijn_meldingen(actor, te_informeren=te_informeren), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    log_access(actor, actie=Actie.SEARCH, object_type="verwijsindex_melding", segment="lijst", grondslag="Jeugdwet 7.1")
    return render(
        request,
        "verwijsindex/meldingen.html",
        {"page": page, "te_informeren": te_informeren, "organisatie": organisatie},
    )


@MELDER
@require_http_methods(["GET", "POST"])
def melden(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    _org_of_404(request)
    form = IdentificatieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reg = services.melding_registreren(
                actor=actor,
                identificatie=form.cleaned_data["identificatie"],
                melder=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if not reg.nieuw:
                messages.info(request, _("Uw organisatie had deze jongere al gemeld. Er is niets dubbel gemeld."))
            elif reg.match:
                messages.success(request, _("De melding is opgeslagen. Er is een match: bekijk wie u kunt bellen."))
            else:
                messages.success(request, _("De melding is opgeslagen."))
            return redirect("verwijsindex:melding", uuid=reg.melding.uuid)
    return render(request, "verwijsindex/melden.html", {"form": form})


def _melding(request: HttpRequest, uuid: Any, segment: str, actie: str = Actie.READ) -> Melding:
    return get_visible_or_404(actor_for(request), Melding, uuid=uuid, segment=segment, actie=actie)


@MELDER
def melding(request: HttpRequest, uuid: Any) -> HttpResponse:
    obj = _melding(request, uuid, "melding")
    deelnemers = selectors.match_deelnemers(obj.match) if obj.match is not None else []
    return render(
        request,
        "verwijsindex/melding.html",
        {
            "melding": obj,
            "deelnemers": [d for d in deelnemers if d.pk != obj.pk],
            "archief": selectors.archief_signalen(obj),
            "verwijder_form": VerwijderForm(),
            "informeren_form": InformerenForm(),
        },
    )


@MELDER
@require_POST
def melding_verwijderen(request: HttpRequest, uuid: Any) -> HttpResponse:
    obj = _melding(request, uuid, "verwijderen", Actie.DELETE)
    form = VerwijderForm(request.POST)
    if form.is_valid():
        try:
            services.melding_verwijderen(actor=actor_for(request), melding=obj, reden=form.cleaned_data["reden"])
        except services.GeenToegang:
            raise Http404 from None
        messages.success(request, _("De melding is weggehaald."))
        return redirect("verwijsindex:meldingen")
    messages.error(request, _("Kies een reden om de melding weg te halen."))
    return redirect("verwijsindex:melding", uuid=obj.uuid)


@MELDER
@require_POST
def melding_informeren(request: HttpRequest, uuid: Any) -> HttpResponse:
    obj = _melding(request, uuid, "informeren", Actie.UPDATE)
    form = InformerenForm(request.POST)
    if form.is_valid():
        try:
            services.informeren_vastleggen(
                actor=actor_for(request),
                melding=obj,
                geinformeerd_op=form.cleaned_data.get("geinformeerd_op"),
                reden=form.cleaned_data.get("reden") or "",
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("Opgeslagen."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("verwijsindex:melding", uuid=obj.uuid)


@MELDER
@require_http_methods(["GET", "POST"])
def zoeken(request: HttpRequest) -> HttpResponse:
    """Find the own organisation's registration of a youth; no browsing of anyone else's (B8)."""
    actor = actor_for(request)
    _org_of_404(request)
    form = OverlijdenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sleutel, _zonder = form.cleaned_data["identificatie"].sleutel()
        # Through the registered scope: only the own organisation's current registrations.
        gevonden = visible(actor, Melding).filter(jongere__sleutel=sleutel).first()
        if gevonden is None:
            raise deny(actor, object_type="verwijsindex_melding", segment="zoeken")
        return redirect("verwijsindex:melding", uuid=gevonden.uuid)
    return render(request, "verwijsindex/zoeken.html", {"form": form})


@MELDER
def matches(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    _org_of_404(request)
    page = Paginator(selectors.mijn_matches(actor), PER_PAGINA).get_page(request.GET.get("pagina"))
    log_access(actor, actie=Actie.SEARCH, object_type="verwijsindex_match", segment="lijst", grondslag="Jeugdwet 7.1")
    return render(request, "verwijsindex/matches.html", {"page": page})


@MELDER
def match(request: HttpRequest, uuid: Any) -> HttpResponse:
    actor = actor_for(request)
    obj = get_visible_or_404(actor, Match, uuid=uuid, segment="match")
    deelnemers = selectors.match_deelnemers(obj)
    eigen = [d for d in deelnemers if str(d.organisatie.uuid) == actor.organisatie_id]
    return render(
        request,
        "verwijsindex/match.html",
        {
            "match": obj,
            "anderen": [d for d in deelnemers if d not in eigen],
            "eigen": eigen,
            "kandidaten": [d.organisatie for d in deelnemers if d.organisatie.soort in ZORGVERLENENDE_SOORTEN],
            "ik_voer_regie": obj.regie_organisatie is not None
            and str(obj.regie_organisatie.uuid) == actor.organisatie_id,
        },
    )


def _regie_organisatie(request: HttpRequest, match_obj: Match) -> Organisatie | None:
    wanted = request.POST.get("organisatie", "")
    for d in selectors.match_deelnemers(match_obj):
        if str(d.organisatie.uuid) == wanted:
            return d.organisatie
    return None


@MELDER
@require_POST
def match_regie(request: HttpRequest, uuid: Any) -> HttpResponse:
    actor = actor_for(request)
    obj = get_visible_or_404(actor, Match, uuid=uuid, segment="matchregie", actie=Actie.UPDATE)
    organisatie = _regie_organisatie(request, obj)
    if organisatie is None:
        messages.error(request, _("Kies een organisatie uit de lijst."))
    else:
        try:
            services.regie_toewijzen(actor=actor, match=obj, organisatie=organisatie)
            messages.success(request, _("De regie is gewijzigd."))
        except ValidationError as exc:
            flash_errors(request, exc)
    return redirect("verwijsindex:match", uuid=obj.uuid)


@MELDER
@require_POST
def match_contact(request: HttpRequest, uuid: Any) -> HttpResponse:
    actor = actor_for(request)
    obj = get_visible_or_404(actor, Match, uuid=uuid, segment="contact", actie=Actie.UPDATE)
    try:
        services.contact_vastleggen(actor=actor, match=obj)
    except services.GeenToegang:
        raise deny(actor, object_type="verwijsindex_match", object_id=str(obj.uuid), segment="contact") from None
    messages.success(request, _("Vastgelegd: de professionals hebben contact gehad."))
    return redirect("verwijsindex:match", uuid=obj.uuid)


@MELDER
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    _org_of_404(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    resultaat = None
    if request.method == "POST" and form.is_valid():
        try:
            resultaat = csvimport.verwerken(
                actor=actor,
                melder=request.user,  # type: ignore[arg-type]
                data=form.cleaned_data["bestand"].read(),
            )
        except ValidationError as exc:
            form.add_error("bestand", exc)
    return render(request, "verwijsindex/upload.html", {"form": form, "resultaat": resultaat})


# --- Functional management ------------------------------------------------------------------


def _regio_id(request: HttpRequest) -> int:
    try:
        return services.organisatie_van(actor_for(request)).regio_id
    except services.GeenToegang:
        raise Http404 from None


@BEHEER
def beheer(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.beheer_organisaties(_regio_id(request)), 50).get_page(request.GET.get("pagina"))
    return render(request, "verwijsindex/beheer.html", {"page": page})


@BEHEER
@require_http_methods(["GET", "POST"])
def beheer_organisatie(request: HttpRequest, uuid: Any) -> HttpResponse:
    actor = actor_for(request)
    organisatie = Organisatie.objects.filter(uuid=uuid, regio_id=_regio_id(request)).first()
    if organisatie is None:
        raise deny(actor, object_type="verwijsindex_aansluiting", object_id=str(uuid))
    nieuwe_sleutel = ""
    if request.method == "POST":
        actie = request.POST.get("actie", "")
        try:
            with transaction.atomic():
                nieuwe_sleutel = _beheer_actie(request, organisatie, actie)
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            if not nieuwe_sleutel:
                messages.success(request, _("Opgeslagen."))
                return redirect("verwijsindex:beheer_organisatie", uuid=organisatie.uuid)
    medewerkers = (
        Medewerker.objects.filter(organisatie=organisatie, actief=True)
        .select_related("gebruiker")
        .order_by("gebruiker__last_name", "gebruiker_id", "rol")
    )
    personen: dict[int, dict[str, Any]] = {}
    for m in medewerkers:
        p = personen.setdefault(m.gebruiker_id, {"gebruiker": m.gebruiker, "bevoegd": False})
        p["bevoegd"] = p["bevoegd"] or m.rol == Rol.MELDINGSBEVOEGD
    return render(
        request,
        "verwijsindex/beheer_organisatie.html",
        {
            "organisatie": organisatie,
            "aansluiting": selectors.aansluiting(organisatie),
            "personen": list(personen.values()),
            "sleutels": ApiSleutel.objects.filter(organisatie=organisatie).order_by("-aangemaakt"),
            "nieuwe_sleutel": nieuwe_sleutel,
        },
    )


def _beheer_actie(request: HttpRequest, organisatie: Organisatie, actie: str) -> str:
    actor = actor_for(request)
    gebruiker = None
    if request.POST.get("gebruiker"):
        gebruiker = (
            Gebruiker.objects.filter(uuid=request.POST["gebruiker"]).first()
            if _is_uuid(request.POST["gebruiker"])
            else None
        )
        if gebruiker is None:
            raise ValidationError(_("Kies een medewerker uit de lijst."))
    if actie in {"aansluiten", "afsluiten", "coordinator"}:
        coordinator = (
            gebruiker if actie == "coordinator" else getattr(selectors.aansluiting(organisatie), "coordinator", None)
        )
        services.organisatie_aansluiten(
            actor=actor, organisatie=organisatie, aangesloten=actie != "afsluiten", coordinator=coordinator
        )
    elif actie in {"bevoegd", "onbevoegd"} and gebruiker is not None:
        services.meldingsbevoegdheid_zetten(
            actor=actor, organisatie=organisatie, gebruiker=gebruiker, bevoegd=actie == "bevoegd"
        )
    elif actie == "sleutel_uitgeven":
        systeem = request.POST.get("systeem", "").strip()
        if not systeem:
            raise ValidationError(_("Vul de naam van het systeem in."))
        if not organisatie.aangesloten_verwijsindex:
            raise ValidationError(_("Sluit de organisatie eerst aan op de verwijsindex."))
        _row, plain = api_auth.issue_key(organisatie=organisatie, systeem=systeem, by=request.user)  # type: ignore[arg-type]
        return plain
    elif actie == "sleutel_intrekken":
        waarde = request.POST.get("sleutel", "")
        sleutel = ApiSleutel.objects.filter(organisatie=organisatie, uuid=waarde).first() if _is_uuid(waarde) else None
        if sleutel is None:
            raise ValidationError(_("Deze sleutel bestaat niet."))
        api_auth.revoke_key(sleutel=sleutel)
    else:
        raise ValidationError(_("Onbekende actie."))
    return ""


def _is_uuid(value: str) -> bool:
    import uuid as uuidlib

    try:
        uuidlib.UUID(value)
    except (ValueError, TypeError):
        return False
    return True


@BEHEER
def beheer_regie(request: HttpRequest) -> HttpResponse:
    regio_id = _regio_id(request)
    alles = request.GET.get("alles") == "1"
    page = Paginator(selectors.matches_voor_regie(regio_id, alles=alles), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    log_access(
        actor_for(request),
        actie=Actie.SEARCH,
        object_type="verwijsindex_match",
        segment="regie_overzicht",
        grondslag="Jeugdwet 7.1.3.2 matchregie",
    )
    return render(
        request,
        "verwijsindex/beheer_regie.html",
        {"page": page, "alles": alles, "termijn": selectors.termijn_dagen(regio_id), "zorg": ZORGVERLENENDE_SOORTEN},
    )


@BEHEER
@require_POST
def beheer_regie_toewijzen(request: HttpRequest, uuid: Any) -> HttpResponse:
    actor = actor_for(request)
    obj = selectors.matches_voor_regie(_regio_id(request), alles=True).filter(uuid=uuid).first()
    if obj is None:
        raise deny(actor, object_type="verwijsindex_match", object_id=str(uuid), segment="matchregie")
    organisatie = _regie_organisatie(request, obj)
    if organisatie is None:
        messages.error(request, _("Kies een organisatie uit de lijst."))
    else:
        try:
            services.regie_toewijzen(actor=actor, match=obj, organisatie=organisatie)
            messages.success(request, _("De regie is toegewezen."))
        except ValidationError as exc:
            flash_errors(request, exc)
    return redirect("verwijsindex:beheer_regie")


@BEHEER
@require_http_methods(["GET", "POST"])
def beheer_regels(request: HttpRequest) -> HttpResponse:
    regio_id = _regio_id(request)
    beleid = selectors.regiebeleid(regio_id)
    volgorde = beleid.volgorde if beleid and beleid.volgorde else list(ZORGVERLENENDE_SOORTEN)
    initial: dict[str, Any] = {"termijn_dagen": selectors.termijn_dagen(regio_id)}
    initial.update({f"plek_{s}": i + 1 for i, s in enumerate(volgorde)})
    form = RegelsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.regiebeleid_opslaan(
                actor=actor_for(request), volgorde=form.volgorde(), termijn_dagen=form.cleaned_data["termijn_dagen"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("De regels zijn opgeslagen."))
            return redirect("verwijsindex:beheer_regels")
    return render(request, "verwijsindex/beheer_regels.html", {"form": form})


@BEHEER
def beheer_gebruik(request: HttpRequest) -> HttpResponse:
    return render(request, "verwijsindex/beheer_gebruik.html", {"gebruik": selectors.gebruik(_regio_id(request))})


@BEHEER
@require_http_methods(["GET", "POST"])
def beheer_logboek(request: HttpRequest) -> HttpResponse:
    """The logbook (art. 7.1.2.3 f) of one youth's registrations, without showing the BSN."""
    actor = actor_for(request)
    regio_id = _regio_id(request)
    form = LogboekForm(request.POST or None)
    regels = None
    if request.method == "POST" and form.is_valid():
        client = ""
        if form.cleaned_data.get("bsn"):
            try:
                from jeugdketen.core.bsn import validate_bsn

                sleutel = pseudoniem.for_bsn(validate_bsn(form.cleaned_data["bsn"]))
            except ValidationError as exc:
                form.add_error("bsn", exc)
                sleutel = ""
            jongere = Jongere.objects.filter(sleutel=sleutel).first() if sleutel else None
            client = services.client_id(jongere) if jongere else ""
        else:
            from jeugdketen.core.models import Toegangslogregel

            rij = Toegangslogregel.objects.filter(
                object_type="verwijsindex_melding", object_id=str(form.cleaned_data["melding"])
            ).first()
            client = rij.client_id if rij else ""
        if not form.errors:
            regels = list(selectors.logboek(client, regio_id=regio_id)) if client else []
            log_access(
                actor,
                actie=Actie.SEARCH,
                object_type="verwijsindex_logboek",
                segment="logboek",
                client_id=client or "-",
                grondslag="Jeugdwet 7.1.2.3 f",
            )
            form = LogboekForm()  # the BSN is not echoed back on the page
    return render(request, "verwijsindex/beheer_logboek.html", {"form": form, "regels": regels})


@BEHEER
@require_http_methods(["GET", "POST"])
def beheer_overlijden(request: HttpRequest) -> HttpResponse:
    form = OverlijdenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        n = services.overlijden_vastleggen(actor=actor_for(request), identificatie=form.cleaned_data["identificatie"])
        messages.success(request, _("Vastgelegd. %(n)s meldingen zijn verwijderd en vernietigd.") % {"n": n})
        return redirect("verwijsindex:beheer_overlijden")
    return render(request, "verwijsindex/beheer_overlijden.html", {"form": form})
