"""Plan pages for professionals, the family and its network (thin: parse, call, render).

Every page fetches the plan through `core.access.fetch(actor, Gezinsplan, gezin__uuid=...)`: one
access-log entry with the page's action (a change is logged as that change, once), the plan with
the page's joins and the actor's relation to the family, which the services get (`toegang`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jeugdketen.core import kalender, taal
from jeugdketen.core.access import Actor, Toegang, actor_for, fetch, policy, refuse, request_actie
from jeugdketen.core.forms import Conflict, flash_errors, submit
from jeugdketen.core.models import Actie
from jeugdketen.core.paginering import pagina
from jeugdketen.core.rollen import Rol
from jeugdketen.gezinnen import selectors as gezinnen
from jeugdketen.gezinnen.models import Gezin
from jeugdketen.organisaties import selectors as organisaties

from . import diff, forms, logevents, selectors, services, uitbreidingen
from .logevents import ObjectType, Segment
from .models import Afspraak, Gezinsplan, Planversie

PAGE_SIZE = 25
PLAN_PAGE = selectors.with_plan_page  # the joins every plan page fetches with


@policy(roles=[Rol.HULPVERLENER], burger=False)
def lijst(request: HttpRequest) -> HttpResponse:
    """The family list: paginated, filterable by municipality and regisseur; fixed query count."""
    actor = actor_for(request)
    gemeente = request.GET.get("gemeente", "")[:36]
    regisseur = request.GET.get("regisseur", "")[:36]
    # plan_list_for answers a malformed filter value with an empty list, never an error.
    qs = selectors.plan_list_for(actor, gemeente=gemeente, regisseur=regisseur)
    telling = selectors.lijst_telling(actor, gemeente=gemeente, regisseur=regisseur)
    page = pagina(request, qs, per=PAGE_SIZE, aantal=telling, een_plan=True)  # the consent walk, for every team alike
    plans = list(page.object_list)
    logevents.plans_listed(actor)
    zonder_plan = list(selectors.families_without_plan(actor)[:10]) if not gemeente and not regisseur else []
    return render(
        request,
        "gezinsplan/lijst.html",
        {
            "page": page,
            "plans": plans,
            "zonder_plan": zonder_plan,
            "gemeenten": list(organisaties.gemeenten_in_regio(actor)),
            "gemeente": gemeente,
            "regisseur": regisseur,
            "vandaag": kalender.vandaag(),
        },
    )


@policy()
def plan(request: HttpRequest, gezin: UUID) -> HttpResponse:
    actor = actor_for(request)
    if not selectors.heeft_plan(gezin):
        # No plan yet: a professional with access to the family may start one.
        toegang = fetch(actor, Gezin, uuid=gezin, segment=Segment.GEZINSPLAN)
        if not toegang.relatie.is_professional:
            refuse(actor, object_type=ObjectType.GEZINSPLAN, object_id=str(gezin), segment=Segment.GEZINSPLAN)
        return render(
            request,
            "gezinsplan/plan_starten.html",
            {"gezin": toegang.obj, "rol": toegang.relatie, "form": forms.PlanForm(initial={"basis_versie": 0})},
        )
    return render(request, "gezinsplan/plan.html", _plan_gelezen(actor, gezin, segment=Segment.GEZINSPLAN))


def _plan_gelezen(actor: Actor, gezin: UUID, *, segment: str, actie: str = Actie.READ) -> dict[str, Any]:
    """The plan fetched and its page's context in one transaction: the plan's access-log entry
    and those of the modules shown on it (uitbreidingen, e.g. jeugdhulp's help in place) commit
    once, not once each."""
    with transaction.atomic():
        toegang = fetch(actor, Gezinsplan, gezin__uuid=gezin, segment=segment, actie=actie, related=PLAN_PAGE)
        return _plan_context(actor, toegang, selectors.plan_overview(toegang.obj))


def _plan_context(actor: Actor, toegang: Toegang[Gezinsplan], overzicht: selectors.PlanOverzicht) -> dict[str, Any]:
    obj_plan, rol = toegang.obj, toegang.relatie
    eigen = next((d for d in overzicht.deelnemers if d.is_van(rol, actor)), None)
    return {
        "plan": obj_plan,
        "gezin": obj_plan.gezin,
        "rol": rol,
        "o": overzicht,
        "doelen": [(d, overzicht.scores.get(d.sleutel, [])) for d in overzicht.doelen],
        "mag_wijzigen": services.may_edit(rol, obj_plan),
        "mag_voorwaarden": services.may_set_safety_conditions(actor),
        "eigen_deelnemer": eigen,
        "heeft_ingestemd": bool(eigen and eigen.laatst_ingestemd == obj_plan.versie),
        "reactie_form": forms.ReactieForm(),
        "score_form": forms.ScoreForm(),
        "koppelingen": uitbreidingen.koppelingen(actor, obj_plan.gezin, rol),
    }


@require_POST
@policy(roles=[Rol.HULPVERLENER], burger=False)
def plan_starten(request: HttpRequest, gezin: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(actor, Gezin, uuid=gezin, segment=Segment.GEZINSPLAN)  # the new plan is logged as created
    obj = toegang.obj
    form = forms.PlanForm(request.POST)
    if not form.is_valid():
        return render(
            request, "gezinsplan/plan_starten.html", {"gezin": obj, "rol": toegang.relatie, "form": form}, status=400
        )
    try:
        services.plan_aanmaken(
            gezin=obj,
            by=actor,
            rol=toegang.relatie,
            situatie=form.cleaned_data["situatie"],
            krachten=form.cleaned_data["krachten"],
            volgende_evaluatie=form.cleaned_data["volgende_evaluatie"],
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Het gezinsplan is gestart. U bent de regisseur."))
    return redirect("gezinsplan:plan", gezin=obj.uuid)


def _wie_keuzes(gezin: Gezin) -> list[tuple[str, str]]:
    keuzes = [(f"lid:{lid.uuid}", lid.naam) for lid in gezinnen.members_of(gezin)]
    keuzes += [
        (f"netwerk:{n.uuid}", f"{n.naam} ({n.get_relatie_display()})") for n in gezinnen.network_of(gezin) if n.actief
    ]
    orgs = {
        t.organisatie.uuid: t.organisatie.naam
        for t in gezinnen.active_consents().filter(gezin=gezin).select_related("organisatie")
    }
    keuzes += [(f"org:{uuid}", naam) for uuid, naam in sorted(orgs.items(), key=lambda kv: kv[1])]
    return keuzes


def _wie_key(a: Afspraak) -> str:
    if a.wie_gezinslid is not None:
        return f"lid:{a.wie_gezinslid.uuid}"
    if a.wie_netwerklid is not None:
        return f"netwerk:{a.wie_netwerklid.uuid}"
    return f"org:{a.wie_organisatie.uuid}" if a.wie_organisatie is not None else ""


@policy()
def bewerken(request: HttpRequest, gezin: UUID) -> HttpResponse:
    """Edit the plan: text parts, goals, agreements (and for GI/VT what must change)."""
    actor = actor_for(request)
    toegang = fetch(
        actor, Gezinsplan, gezin__uuid=gezin, segment=Segment.WIJZIGEN, actie=request_actie(request), related=PLAN_PAGE
    )
    obj_plan, rol = toegang.obj, toegang.relatie
    if not services.may_edit(rol, obj_plan):
        messages.info(
            request, _("U kunt dit plan lezen en erop reageren. Wijzigen doet de regisseur of een hulpverlener.")
        )
        return redirect("gezinsplan:plan", gezin=gezin)
    huidig = selectors.version(obj_plan, obj_plan.versie)
    mag_voorwaarden = services.may_set_safety_conditions(actor)
    wie = _wie_keuzes(obj_plan.gezin)
    data = request.POST if request.method == "POST" else None
    form = forms.PlanForm(
        data,
        initial={
            "basis_versie": huidig.nummer,
            "situatie": huidig.situatie,
            "krachten": huidig.krachten,
            "volgende_evaluatie": huidig.volgende_evaluatie,
        },
    )
    doelen = forms.DoelFormSet(
        data,
        prefix="doelen",
        initial=[
            {
                "sleutel": d.sleutel,
                "levensgebied": d.levensgebied,
                "voor_wie": d.voor_wie,
                "resultaat": d.resultaat,
                "streefdatum": d.streefdatum,
                "status": d.status,
            }
            for d in huidig.doelen.all()
        ],
    )
    afspraken_qs = list(huidig.afspraken.select_related("wie_gezinslid", "wie_netwerklid", "wie_organisatie"))
    afspraken = forms.AfspraakFormSet(
        data,
        prefix="afspraken",
        form_kwargs={"wie_keuzes": wie},
        initial=[
            {"sleutel": a.sleutel, "wat": a.wat, "wie": _wie_key(a), "deadline": a.deadline, "status": a.status}
            for a in afspraken_qs
        ],
    )
    voorwaarden = (
        forms.VoorwaardeFormSet(
            data,
            prefix="voorwaarden",
            initial=[{"sleutel": v.sleutel, "tekst": v.tekst} for v in huidig.veiligheidsvoorwaarden.all()],
        )
        if mag_voorwaarden
        else None
    )
    context: dict[str, Any] = {
        "plan": obj_plan,
        "gezin": obj_plan.gezin,
        "rol": rol,
        "form": form,
        "doelen": doelen,
        "afspraken": afspraken,
        "voorwaarden": voorwaarden,
        "huidig": huidig,
        "vaste_voorwaarden": list(huidig.veiligheidsvoorwaarden.all()),
    }
    sub_forms = (doelen, afspraken) if voorwaarden is None else (doelen, afspraken, voorwaarden)
    if request.method == "POST" and all([form.is_valid(), *(f.is_valid() for f in sub_forms)]):
        invoer = _plan_invoer(doelen, afspraken, voorwaarden)
        # Text that would silently go (an empty submit wiped concerns and strengths into a new
        # version): not saved until the user confirms it, with the parts named. A submit based on
        # an older version is not saved anyway: the conflict below shows the newer text first.
        leeg = [
            str(form.fields[veld].label)
            for veld in ("situatie", "krachten")
            if form.cleaned_data["basis_versie"] == huidig.nummer
            and getattr(huidig, veld).strip()
            and not form.cleaned_data[veld].strip()
        ]
        if leeg and not request.POST.get("leeg_bevestigd"):
            context["leeg"] = leeg
            return render(request, "gezinsplan/bewerken.html", context)
        context["leeg_bevestigd"] = bool(leeg)  # carried along when the language tips come next
        tips = (
            []
            if rol.is_gezin or request.POST.get("taal_gezien")
            else taal.check(
                {
                    _("Zorgen"): form.cleaned_data["situatie"],
                    _("Wat gaat goed"): form.cleaned_data["krachten"],
                    **{_("Doel {n}").format(n=i + 1): d.resultaat for i, d in enumerate(invoer.doelen)},
                    **{_("Afspraak {n}").format(n=i + 1): a.wat for i, a in enumerate(invoer.afspraken)},
                }
            )
        )
        if tips:
            context["taaltips"] = tips
            return render(request, "gezinsplan/bewerken.html", context)

    def opslaan(d: dict[str, Any]) -> Planversie:
        invoer = _plan_invoer(doelen, afspraken, voorwaarden)
        return services.plan_wijzigen(
            toegang=toegang,
            by=actor,
            basis_versie=d["basis_versie"],
            situatie=d["situatie"],
            krachten=d["krachten"],
            volgende_evaluatie=d["volgende_evaluatie"],
            doelen=invoer.doelen,
            afspraken=invoer.afspraken,
            veiligheidsvoorwaarden=invoer.voorwaarden,
            toelichting=d["toelichting"],
        )

    uitkomst = submit(
        request,
        form,
        opslaan,
        success=lambda versie: _("Opgeslagen als versie {n}.").format(n=versie.nummer),
        also_valid=sub_forms,
        versie_veld="basis_versie",
    )
    if uitkomst:
        return redirect("gezinsplan:plan", gezin=gezin)
    if isinstance(uitkomst, Conflict):
        nieuwste = uitkomst.nieuwste
        context["conflict"] = nieuwste and selectors.version(obj_plan, nieuwste.nummer)
        return render(request, "gezinsplan/bewerken.html", context, status=uitkomst.status)
    return render(request, "gezinsplan/bewerken.html", context)


@dataclass(frozen=True)
class _PlanInvoer:
    doelen: list[services.DoelInvoer]
    afspraken: list[services.AfspraakInvoer]
    voorwaarden: list[services.VoorwaardeInvoer] | None  # None: this actor does not set them


def _kept(formset: Any, veld: str) -> list[dict[str, Any]]:
    """The cleaned rows of a formset that were neither deleted nor left empty."""
    return [
        f.cleaned_data
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get(veld)
    ]


def _plan_invoer(doelen: Any, afspraken: Any, voorwaarden: Any) -> _PlanInvoer:
    doel_velden = ("levensgebied", "voor_wie", "resultaat", "streefdatum", "status", "sleutel")
    return _PlanInvoer(
        doelen=[services.DoelInvoer(**{k: d[k] for k in doel_velden}) for d in _kept(doelen, "resultaat")],
        afspraken=[
            services.AfspraakInvoer(**{k: d[k] for k in ("wat", "wie", "deadline", "status", "sleutel")})
            for d in _kept(afspraken, "wat")
        ],
        voorwaarden=None
        if voorwaarden is None
        else [
            services.VoorwaardeInvoer(tekst=d["tekst"], sleutel=d.get("sleutel")) for d in _kept(voorwaarden, "tekst")
        ],
    )


@require_POST
@policy()
def instemmen(request: HttpRequest, gezin: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(
        actor, Gezinsplan, gezin__uuid=gezin, segment=Segment.INSTEMMING, actie=Actie.UPDATE, related=PLAN_PAGE
    )
    try:
        nummer = int(request.POST.get("versie", "0"))
    except ValueError:
        nummer = 0
    namens = None
    if toegang.relatie.is_professional and request.POST.get("namens"):
        # A malformed id or another family's member: nobody to agree for.
        namens = gezinnen.member_of(toegang.obj.gezin, request.POST["namens"])
    try:
        services.versie_instemmen(toegang=toegang, by=actor, versie_nummer=nummer, namens=namens)
    except services.VerouderdeVersie:
        messages.error(
            request, _("Er is intussen een nieuwere versie van het plan. Lees die eerst; daarna kunt u instemmen.")
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("U heeft ingestemd met versie {n} van het plan.").format(n=nummer))
    return redirect("gezinsplan:plan", gezin=gezin)


@require_POST
@policy()
def reactie(request: HttpRequest, gezin: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(
        actor, Gezinsplan, gezin__uuid=gezin, segment=Segment.REACTIE, actie=Actie.CREATE, related=PLAN_PAGE
    )
    form = forms.ReactieForm(request.POST)
    if form.is_valid():
        services.reactie_plaatsen(toegang=toegang, by=actor, **form.cleaned_data)
        messages.success(request, _("Dank u. Uw reactie staat bij het plan; de regisseur krijgt een bericht."))
    else:
        messages.error(request, _("Schrijf eerst uw opmerking of voorstel op."))
    return redirect("gezinsplan:plan", gezin=gezin)


@require_POST
@policy()
def reactie_afhandelen(request: HttpRequest, gezin: UUID, reactie: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(
        actor, Gezinsplan, gezin__uuid=gezin, segment=Segment.REACTIE, actie=Actie.UPDATE, related=PLAN_PAGE
    )
    row = selectors.reactie_of(toegang.obj, reactie)
    if row is None:
        refuse(
            actor, object_type=ObjectType.REACTIE, object_id=str(reactie), segment=Segment.REACTIE, actie=Actie.UPDATE
        )
    try:
        services.reactie_afhandelen(toegang=toegang, reactie=row, by=actor, status=request.POST.get("status", ""))
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("gezinsplan:plan", gezin=gezin)


@require_POST
@policy()
def score(request: HttpRequest, gezin: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(
        actor, Gezinsplan, gezin__uuid=gezin, segment=Segment.EVALUATIE, actie=Actie.CREATE, related=PLAN_PAGE
    )
    form = forms.ScoreForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef een cijfer van 1 tot en met 10."))
    else:
        try:
            services.evaluatiescore_toevoegen(
                toegang=toegang,
                by=actor,
                doel_sleutel=form.cleaned_data["doel"],
                score=form.cleaned_data["score"],
                datum=kalender.vandaag(),
                toelichting=form.cleaned_data["toelichting"],
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("Het cijfer is opgeslagen."))
    return redirect("gezinsplan:plan", gezin=gezin)


@policy()
def regie(request: HttpRequest, gezin: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(
        actor, Gezinsplan, gezin__uuid=gezin, segment=Segment.REGIE, actie=request_actie(request), related=PLAN_PAGE
    )
    obj_plan, rol = toegang.obj, toegang.relatie
    form = forms.RegieForm(request.POST or None, keuzes=selectors.regie_candidates(obj_plan))

    def overdragen(d: dict[str, Any]) -> object:
        kind, _sep, ident = d["naar"].partition(":")
        return services.regie_overdragen(
            toegang=toegang,
            by=actor,
            reden=d["reden"],
            naar_gezinslid=gezinnen.member_of(obj_plan.gezin, ident) if kind == "lid" else None,
            naar_medewerker=selectors.regie_professional(obj_plan, ident) if kind == "mw" else None,
        )

    if submit(request, form, overdragen, success=_("De regie is overgedragen.")):
        return redirect("gezinsplan:plan", gezin=gezin)
    historie = selectors.plan_overview(obj_plan).regiegeschiedenis
    return render(
        request,
        "gezinsplan/regie.html",
        {"plan": obj_plan, "gezin": obj_plan.gezin, "rol": rol, "form": form, "historie": historie},
    )


@policy()
def bijeenkomst(request: HttpRequest, gezin: UUID) -> HttpResponse:
    actor = actor_for(request)
    toegang = fetch(
        actor,
        Gezinsplan,
        gezin__uuid=gezin,
        segment=Segment.BIJEENKOMST,
        actie=request_actie(request, Actie.CREATE),
        related=PLAN_PAGE,
    )
    obj_plan, rol = toegang.obj, toegang.relatie
    form = forms.BijeenkomstForm(request.POST or None, initial={"datum": kalender.vandaag()})
    if submit(
        request,
        form,
        lambda d: services.bijeenkomst_vastleggen(toegang=toegang, by=actor, **d),
        success=_("De planbijeenkomst is vastgelegd."),
    ):
        return redirect("gezinsplan:plan", gezin=gezin)
    return render(
        request, "gezinsplan/bijeenkomst.html", {"plan": obj_plan, "gezin": obj_plan.gezin, "rol": rol, "form": form}
    )


@policy()
def versies(request: HttpRequest, gezin: UUID) -> HttpResponse:
    """All versions, and two of them side by side with the differences marked."""
    toegang = fetch(actor_for(request), Gezinsplan, gezin__uuid=gezin, segment=Segment.VERSIES, related=PLAN_PAGE)
    obj_plan, rol = toegang.obj, toegang.relatie
    alle = list(selectors.versions_of(obj_plan)[:200])
    try:
        a = int(request.GET.get("a", obj_plan.versie - 1 or 1))
        b = int(request.GET.get("b", obj_plan.versie))
    except ValueError:
        a, b = max(obj_plan.versie - 1, 1), obj_plan.versie
    vergelijking = None
    if 1 <= a <= obj_plan.versie and 1 <= b <= obj_plan.versie:
        vergelijking = diff.compare(selectors.version(obj_plan, a), selectors.version(obj_plan, b))
    return render(
        request,
        "gezinsplan/versies.html",
        {
            "plan": obj_plan,
            "gezin": obj_plan.gezin,
            "rol": rol,
            "versies": alle,
            "a": a,
            "b": b,
            "vergelijking": vergelijking,
        },
    )


@policy()
def afdrukken(request: HttpRequest, gezin: UUID) -> HttpResponse:
    context = _plan_gelezen(actor_for(request), gezin, segment=Segment.AFDRUKKEN, actie=Actie.PRINT)
    return render(request, "gezinsplan/afdrukken.html", context)


@policy()
def pdf(request: HttpRequest, gezin: UUID) -> HttpResponse:
    """The plan as a PDF for the family's own paper copy (core.pdf: tagged PDF/UA)."""
    from jeugdketen.core.pdf import pdf_response

    context = _plan_gelezen(actor_for(request), gezin, segment=Segment.PDF, actie=Actie.EXPORT)
    return pdf_response(request, "gezinsplan/pdf.html", context, filename="gezinsplan.pdf")
