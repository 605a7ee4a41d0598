"""Family pages for professionals and for the family itself (thin: parse, call, render).

Every page with a family's data fetches the family through `core.access.fetch` (one access-log
entry, or the logged refusal and the 404), which also gives the actor's relation to the family;
the services get that relation, so nothing asks the scope twice."""

from __future__ import annotations

from typing import Any, TypeVar
from uuid import UUID

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jeugdketen.core import periode as periodes
from jeugdketen.core.access import Actor, actor_for, fetch, policy, refuse, visible
from jeugdketen.core.forms import Info, flash_errors, submit
from jeugdketen.core.models import Actie
from jeugdketen.core.paginering import pagina
from jeugdketen.core.rollen import Rol

from . import brpgegevens, forms, logevents, selectors, services
from .logevents import ObjectType, Segment
from .models import Gezin, Toestemming

T = TypeVar("T")


def _with_gemeente(queryset: QuerySet[Gezin]) -> QuerySet[Gezin]:
    return queryset.select_related("gemeente")


@policy(roles=[Rol.HULPVERLENER], burger=False)
def gezin_nieuw(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    mag_mandaat = actor.organisatie_soort in selectors.MANDAAT_SOORTEN
    form = forms.GezinForm(request.POST or None, mag_mandaat=mag_mandaat)
    leden = forms.LidFormSet(
        request.POST or None,
        prefix="leden",
        initial=None if request.method == "POST" else [{"soort": "ouder", "gezag": True}, {"soort": "jeugdige"}],
    )
    used: list[forms.LidForm] = []  # the member rows filled in; the service names errors by their index

    def aanmaken(d: dict[str, Any]) -> Gezin:
        used[:] = [f for f in leden.forms if f.has_input()]
        return services.gezin_aanmaken(
            by=actor,
            naam=d["naam"],
            gemeente=d["gemeente"],
            leden=[_lid_invoer(f.cleaned_data) for f in used],
            doel=d["doel"],
            einddatum=d["einddatum"],
            mandaat_grondslag=d.get("mandaat_grondslag", ""),
        )

    if saved := submit(
        request,
        form,
        aanmaken,
        success=_("Het gezin is aangemaakt. Maak nu het gezinsplan."),
        also_valid=(leden,),
        prefix_map=lambda: {f"leden-{i}-": f for i, f in enumerate(used)},
    ):
        return redirect("gezinsplan:plan", gezin=saved.value.uuid)
    return render(request, "gezinnen/gezin_nieuw.html", {"form": form, "leden": leden})


@policy()
def gezin_detail(request: HttpRequest, gezin: UUID) -> HttpResponse:
    toegang = fetch(actor_for(request), Gezin, uuid=gezin, segment=Segment.GEZIN, related=_with_gemeente)
    obj, rol = toegang.obj, toegang.relatie
    brp = brpgegevens.bijwerken(gezin=obj, by=actor_for(request)) if rol.soort != selectors.NETWERK else None
    return render(
        request,
        "gezinnen/gezin_detail.html",
        {
            "gezin": obj,
            "rol": rol,
            "brp": brp,
            "leden": selectors.ledenoverzicht(rol, obj),  # only what this relation may see
            "netwerk": list(selectors.network_of(obj)),
            "netwerk_form": forms.NetwerkForm(),
            "lid_form": forms.LidForm(),
            "uitnodiging_code": request.session.pop("uitnodiging_code", None),
        },
    )


def _lid_invoer(d: dict[str, Any]) -> services.LidInvoer:
    velden = ("soort", "voornaam", "achternaam", "bsn", "geboortedatum", "gezag", "bestaande")
    return services.LidInvoer(**{k: d[k] for k in velden})


@policy()
def lid_toevoegen(request: HttpRequest, gezin: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(  # not even the form for a role that may not add members
        actor,
        Gezin,
        uuid=gezin,
        segment=Segment.GEZINSLEDEN,
        mag=lambda t: t.relatie.soort in services.MAG_LEDEN_TOEVOEGEN,
    )
    obj, rol = toegang.obj, toegang.relatie
    form = forms.LidForm(request.POST or None)
    if submit(
        request,
        form,
        lambda d: services.gezinslid_toevoegen(gezin=obj, by=actor, lid=_lid_invoer(d), rol=rol),
        success=_("Het gezinslid is toegevoegd."),
        prefix_map={"0-": form},
    ):
        return redirect("gezinnen:detail", gezin=obj.uuid)
    return render(request, "gezinnen/lid_toevoegen.html", {"gezin": obj, "form": form})


@require_POST
@policy()
def lid_uitnodigen(request: HttpRequest, gezin: UUID, lid: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(actor, Gezin, uuid=gezin, segment=Segment.UITNODIGING)
    obj, rol = toegang.obj, toegang.relatie
    gezinslid = _own(actor, selectors.member_of(obj, lid), ObjectType.GEZINSLID, lid, Segment.UITNODIGING)
    try:
        code = services.gezinslid_uitnodigen(
            gezinslid=gezinslid, by=actor, email=request.POST.get("email", "")[:254], rol=rol
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        request.session["uitnodiging_code"] = code
        messages.success(request, _("De uitnodiging is klaar. Geef de code hieronder door; hij werkt één keer."))
    return redirect("gezinnen:detail", gezin=obj.uuid)


@policy()
def netwerk_uitnodigen(request: HttpRequest, gezin: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(  # not even the form for a role that may not invite
        actor,
        Gezin,
        uuid=gezin,
        segment=Segment.NETWERK,
        mag=lambda t: t.relatie.soort in services.MAG_NETWERK_UITNODIGEN,
    )
    obj, rol = toegang.obj, toegang.relatie
    form = forms.NetwerkForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda d: services.netwerklid_uitnodigen(gezin=obj, by=actor, rol=rol, **d),
        success=_("De uitnodiging is klaar. Geef de code hieronder door; hij werkt één keer."),
    )
    if saved:
        request.session["uitnodiging_code"] = saved.value[1]
        return redirect("gezinnen:detail", gezin=obj.uuid)
    return render(request, "gezinnen/netwerk_uitnodigen.html", {"gezin": obj, "form": form})


@policy()
def toestemmingen(request: HttpRequest, gezin: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(  # the network never sees the family's consents
        actor,
        Gezin,
        uuid=gezin,
        segment=Segment.TOESTEMMING,
        related=_with_gemeente,
        mag=lambda t: t.relatie.soort != selectors.NETWERK,
    )
    obj, rol = toegang.obj, toegang.relatie
    leden = None if rol.is_gezin else list(selectors.members_of(obj))
    zoek = request.GET.get("zoek", "")[:100]
    form = forms.ToestemmingForm(request.POST or None, leden=leden, regio_id=obj.gemeente.regio_id, zoek=zoek)

    def geven(d: dict[str, Any]) -> Toestemming:
        gegeven_door = selectors.member_of(obj, d["gegeven_door"]) if d.get("gegeven_door") else None
        return services.toestemming_geven(
            gezin=obj,
            by=actor,
            rol=rol,
            organisatie=d["organisatie"],
            doel=d["doel"],
            einddatum=d["einddatum"],
            medewerker=d.get("medewerker", ""),
            gegeven_door=gegeven_door,
        )

    if submit(
        request,
        form,
        geven,
        success=lambda t: (
            Info(_("De toestemming is vastgelegd. Die telt pas als ook de ander in het gezin akkoord geeft."))
            if t.wacht_op
            else _("De toestemming is gegeven.")
        ),
    ):
        return redirect("gezinnen:toestemming", gezin=obj.uuid)
    return render(
        request,
        "gezinnen/toestemming.html",
        {
            "gezin": obj,
            "rol": rol,
            "form": form,
            "toestemmingen": list(selectors.consents_of_family(obj)),
            "mandaat_form": forms.MandaatForm() if rol.is_professional else None,
            "zoek": zoek,
        },
    )


def _own(actor: Actor, row: T | None, object_type: str, object_id: UUID, segment: Segment) -> T:
    """A row of the fetched family (a member, a consent) to change; one of another family does
    not exist here (logged refusal)."""
    if row is None:
        refuse(actor, object_type=object_type, object_id=str(object_id), segment=segment, actie=Actie.UPDATE)
    return row


@require_http_methods(["GET"])
@policy()
def toestemming_intrekken_vragen(request: HttpRequest, gezin: UUID, toestemming: UUID) -> HttpResponse:
    """Asks "are you sure?" on a page of its own (no script needed); its button posts the withdrawal."""
    actor = actor_for(request)
    toegang = fetch(actor, Gezin, uuid=gezin, segment=Segment.TOESTEMMING)
    obj, rol = toegang.obj, toegang.relatie
    if rol.soort == selectors.NETWERK:
        refuse(actor, object_type=ObjectType.GEZIN, object_id=str(gezin), segment=Segment.INTREKKEN)
    row = _own(actor, selectors.consent_of(obj, toestemming), ObjectType.TOESTEMMING, toestemming, Segment.INTREKKEN)
    if row.ingetrokken_op is not None:
        return redirect("gezinnen:toestemming", gezin=obj.uuid)
    return render(request, "gezinnen/toestemming_intrekken.html", {"gezin": obj, "rol": rol, "toestemming": row})


@require_POST
@policy()
def toestemming_intrekken(request: HttpRequest, gezin: UUID, toestemming: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(actor, Gezin, uuid=gezin, segment=Segment.TOESTEMMING)
    obj, rol = toegang.obj, toegang.relatie
    row = _own(actor, selectors.consent_of(obj, toestemming), ObjectType.TOESTEMMING, toestemming, Segment.INTREKKEN)
    try:
        services.toestemming_intrekken(toestemming=row, by=actor, rol=rol)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("gezinnen:toestemming", gezin=obj.uuid)
    messages.success(
        request, _("De toestemming is ingetrokken. Vanaf nu kan deze organisatie het gezin niet meer zien.")
    )
    if rol.is_professional and not visible(actor, Gezin).filter(pk=obj.pk).exists():
        return redirect("home")  # the organisation withdrew its own access
    return redirect("gezinnen:toestemming", gezin=obj.uuid)


@require_POST
@policy(burger=True)
def toestemming_bevestigen(request: HttpRequest, gezin: UUID, toestemming: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(actor, Gezin, uuid=gezin, segment=Segment.TOESTEMMING)
    obj, rol = toegang.obj, toegang.relatie
    row = _own(actor, selectors.consent_of(obj, toestemming), ObjectType.TOESTEMMING, toestemming, Segment.TOESTEMMING)
    try:
        services.toestemming_bevestigen(toestemming=row, by=actor, rol=rol)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("U heeft ook toestemming gegeven. De toestemming geldt nu."))
    return redirect("gezinnen:toestemming", gezin=obj.uuid)


@require_POST
@policy(roles=[Rol.HULPVERLENER], burger=False)
def mandaat_vastleggen(request: HttpRequest, gezin: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(actor, Gezin, uuid=gezin, segment=Segment.MANDAAT)
    obj = toegang.obj
    form = forms.MandaatForm(request.POST)
    if form.is_valid():
        try:
            services.mandaat_vastleggen(gezin=obj, by=actor, rol=toegang.relatie, **form.cleaned_data)
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("Het wettelijk mandaat is vastgelegd."))
    else:
        messages.error(request, _("Vul organisatie, grondslag en doel in."))
    return redirect("gezinnen:toestemming", gezin=obj.uuid)


@policy()
def toegangslog(request: HttpRequest, gezin: UUID) -> HttpResponse:
    """The family sees who looked at or changed what, when, as which role."""
    actor = actor_for(request)
    # Only the family itself reads its log; this one entry is the record that it looked.
    toegang = fetch(actor, Gezin, uuid=gezin, segment=Segment.TOEGANGSLOG, mag=lambda t: t.relatie.is_gezin)
    obj, rol = toegang.obj, toegang.relatie
    periode = periodes.from_query(request.GET)
    page = pagina(request, periode.filter(selectors.access_log_of_family(obj)))
    return render(request, "gezinnen/toegangslog.html", {"gezin": obj, "page": page, "rol": rol, "periode": periode})


@policy(public=True)
def uitnodiging(request: HttpRequest) -> HttpResponse:
    """Accept an invitation: the one-time code becomes an own login."""
    form = forms.UitnodigingForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if saved := submit(
        request,
        form,
        lambda d: services.uitnodiging_accepteren(**d),
        success=_("Welkom! U bent ingelogd met uw eigen account."),
    ):
        # The session's data (the message above) moves with it to the new session key.
        login(request, saved.value, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("gezinnen:mijn_gezin")
    return render(request, "gezinnen/uitnodiging.html", {"form": form})


@policy(burger=True)
def mijn_gezin(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    families = list(selectors.citizen_families(actor)[:10])
    logevents.own_families_listed(actor)
    if len(families) == 1:
        return redirect("gezinsplan:plan", gezin=families[0].uuid)
    return render(request, "gezinnen/mijn_gezin.html", {"gezinnen": families})
