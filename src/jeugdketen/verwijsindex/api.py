"""API for organisations' own case systems ("ketenregistratie"): register, remove, and list their
own registrations and matches. Authenticated per organisation system with an API key
(organisaties/api_auth.py), throttled per key. Unknown fields are refused (no content, art. 7.1.4.3)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_noop
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from jeugdketen.core import api as core_api
from jeugdketen.core.access import policy
from jeugdketen.core.api import ScopedViewSet, UitvoerSerializer, api_actor
from jeugdketen.core.kalender import Aannemelijk, Doel
from jeugdketen.core.models import Actie
from jeugdketen.core.rollen import Rol
from jeugdketen.organisaties.api_auth import ApiSleutelAuthentication, ApiSleutelThrottle, SysteemClient

from . import logevents, selectors, services
from .logevents import Segment
from .models import REDENEN_MELDER, Bron, Match, Melding
from .services import GESLACHTEN, Identificatie


class StrictSerializer(core_api.StrictSerializer):
    """Refuses fields it does not know: the index must not receive content by any route."""

    unknown_field_message = gettext_noop(
        "Dit veld bestaat niet. De verwijsindex slaat geen inhoud op (Jeugdwet 7.1.4.3)."
    )


class MeldingInvoer(StrictSerializer):
    bsn = serializers.CharField(required=False, allow_blank=True, max_length=20, help_text="BSN (11-proef)")
    geboortedatum = serializers.DateField(
        validators=[Aannemelijk(Doel.GEBOORTEDATUM)],
        help_text="Alleen om de leeftijd te controleren; wordt niet bewaard.",
    )
    achternaam = serializers.CharField(required=False, allow_blank=True, max_length=120, help_text="Alleen zonder BSN")
    geslacht = serializers.ChoiceField(choices=list(GESLACHTEN), required=False, allow_blank=True)
    melder_email = serializers.EmailField(max_length=254, help_text="E-mailadres van de meldingsbevoegde professional")


class VerwijderInvoer(StrictSerializer):
    reden = serializers.ChoiceField(choices=[r.value for r in REDENEN_MELDER])


class MeldingUitvoer(UitvoerSerializer[Melding]):
    match: serializers.SlugRelatedField[Match] = serializers.SlugRelatedField(
        slug_field="uuid", read_only=True, allow_null=True
    )
    kenmerk = serializers.CharField(source="kenmerk_hint", read_only=True)

    class Meta:
        model = Melding
        fields = [
            "uuid",
            "kenmerk",
            "aangemeld_op",
            "verwijderdatum",
            "melder_naam",
            "informeren",
            "geinformeerd_op",
            "niet_geinformeerd_reden",
            "match",
        ]
        read_only_fields = fields


class ContactUitvoer(serializers.Serializer[Melding]):
    organisatie = serializers.CharField(source="organisatie.naam")
    melder_naam = serializers.CharField()
    melder_telefoon = serializers.CharField()
    melder_email = serializers.CharField()
    coordinator_naam = serializers.CharField()
    coordinator_telefoon = serializers.CharField()
    coordinator_email = serializers.CharField()
    gemeld_op = serializers.DateTimeField(source="aangemeld_op")


class MatchUitvoer(UitvoerSerializer[Match]):
    regie_organisatie = serializers.CharField(source="regie_organisatie.naam", allow_null=True, default=None)
    eigen_meldingen = serializers.SerializerMethodField()
    anderen = serializers.SerializerMethodField()

    class Meta:
        model = Match
        fields = ["uuid", "aangemaakt", "regie_organisatie", "contact_vastgelegd_op", "eigen_meldingen", "anderen"]
        read_only_fields = fields

    def _split(self, obj: Match) -> tuple[list[Melding], list[Melding]]:
        eigen = self.context["organisatie_uuid"]
        actieve = getattr(obj, "actieve_meldingen", [])
        return (
            [m for m in actieve if str(m.organisatie.uuid) == eigen],
            [m for m in actieve if str(m.organisatie.uuid) != eigen],
        )

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_eigen_meldingen(self, obj: Match) -> list[str]:
        return [str(m.uuid) for m in self._split(obj)[0]]

    @extend_schema_field(ContactUitvoer(many=True))
    def get_anderen(self, obj: Match) -> list[dict[str, Any]]:
        return [dict(ContactUitvoer(m).data) for m in self._split(obj)[1]]


class IsAangeslotenSysteem(permissions.BasePermission):
    """Only the systems of organisations connected to the index (a disconnected one: 403)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        client = request.user
        return isinstance(client, SysteemClient) and client.organisatie.aangesloten_verwijsindex


def _dutch(exc: DjangoValidationError) -> ApiValidationError:
    if hasattr(exc, "error_dict"):
        return ApiValidationError(exc.message_dict)
    return ApiValidationError({"non_field_errors": exc.messages})


M = TypeVar("M", bound=Model)


class _Basis(ScopedViewSet[M]):
    """Organisations' systems only (API key), throttled per key, over the registered scopes."""

    authentication_classes = [ApiSleutelAuthentication]
    permission_classes = [IsAangeslotenSysteem]
    throttle_classes = [ApiSleutelThrottle]
    segment = Segment.API


@policy(roles=[Rol.MELDINGSBEVOEGD], burger=False)
class MeldingViewSet(_Basis[Melding]):
    """The organisation's own current registrations."""

    model = Melding
    serializer_class = MeldingUitvoer

    def filter_list(self, queryset: QuerySet[Melding]) -> QuerySet[Melding]:
        return queryset.order_by("-aangemeld_op", "-id")

    @extend_schema(request=MeldingInvoer, responses={201: MeldingUitvoer, 200: MeldingUitvoer})
    def create(self, request: Request) -> Response:
        invoer = MeldingInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        actor = api_actor(request)
        identificatie = Identificatie(
            geboortedatum=data["geboortedatum"],
            bsn=data.get("bsn", "").strip(),
            achternaam=data.get("achternaam", ""),
            geslacht=data.get("geslacht", ""),
        )
        try:
            reg = services.melding_registreren(
                actor=actor, identificatie=identificatie, melder=data["melder_email"], bron=Bron.API
            )
        except DjangoValidationError as exc:
            raise _dutch(exc) from None
        return Response(
            MeldingUitvoer(reg.melding).data, status=status.HTTP_201_CREATED if reg.nieuw else status.HTTP_200_OK
        )

    @extend_schema(request=VerwijderInvoer, responses={204: None})
    @action(detail=True, methods=["post"])
    def verwijderen(self, request: Request, uuid: str) -> Response:
        invoer = VerwijderInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        reden = invoer.validated_data["reden"]
        # The fetch is the removal's one log entry (with its reason), in the removal's transaction.
        with transaction.atomic():
            toegang = self.fetch(actie=Actie.DELETE, segment=logevents.verwijderd(reden))
            try:
                services.melding_verwijderen(actor=api_actor(request), toegang=toegang, reden=reden)
            except DjangoValidationError as exc:
                raise _dutch(exc) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


@policy(roles=[Rol.MELDINGSBEVOEGD], burger=False)
class MatchViewSet(_Basis[Match]):
    """Matches the organisation takes part in, with the other professionals' contact details only."""

    model = Match
    serializer_class = MatchUitvoer

    def related(self, queryset: QuerySet[Match]) -> QuerySet[Match]:
        return selectors.met_deelnemers(queryset)

    def filter_list(self, queryset: QuerySet[Match]) -> QuerySet[Match]:
        return queryset.order_by("-aangemaakt", "-id")

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["organisatie_uuid"] = api_actor(self.request).organisatie_id
        return context


router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("meldingen", MeldingViewSet, basename="api-melding")
router.register("matches", MatchViewSet, basename="api-match")
