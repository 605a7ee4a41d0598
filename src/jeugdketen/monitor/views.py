"""The monitor's pages: policy staff (role beleid) see the region's figures, never a person;
providers see their own waiting-time and occupancy figures; the open data is public.

Every page and export reads only the facts (selectors over `Feit`); the suppression is applied
there, once."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jeugdketen.core.access import Actor, Geweigerd, actor_for, policy, refuse_route
from jeugdketen.core.csv_export import csv_response
from jeugdketen.core.forms import submit, upload_bytes
from jeugdketen.core.paginering import pagina
from jeugdketen.core.pdf import pdf_response
from jeugdketen.core.rollen import Rol
from jeugdketen.organisaties import selectors as organisaties
from jeugdketen.organisaties.models import Organisatie, Regio

from . import forms, grafieken, rapport, selectors, services
from .indicatoren import INDICATOREN, PER_CODE
from .models import BASISJAAR, REGIO

MAX_BYTES = 1024 * 1024


def _beleid(request: HttpRequest) -> tuple[Actor, Regio]:
    actor = actor_for(request)
    regio = organisaties.eigen_regio(actor) if selectors.is_beleid(actor) else None
    if regio is None:
        refuse_route(actor, request)  # a logged denial, like a refusal by the page's @policy
    return actor, regio


def _gekozen(request: HttpRequest, t: selectors.Indicatortabel) -> tuple[forms.VergelijkForm, list[str]]:
    keuzes = [(c, n) for c, n in t.gebieden if c != REGIO]
    form = forms.VergelijkForm(request.GET or None, gemeenten=keuzes)
    gekozen = form.cleaned_data["gemeente"] if form.is_bound and form.is_valid() else []
    return form, gekozen


@policy(roles=[Rol.BELEID], burger=False)
def overzicht(request: HttpRequest) -> HttpResponse:
    _actor, regio = _beleid(request)
    return render(
        request,
        "monitor/overzicht.html",
        {
            "regio": regio,
            "regels": selectors.overzicht(regio),
            "berekening": selectors.laatste_berekening(regio),
            "drempel": selectors.drempel_van(regio),
            "basisjaar": BASISJAAR,
            "jaren": list(range(BASISJAAR, timezone.localdate().year + 1)),
        },
    )


@policy(roles=[Rol.BELEID], burger=False)
def overzicht_csv(request: HttpRequest) -> HttpResponse:
    _actor, regio = _beleid(request)
    rijen = []
    for r in selectors.overzicht(regio):
        rij = {"indicator": r.indicator.code, "naam": str(r.indicator.naam), "jaar": r.jaar or ""}
        if r.meting:
            rij |= {k: v for k, v in selectors.csv_regel(r.meting).items() if k not in ("jaar", "naam")}
        rij["basis_2018"] = r.basis.waarde.tekst if r.basis else ""
        rij["basis_bron"] = r.basis.bron if r.basis else ""
        rijen.append(rij)
    kolommen = [
        "indicator",
        "naam",
        "jaar",
        "gebied",
        "teller",
        "noemer",
        "waarde",
        "basis_2018",
        "basis_bron",
        "verschil_2018",
        "index_2018",
        "landelijk",
    ]
    return csv_response(rijen, kolommen, filename="monitor-overzicht.csv")


@policy(roles=[Rol.BELEID], burger=False)
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    _actor, regio = _beleid(request)
    t = selectors.tabel(regio, code)
    if t is None:
        raise Geweigerd
    form, gekozen = _gekozen(request, t)
    gebieden = t.gekozen(gekozen)
    jaar = t.jaren[-1] if t.jaren else timezone.localdate().year
    rijen = [(code_, naam, t.reeks(code_), t.basis.get(code_)) for code_, naam in gebieden]
    return render(
        request,
        "monitor/indicator.html",
        {
            "regio": regio,
            "t": t,
            "ind": t.indicator,
            "form": form,
            "gebieden": gebieden,
            "rijen": rijen,
            "jaarrijen": [(naam, m) for _code, naam, reeks, _basis in rijen for m in reeks],
            "kwartalen": [(naam, t.kwartalen(code_, jaar)) for code_, naam in gebieden]
            if t.indicator.per_kwartaal
            else [],
            "kwartaaljaar": jaar,
            "grafiek": grafieken.grafiek(t, id="grafiek", gebieden=gebieden),
            "berekening": selectors.laatste_berekening(regio),
            "query": request.GET.urlencode(),
            "basisjaar": BASISJAAR,
        },
    )


@policy(roles=[Rol.BELEID], burger=False)
def indicator_csv(request: HttpRequest, code: str) -> HttpResponse:
    _actor, regio = _beleid(request)
    t = selectors.tabel(regio, code)
    if t is None:
        raise Geweigerd
    _form, gekozen = _gekozen(request, t)
    codes = {c for c, _n in t.gekozen(gekozen)}
    kwartaal = request.GET.get("tabel") == "kwartalen"
    rijen = [
        selectors.csv_regel(m)
        for m in sorted(t.metingen.values(), key=lambda m: (m.gebied == REGIO, m.gebied_naam, m.jaar, m.kwartaal))
        if m.gebied in codes and (m.kwartaal > 0) == kwartaal
    ]
    return csv_response(rijen, selectors.CSV_KOLOMMEN, filename=f"monitor-{code}.csv")


@policy(public=True)
def open_csv(request: HttpRequest, regio: UUID, code: str) -> HttpResponse:
    """Open data: one indicator of one region, every municipality and year, suppressed, with its
    definition in the first lines."""
    data = _open(regio, code)
    d = data["definitie"]
    kop = [
        ["indicator", data["indicator"], data["naam"]],
        ["teller", d["teller"]],
        ["noemer", d["noemer"]],
        ["bron", d["bron"]],
        [
            "drempel",
            str(d["drempel"]),
            _("aantallen onder de drempel staan als '< drempel'; 'verborgen' is afleidbaar"),
        ],
        ["berekend_op", data["berekend_op"] or ""],
        [],
    ]
    return csv_response(data["cijfers"], selectors.CSV_KOLOMMEN, filename=f"{data['indicator']}.csv", kop=kop)


@policy(public=True)
def open_json(request: HttpRequest, regio: UUID, code: str) -> HttpResponse:
    return JsonResponse(_open(regio, code), json_dumps_params={"ensure_ascii": False, "indent": 1})


def _open(regio_uuid: UUID, code: str) -> dict[str, Any]:
    regio = organisaties.regio_met_uuid(str(regio_uuid))
    data = selectors.open_data(regio, code) if regio is not None and code in PER_CODE else None
    if data is None:
        raise Geweigerd
    return data


@policy(public=True)
def open_index(request: HttpRequest) -> HttpResponse:
    regios = organisaties.regios()
    return render(request, "monitor/open.html", {"regios": regios, "indicatoren": INDICATOREN})


@require_POST
@policy(roles=[Rol.BELEID], burger=False)
def herberekenen(request: HttpRequest) -> HttpResponse:
    actor, regio = _beleid(request)
    b = services.herberekenen(regio=regio, by=actor)
    messages.success(request, _("De cijfers zijn opnieuw berekend: %(n)s feiten.") % {"n": b.feiten})
    return redirect("monitor:overzicht")


@policy(roles=[Rol.BELEID], burger=False)
def bevolking(request: HttpRequest) -> HttpResponse:
    actor, regio = _beleid(request)
    form = forms.BevolkingForm(request.POST or None, request.FILES or None)

    saved = submit(
        request,
        form,
        lambda d: services.bevolking_importeren(
            data=upload_bytes(d["bestand"], max_bytes=MAX_BYTES), regio=regio, by=actor
        ),
        success=None,  # the page shows the rows read and refused
    )
    resultaat = saved.value if saved else None
    page = pagina(request, selectors.bevolking_van(regio))
    return render(
        request,
        "monitor/bevolking.html",
        {"regio": regio, "form": form, "resultaat": resultaat, "page": page, "bevolking": list(page.object_list)},
    )


@policy(roles=[Rol.BELEID], burger=False)
def bevolking_csv(request: HttpRequest) -> HttpResponse:
    """Every population row of the region in the upload's own columns: the file goes back in
    unchanged (the import is idempotent on municipality, year and band)."""
    _actor, regio = _beleid(request)
    rijen = (
        {"gemeente": b.gemeente.cbs_code, "jaar": b.jaar, "leeftijd": b.leeftijd, "aantal": b.aantal, "bron": b.bron}
        for b in selectors.bevolking_van(regio).iterator(chunk_size=2000)
    )
    return csv_response(rijen, services.KOLOMMEN, filename="bevolking.csv")


@policy(roles=[Rol.BELEID], burger=False)
def basiswaarden(request: HttpRequest) -> HttpResponse:
    actor, regio = _beleid(request)
    gemeenten = [(g.cbs_code, g.naam) for g in selectors.gemeenten_van(regio)]
    form = forms.BasiswaardeForm(request.POST or None, gemeenten=gemeenten)
    if submit(
        request,
        form,
        lambda d: services.basiswaarde_opslaan(regio=regio, by=actor, **d),
        success=_("De basiswaarde is opgeslagen. Ze telt mee na de volgende berekening."),
    ):
        return redirect("monitor:basiswaarden")
    return render(
        request,
        "monitor/basiswaarden.html",
        {"regio": regio, "form": form, "basiswaarden": selectors.basiswaarden_van(regio), "namen": dict(gemeenten)},
    )


BASISWAARDE_KOLOMMEN = ["indicator", "gebied", "waarde", "teller", "noemer", "bron"]


@policy(roles=[Rol.BELEID], burger=False)
def basiswaarden_csv(request: HttpRequest) -> HttpResponse:
    """The entered 2018 baselines as the page lists them (the region or a municipality's CBS code)."""
    _actor, regio = _beleid(request)
    rijen = ({k: getattr(b, k) for k in BASISWAARDE_KOLOMMEN} for b in selectors.basiswaarden_van(regio))
    return csv_response(rijen, BASISWAARDE_KOLOMMEN, filename="basiswaarden-2018.csv")


@policy(roles=[Rol.BELEID], burger=False)
def jaarrapport(request: HttpRequest, jaar: str) -> HttpResponse:
    _actor, regio = _beleid(request)
    return _jaarrapport(request, regio, int(jaar))


def _jaarrapport(request: HttpRequest, regio: Regio, jaar: int) -> HttpResponse:
    if not BASISJAAR <= jaar <= timezone.localdate().year:
        raise Geweigerd
    if request.GET.get("bewaard"):
        opgeslagen = selectors.jaarrapport(regio, jaar)
        if opgeslagen is None:
            raise Geweigerd
        response = HttpResponse(bytes(opgeslagen.pdf), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="jaarrapport-{jaar}.pdf"'
        return response
    return pdf_response(
        request, "monitor/rapport.html", rapport.context(regio, jaar), filename=f"jaarrapport-{jaar}.pdf"
    )


def _eigen_organisatie(request: HttpRequest) -> Organisatie:
    actor = actor_for(request)
    organisatie = selectors.eigen_organisatie(actor) if selectors.is_aanbieder(actor) else None
    if organisatie is None:
        refuse_route(actor, request)
    return organisatie


@policy(roles=[Rol.HULPVERLENER], burger=False)
def aanbieder(request: HttpRequest) -> HttpResponse:
    """A provider's own waiting-time and occupancy figures, nothing of anyone else."""
    organisatie = _eigen_organisatie(request)
    return render(
        request,
        "monitor/aanbieder.html",
        {
            "organisatie": organisatie,
            "metingen": selectors.aanbieder_cijfers(organisatie),
            "drempel": selectors.drempel_van(organisatie.regio),
            "berekening": selectors.laatste_berekening(organisatie.regio),
        },
    )


AANBIEDER_KOLOMMEN = ["indicator", "naam", "jaar", "teller", "noemer", "waarde"]


@policy(roles=[Rol.HULPVERLENER], burger=False)
def aanbieder_csv(request: HttpRequest) -> HttpResponse:
    """The provider's own figures as the page shows them (small counts as "< 10")."""
    rijen = (
        {
            "indicator": m.gebied,
            "naam": m.gebied_naam,
            "jaar": m.jaar,
            "teller": m.teller.tekst,
            "noemer": m.noemer.tekst,
            "waarde": m.waarde.tekst,
        }
        for m in selectors.aanbieder_cijfers(_eigen_organisatie(request))
    )
    return csv_response(rijen, AANBIEDER_KOLOMMEN, filename="mijn-cijfers.csv")
