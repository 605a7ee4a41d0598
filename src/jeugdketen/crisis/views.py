"""Crisis pages (thin: parse, call a service or selector, render). No page needs JavaScript.

Every case page fetches the case once (`fetch`: one access-log entry, special-category segment; a
read for a page looked at, a change for a page posted) and hands that `toegang` to the service; a
relation that may not see the page is refused by the fetch itself, so only its denial is logged.
Form pages have the one shape of `core.forms.submit`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jeugdketen.core.access import Actor, Toegang, actor_for, fetch, policy, refuse, request_actie
from jeugdketen.core.forms import submit
from jeugdketen.core.models import Actie
from jeugdketen.core.paginering import pagina
from jeugdketen.core.rollen import Rol

from . import forms, logevents, plekken, selectors, services
from .logevents import ObjectType, Segment
from .models import Crisiscasus, MomentSoort, OverdrachtRoute

PAGE_SIZE = 25
CRISIS = (selectors.CRISISDIENST,)
MEELEZERS = (selectors.CRISISDIENST, selectors.MANDAAT)


def _lees(request: HttpRequest, casus: UUID, *, segment: Segment, relaties: Iterable[str]) -> Toegang[Crisiscasus]:
    relaties = tuple(relaties)
    return fetch(
        actor_for(request),
        Crisiscasus,
        uuid=casus,
        segment=segment,
        actie=request_actie(request),
        related=selectors.with_details,
        mag=lambda t: t.relatie in relaties,
    )


def _crisisdienst(actor: Actor, segment: Segment) -> None:
    if not selectors.is_crisisdienst(actor):
        refuse(actor, object_type=ObjectType.CRISISCASUS, segment=segment, actie=Actie.SEARCH)


def _render(request: HttpRequest, template: str, toegang: Toegang[Any], **context: Any) -> HttpResponse:
    return render(request, f"crisis/{template}", {"casus": toegang.obj, "relatie": toegang.relatie, **context})


# --- Board and report ----------------------------------------------------------------------------


@policy(roles=[Rol.TRIAGE], burger=False)
def bord(request: HttpRequest) -> HttpResponse:
    """The crisis board: open cases, the nearest deadline first, each running clock with time
    left or over, flagged at the set share of the norm and when passed."""
    actor = actor_for(request)
    _crisisdienst(actor, Segment.BORD)
    page = pagina(request, selectors.bord(actor), per=PAGE_SIZE)
    rows = selectors.bordregels(list(page.object_list))
    logevents.cases_listed(actor, segment=Segment.BORD)
    return render(request, "crisis/bord.html", {"page": page, "rows": rows, "nu": timezone.now()})


@policy(roles=[Rol.TRIAGE], burger=False)
def melding(request: HttpRequest) -> HttpResponse:
    """One reporting point: the whole report on one page."""
    actor = actor_for(request)
    _crisisdienst(actor, Segment.MELDING)
    regio_id = actor.regio_pk  # the report lists its own region's cases
    data = request.POST if request.method == "POST" else None
    form = forms.MeldingForm(data, regio_id=regio_id)
    jongeren = [forms.JeugdigeForm(data, prefix=f"jeugdige-{i}") for i in range(2)]

    def vastleggen(c: dict[str, Any]) -> Crisiscasus:
        return services.melding_vastleggen(
            by=actor,
            ontvangen_op=c["ontvangen_op"],
            kanaal=c["kanaal"],
            melder_soort=c["melder_soort"],
            melder_organisatie=c["melder_organisatie"],
            melder_naam=c["melder_naam"],
            melder_relatie=c["melder_relatie"],
            melder_telefoon=c["melder_telefoon"],
            gemeente=c["gemeente"],
            plaats=c["plaats"],
            wat_speelt=c["wat_speelt"],
            gevaar=c["gevaar"],
            jeugdigen=[
                services.JeugdigeInvoer(
                    voornaam=j.cleaned_data["voornaam"],
                    achternaam=j.cleaned_data["achternaam"],
                    geboortedatum=j.cleaned_data["geboortedatum"],
                    leeftijd=j.cleaned_data["leeftijd"],
                    bsn=j.cleaned_data["bsn"],
                )
                for j in jongeren
            ],
        )

    saved = submit(
        request,
        form,
        vastleggen,
        success=_("De melding is vastgelegd. Doe nu de triage."),
        also_valid=tuple(jongeren),
        prefix_map={f"jeugdige-{i}-": j for i, j in enumerate(jongeren)},
    )
    if saved:
        return redirect("crisis:triage", casus=saved.value.uuid)
    return render(request, "crisis/melding.html", {"form": form, "jongeren": jongeren})


# --- The case ------------------------------------------------------------------------------------


@policy(roles=[Rol.TRIAGE, Rol.HULPVERLENER], burger=False)
def casus(request: HttpRequest, casus: UUID) -> HttpResponse:
    toegang = _lees(request, casus, segment=Segment.CASUS, relaties=MEELEZERS)
    obj = toegang.obj
    nu = timezone.now()
    return _render(
        request,
        "casus.html",
        toegang,
        momenten=list(obj.momenten.all()),
        klokken=[selectors.stand(k, nu) for k in obj.klokken.all()],
        overdracht=selectors.overdracht_van(obj),
        terugblik=selectors.terugblik_van(obj),
        mag_schrijven=toegang.relatie == selectors.CRISISDIENST,
        plekvrij=plekken.zoeker() is not None,
    )


@policy(roles=[Rol.TRIAGE], burger=False)
def triage(request: HttpRequest, casus: UUID) -> HttpResponse:
    toegang = _lees(request, casus, segment=Segment.TRIAGE, relaties=CRISIS)
    form = forms.TriageForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda c: services.triage_vastleggen(toegang=toegang, by=actor_for(request), **c),
        success=_("De triage is vastgelegd."),
    )
    if saved:
        return redirect("crisis:casus", casus=casus)
    if request.method != "POST" and toegang.obj.aanpak:
        o = toegang.obj
        form = forms.TriageForm(
            initial={
                "tijdstip": timezone.localtime(o.triage_op) if o.triage_op else None,
                "aanpak": o.aanpak,
                "deelnemers": o.triage_deelnemers,
                "ggz": o.triage_ggz,
                "lvb": o.triage_lvb,
                "ter_plaatse_nodig": o.ter_plaatse_nodig,
                "toelichting": o.triage_toelichting,
            }
        )
    return _render(request, "triage.html", toegang, form=form)


@policy(roles=[Rol.TRIAGE], burger=False)
def moment(request: HttpRequest, casus: UUID) -> HttpResponse:
    toegang = _lees(request, casus, segment=Segment.MOMENT, relaties=CRISIS)
    initial = {k: request.GET[k] for k in ("soort", "plek", "plek_ref") if k in request.GET}
    form = forms.MomentForm(request.POST or None, initial=initial)
    saved = submit(
        request,
        form,
        lambda c: services.moment_vastleggen(toegang=toegang, by=actor_for(request), **c),
        success=_("Het moment is vastgelegd."),
    )
    if saved:
        return redirect("crisis:casus", casus=casus)
    return _render(request, "moment.html", toegang, form=form)


@policy(roles=[Rol.TRIAGE], burger=False)
def jeugdige(request: HttpRequest, casus: UUID, jeugdige: UUID | None = None) -> HttpResponse:
    """Complete a youth's identity later (or add a youth)."""
    actor = actor_for(request)
    toegang = _lees(request, casus, segment=Segment.JEUGDIGE, relaties=CRISIS)
    huidige = next((j for j in toegang.obj.jeugdigen.all() if j.uuid == jeugdige), None)
    if jeugdige is not None and huidige is None:
        refuse(actor, object_type=ObjectType.CRISISJEUGDIGE, object_id=str(jeugdige), segment=Segment.JEUGDIGE)
    form = forms.JeugdigeForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda c: services.jeugdige_aanvullen(
            toegang=toegang,
            by=actor,
            jeugdige_uuid=jeugdige,
            invoer=services.JeugdigeInvoer(
                voornaam=c["voornaam"],
                achternaam=c["achternaam"],
                geboortedatum=c["geboortedatum"],
                leeftijd=c["leeftijd"],
                bsn=c["bsn"],
            ),
        ),
        success=_("De gegevens van de jongere zijn opgeslagen."),
    )
    if saved:
        return redirect("crisis:casus", casus=casus)
    if request.method != "POST" and huidige is not None:
        form = forms.JeugdigeForm(
            initial={
                "voornaam": huidige.voornaam,
                "achternaam": huidige.achternaam,
                "leeftijd": huidige.leeftijd_schatting,
                "geboortedatum": huidige.geboortedatum,
                "bsn": huidige.bsn,
            }
        )
    return _render(request, "jeugdige.html", toegang, form=form, jeugdige=huidige)


@policy(roles=[Rol.TRIAGE], burger=False)
def gezin_koppelen(request: HttpRequest, casus: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = _lees(request, casus, segment=Segment.GEZIN, relaties=CRISIS)
    kandidaten = selectors.gezinnen_voor_koppeling(actor, toegang.obj)
    form = forms.GezinKoppelenForm(request.POST or None, gezinnen=kandidaten)
    if submit(
        request,
        form,
        lambda c: services.gezin_koppelen(toegang=toegang, by=actor, gezin=c["gezin"]),
        success=_("De casus is gekoppeld aan het gezin."),
    ):
        return redirect("crisis:casus", casus=casus)
    return _render(request, "gezin_koppelen.html", toegang, form=form, kandidaten=list(kandidaten))


@policy(roles=[Rol.TRIAGE], burger=False)
def deelname(request: HttpRequest, casus: UUID) -> HttpResponse:
    """A GI or Veilig Thuis takes part by legal mandate."""
    toegang = _lees(request, casus, segment=Segment.DEELNAME, relaties=CRISIS)
    form = forms.DeelnameForm(request.POST or None, regio_id=toegang.obj.regio_id)
    if submit(
        request,
        form,
        lambda c: services.deelname_vastleggen(
            toegang=toegang, by=actor_for(request), organisatie=c["organisatie"], grondslag=c["grondslag"]
        ),
        success=_("De organisatie doet mee en kan de casus nu zien."),
    ):
        return redirect("crisis:casus", casus=casus)
    return _render(request, "deelname.html", toegang, form=form)


@policy(roles=[Rol.TRIAGE], burger=False)
def crisisplek(request: HttpRequest, casus: UUID) -> HttpResponse:
    """Find a crisis place free now for the youth's age, nearest first, and reserve it (plekvrij)."""
    actor = actor_for(request)
    toegang = _lees(request, casus, segment=Segment.CRISISPLEK, relaties=CRISIS)
    obj = toegang.obj
    zoeker = plekken.zoeker()
    leeftijden = [(leeftijd, j) for j in obj.jeugdigen.all() if (leeftijd := _leeftijd(j)) is not None]
    leeftijd, jongste = min(leeftijden, key=lambda paar: paar[0]) if leeftijden else (None, None)
    if request.method == "POST" and zoeker is not None:
        try:
            reservering = zoeker.reserveer(
                actor,
                plek_ref=request.POST.get("plek", ""),
                uren=plekken.RESERVERING_UREN,
                kenmerk=f"crisis:{obj.uuid}",
                initialen=_initialen(jongste),
                leeftijd=leeftijd,
            )
        except plekken.PlekNietBeschikbaar:
            messages.error(request, _("Deze plek is net bezet. Kies een andere plek."))
        else:
            messages.success(
                request,
                _("De plek is voor u vastgehouden tot {tijd}. Leg vast wanneer het verblijf begint.").format(
                    tijd=timezone.localtime(reservering.tot).strftime("%H:%M")
                ),
            )
            query = urlencode(
                {"soort": MomentSoort.VERBLIJF_START, "plek": reservering.plek.naam, "plek_ref": reservering.plek.ref}
            )
            return redirect(reverse("crisis:moment", kwargs={"casus": casus}) + "?" + query)
    plekken_nu = (
        zoeker.zoek(actor, leeftijd=leeftijd, gemeente=obj.verantwoordelijke_gemeente, op=timezone.now())
        if zoeker is not None
        else []
    )
    return _render(
        request,
        "crisisplek.html",
        toegang,
        zoeker=zoeker,
        plekken=plekken_nu,
        leeftijd=leeftijd,
        uren=plekken.RESERVERING_UREN,
    )


def _initialen(jeugdige: Any) -> str:
    """The youth's initials for the provider ("X" while the name is unknown), never a name."""
    if jeugdige is None:
        return "X"
    letters = [deel[0] for deel in (jeugdige.voornaam.strip(), jeugdige.achternaam.strip()) if deel[:1].isalpha()]
    return ".".join(letters).upper() + "." if letters else "X"


def _leeftijd(jeugdige: Any) -> int | None:
    from jeugdketen.core import kalender

    if jeugdige.geboortedatum is not None:
        return kalender.leeftijd(jeugdige.geboortedatum, kalender.vandaag())
    return jeugdige.leeftijd_schatting  # type: ignore[no-any-return]


# --- Hand-over, closing, looking back ------------------------------------------------------------


@policy(roles=[Rol.TRIAGE], burger=False)
def overdragen(request: HttpRequest, casus: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = _lees(request, casus, segment=Segment.OVERDRACHT, relaties=CRISIS)
    obj = toegang.obj
    plan = services.plan_voor_overdracht(actor, obj)
    opties = selectors.wie_opties(plan.gezin) if plan is not None else None
    data = request.POST if request.method == "POST" else None
    form = forms.OverdrachtForm(data)
    afspraken = [forms.AfspraakForm(data, prefix=f"afspraak-{i}", wie_opties=opties) for i in range(3)]

    def vastleggen(c: dict[str, Any]) -> Any:
        return services.overdracht_vastleggen(
            toegang=toegang,
            by=actor,
            toestemming_gezin=c["toestemming_gezin"],
            toestemming_door=c["toestemming_door"],
            besluit=c["besluit"],
            volgende_stap=c["volgende_stap"],
            contact_naam=c["contact_naam"],
            contact_telefoon=c["contact_telefoon"],
            veiligheidsplan=c["veiligheidsplan"],
            afspraken=[
                services.AfspraakInvoer(
                    wat=a.cleaned_data["wat"], wie=a.cleaned_data["wie"], uiterlijk=a.cleaned_data["uiterlijk"]
                )
                for a in afspraken
            ],
        )

    saved = submit(request, form, vastleggen, success=_overgedragen, also_valid=tuple(afspraken))
    if saved:
        if saved.value.route != OverdrachtRoute.GEZINSPLAN and saved.value.toegang_organisatie is None:
            messages.warning(
                request,
                _("Er is geen toegangsteam van deze gemeente in Jeugdketen. Bel de gemeente om over te dragen."),
            )
        return redirect("crisis:casus", casus=casus)
    return _render(request, "overdragen.html", toegang, form=form, afspraken=afspraken, plan=plan)


def _overgedragen(overdracht: Any) -> str:
    if overdracht.route == OverdrachtRoute.GEZINSPLAN:
        return _("Overgedragen: de afspraken staan in het gezinsplan en de regisseur is op de hoogte.")
    if overdracht.toegang_organisatie is None:
        return _("De overdracht is vastgelegd.")
    return _("Overgedragen: het toegangsteam van de gemeente is op de hoogte en kan een gezinsplan starten.")


@policy(roles=[Rol.TRIAGE, Rol.HULPVERLENER], burger=False)
def overdracht_bekijken(request: HttpRequest, casus: UUID) -> HttpResponse:
    """The hand-over as the access team (and the crisis service, a GI or Veilig Thuis) sees it."""
    actor = actor_for(request)
    if request.method == "POST":  # only the access team picks it up
        toegang = _lees(request, casus, segment=Segment.OVERDRACHT, relaties=(selectors.TOEGANG,))
        services.overdracht_oppakken(toegang=toegang, by=actor)
        messages.success(request, _("U heeft de overdracht opgepakt."))
        return redirect("crisis:overdracht_bekijken", casus=casus)
    toegang = _lees(request, casus, segment=Segment.OVERDRACHT, relaties=(*MEELEZERS, selectors.TOEGANG))
    overdracht = selectors.overdracht_van(toegang.obj)
    if overdracht is None:
        refuse(actor, object_type=ObjectType.CRISISOVERDRACHT, object_id=str(casus), segment=Segment.OVERDRACHT)
    return _render(request, "overdracht.html", toegang, overdracht=overdracht)


@policy(roles=[Rol.TRIAGE], burger=False)
def sluiten(request: HttpRequest, casus: UUID) -> HttpResponse:
    toegang = _lees(request, casus, segment=Segment.SLUITEN, relaties=CRISIS)
    form = forms.SluitenForm(request.POST or None)
    if submit(
        request,
        form,
        lambda c: services.casus_sluiten(toegang=toegang, by=actor_for(request), **c),
        success=_("De casus is gesloten. Kijk nu samen terug."),
    ):
        return redirect("crisis:terugblik", casus=casus)
    return _render(request, "sluiten.html", toegang, form=form)


@policy(roles=[Rol.TRIAGE], burger=False)
def terugblik(request: HttpRequest, casus: UUID) -> HttpResponse:
    toegang = _lees(request, casus, segment=Segment.TERUGBLIK, relaties=CRISIS)
    form = forms.TerugblikForm(request.POST or None)
    if submit(
        request,
        form,
        lambda c: services.terugblik_vastleggen(
            toegang=toegang, by=actor_for(request), **{**c, "themas": list(c["themas"])}
        ),
        success=_("De terugblik is opgeslagen."),
    ):
        return redirect("crisis:casus", casus=casus)
    bestaand = selectors.terugblik_van(toegang.obj)
    if request.method != "POST" and bestaand is not None:
        form = forms.TerugblikForm(
            initial={
                "wat_ging_vooraf": bestaand.wat_ging_vooraf,
                "wat_had_eerder_gekund": bestaand.wat_had_eerder_gekund,
                "themas": list(bestaand.themas.all()),
            }
        )
    return _render(request, "terugblik.html", toegang, form=form)


# --- Lists for the access team and the family ----------------------------------------------------


@policy(roles=[Rol.HULPVERLENER], burger=False)
def overdrachten(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    if not selectors.ziet_overdrachten(actor):
        refuse(actor, object_type=ObjectType.CRISISCASUS, segment=Segment.OVERDRACHTEN, actie=Actie.SEARCH)
    page = pagina(request, selectors.overdrachten_voor(actor), per=PAGE_SIZE)
    logevents.cases_listed(actor, segment=Segment.OVERDRACHTEN)
    return render(request, "crisis/overdrachten.html", {"page": page})


@policy()
def gezin(request: HttpRequest, casus: UUID) -> HttpResponse:
    """For the family: what was decided, the next step and whom to call (plain language)."""
    toegang = _lees(request, casus, segment=Segment.VOOR_HET_GEZIN, relaties=(selectors.GEZIN, selectors.CRISISDIENST))
    return _render(request, "gezin.html", toegang, overdracht=selectors.overdracht_van(toegang.obj))
