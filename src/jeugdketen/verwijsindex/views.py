"""Pages of the verwijsindex: thin — parse, call a service or selector, render."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from jeugdketen.core.access import Actor, actor_for, fetch, policy, refuse, visible
from jeugdketen.core.bsn import validate_bsn
from jeugdketen.core.forms import flash_errors, submit
from jeugdketen.core.models import Actie
from jeugdketen.core.paginering import pagina
from jeugdketen.core.rollen import Rol
from jeugdketen.organisaties import api_auth
from jeugdketen.organisaties.models import Gebruiker, Organisatie
from jeugdketen.organisaties.selectors import acting_person, person_of

from . import csvimport, logevents, selectors, services
from . import gezinsmatch as gezinsmatch_module
from .forms import (
    IdentificatieForm,
    InformerenForm,
    LogboekForm,
    OverlijdenForm,
    RegelsForm,
    UploadForm,
    VerwijderForm,
)
from .logevents import ObjectType, Segment
from .models import ZORGVERLENENDE_SOORTEN, Gezinsmatch, Match, Melding
from .selectors import Relatie

MELDER = policy(roles=[Rol.MELDINGSBEVOEGD], burger=False)
BEHEER = policy(roles=[Rol.FUNCTIONEEL_BEHEER], burger=False)
PER_PAGINA = 25


def _melder(actor: Actor) -> Gebruiker:
    """The professional registering in the app: the person behind the session."""
    return acting_person(actor, object_type=ObjectType.INDEX, segment=Segment.NIET_AANGESLOTEN, actie=Actie.READ)


# --- Professionals ------------------------------------------------------------------------


@MELDER
def meldingen(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    organisatie = services.meldende_organisatie(actor)
    te_informeren = request.GET.get("te_informeren") == "1"
    page = pagina(request, selectors.mijn_meldingen(actor, te_informeren=te_informeren), per=PER_PAGINA)
    logevents.meldingen_listed(actor)
    return render(
        request,
        "verwijsindex/meldingen.html",
        {"page": page, "te_informeren": te_informeren, "organisatie": organisatie},
    )


def _gemeld(reg: services.Registratie) -> str:
    if not reg.nieuw:
        return _("Uw organisatie had deze jongere al gemeld. Er is niets dubbel gemeld.")
    if reg.match:
        return _("De melding is opgeslagen. Er is een match: bekijk wie u kunt bellen.")
    return _("De melding is opgeslagen.")


@MELDER
@require_http_methods(["GET", "POST"])
def melden(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    services.meldende_organisatie(actor)
    form = IdentificatieForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda d: services.melding_registreren(actor=actor, identificatie=d["identificatie"], melder=_melder(actor)),
        success=_gemeld,
    )
    if saved:
        return redirect("verwijsindex:melding", uuid=saved.value.melding.uuid)
    return render(request, "verwijsindex/melden.html", {"form": form})


@MELDER
def melding(request: HttpRequest, uuid: UUID) -> HttpResponse:
    obj = fetch(actor_for(request), Melding, uuid=uuid, segment=Segment.MELDING).obj
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
def melding_verwijderen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    actor = actor_for(request)
    form = VerwijderForm(request.POST)
    if not form.is_valid():
        fetch(actor, Melding, uuid=uuid, segment=Segment.VERWIJDEREN)  # nothing removed: only looked at
        messages.error(request, _("Kies een reden om de melding weg te halen."))
        return redirect("verwijsindex:melding", uuid=uuid)
    reden = form.cleaned_data["reden"]
    # The fetch is the removal's one log entry (with its reason), in the removal's transaction.
    with transaction.atomic():
        toegang = fetch(actor, Melding, uuid=uuid, segment=logevents.verwijderd(reden), actie=Actie.DELETE)
        services.melding_verwijderen(actor=actor, toegang=toegang, reden=reden)
    messages.success(request, _("De melding is weggehaald."))
    return redirect("verwijsindex:meldingen")


@MELDER
@require_POST
def melding_informeren(request: HttpRequest, uuid: UUID) -> HttpResponse:
    actor = actor_for(request)
    form = InformerenForm(request.POST)
    try:
        # The fetch is the change's one log entry, in the change's transaction: input that is
        # refused leaves no "changed" entry (and the page it returns to shows nothing new).
        with transaction.atomic():
            toegang = fetch(actor, Melding, uuid=uuid, segment=Segment.INFORMEREN, actie=Actie.UPDATE)
            if not form.is_valid():
                raise ValidationError([str(e) for errs in form.errors.values() for e in errs])
            services.informeren_vastleggen(
                actor=actor,
                toegang=toegang,
                geinformeerd_op=form.cleaned_data.get("geinformeerd_op"),
                reden=form.cleaned_data.get("reden") or "",
            )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Opgeslagen."))
    return redirect("verwijsindex:melding", uuid=uuid)


@MELDER
@require_http_methods(["GET", "POST"])
def zoeken(request: HttpRequest) -> HttpResponse:
    """Find the own organisation's registration of a youth; no browsing of anyone else's (B8)."""
    actor = actor_for(request)
    services.meldende_organisatie(actor)
    form = OverlijdenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sleutel, _zonder = form.cleaned_data["identificatie"].sleutel()
        # Through the registered scope: only the own organisation's current registrations. The
        # page it leads to fetches (and logs) the registration.
        gevonden = visible(actor, Melding).filter(jongere__sleutel=sleutel).first()
        if gevonden is None:
            refuse(actor, object_type=ObjectType.MELDING, segment=Segment.ZOEKEN)
        return redirect("verwijsindex:melding", uuid=gevonden.uuid)
    return render(request, "verwijsindex/zoeken.html", {"form": form})


@MELDER
def matches(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    services.meldende_organisatie(actor)
    page = pagina(request, selectors.mijn_matches(actor), per=PER_PAGINA)
    logevents.matches_listed(actor)
    return render(request, "verwijsindex/matches.html", {"page": page})


@MELDER
def match(request: HttpRequest, uuid: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(actor, Match, uuid=uuid, segment=Segment.MATCH)
    obj = toegang.obj
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
            "ik_voer_regie": toegang.relatie == Relatie.REGIE,
        },
    )


@MELDER
def gezinsmatch(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """A family match: only that another youth of the same family is registered, and by whom."""
    actor = actor_for(request)
    obj = fetch(actor, Gezinsmatch, uuid=uuid, segment=Segment.GEZINSMATCH).obj
    deelnemers = gezinsmatch_module.deelnemers(obj)
    eigen = [d for d in deelnemers if str(d.organisatie.uuid) == actor.organisatie_id]
    # only registrations on the other youths (those on the actor's own youth are the plain match)
    eigen_jongeren = {d.jongere_id for d in eigen}
    anderen = [d for d in deelnemers if d.jongere_id not in eigen_jongeren]
    return render(request, "verwijsindex/gezinsmatch.html", {"gezinsmatch": obj, "eigen": eigen, "anderen": anderen})


def _regie_organisatie(request: HttpRequest, match_obj: Match) -> Organisatie | None:
    wanted = request.POST.get("organisatie", "")
    for d in selectors.match_deelnemers(match_obj):
        if str(d.organisatie.uuid) == wanted:
            return d.organisatie
    return None


def _regie_wijzigen(request: HttpRequest, uuid: UUID, *, gelukt: str) -> None:
    """Change a match's coordination: a participant by agreement, functional management by
    assignment (the scope's relation tells which). The outcome goes to the messages."""
    actor = actor_for(request)
    try:
        with transaction.atomic():  # the fetch is the change's one entry; refused input leaves none
            toegang = fetch(actor, Match, uuid=uuid, segment=Segment.MATCHREGIE, actie=Actie.UPDATE)
            organisatie = _regie_organisatie(request, toegang.obj)
            if organisatie is None:
                raise ValidationError(_("Kies een organisatie uit de lijst."))
            services.regie_toewijzen(actor=actor, toegang=toegang, organisatie=organisatie)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, gelukt)


@MELDER
@require_POST
def match_regie(request: HttpRequest, uuid: UUID) -> HttpResponse:
    _regie_wijzigen(request, uuid, gelukt=_("De regie is gewijzigd."))
    return redirect("verwijsindex:match", uuid=uuid)


@MELDER
@require_POST
def match_contact(request: HttpRequest, uuid: UUID) -> HttpResponse:
    actor = actor_for(request)
    with transaction.atomic():  # a refused contact leaves no "changed" entry, only the denial
        toegang = fetch(actor, Match, uuid=uuid, segment=Segment.CONTACT, actie=Actie.UPDATE)
        services.contact_vastleggen(actor=actor, toegang=toegang)
    messages.success(request, _("Vastgelegd: de professionals hebben contact gehad."))
    return redirect("verwijsindex:match", uuid=toegang.obj.uuid)


@MELDER
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    services.meldende_organisatie(actor)
    form = UploadForm(request.POST or None, request.FILES or None)
    resultaat = None
    if request.method == "POST" and form.is_valid():
        try:
            resultaat = csvimport.verwerken(
                actor=actor, melder=_melder(actor), data=form.cleaned_data["bestand"].read()
            )
        except ValidationError as exc:
            form.add_error("bestand", exc)
    return render(request, "verwijsindex/upload.html", {"form": form, "resultaat": resultaat})


# --- Functional management ------------------------------------------------------------------


def _regio_id(request: HttpRequest) -> int:
    return services.organisatie_van(actor_for(request)).regio_id


@BEHEER
def beheer(request: HttpRequest) -> HttpResponse:
    page = pagina(request, selectors.beheer_organisaties(_regio_id(request)), per=50)
    return render(request, "verwijsindex/beheer.html", {"page": page})


@BEHEER
@require_http_methods(["GET", "POST"])
def beheer_organisatie(request: HttpRequest, uuid: UUID) -> HttpResponse:
    actor = actor_for(request)
    organisatie = selectors.beheer_organisatie(_regio_id(request), uuid)
    if organisatie is None:
        refuse(actor, object_type=ObjectType.AANSLUITING, object_id=str(uuid), segment=Segment.BEHEER)
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
    return render(
        request,
        "verwijsindex/beheer_organisatie.html",
        {
            "organisatie": organisatie,
            "aansluiting": selectors.aansluiting(organisatie),
            "personen": selectors.personen_van(organisatie),
            "sleutels": selectors.api_sleutels(organisatie),
            "nieuwe_sleutel": nieuwe_sleutel,
        },
    )


def _beheer_actie(request: HttpRequest, organisatie: Organisatie, actie: str) -> str:
    actor = actor_for(request)
    gebruiker = None
    if request.POST.get("gebruiker"):
        gebruiker = selectors.medewerker_van(organisatie, request.POST["gebruiker"])
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
        _row, plain = api_auth.issue_key(organisatie=organisatie, systeem=systeem, by=person_of(actor))
        return plain
    elif actie == "sleutel_intrekken":
        sleutel = selectors.api_sleutel(organisatie, request.POST.get("sleutel", ""))
        if sleutel is None:
            raise ValidationError(_("Deze sleutel bestaat niet."))
        api_auth.revoke_key(sleutel=sleutel)
    else:
        raise ValidationError(_("Onbekende actie."))
    return ""


@BEHEER
def beheer_regie(request: HttpRequest) -> HttpResponse:
    regio_id = _regio_id(request)
    alles = request.GET.get("alles") == "1"
    page = pagina(request, selectors.matches_voor_regie(regio_id, alles=alles), per=PER_PAGINA)
    logevents.regie_overview_listed(actor_for(request))
    return render(
        request,
        "verwijsindex/beheer_regie.html",
        {"page": page, "alles": alles, "termijn": selectors.termijn_dagen(regio_id), "zorg": ZORGVERLENENDE_SOORTEN},
    )


@BEHEER
@require_POST
def beheer_regie_toewijzen(request: HttpRequest, uuid: UUID) -> HttpResponse:
    # Through the match scope: for functional management, the current matches of its region.
    _regie_wijzigen(request, uuid, gelukt=_("De regie is toegewezen."))
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
    if submit(
        request,
        form,
        lambda d: services.regiebeleid_opslaan(
            actor=actor_for(request), volgorde=form.volgorde(), termijn_dagen=d["termijn_dagen"]
        ),
        success=_("De regels zijn opgeslagen."),
    ):
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
                client = selectors.client_voor_bsn(validate_bsn(form.cleaned_data["bsn"]))
            except ValidationError as exc:
                form.add_error("bsn", exc)
        else:
            client = selectors.client_voor_melding(form.cleaned_data["melding"])
        if not form.errors:
            regels = list(selectors.logboek(client, regio_id=regio_id)) if client else []
            logevents.logboek_searched(actor, client=client)
            form = LogboekForm()  # the BSN is not echoed back on the page
    return render(request, "verwijsindex/beheer_logboek.html", {"form": form, "regels": regels})


@BEHEER
@require_http_methods(["GET", "POST"])
def beheer_overlijden(request: HttpRequest) -> HttpResponse:
    form = OverlijdenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        n = services.overlijden_vastleggen(actor=actor_for(request), identificatie=form.cleaned_data["identificatie"])
        messages.success(
            request,
            ngettext(
                "Vastgelegd. %(n)s melding is verwijderd en vernietigd.",
                "Vastgelegd. %(n)s meldingen zijn verwijderd en vernietigd.",
                n,
            )
            % {"n": n},
        )
        return redirect("verwijsindex:beheer_overlijden")
    return render(request, "verwijsindex/beheer_overlijden.html", {"form": form})
