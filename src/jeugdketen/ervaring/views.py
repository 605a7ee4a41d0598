"""The family member's invitation (their own, on a phone) and the policy page (aggregates only)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from jeugdketen.core import kalender
from jeugdketen.core.access import actor_for, client_ip, fetch, policy, refuse
from jeugdketen.core.csv_export import csv_response
from jeugdketen.core.forms import Conflict, Saved, conflict, submit
from jeugdketen.core.models import Actie
from jeugdketen.core.pdf import pdf_response
from jeugdketen.core.rollen import Rol
from jeugdketen.gezinsplan.models import Gezinsplan
from jeugdketen.organisaties import selectors as organisaties
from jeugdketen.organisaties.models import Regio

from . import logevents, regels, selectors, services
from .forms import CodeForm, ErvaringForm
from .logevents import ObjectType, Segment
from .models import Uitnodiging


@policy()
def uitnodiging(request: HttpRequest, uuid: UUID) -> HttpResponse:
    actor = actor_for(request)
    post = request.method == "POST"
    toegang = fetch(
        actor,
        Uitnodiging,
        uuid=uuid,
        segment=Segment.ANTWOORD if post else Segment.UITNODIGING,
        actie=Actie.CREATE if post else Actie.READ,
        related=lambda qs: qs.select_related("gezinslid__gezin"),
    )
    obj = toegang.obj
    form = ErvaringForm(request.POST if post else None)
    uitkomst: Saved[None] | Conflict | None
    if obj.beantwoord_op is not None and post:
        # Answered before: the form is not even read, the page says why (the conflict outcome).
        uitkomst = conflict(request, form, services.AlBeantwoord())
    else:
        uitkomst = submit(
            request,
            form,
            lambda d: services.antwoord_geven(
                toegang=toegang, by=actor, scores=form.scores(), opmerking=d["opmerking"]
            ),
            success=_("Dank u wel! Uw antwoord is opgeslagen."),
        )
    if uitkomst:
        return redirect("ervaring:uitnodiging", uuid=obj.uuid)
    status = 200
    if isinstance(uitkomst, Conflict):
        obj.beantwoord_op = obj.beantwoord_op or kalender.vandaag()
        status = uitkomst.status
    return render(
        request,
        "ervaring/uitnodiging.html",
        {"uitnodiging": obj, "form": form, "kernwaarden": regels.KERNWAARDEN},
        status=status,
    )


def _cijfers(request: HttpRequest) -> tuple[Regio, int, int, list[selectors.Groep]]:
    """The policy page's region, years and suppressed groups: one read for the page and its CSV."""
    actor = actor_for(request)
    regio = organisaties.eigen_regio(actor)
    if regio is None:
        refuse(actor, object_type=ObjectType.UITNODIGING, segment=Segment.UITNODIGING)
    tot = kalender.vandaag().year
    return regio, tot - 4, tot, selectors.overzicht(regio=regio, jaar_van=tot - 4, jaar_tot=tot)


@policy(roles=[Rol.BELEID], burger=False)
def cijfers(request: HttpRequest) -> HttpResponse:
    regio, van, tot, groepen = _cijfers(request)
    return render(
        request,
        "ervaring/cijfers.html",
        {
            "regio": regio,
            "groepen": groepen,
            "kernwaarden": [label for _veld, label in regels.KERNWAARDEN],
            "drempel": regels.OPMERKINGEN_VANAF,
            "van": van,
            "tot": tot,
        },
    )


@policy(roles=[Rol.BELEID], burger=False)
def cijfers_csv(request: HttpRequest) -> HttpResponse:
    """The page's table as CSV, suppressed as the page is: "< 10" for a small group's count, an
    empty cell for a mean the page does not show (as the monitor's CSV leaves a hidden value)."""
    _regio, _van, _tot, groepen = _cijfers(request)
    drempel = regels.OPMERKINGEN_VANAF
    rijen = [
        {
            "gemeente": g.gemeente,
            "jaar": g.jaar,
            "antwoorden": f"< {drempel}" if g.klein else g.antwoorden,
            **{
                v: "" if gem is None else f"{gem:.2f}".replace(".", ",")
                for v, gem in zip(regels.VELDEN, g.gemiddelden, strict=True)
            },
        }
        for g in groepen
    ]
    return csv_response(rijen, ["gemeente", "jaar", "antwoorden", *regels.VELDEN], filename="ervaring-cijfers.csv")


# --- Members without a login: a one-time personal code (docs/ervaring.md) ---------------------


@policy(roles=[Rol.HULPVERLENER], burger=False)
def codes(request: HttpRequest, plan: UUID) -> HttpResponse:
    """The plan's regisseur: which members without an account are invited, and (POST) a fresh
    one-time code for each, shown once as a letter to print or read out — or (POST `als=pdf`)
    made straight into a PDF with one letter per page to print and hand over. The codes exist
    only in this one answer (only their hashes are stored), so the PDF is made with them, not
    later; its file name is fixed (no name in a header)."""
    actor = actor_for(request)
    post = request.method == "POST"
    toegang = fetch(
        actor,
        Gezinsplan,
        uuid=plan,
        segment=Segment.CODES,
        actie=Actie.UPDATE if post else Actie.READ,
        mag=lambda t: services.plan_regisseur(t.obj, actor),
    )
    nieuwe: list[services.Code] = []
    adres = request.build_absolute_uri(reverse("ervaring:code_invoeren"))
    if post:
        nieuwe = services.codes_maken(toegang=toegang, by=actor)
        if not nieuwe:
            messages.info(request, _("Er staat geen uitnodiging open voor een gezinslid zonder account."))
        elif request.POST.get("als") == "pdf":
            return pdf_response(
                request,
                "ervaring/brieven_pdf.html",
                {"codes": nieuwe, "adres": adres},
                filename="persoonlijke-codes.pdf",
            )
    return render(
        request,
        "ervaring/codes.html",
        {
            "plan": toegang.obj,
            "open": list(selectors.zonder_inlog_open(toegang.obj)),
            "codes": nieuwe,
            "adres": adres,
            "geldig": regels.CODE_GELDIG_DAGEN,
        },
    )


def _code_fout(request: HttpRequest, reden: str) -> HttpResponse:
    status = {selectors.ONBEKEND: 404, selectors.GEBRUIKT: 410, selectors.VERLOPEN: 410, "te_vaak": 429, "adres": 404}
    return render(request, "ervaring/code_fout.html", {"reden": reden}, status=status[reden])


# The code never travels in an address (proxy logs, browser history, Referer headers; SECURITY B2
# in spirit): the form posts it, the server checks it and keeps in the (anonymous) session the
# hash of the code, then sends the browser to the one fixed address of the questions. The hash,
# not the invitation's uuid: it is what the database already holds (nothing new in the session
# store, and the code cannot be read back from it), it names exactly one invitation (unique), and
# it names that invitation's *current* code, so a code the regisseur replaced in the meantime
# stops working here too, as it would when typed again. After the answer the hash is dropped and
# only "answered" is kept, so back or refresh says the code was used instead of answering twice.
SESSIE_CODE = "ervaring_code_hash"
SESSIE_BEANTWOORD = "ervaring_code_beantwoord"


@policy(public=True)
def code_invoeren(request: HttpRequest) -> HttpResponse:
    """Type the code of the printed letter (no account, no login)."""
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if not services.poging_toegestaan(client_ip(request)):
            return _code_fout(request, "te_vaak")
        if form.is_valid():
            uitnodiging = selectors.uitnodiging_met_code(form.cleaned_data["code"])
            if uitnodiging is not None:
                reden = selectors.code_reden(uitnodiging)
                if reden is not None:
                    return _code_fout(request, reden)
                # A new session key once the code is checked: a session id planted before (session
                # fixation) does not get to answer with this code.
                request.session.cycle_key()
                request.session[SESSIE_CODE] = uitnodiging.code_hash
                request.session.pop(SESSIE_BEANTWOORD, None)
                return redirect("ervaring:code_antwoord")
            form.add_error("code", _("Deze code kennen we niet. Kijk of u hem goed heeft overgenomen."))
    return render(request, "ervaring/code_invoeren.html", {"form": form})


@policy(public=True)
def met_code(request: HttpRequest) -> HttpResponse:
    """The invitation of a member without an account, opened with their one-time code (checked by
    `code_invoeren`, its hash in this session): works on a phone, once, until it expires; shows
    nothing of the person but the first name."""
    if not services.poging_toegestaan(client_ip(request)):
        return _code_fout(request, "te_vaak")
    code_hash = request.session.get(SESSIE_CODE)
    if not isinstance(code_hash, str) or not code_hash:
        if request.session.get(SESSIE_BEANTWOORD):
            return _code_fout(request, selectors.GEBRUIKT)  # back or refresh after the answer
        messages.info(request, _("Typ eerst de persoonlijke code van uw brief."))
        return redirect("ervaring:code_invoeren")
    uitnodiging = selectors.uitnodiging_met_hash(code_hash)
    reden = selectors.code_reden(uitnodiging)
    if reden is not None or uitnodiging is None:
        request.session.pop(SESSIE_CODE, None)
        return _code_fout(request, reden or selectors.ONBEKEND)
    actor = actor_for(request)
    form = ErvaringForm(request.POST if request.method == "POST" else None)
    try:
        uitkomst = submit(
            request,
            form,
            lambda d: services.antwoord_met_code(
                code_hash=code_hash, by=actor, scores=form.scores(), opmerking=d["opmerking"]
            ),
            success=_("Uw antwoord is opgeslagen."),
        )
    except services.CodeOngeldig as exc:  # expired or replaced meanwhile
        request.session.pop(SESSIE_CODE, None)
        return _code_fout(request, exc.reden)
    if uitkomst or isinstance(uitkomst, Conflict):  # saved, or answered meanwhile (AlBeantwoord)
        del request.session[SESSIE_CODE]
        request.session[SESSIE_BEANTWOORD] = True
        if uitkomst:
            return render(request, "ervaring/code_dank.html")
        return _code_fout(request, selectors.GEBRUIKT)
    logevents.met_code(actor, uitnodiging)  # the page shows the member's first name again
    return render(
        request,
        "ervaring/met_code.html",
        {"voornaam": uitnodiging.gezinslid.voornaam, "uitnodiging": uitnodiging, "form": form},
    )


@policy(public=True)
def code_in_adres(request: HttpRequest) -> HttpResponse:
    """Anything after /ervaring/code/ but the questions' own address (a code typed into the
    address bar, an old link): a friendly 404 pointing to the form. The text is not read, and
    without this page an anonymous visitor would be sent to the login with it in `?next=`."""
    return _code_fout(request, "adres")
