"""The monitor's read-only API: the region's indicators with their definitions, and every figure
per municipality, region, year (and quarter) with the suppression of the pages applied — the same
`selectors.tabellen` the pages, CSV and PDF read, so no figure is shown here that is hidden there.

Who: policy staff (role `beleid`) with their session, and the system of a policy organisation
(soort `gemeente_beleid`) with its API key. Anyone else gets the 404 (the API does not exist for
them); no or a wrong key is a 401. The figures are aggregates of the facts table (never a
person), so these calls write no access-log entry and the list is not a `ScopedViewSet`: there is
no scope to list over. Query parameters are read with a `StrictSerializer` (an unknown one: 400).

One indicator's figures are paged like every list of the API (DRF's `PageNumberPagination`, the
project's default: `page`, `PAGE_SIZE` rows, `count`/`next`/`previous`): at 342 municipalities an
indicator has thousands of rows. The page is cut from the table in memory (`selectors.tabel` is
read whole, one set of queries whatever the page); the definition comes with every page, the 2018
baseline for the areas on that page.
"""

from __future__ import annotations

from typing import Any, cast

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from jeugdketen.core.access import Geweigerd, policy, refuse_route
from jeugdketen.core.api import StrictSerializer, api_actor
from jeugdketen.core.rollen import Rol
from jeugdketen.organisaties import selectors as organisaties
from jeugdketen.organisaties.api_auth import ApiSleutelAuthentication, ApiSleutelThrottle
from jeugdketen.organisaties.models import Regio

from . import selectors
from .indicatoren import INDICATOREN, PER_CODE, Indicator
from .models import BASISJAAR, REGIO

# The key first, so a wrong or revoked key is a 401 with WWW-Authenticate (not a 403).
AUTH: list[Any] = [ApiSleutelAuthentication, SessionAuthentication]
CODE_PATTERN = r"[a-z0-9_-]{1,40}"  # a dash too: a wrong code is the API's 404, not the site's
# The API's one pagination (settings.REST_FRAMEWORK), as the ScopedViewSet lists use it.
PAGINERING = cast("type[PageNumberPagination]", api_settings.DEFAULT_PAGINATION_CLASS)


class DoelUit(serializers.Serializer[Any]):
    tekst = serializers.CharField(help_text="Het doel in de woorden van het beleidsdocument.")
    bron = serializers.CharField(help_text="Het beleidsdocument.")


class IndicatorUit(serializers.Serializer[Indicator]):
    code = serializers.CharField(help_text="Vaste code van de indicator; verandert nooit.")
    naam = serializers.CharField(help_text="Naam van de indicator.")
    soort = serializers.CharField(
        help_text="aandeel (teller / noemer × 100), per_1000, aantal (de teller) of mediaan (in dagen)."
    )
    eenheid = serializers.CharField(help_text="Eenheid van de waarde, bijvoorbeeld % of dagen.")
    teller = serializers.CharField(help_text="Wat de teller telt.")
    noemer = serializers.CharField(help_text="Waarover: de noemer.")
    bron = serializers.CharField(help_text="Waar de cijfers vandaan komen.")
    doelen = DoelUit(many=True, help_text="De doelen uit de beleidsdocumenten die deze indicator meet.")
    per_gemeente = serializers.BooleanField(help_text="Ook per gemeente (anders alleen voor de regio).")
    per_kwartaal = serializers.BooleanField(help_text="Ook per kwartaal.")
    alleen_nu = serializers.BooleanField(help_text="Een stand op de dag van de berekening, geen reeks.")


class CijferUit(serializers.Serializer[Any]):
    gebied = serializers.CharField(help_text="CBS-code van de gemeente (GM0917) of 'regio'.")
    naam = serializers.CharField(help_text="Naam van de gemeente of de regio.")
    jaar = serializers.IntegerField()
    kwartaal = serializers.IntegerField(allow_null=True, help_text="1 tot en met 4; leeg voor het hele jaar.")
    teller = serializers.CharField(help_text="Zoals getoond: een aantal, '< 10' of 'verborgen'.")
    noemer = serializers.CharField(help_text="Zoals getoond; leeg bij een aantal.")
    waarde = serializers.CharField(help_text="Zoals getoond, met decimale komma; 'niet getoond' bij te weinig mensen.")
    teller_getal = serializers.FloatField(allow_null=True, help_text="De teller als getal; leeg als die verborgen is.")
    waarde_getal = serializers.FloatField(allow_null=True, help_text="De waarde als getal; leeg als die verborgen is.")
    onderdrukt = serializers.ChoiceField(
        choices=["", "klein", "afleidbaar"],
        allow_blank=True,
        help_text="Waarom de teller verborgen is: klein (onder de drempel) of afleidbaar (uit de totalen).",
    )
    verschil_2018 = serializers.CharField(help_text="Verschil met de basiswaarde 2018; leeg als die onbekend is.")
    index_2018 = serializers.CharField(help_text="Index, 2018 = 100; leeg als die onbekend is.")
    landelijk = serializers.CharField(help_text="Het landelijke cijfer van dat jaar, waar dat bekend is (regio).")


class BasisUit(serializers.Serializer[Any]):
    gebied = serializers.CharField(help_text="CBS-code van de gemeente of 'regio'.")
    waarde = serializers.CharField(help_text="De basiswaarde 2018 zoals getoond.")
    ingevoerd = serializers.BooleanField(help_text="Ingevoerd door beleidsmedewerkers (anders berekend uit 2018).")
    bron = serializers.CharField(help_text="Waar de ingevoerde waarde vandaan komt, of 'berekend uit ... 2018'.")


class IndicatorCijfersUit(IndicatorUit):
    regio = serializers.CharField(help_text="De regio van uw organisatie.")
    basisjaar = serializers.IntegerField(help_text="Het jaar waartegen gemeten wordt: 2018.")
    drempel = serializers.IntegerField(help_text="Aantallen onder de drempel staan als '< drempel'.")
    berekend_op = serializers.DateTimeField(allow_null=True, help_text="Stand van de cijfers (laatste berekening).")
    count = serializers.IntegerField(
        help_text="Het aantal cijfers met deze keuze (jaar, gemeente), over alle pagina's."
    )
    next = serializers.URLField(allow_null=True, help_text="Het adres van de volgende pagina; leeg op de laatste.")
    previous = serializers.URLField(allow_null=True, help_text="Het adres van de vorige pagina; leeg op de eerste.")
    basis = BasisUit(many=True, help_text="De basiswaarde 2018 van de gebieden op deze pagina.")
    cijfers = CijferUit(
        many=True,
        help_text="De cijfers van deze pagina (`page`), per gebied en periode (eerst de regio, dan de gemeenten "
        "op CBS-code, dan jaar en kwartaal), met de onderdrukking toegepast.",
    )


class CijfersIn(StrictSerializer):
    """The query parameters of one indicator's figures."""

    jaar = serializers.IntegerField(required=False, min_value=BASISJAAR, max_value=2100, help_text="Alleen dit jaar.")
    gemeente = serializers.ListField(
        child=serializers.RegexField(r"^GM[0-9]{4}$", max_length=6),
        required=False,
        max_length=400,
        help_text="CBS-code(s) van gemeenten (herhaal de parameter); de regio staat er altijd bij.",
    )
    kwartalen = serializers.BooleanField(required=False, default=False, help_text="Ook de cijfers per kwartaal.")

    def validate_gemeente(self, waarde: list[str]) -> list[str]:
        return list(dict.fromkeys(waarde))


def _definitie(ind: Indicator) -> dict[str, Any]:
    return {
        "code": ind.code,
        "naam": str(ind.naam),
        "soort": ind.soort.value,
        "eenheid": str(ind.eenheid),
        "teller": str(ind.teller),
        "noemer": str(ind.noemer),
        "bron": str(ind.bron),
        "doelen": [{"tekst": d.tekst, "bron": d.bron} for d in ind.doelen],
        "per_gemeente": ind.per_gemeente,
        "per_kwartaal": ind.per_kwartaal,
        "alleen_nu": ind.alleen_nu,
    }


def _cijfer(m: selectors.Meting) -> dict[str, Any]:
    return {
        **selectors.csv_regel(m),
        "kwartaal": m.kwartaal or None,
        "teller_getal": m.teller.getal,
        "waarde_getal": m.waarde.getal,
        "onderdrukt": m.teller.reden.value,
    }


def _regio(request: Request) -> Regio:
    """The region of policy staff or of a policy organisation's system; anyone else: the 404."""
    actor = api_actor(request)
    regio = organisaties.eigen_regio(actor) if selectors.mag_api(actor) else None
    if regio is None:
        refuse_route(actor, request._request)  # a logged denial, like a refusal by @policy
    return regio


@policy(roles=[Rol.BELEID, Rol.HULPVERLENER], burger=False)
class IndicatorViewSet(viewsets.ViewSet):
    """The region's indicators (list) and one indicator's suppressed figures (retrieve)."""

    authentication_classes = AUTH
    throttle_classes = [ApiSleutelThrottle]
    lookup_field = "code"
    lookup_value_regex = CODE_PATTERN

    @extend_schema(responses=IndicatorUit(many=True))
    def list(self, request: Request) -> Response:
        _regio(request)
        return Response([_definitie(i) for i in INDICATOREN])

    @extend_schema(
        parameters=[
            OpenApiParameter("jaar", int, description="Alleen dit jaar (vanaf 2018)."),
            OpenApiParameter(
                "gemeente", str, many=True, description="CBS-code van een gemeente (GM0917); herhaal voor meer."
            ),
            OpenApiParameter("kwartalen", bool, description="Ook de cijfers per kwartaal (standaard niet)."),
            OpenApiParameter("page", int),
        ],
        responses=IndicatorCijfersUit,
    )
    def retrieve(self, request: Request, code: str | None = None) -> Response:
        regio = _regio(request)
        if code not in PER_CODE:
            raise Geweigerd
        params: dict[str, Any] = {k: v for k, v in request.query_params.items() if k not in {"gemeente", "page"}}
        if "gemeente" in request.query_params:
            params["gemeente"] = request.query_params.getlist("gemeente")
        invoer = CijfersIn(data=params)
        invoer.is_valid(raise_exception=True)
        keuze = invoer.validated_data
        t = selectors.tabel(regio, code)
        assert t is not None  # the code is known
        bekend = {c for c, _n in t.gebieden}
        onbekend = [g for g in keuze.get("gemeente", []) if g not in bekend]
        if onbekend:
            raise serializers.ValidationError(
                {"gemeente": [_("Onbekende gemeente in uw regio: %(codes)s.") % {"codes": ", ".join(onbekend)}]}
            )
        gebieden = {c for c, _n in t.gekozen(keuze.get("gemeente"))}
        metingen = sorted(
            (
                m
                for m in t.metingen.values()
                if m.gebied in gebieden
                and ("jaar" not in keuze or m.jaar == keuze["jaar"])
                and (keuze["kwartalen"] or m.kwartaal == 0)
            ),
            key=lambda m: (m.gebied != REGIO, m.gebied, m.jaar, m.kwartaal),
        )
        pagineerder = PAGINERING()
        # Django's Paginator pages any sequence (the stubs say QuerySet); a wrong page is the 404.
        pagina: list[selectors.Meting] = pagineerder.paginate_queryset(metingen, request, view=self) or []  # type: ignore[arg-type]
        op_pagina = {m.gebied for m in pagina}
        berekening = selectors.laatste_berekening(regio)
        return Response(
            {
                **_definitie(t.indicator),
                "regio": regio.naam,
                "basisjaar": BASISJAAR,
                "drempel": t.drempel,
                "berekend_op": berekening.klaar_op.isoformat() if berekening else None,
                "count": len(metingen),
                "next": pagineerder.get_next_link(),
                "previous": pagineerder.get_previous_link(),
                "basis": [
                    {"gebied": c, "waarde": b.waarde.tekst, "ingevoerd": b.ingevoerd, "bron": str(b.bron)}
                    for c, b in t.basis.items()
                    if c in op_pagina
                ],
                "cijfers": [_cijfer(m) for m in pagina],
            }
        )
