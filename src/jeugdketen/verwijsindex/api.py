"""API for organisations' own case systems ("ketenregistratie"): register, remove, and list their
own registrations and matches. Authenticated per organisation system with an API key
(organisaties/api_auth.py), throttled per key. Unknown fields are refused (no content, art. 7.1.4.3)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from jeugdketen.core.access import UUID_PATTERN, Actor, client_ip, policy
from jeugdketen.core.models import Actie
from jeugdketen.core.rollen import Rol
from jeugdketen.core.toegangslog import log_access, log_attempt
from jeugdketen.organisaties.api_auth import ApiSleutelAuthentication, ApiSleutelThrottle, SysteemClient
from jeugdketen.organisaties.models import Gebruiker

from . import services
from .models import REDENEN_MELDER, Bron, Match, MatchStatus, Melding, MeldingStatus
from .services import GESLACHTEN, Identificatie


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know: the index must not receive content by any route."""

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, dict):
            raise ApiValidationError({"non_field_errors": ["Stuur een JSON-object."]})
        onbekend = sorted(set(data) - set(self.fields))
        if onbekend:
            raise ApiValidationError(
                {
                    k: ["Dit veld bestaat niet. De verwijsindex slaat geen inhoud op (Jeugdwet 7.1.4.3)."]
                    for k in onbekend
                }
            )
        return super().to_internal_value(data)


class MeldingInvoer(StrictSerializer):
    bsn = serializers.CharField(required=False, allow_blank=True, max_length=20, help_text="BSN (11-proef)")
    geboortedatum = serializers.DateField(help_text="Alleen om de leeftijd te controleren; wordt niet bewaard.")
    achternaam = serializers.CharField(required=False, allow_blank=True, max_length=120, help_text="Alleen zonder BSN")
    geslacht = serializers.ChoiceField(choices=list(GESLACHTEN), required=False, allow_blank=True)
    melder_email = serializers.EmailField(help_text="E-mailadres van de meldingsbevoegde professional")


class VerwijderInvoer(StrictSerializer):
    reden = serializers.ChoiceField(choices=[r.value for r in REDENEN_MELDER])


class MeldingUitvoer(serializers.ModelSerializer):
    match: serializers.SlugRelatedField = serializers.SlugRelatedField(
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


class ContactUitvoer(serializers.Serializer):
    organisatie = serializers.CharField(source="organisatie.naam")
    melder_naam = serializers.CharField()
    melder_telefoon = serializers.CharField()
    melder_email = serializers.CharField()
    coordinator_naam = serializers.CharField()
    coordinator_telefoon = serializers.CharField()
    coordinator_email = serializers.CharField()
    gemeld_op = serializers.DateTimeField(source="aangemeld_op")


class MatchUitvoer(serializers.ModelSerializer):
    regie_organisatie = serializers.CharField(source="regie_organisatie.naam", allow_null=True, default=None)
    eigen_meldingen = serializers.SerializerMethodField()
    anderen = serializers.SerializerMethodField()

    class Meta:
        model = Match
        fields = ["uuid", "aangemaakt", "regie_organisatie", "contact_vastgelegd_op", "eigen_meldingen", "anderen"]
        read_only_fields = fields

    def _split(self, obj: Match) -> tuple[list[Melding], list[Melding]]:
        org_id = self.context["organisatie_id"]
        actieve = getattr(obj, "actieve_meldingen", [])
        return [m for m in actieve if m.organisatie_id == org_id], [m for m in actieve if m.organisatie_id != org_id]

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_eigen_meldingen(self, obj: Match) -> list[str]:
        return [str(m.uuid) for m in self._split(obj)[0]]

    @extend_schema_field(ContactUitvoer(many=True))
    def get_anderen(self, obj: Match) -> list[dict[str, Any]]:
        return list(ContactUitvoer(self._split(obj)[1], many=True).data)


class IsAangeslotenSysteem(permissions.BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        client = request.user
        return isinstance(client, SysteemClient) and client.organisatie.aangesloten_verwijsindex


def actor_voor(request: Request) -> Actor:
    client: SysteemClient = request.user  # type: ignore[assignment]
    org = client.organisatie
    naam = f"API {client.sleutel.systeem}"
    return Actor(
        user=None,
        rol=Rol.MELDINGSBEVOEGD,
        rollen=frozenset({Rol.MELDINGSBEVOEGD}),
        organisatie_id=str(org.uuid),
        organisatie_naam=org.naam,
        organisatie_soort=org.soort,
        display_name=naam,
        namens=naam,
        ip=client_ip(request._request),  # the trusted-proxy header, as everywhere
        request_id=getattr(request._request, "request_id", ""),
        bronsysteem=f"api:{client.sleutel.prefix}"[:64],
    )


def _dutch(exc: DjangoValidationError) -> ApiValidationError:
    return ApiValidationError({"non_field_errors": exc.messages})


class _Basis(viewsets.GenericViewSet):  # type: ignore[type-arg]
    authentication_classes = [ApiSleutelAuthentication]
    permission_classes = [IsAangeslotenSysteem]
    throttle_classes = [ApiSleutelThrottle]
    lookup_field = "uuid"
    lookup_value_regex = UUID_PATTERN

    def get_object(self) -> Any:
        actor = actor_voor(self.request)
        value = self.kwargs[self.lookup_field]
        try:
            obj = self.get_queryset().filter(uuid=value).first()
        except DjangoValidationError:
            obj = None
        if obj is None:
            log_attempt(actor, object_type=self.object_type, object_id=str(value)[:64], segment="api")
            raise NotFound("Niet gevonden.")
        log_access(
            actor,
            actie=Actie.READ,
            object_type=self.object_type,
            object_id=str(obj.uuid),
            segment="api",
            client_id=services.client_id(obj.jongere) if obj.jongere_id else "-",
            grondslag="Jeugdwet 7.1",
        )
        return obj

    object_type = ""


@policy(roles=[Rol.MELDINGSBEVOEGD], burger=False)
class MeldingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _Basis):
    """The organisation's own current registrations."""

    serializer_class = MeldingUitvoer
    object_type = services.OBJECT_MELDING

    def get_queryset(self) -> QuerySet[Melding]:
        client: SysteemClient = self.request.user  # type: ignore[assignment]
        return (
            Melding.objects.filter(organisatie=client.organisatie, status=MeldingStatus.ACTIEF)
            .select_related("match", "jongere")
            .order_by("-aangemeld_op", "-id")
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        log_access(
            actor_voor(request),
            actie=Actie.SEARCH,
            object_type=self.object_type,
            segment="api_lijst",
            grondslag="Jeugdwet 7.1",
        )
        return super().list(request, *args, **kwargs)

    @extend_schema(request=MeldingInvoer, responses={201: MeldingUitvoer, 200: MeldingUitvoer})
    def create(self, request: Request) -> Response:
        invoer = MeldingInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        client: SysteemClient = request.user  # type: ignore[assignment]
        melder = Gebruiker.objects.filter(email__iexact=data["melder_email"], is_active=True).first()
        if melder is None or not services.meldingsbevoegd(melder, client.organisatie):
            raise ApiValidationError(
                {"melder_email": ["Onbekende melder: dit is geen meldingsbevoegde professional van uw organisatie."]}
            )
        identificatie = Identificatie(
            geboortedatum=data["geboortedatum"],
            bsn=data.get("bsn", "").strip(),
            achternaam=data.get("achternaam", ""),
            geslacht=data.get("geslacht", ""),
        )
        try:
            reg = services.melding_registreren(
                actor=actor_voor(request), identificatie=identificatie, melder=melder, bron=Bron.API
            )
        except DjangoValidationError as exc:
            raise _dutch(exc) from None
        except services.GeenToegang:
            raise NotFound("Niet gevonden.") from None
        return Response(
            MeldingUitvoer(reg.melding).data, status=status.HTTP_201_CREATED if reg.nieuw else status.HTTP_200_OK
        )

    @extend_schema(request=VerwijderInvoer, responses={204: None})
    @action(detail=True, methods=["post"])
    def verwijderen(self, request: Request, uuid: str) -> Response:
        melding = self.get_object()
        invoer = VerwijderInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            services.melding_verwijderen(
                actor=actor_voor(request), melding=melding, reden=invoer.validated_data["reden"]
            )
        except services.GeenToegang:
            raise NotFound("Niet gevonden.") from None
        except DjangoValidationError as exc:
            raise _dutch(exc) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


@policy(roles=[Rol.MELDINGSBEVOEGD], burger=False)
class MatchViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _Basis):
    """Matches the organisation takes part in, with the other professionals' contact details only."""

    serializer_class = MatchUitvoer
    object_type = services.OBJECT_MATCH

    def get_queryset(self) -> QuerySet[Match]:
        client: SysteemClient = self.request.user  # type: ignore[assignment]
        return (
            Match.objects.filter(
                status=MatchStatus.ACTIEF,
                meldingen__organisatie=client.organisatie,
                meldingen__status=MeldingStatus.ACTIEF,
            )
            .select_related("regie_organisatie", "jongere")
            .prefetch_related(
                Prefetch(
                    "meldingen",
                    queryset=Melding.objects.filter(status=MeldingStatus.ACTIEF)
                    .select_related("organisatie")
                    .order_by("aangemeld_op", "id"),
                    to_attr="actieve_meldingen",
                )
            )
            .order_by("-aangemaakt", "-id")
        )

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if isinstance(self.request.user, SysteemClient):
            context["organisatie_id"] = self.request.user.organisatie.pk
        return context

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        log_access(
            actor_voor(request),
            actie=Actie.SEARCH,
            object_type=self.object_type,
            segment="api_lijst",
            grondslag="Jeugdwet 7.1",
        )
        return super().list(request, *args, **kwargs)


router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("meldingen", MeldingViewSet, basename="api-melding")
router.register("matches", MatchViewSet, basename="api-match")
