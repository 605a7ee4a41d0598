"""API for the systems of municipalities and providers, with a key per organisation system
(organisaties.api_auth, as the verwijsindex has): assignments in, start and stop of care, iJw
messages in with their return message out, and the organisation's own trajectories.

The same services as the pages; the same scope (a provider only its own assignments, an access
team its municipalities'); unknown fields refused; no access answers 404. No BSN goes out: a
system links through the assignment number and the trajectory's uuid.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import BaseParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from jeugdketen.core.access import UUID_PATTERN, fetch, policy, refuse
from jeugdketen.core.api import ScopedViewSet, StrictSerializer, UitvoerSerializer, api_actor
from jeugdketen.core.kalender import Aannemelijk, Doel
from jeugdketen.core.models import Actie
from jeugdketen.core.rollen import Rol
from jeugdketen.organisaties.api_auth import ApiSleutelAuthentication, ApiSleutelThrottle

from . import selectors, services
from .codes import Bron, Eenheid, Frequentie, Productcategorie, RedenBeeindiging, Verwijzer
from .ijw import MAX_BYTES
from .logevents import ObjectType, Segment
from .models import Ontvangst, Traject

AUTH: list[Any] = [ApiSleutelAuthentication, SessionAuthentication]


def _dutch(exc: DjangoValidationError) -> ValidationError:
    if hasattr(exc, "error_dict"):
        return ValidationError(exc.message_dict)
    detail: dict[str, Any] = {"non_field_errors": exc.messages}
    if isinstance(exc, services.Regelfout):
        detail["retourcode"] = exc.retourcode
    return ValidationError(detail)


class TrajectUit(UitvoerSerializer[Traject]):
    jeugdige = serializers.UUIDField(source="jeugdige.uuid", read_only=True)
    gemeente = serializers.CharField(source="gemeente.cbs_code", read_only=True)
    aanbieder = serializers.CharField(source="aanbieder.naam", read_only=True)

    class Meta:
        model = Traject
        fields = [
            "uuid",
            "jeugdige",
            "gemeente",
            "aanbieder",
            "toewijzingnummer",
            "productcategorie",
            "productcode",
            "hulpvorm",
            "kleinschalig",
            "verwijzer",
            "ingangsdatum",
            "einddatum",
            "reden_wijziging",
            "volume",
            "eenheid",
            "frequentie",
            "budget",
            "aanmelddatum",
            "intakedatum",
            "begindatum",
            "einddatum_zorg",
            "reden_beeindiging",
        ]
        read_only_fields = fields


def _keuze(choices: Any, **kwargs: Any) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=list(choices), **kwargs)


class ToewijzingIn(StrictSerializer):
    bsn = serializers.CharField(max_length=20)
    geboortedatum = serializers.DateField(
        validators=[Aannemelijk(Doel.GEBOORTEDATUM_JEUGDIGE)],
    )
    achternaam = serializers.CharField(max_length=200)
    voornamen = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    gemeente = serializers.RegexField(
        r"^(GM)?[0-9]{4}$", max_length=6, help_text="CBS-code, bijvoorbeeld GM0917 of 0917"
    )
    aanbieder_agb = serializers.RegexField(
        r"^[0-9]{8}$", max_length=8, help_text="AGB-code van de aanbieder (8 cijfers)"
    )
    toewijzingnummer = serializers.IntegerField(min_value=1, max_value=999_999_999, required=False)
    productcategorie = _keuze(Productcategorie.values, help_text="iJw-codelijst JZ020")
    productcode = serializers.CharField(max_length=5, required=False, allow_blank=True, default="")
    ingangsdatum = serializers.DateField(
        validators=[Aannemelijk(Doel.LOOPTIJD)],
    )
    einddatum = serializers.DateField(
        validators=[Aannemelijk(Doel.LOOPTIJD)], required=False, allow_null=True, default=None
    )
    volume = serializers.IntegerField(min_value=1, max_value=99_999_999, required=False, allow_null=True, default=None)
    eenheid = _keuze(Eenheid.values, required=False, allow_blank=True, default="", help_text="iJw-codelijst WJ756")
    frequentie = _keuze(Frequentie.values, required=False, allow_blank=True, default="", help_text="WJ757")
    budget = serializers.IntegerField(min_value=0, max_value=99_999_999, required=False, allow_null=True, default=None)
    verwijzer = _keuze(Verwijzer.values, required=False, allow_blank=True, default="", help_text="COD327")
    aanmelddatum = serializers.DateField(
        validators=[Aannemelijk(Doel.GEBEURD)], required=False, allow_null=True, default=None
    )


class StartIn(StrictSerializer):
    begindatum = serializers.DateField(
        validators=[Aannemelijk(Doel.GEBEURD)],
    )
    intakedatum = serializers.DateField(
        validators=[Aannemelijk(Doel.GEBEURD)], required=False, allow_null=True, default=None
    )


class StopIn(StrictSerializer):
    begindatum = serializers.DateField(
        validators=[Aannemelijk(Doel.GEBEURD)], help_text="de start van de periode die stopt"
    )
    einddatum = serializers.DateField(
        validators=[Aannemelijk(Doel.GEBEURD)],
    )
    reden = _keuze(RedenBeeindiging.values, help_text="iJw-codelijst JZ588")


class WachttijdIn(StrictSerializer):
    aanmelddatum = serializers.DateField(
        validators=[Aannemelijk(Doel.GEBEURD)], required=False, allow_null=True, default=None
    )
    intakedatum = serializers.DateField(
        validators=[Aannemelijk(Doel.GEBEURD)], required=False, allow_null=True, default=None
    )


@policy(roles=[Rol.HULPVERLENER], burger=False)
class TrajectViewSet(ScopedViewSet[Traject]):
    """Trajectories the organisation may see; assignments in (municipality); start, stop and
    waiting time (the provider of the assignment)."""

    model = Traject
    serializer_class = TrajectUit
    authentication_classes = AUTH
    throttle_classes = [ApiSleutelThrottle]
    segment = Segment.API

    def filter_list(self, queryset: Any) -> Any:
        return queryset.order_by("-ingangsdatum", "-id")

    @extend_schema(request=ToewijzingIn, responses={201: TrajectUit, 200: TrajectUit})
    def create(self, request: Request) -> Response:
        actor = api_actor(request)
        invoer = ToewijzingIn(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = invoer.validated_data
        code = str(d["gemeente"])
        gemeente = (
            selectors.gemeenten_van(actor).filter(cbs_code=code if code.startswith("GM") else f"GM{code}").first()
        )
        aanbieder = selectors.aanbieders().filter(zorgaanbieder__agb_code=d["aanbieder_agb"]).first()
        if gemeente is None:
            refuse(actor, object_type=ObjectType.TRAJECT, segment=Segment.API, actie=Actie.CREATE)
        if aanbieder is None:
            raise ValidationError({"aanbieder_agb": ["Deze AGB-code is niet bekend in Jeugdketen."]})
        jeugdige = services.JeugdigeInvoer(
            bsn=str(d["bsn"]),
            geboortedatum=d["geboortedatum"],
            achternaam=str(d["achternaam"]),
            voornamen=str(d["voornamen"]),
        )
        toewijzing = services.ToewijzingInvoer(
            aanbieder=aanbieder,
            productcategorie=str(d["productcategorie"]),
            productcode=str(d["productcode"]),
            ingangsdatum=d["ingangsdatum"],
            einddatum=d["einddatum"],
            volume=d["volume"],
            eenheid=str(d["eenheid"]),
            frequentie=str(d["frequentie"]),
            budget=d["budget"],
            verwijzer=str(d["verwijzer"]),
            aanmelddatum=d["aanmelddatum"],
            toewijzingnummer=d.get("toewijzingnummer"),
        )
        try:
            persoon = services.jeugdige_vinden(jeugdige, gemeente=gemeente, vanaf=toewijzing.ingangsdatum)
            traject, nieuw = services.traject_toewijzen(
                by=actor, jeugdige=persoon, gemeente=gemeente, invoer=toewijzing, bron=Bron.API
            )
        except DjangoValidationError as exc:
            raise _dutch(exc) from None
        return Response(TrajectUit(traject).data, status=status.HTTP_201_CREATED if nieuw else status.HTTP_200_OK)

    def _aanbieder_actie(self, request: Request, invoer_cls: type[StrictSerializer], run: Any) -> Response:
        traject = self.fetch(actie=Actie.UPDATE, segment=Segment.LEVERING).obj
        invoer = invoer_cls(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            run(api_actor(request), traject, invoer.validated_data)
        except DjangoValidationError as exc:
            raise _dutch(exc) from None
        traject.refresh_from_db()
        return Response(TrajectUit(traject).data)

    @extend_schema(request=StartIn, responses={200: TrajectUit})
    @action(detail=True, methods=["post"])
    def start(self, request: Request, uuid: str) -> Response:
        return self._aanbieder_actie(
            request,
            StartIn,
            lambda actor, t, d: services.levering_starten(
                by=actor, traject=t, begindatum=d["begindatum"], intakedatum=d["intakedatum"], bron=Bron.API
            ),
        )

    @extend_schema(request=StopIn, responses={200: TrajectUit})
    @action(detail=True, methods=["post"])
    def stop(self, request: Request, uuid: str) -> Response:
        return self._aanbieder_actie(
            request,
            StopIn,
            lambda actor, t, d: services.levering_stoppen(
                by=actor,
                traject=t,
                begindatum=d["begindatum"],
                einddatum=d["einddatum"],
                reden=d["reden"],
                bron=Bron.API,
            ),
        )

    @extend_schema(request=WachttijdIn, responses={200: TrajectUit})
    @action(detail=True, methods=["post"])
    def wachttijd(self, request: Request, uuid: str) -> Response:
        return self._aanbieder_actie(
            request,
            WachttijdIn,
            lambda actor, t, d: services.wachttijd_vastleggen(
                by=actor, traject=t, aanmelddatum=d["aanmelddatum"], intakedatum=d["intakedatum"]
            ),
        )


class XmlParser(BaseParser):
    """The body of an iJw message as it is (bytes); the service reads and checks it."""

    media_type = "application/xml"

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        return stream.read(MAX_BYTES + 1) if stream is not None else b""


class TextXmlParser(XmlParser):
    media_type = "text/xml"


class OntvangstUit(UitvoerSerializer[Ontvangst]):
    class Meta:
        model = Ontvangst
        fields = [
            "uuid",
            "ingediend_op",
            "berichtsoort",
            "identificatie",
            "dagtekening",
            "status",
            "reden",
            "aantal_goed",
            "aantal_fout",
            "retour_identificatie",
            "resultaat",
        ]
        read_only_fields = fields


@policy(roles=[Rol.HULPVERLENER], burger=False)
class IjwViewSet(viewsets.ViewSet):
    """Send an iJw 3.2 message (JW301, JW305, JW307) as the request body; the answer is its
    return message (JW302, JW306, JW308). A file that is not such a message is refused whole
    (422, with the reasons). The same message twice changes nothing (200, the first answer)."""

    authentication_classes = AUTH
    throttle_classes = [ApiSleutelThrottle]
    parser_classes = [XmlParser, TextXmlParser]
    lookup_field = "uuid"
    lookup_value_regex = UUID_PATTERN

    @extend_schema(
        request={"application/xml": {"type": "string", "format": "binary"}},
        responses={
            200: OpenApiResponse(description="Het retourbericht (JW302, JW306 of JW308), application/xml"),
            422: OntvangstUit,
        },
    )
    def create(self, request: Request) -> Response:
        actor = api_actor(request)
        if not (selectors.is_toegang(actor) or selectors.is_aanbieder(actor)):
            refuse(actor, object_type=ObjectType.ONTVANGST, segment=Segment.API, actie=Actie.CREATE)
        inhoud = request.data if isinstance(request.data, bytes) else b""
        verwerking = services.ijw_bericht_verwerken(by=actor, inhoud=inhoud, bron=Bron.API)
        o = verwerking.ontvangst
        if not o.retourbericht:
            return Response(OntvangstUit(o).data, status=status.HTTP_422_UNPROCESSABLE_ENTITY)
        from django.http import HttpResponse

        response = HttpResponse(o.retourbericht.encode("utf-8"), content_type="application/xml; charset=utf-8")
        response["X-Jeugdketen-Ontvangst"] = str(o.uuid)
        return response  # type: ignore[return-value]

    @extend_schema(responses={200: OntvangstUit})
    def retrieve(self, request: Request, uuid: str) -> Response:
        o = fetch(api_actor(request), Ontvangst, uuid=uuid, segment=Segment.API).obj
        return Response(OntvangstUit(o).data)


router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("trajecten", TrajectViewSet, basename="api-jeugdhulp-traject")
router.register("ijw", IjwViewSet, basename="api-jeugdhulp-ijw")
