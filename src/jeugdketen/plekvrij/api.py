"""API for the providers' and access teams' own systems (`Authorization: Bearer <key>`, one key per
organisation system, issued by functional management) and for sessions.

* `/api/v1/plekvrij/plekken/`: a provider's system reads its own places and updates them — one
  (PATCH) or many at once (`POST .../bijwerken/`, each row applied on its own, bad rows reported
  with their reason). `GET .../zoeken/` searches every region's places like the search page.
  Places hold no personal data, so these calls write no access-log entry; a place of another
  organisation is answered 404, exactly like a missing one (the attempt is logged).
* `/api/v1/plekvrij/reserveringen/`: the reservations of the organisation (requests it made, or
  holds on its places) — personal data, so a `ScopedViewSet`: a list writes one search entry, a
  detail goes through `fetch`, every change is logged by its service.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from jeugdketen.core import kalender
from jeugdketen.core.access import UUID_PATTERN, policy, refuse, visible
from jeugdketen.core.api import ScopedViewSet, StrictSerializer, api_actor
from jeugdketen.core.kalender import Aannemelijk, Doel
from jeugdketen.core.models import Actie
from jeugdketen.core.rollen import Rol
from jeugdketen.organisaties import selectors as organisaties
from jeugdketen.organisaties.api_auth import ApiSleutelAuthentication, ApiSleutelThrottle

from . import logevents, selectors, services
from .models import MAX_LEEFTIJD, Bron, Plek, Reservering, Soort

# The key first, so a wrong or revoked key is a 401 with WWW-Authenticate (not a 403).
AUTH: list[Any] = [ApiSleutelAuthentication, SessionAuthentication]
MAX_BULK = 500


def _fout(exc: DjangoValidationError) -> dict[str, Any]:
    if hasattr(exc, "error_dict"):
        return {k: [str(m) for m in DjangoValidationError(v).messages] for k, v in exc.error_dict.items()}
    return {"detail": [str(m) for m in exc.messages]}


class PlekOut(serializers.Serializer[Any]):
    id = serializers.UUIDField(source="uuid")
    locatie = serializers.CharField(source="locatie.naam")
    gemeente = serializers.CharField(source="locatie.gemeente.naam")
    gemeente_code = serializers.CharField(source="locatie.gemeente.cbs_code")
    soort = serializers.ChoiceField(choices=Soort.choices)
    naam = serializers.CharField()
    leeftijd_van = serializers.IntegerField()
    leeftijd_tot = serializers.IntegerField()
    specialismen = serializers.SerializerMethodField()
    plekken = serializers.IntegerField(source="gecontracteerd", help_text="gecontracteerde plekken")
    niet_inzetbaar = serializers.IntegerField(source="buiten_gebruik")
    bezet = serializers.IntegerField()
    gereserveerd = serializers.IntegerField(source="gereserveerd_nu", help_text="lopende reserveringen, nu")
    vrij = serializers.IntegerField(source="vrij_nu", help_text="vrij nu; een verlopen reservering telt als vrij")
    vrij_vanaf = serializers.DateField(validators=[Aannemelijk(Doel.GEPLAND)], allow_null=True)
    actueel = serializers.SerializerMethodField()
    bijgewerkt_op = serializers.DateTimeField()
    versie = serializers.IntegerField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_specialismen(self, obj: Plek) -> list[str]:
        return [s.sleutel for s in obj.specialismen.all()]

    @extend_schema_field(serializers.BooleanField())
    def get_actueel(self, obj: Plek) -> bool:
        return not getattr(obj, "verouderd", False)


class ZoekresultaatOut(PlekOut):
    aanbieder = serializers.CharField(source="locatie.organisatie.naam")
    telefoon = serializers.SerializerMethodField()
    afstand_km = serializers.FloatField(source="afstand", allow_null=True)

    @extend_schema_field(serializers.CharField())
    def get_telefoon(self, obj: Plek) -> str:
        return obj.contact_telefoon or obj.locatie.telefoon


class Aantal(serializers.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, min_value=0, max_value=999, **kwargs)


class PlekWijzigingIn(StrictSerializer):
    plekken = Aantal(help_text="gecontracteerde plekken")
    niet_inzetbaar = Aantal()
    bezet = Aantal(help_text="absoluut; reserveringen blijven apart")
    vrij = Aantal(help_text="in plaats van 'bezet': zoveel plekken zijn nu vrij")
    vrij_vanaf = serializers.DateField(validators=[Aannemelijk(Doel.GEPLAND)], required=False, allow_null=True)
    versie = serializers.IntegerField(required=False, min_value=1, help_text="optioneel: weiger als de plek nieuwer is")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "bezet" in attrs and "vrij" in attrs:
            raise serializers.ValidationError({"vrij": [_("Stuur 'bezet' of 'vrij', niet allebei.")]})
        return attrs

    def wijziging(self) -> services.Wijziging:
        d = self.validated_data
        return services.Wijziging(
            gecontracteerd=d.get("plekken"),
            buiten_gebruik=d.get("niet_inzetbaar"),
            bezet=d.get("bezet"),
            vrij=d.get("vrij"),
            vrij_vanaf=d.get("vrij_vanaf", services.UNSET),
        )


class BulkRegelIn(PlekWijzigingIn):
    id = serializers.UUIDField()


class BulkIn(StrictSerializer):
    plekken = serializers.ListField(
        child=serializers.DictField(), allow_empty=False, max_length=MAX_BULK, help_text="per plek: id en aantallen"
    )


class BulkRegelOut(serializers.Serializer[Any]):
    regel = serializers.IntegerField()
    id = serializers.CharField()
    gelukt = serializers.BooleanField()
    fouten = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    vrij = serializers.IntegerField(allow_null=True)


class BulkOut(serializers.Serializer[Any]):
    gelukt = serializers.IntegerField()
    mislukt = serializers.IntegerField()
    regels = BulkRegelOut(many=True)


class ZoekIn(serializers.Serializer[Any]):
    soort = serializers.ChoiceField(choices=Soort.choices, required=False)
    leeftijd = serializers.IntegerField(required=False, min_value=0, max_value=MAX_LEEFTIJD)
    gemeente = serializers.RegexField(
        r"^GM[0-9]{4}$", max_length=6, required=False, help_text="CBS-code, bijvoorbeeld GM0917"
    )
    regio = serializers.UUIDField(required=False)
    vanaf = serializers.RegexField(
        r"^GM[0-9]{4}$", max_length=6, required=False, help_text="dichtbij deze gemeente (CBS-code)"
    )
    datum = serializers.DateField(validators=[Aannemelijk(Doel.GEPLAND)], required=False, help_text="vrij op deze dag")
    specialisme = serializers.ListField(child=serializers.SlugField(max_length=40), required=False)
    ook_vol = serializers.BooleanField(required=False, default=False)

    def vraag(self) -> selectors.Zoekvraag:
        d = self.validated_data
        codes = [c for c in (d.get("gemeente"), d.get("vanaf")) if c]
        gemeenten = {g.cbs_code: g for g in selectors.gemeenten_met_code(codes)}
        specialismen = tuple(selectors.actieve_specialismen().filter(sleutel__in=d.get("specialisme", [])))
        if len(specialismen) != len(set(d.get("specialisme", []))):
            raise serializers.ValidationError({"specialisme": [_("Onbekend specialisme.")]})
        if d.get("gemeente") and d["gemeente"] not in gemeenten:
            raise serializers.ValidationError({"gemeente": [_("Onbekende gemeente.")]})
        regio = organisaties.regio_met_uuid(str(d["regio"])) if d.get("regio") else None
        if d.get("regio") and regio is None:
            raise serializers.ValidationError({"regio": [_("Onbekende regio.")]})
        if d.get("datum") and d["datum"] < kalender.vandaag():
            raise serializers.ValidationError({"datum": [_("Kies vandaag of een dag in de toekomst.")]})
        return selectors.Zoekvraag(
            soort=d.get("soort", ""),
            leeftijd=d.get("leeftijd"),
            specialismen=specialismen,
            gemeente=gemeenten.get(d.get("gemeente", "")),
            regio=regio,
            vanaf=gemeenten.get(d.get("vanaf", "")),
            datum=d.get("datum"),
            ook_vol=d.get("ook_vol", False),
        )


@policy(roles=[Rol.HULPVERLENER, Rol.TRIAGE], burger=False)
class PlekViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Plek]):
    """The organisation's own places (providers), and the search (everyone who may search)."""

    authentication_classes = AUTH
    throttle_classes = [ApiSleutelThrottle]
    serializer_class = PlekOut
    lookup_field = "uuid"
    lookup_value_regex = UUID_PATTERN
    queryset = selectors.geen(Plek)  # for the schema; get_queryset is scoped per call

    def get_queryset(self) -> Any:
        actor = api_actor(self.request)
        if not selectors.may_manage(actor):
            return selectors.geen(Plek)
        return selectors.mijn_plekken(actor)

    def get_object(self) -> Plek:
        actor = api_actor(self.request)
        plek = self.get_queryset().filter(uuid=self.kwargs["uuid"]).first()
        if plek is None:
            refuse(
                actor,
                object_type=logevents.ObjectType.PLEK,
                object_id=str(self.kwargs["uuid"]),
                segment=logevents.Segment.API,
            )
        return plek  # type: ignore[no-any-return]

    @extend_schema(request=PlekWijzigingIn, responses=PlekOut)
    def partial_update(self, request: Request, uuid: str | None = None) -> Response:
        actor = api_actor(request)
        plek = self.get_object()
        body = PlekWijzigingIn(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            services.plek_bijwerken(
                plek=plek,
                by=actor,
                wijziging=body.wijziging(),
                basis_versie=body.validated_data.get("versie"),
                bron=Bron.API,
            )
        except services.VerouderdeStand as exc:
            return Response(
                {"detail": "De plek is intussen gewijzigd.", "versie": exc.plek.versie},
                status=status.HTTP_412_PRECONDITION_FAILED,
            )
        except DjangoValidationError as exc:
            return Response(_fout(exc), status=status.HTTP_400_BAD_REQUEST)
        return Response(PlekOut(self.get_object()).data)

    @extend_schema(request=BulkIn, responses=BulkOut)
    @action(detail=False, methods=["post"])
    def bijwerken(self, request: Request) -> Response:
        """Many places in one call; each row is applied (or refused) on its own."""
        actor = api_actor(request)
        if not selectors.may_manage(actor):
            refuse(actor, object_type=logevents.ObjectType.PLEK, segment=logevents.Segment.API, actie=Actie.UPDATE)
        body = BulkIn(data=request.data)
        body.is_valid(raise_exception=True)
        regels: list[tuple[str, services.Wijziging]] = []
        nummers: list[int] = []
        uitkomsten: list[dict[str, Any]] = []
        for nummer, item in enumerate(body.validated_data["plekken"], start=1):
            regel = BulkRegelIn(data=item)
            if regel.is_valid():
                regels.append((str(regel.validated_data["id"]), regel.wijziging()))
                nummers.append(nummer)
            else:
                fouten = {k: [str(m) for m in v] for k, v in regel.errors.items()}
                uitkomsten.append(
                    {
                        "regel": nummer,
                        "id": str(item.get("id", ""))[:64],
                        "gelukt": False,
                        "fouten": fouten,
                        "vrij": None,
                    }
                )
        for r in services.plekken_bijwerken(by=actor, regels=regels, bron=Bron.API):
            uitkomsten.append(
                {"regel": nummers[r.regel - 1], "id": r.plek, "gelukt": r.gelukt, "fouten": r.fouten, "vrij": r.vrij}
            )
        uitkomsten.sort(key=lambda u: u["regel"])
        gelukt = sum(1 for u in uitkomsten if u["gelukt"])
        return Response({"gelukt": gelukt, "mislukt": len(uitkomsten) - gelukt, "regels": uitkomsten})

    @extend_schema(
        parameters=[ZoekIn, OpenApiParameter("page", int, description="pagina")], responses=ZoekresultaatOut(many=True)
    )
    @action(detail=False, methods=["get"])
    def zoeken(self, request: Request) -> Response:
        actor = api_actor(request)
        if not selectors.may_search(actor):
            refuse(actor, object_type=logevents.ObjectType.PLEK, segment=logevents.Segment.API, actie=Actie.SEARCH)
        params: dict[str, Any] = {k: v for k, v in request.query_params.items() if k not in {"page", "specialisme"}}
        if "specialisme" in request.query_params:
            params["specialisme"] = request.query_params.getlist("specialisme")
        body = ZoekIn(data=params)
        body.is_valid(raise_exception=True)
        qs = selectors.zoeken(actor, body.vraag())
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(ZoekresultaatOut(page, many=True).data)


class ReserveringOut(serializers.Serializer[Any]):
    id = serializers.UUIDField(source="uuid")
    plek = serializers.UUIDField(source="plek.uuid")
    plek_naam = serializers.CharField(source="plek.titel")
    soort = serializers.CharField(source="plek.soort")
    status = serializers.SerializerMethodField()
    aangevraagd_op = serializers.DateTimeField()
    verloopt_op = serializers.DateTimeField()
    afgehandeld_op = serializers.DateTimeField(allow_null=True)
    organisatie = serializers.CharField(source="organisatie.naam")
    aangevraagd_door = serializers.CharField(source="aangevraagd_door_naam")
    contact_telefoon = serializers.CharField()
    initialen = serializers.CharField()
    leeftijd = serializers.IntegerField()
    toelichting = serializers.CharField()
    antwoord = serializers.CharField()

    @extend_schema_field(serializers.CharField())
    def get_status(self, obj: Reservering) -> str:
        return "verlopen" if selectors.verlopen_te_laat(obj) else obj.status


class ReserveringIn(StrictSerializer):
    plek = serializers.UUIDField()
    uren = serializers.IntegerField(min_value=1, max_value=services.MAX_UREN, default=services.STANDAARD_UREN)
    initialen = serializers.CharField(max_length=8)
    leeftijd = serializers.IntegerField(min_value=0, max_value=MAX_LEEFTIJD)
    contact_telefoon = serializers.CharField(max_length=32)
    toelichting = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class AntwoordIn(StrictSerializer):
    antwoord = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


@policy(roles=[Rol.HULPVERLENER, Rol.TRIAGE], burger=False)
class ReserveringViewSet(ScopedViewSet[Reservering]):
    """Reservations of the organisation: made by it (access team, crisis service, GI) or holding
    its places (provider). `?kant=aanvrager|aanbieder` and `?status=` narrow the list."""

    authentication_classes = AUTH
    throttle_classes = [ApiSleutelThrottle]
    serializer_class = ReserveringOut
    model = Reservering
    queryset = selectors.geen(Reservering)  # for the schema; the list is the registered scope

    def filter_list(self, queryset: Any) -> Any:
        actor = api_actor(self.request)
        kant = self.request.query_params.get("kant", "")
        if kant == selectors.AANVRAGER:
            queryset = queryset.filter(organisatie_id=actor.organisatie_pk)
        elif kant == selectors.AANBIEDER:
            queryset = queryset.filter(plek__locatie__organisatie_id=actor.organisatie_pk)
        wanted = self.request.query_params.get("status", "")
        if wanted:
            queryset = queryset.filter(status=wanted[:16])
        return queryset.order_by("-aangevraagd_op", "-id")

    @extend_schema(
        parameters=[
            OpenApiParameter("kant", str, enum=[selectors.AANVRAGER, selectors.AANBIEDER]),
            OpenApiParameter("status", str),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=ReserveringIn, responses={201: ReserveringOut})
    def create(self, request: Request) -> Response:
        actor = api_actor(request)
        body = ReserveringIn(data=request.data)
        body.is_valid(raise_exception=True)
        d = dict(body.validated_data)
        plek = selectors.plek_voor_zoeker(actor, d.pop("plek"))
        if plek is None:
            refuse(
                actor,
                object_type=logevents.ObjectType.RESERVERING,
                segment=logevents.Segment.RESERVEREN,
                actie=Actie.CREATE,
            )
        try:
            r = services.reservering_maken(plek=plek, by=actor, **d)
        except DjangoValidationError as exc:
            return Response(_fout(exc), status=status.HTTP_400_BAD_REQUEST)
        return Response(ReserveringOut(visible(actor, Reservering).get(pk=r.pk)).data, status=status.HTTP_201_CREATED)

    def _actie(self, request: Request, uuid: str, actie: str) -> Response:
        actor = api_actor(request)
        r = visible(actor, Reservering).filter(uuid=uuid).first()
        if r is None:
            refuse(
                actor,
                object_type=logevents.ObjectType.RESERVERING,
                object_id=str(uuid),
                segment=logevents.Segment.API,
                actie=Actie.UPDATE,
            )
        body = AntwoordIn(data=request.data if isinstance(request.data, dict) else {})
        body.is_valid(raise_exception=True)
        tekst = body.validated_data.get("antwoord", "")
        try:
            if actie == "bevestigen":
                services.reservering_beantwoorden(reservering=r, by=actor, bevestigen=True, antwoord=tekst)
            elif actie == "afwijzen":
                services.reservering_beantwoorden(reservering=r, by=actor, bevestigen=False, antwoord=tekst)
            elif actie == "geplaatst":
                services.reservering_plaatsen(reservering=r, by=actor)
            else:
                services.reservering_intrekken(reservering=r, by=actor)
        except DjangoValidationError as exc:
            return Response(_fout(exc), status=status.HTTP_409_CONFLICT)
        return Response(ReserveringOut(visible(actor, Reservering).get(pk=r.pk)).data)

    @extend_schema(request=AntwoordIn, responses=ReserveringOut)
    @action(detail=True, methods=["post"])
    def bevestigen(self, request: Request, uuid: str | None = None) -> Response:
        return self._actie(request, str(uuid), "bevestigen")

    @extend_schema(request=AntwoordIn, responses=ReserveringOut)
    @action(detail=True, methods=["post"])
    def afwijzen(self, request: Request, uuid: str | None = None) -> Response:
        return self._actie(request, str(uuid), "afwijzen")

    @extend_schema(request=None, responses=ReserveringOut)
    @action(detail=True, methods=["post"])
    def geplaatst(self, request: Request, uuid: str | None = None) -> Response:
        return self._actie(request, str(uuid), "geplaatst")

    @extend_schema(request=None, responses=ReserveringOut)
    @action(detail=True, methods=["post"])
    def intrekken(self, request: Request, uuid: str | None = None) -> Response:
        return self._actie(request, str(uuid), "intrekken")
