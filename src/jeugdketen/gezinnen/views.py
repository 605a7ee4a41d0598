"""Family pages for professionals and for the family itself (thin: parse, call, render)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jeugdketen.core import periode as periodes
from jeugdketen.core.access import Actor, actor_for, deny, get_visible_or_404, policy
from jeugdketen.core.forms import apply_errors, flash_errors
from jeugdketen.core.models import Actie
from jeugdketen.core.rollen import Rol
from jeugdketen.core.toegangslog import log_access
from jeugdketen.organisaties.models import Gebruiker

from . import forms, selectors, services
from .models import Gezin, Gezinslid, Toestemming


def _family(request: HttpRequest, gezin_uuid: UUID, segment: str) -> tuple[Actor, Gezin, selectors.GezinsRol]:
    actor = actor_for(request)
    gezin = get_visible_or_404(actor, Gezin, uuid=gezin_uuid, segment=segment)
    rol = selectors.rol_in_gezin(actor, gezin)
    if rol is None:  # cannot happen while scope and role agree; stay closed if they ever do not
        raise deny(actor, object_type="gezin", object_id=str(gezin_uuid), segment=segment)
    return actor, gezin, rol


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
    if request.method == "POST":
        form_ok, leden_ok = form.is_valid(), leden.is_valid()
        if form_ok and leden_ok:
            used = [f for f in leden.forms if f.has_input()]
            invoer = [
                services.LidInvoer(
                    **{
                        k: f.cleaned_data[k]
                        for k in ("soort", "voornaam", "achternaam", "bsn", "geboortedatum", "gezag")
                    }
                )
                for f in used
            ]
            try:
                gezin = services.gezin_create(
                    by=actor,
                    naam=form.cleaned_data["naam"],
                    gemeente=form.cleaned_data["gemeente"],
                    leden=invoer,
                    doel=form.cleaned_data["doel"],
                    einddatum=form.cleaned_data["einddatum"],
                    mandaat_grondslag=form.cleaned_data.get("mandaat_grondslag", ""),
                )
            except ValidationError as exc:
                apply_errors(form, exc, prefix_map={f"leden-{i}-": f for i, f in enumerate(used)})
            else:
                messages.success(request, _("Het gezin is aangemaakt. Maak nu het gezinsplan."))
                return redirect("gezinsplan:plan", gezin=gezin.uuid)
    return render(request, "gezinnen/gezin_nieuw.html", {"form": form, "leden": leden})


@policy()
def gezin_detail(request: HttpRequest, gezin: UUID) -> HttpResponse:
    actor, obj, rol = _family(request, gezin, "gezin")
    if rol.soort == selectors.NETWERK and not (rol.netwerklid and rol.netwerklid.ziet_plan):
        # The family has not shared anything with this network member (yet).
        raise deny(actor, object_type="gezin", object_id=str(gezin), segment="gezin")
    leden = list(selectors.members_of(obj).select_related("gebruiker"))
    netwerk = list(selectors.network_of(obj))
    return render(
        request,
        "gezinnen/gezin_detail.html",
        {
            "gezin": obj,
            "rol": rol,
            "leden": leden,
            "netwerk": netwerk,
            "netwerk_form": forms.NetwerkForm(),
            "lid_form": forms.LidForm(),
            "uitnodiging_code": request.session.pop("uitnodiging_code", None),
        },
    )


@policy()
def lid_toevoegen(request: HttpRequest, gezin: UUID) -> HttpResponse:
    actor, obj, rol = _family(request, gezin, "gezinsleden")
    if rol.soort not in services.MAG_LEDEN_TOEVOEGEN:
        raise deny(actor, object_type="gezin", object_id=str(gezin), segment="gezinsleden")
    form = forms.LidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invoer = services.LidInvoer(
            **{k: form.cleaned_data[k] for k in ("soort", "voornaam", "achternaam", "bsn", "geboortedatum", "gezag")}
        )
        try:
            services.gezinslid_toevoegen(gezin=obj, by=actor, lid=invoer)
        except ValidationError as exc:
            apply_errors(form, exc, prefix_map={"0-": form})
        else:
            messages.success(request, _("Het gezinslid is toegevoegd."))
            return redirect("gezinnen:detail", gezin=obj.uuid)
    return render(request, "gezinnen/lid_toevoegen.html", {"gezin": obj, "form": form})


@require_POST
@policy()
def lid_uitnodigen(request: HttpRequest, gezin: UUID, lid: UUID) -> HttpResponse:
    actor, obj, rol = _family(request, gezin, "uitnodiging")
    gezinslid = Gezinslid.objects.filter(gezin=obj, uuid=lid).first()
    if gezinslid is None:
        raise Http404
    try:
        code = services.gezinslid_uitnodigen(gezinslid=gezinslid, by=actor, email=request.POST.get("email", "")[:254])
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        request.session["uitnodiging_code"] = code
        messages.success(request, _("De uitnodiging is klaar. Geef de code hieronder door; hij werkt één keer."))
    return redirect("gezinnen:detail", gezin=obj.uuid)


@policy()
def netwerk_uitnodigen(request: HttpRequest, gezin: UUID) -> HttpResponse:
    actor, obj, rol = _family(request, gezin, "netwerk")
    if rol.soort not in services.MAG_NETWERK_UITNODIGEN:
        raise deny(actor, object_type="gezin", object_id=str(gezin), segment="netwerk")
    form = forms.NetwerkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _lid, code = services.netwerklid_uitnodigen(gezin=obj, by=actor, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            request.session["uitnodiging_code"] = code
            messages.success(request, _("De uitnodiging is klaar. Geef de code hieronder door; hij werkt één keer."))
            return redirect("gezinnen:detail", gezin=obj.uuid)
    return render(request, "gezinnen/netwerk_uitnodigen.html", {"gezin": obj, "form": form})


@policy()
def toestemmingen(request: HttpRequest, gezin: UUID) -> HttpResponse:
    actor, obj, rol = _family(request, gezin, "toestemming")
    if rol.soort == selectors.NETWERK:
        raise deny(actor, object_type="gezin", object_id=str(gezin), segment="toestemming")
    leden = None if rol.is_gezin else list(selectors.members_of(obj))
    form = forms.ToestemmingForm(request.POST or None, leden=leden, regio_id=obj.gemeente.regio_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        medewerker = None
        if data.get("medewerker"):
            # Only someone who works at the chosen organisation: the answer must not tell whether
            # a username exists elsewhere.
            medewerker = Gebruiker.objects.filter(
                username=data["medewerker"],
                soort="medewerker",
                medewerkerschappen__organisatie=data["organisatie"],
                medewerkerschappen__actief=True,
            ).first()
            if medewerker is None:
                form.add_error(
                    "medewerker",
                    _(
                        "Deze gebruikersnaam hoort niet bij een medewerker van deze organisatie. "
                        "Laat het veld leeg voor de hele organisatie."
                    ),
                )
        gegeven_door = None
        if data.get("gegeven_door"):
            gegeven_door = Gezinslid.objects.filter(gezin=obj, uuid=data["gegeven_door"]).first()
        if not form.errors:
            try:
                toestemming = services.toestemming_geven(
                    gezin=obj,
                    by=actor,
                    organisatie=data["organisatie"],
                    doel=data["doel"],
                    einddatum=data["einddatum"],
                    medewerker=medewerker,
                    gegeven_door=gegeven_door,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                if toestemming.wacht_op:
                    messages.info(
                        request,
                        _("De toestemming is vastgelegd. Die telt pas als ook de ander in het gezin akkoord geeft."),
                    )
                else:
                    messages.success(request, _("De toestemming is gegeven."))
                return redirect("gezinnen:toestemming", gezin=obj.uuid)
    rows = list(selectors.consents_of_family(obj))
    for row in rows:
        row.is_actief = selectors.is_consent_active(row)  # type: ignore[attr-defined]
    return render(
        request,
        "gezinnen/toestemming.html",
        {
            "gezin": obj,
            "rol": rol,
            "form": form,
            "toestemmingen": rows,
            "mandaat_form": forms.MandaatForm() if rol.is_professional else None,
        },
    )


def _consent(obj: Gezin, uuid: UUID) -> Toestemming:
    row = Toestemming.objects.filter(gezin=obj, uuid=uuid).select_related("gezin", "organisatie").first()
    if row is None:
        raise Http404
    return row


@require_POST
@policy()
def toestemming_intrekken(request: HttpRequest, gezin: UUID, toestemming: UUID) -> HttpResponse:
    actor, obj, rol = _family(request, gezin, "toestemming")
    try:
        services.toestemming_intrekken(toestemming=_consent(obj, toestemming), by=actor)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("gezinnen:toestemming", gezin=obj.uuid)
    messages.success(
        request, _("De toestemming is ingetrokken. Vanaf nu kan deze organisatie het gezin niet meer zien.")
    )
    if rol.is_professional and selectors.rol_in_gezin(actor, obj) is None:
        return redirect("home")
    return redirect("gezinnen:toestemming", gezin=obj.uuid)


@require_POST
@policy(burger=True)
def toestemming_bevestigen(request: HttpRequest, gezin: UUID, toestemming: UUID) -> HttpResponse:
    actor, obj, rol = _family(request, gezin, "toestemming")
    try:
        services.toestemming_bevestigen(toestemming=_consent(obj, toestemming), by=actor)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("U heeft ook toestemming gegeven. De toestemming geldt nu."))
    return redirect("gezinnen:toestemming", gezin=obj.uuid)


@require_POST
@policy(roles=[Rol.HULPVERLENER], burger=False)
def mandaat_vastleggen(request: HttpRequest, gezin: UUID) -> HttpResponse:
    actor, obj, rol = _family(request, gezin, "mandaat")
    form = forms.MandaatForm(request.POST)
    if form.is_valid():
        try:
            services.mandaat_vastleggen(gezin=obj, by=actor, **form.cleaned_data)
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
    actor, obj, rol = _family(request, gezin, "toegangslog")
    if not rol.is_gezin:
        raise deny(actor, object_type="gezin", object_id=str(gezin), segment="toegangslog")
    services.toegangslog_bekeken(gezin=obj, by=actor)
    periode = periodes.from_query(request.GET)
    page = Paginator(periode.filter(selectors.access_log_of_family(obj)), 25).get_page(request.GET.get("pagina"))
    return render(request, "gezinnen/toegangslog.html", {"gezin": obj, "page": page, "rol": rol, "periode": periode})


@policy(public=True)
def uitnodiging(request: HttpRequest) -> HttpResponse:
    """Accept an invitation: the one-time code becomes an own login."""
    form = forms.UitnodigingForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.uitnodiging_accepteren(**form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welkom! U bent ingelogd met uw eigen account."))
            return redirect("gezinnen:mijn_gezin")
    return render(request, "gezinnen/uitnodiging.html", {"form": form})


@policy(burger=True)
def mijn_gezin(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    families = list(selectors.citizen_families(actor)[:10])
    log_access(actor, actie=Actie.SEARCH, object_type="gezin", segment="mijn gezinnen")
    if len(families) == 1:
        return redirect("gezinsplan:plan", gezin=families[0].uuid)
    return render(request, "gezinnen/mijn_gezin.html", {"gezinnen": families})
