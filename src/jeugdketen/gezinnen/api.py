"""API for organisations' case systems: the families they have consent or a mandate for.

The same scope as the pages (selectors.families_visible_to): without access 404, identical to an
unknown id, with a denied row in the access log. Read-only; the response fields are a whitelist
(no BSN: a case system links through the family's uuid). Also the shared pieces of the
gezinsplan API: the acting party (a person's session or an organisation system's API key).
"""

from __future__ import annotations

import uuid as uuidlib
from typing import Any

from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from jeugdketen.core.access import UUID_PATTERN, Actor, actor_for, get_visible_or_404, policy
from jeugdketen.core.models import Actie
from jeugdketen.core.rollen import Rol
from jeugdketen.core.toegangslog import log_access
from jeugdketen.organisaties.api_auth import ApiSleutelAuthentication, SysteemClient

from . import selectors
from .models import Gezin, Gezinslid

AUTH: list[Any] = [SessionAuthentication, ApiSleutelAuthentication]


def api_actor(request: Request) -> Actor:
    """A person (session) or an organisation's system (API key) acting for its organisation."""
    user = request.user
    if isinstance(user, SysteemClient):
        org = user.organisatie
        return Actor(
            user=user,
            rol="systeem",
            rollen=frozenset({Rol.HULPVERLENER}),
            organisatie_id=str(org.uuid),
            organisatie_naam=org.naam,
            organisatie_soort=org.soort,
            display_name=str(user),
            namens=str(user),
            ip=actor_for(request._request).ip,
            bronsysteem="api",
        )
    return actor_for(request._request)


def professional_or_none(request: Request) -> Actor | None:
    """The API is for professionals and their systems; citizens use the portal pages."""
    actor = api_actor(request)
    return actor if not actor.is_burger and selectors.is_professional(actor) else None


class StrictSerializer(serializers.Serializer):
    def to_internal_value(self, data: Any) -> Any:
        unknown = set(data) - set(self.fields) if isinstance(data, dict) else set()
        if unknown:
            raise serializers.ValidationError(
                {k: ["Dit veld bestaat niet of mag u niet wijzigen."] for k in sorted(unknown)}
            )
        return super().to_internal_value(data)


class ScopedReadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Read endpoints for professionals and their systems: by uuid, scoped per request."""

    authentication_classes = AUTH
    lookup_field = "uuid"
    lookup_value_regex = UUID_PATTERN
    empty: Any = None  # the model's manager, for "nothing visible"

    def get_queryset(self) -> Any:
        actor = professional_or_none(self.request)
        return self.scoped(actor) if actor is not None else self.empty.none()

    def scoped(self, actor: Actor) -> Any:
        raise NotImplementedError

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A list shows personal data too: one search entry in the access log per call."""
        response = super().list(request, *args, **kwargs)
        actor = professional_or_none(request)
        if actor is not None:
            log_access(actor, actie=Actie.SEARCH, object_type=self.empty.model._meta.model_name, segment="api lijst")
        return response


class LidOut(serializers.ModelSerializer):
    class Meta:
        model = Gezinslid
        fields = ["uuid", "soort", "voornaam", "achternaam", "geboortedatum"]  # never the BSN


class GezinOut(serializers.Serializer):
    uuid = serializers.UUIDField()
    naam = serializers.CharField()
    gemeente = serializers.CharField(source="gemeente.naam")
    gemeentecode = serializers.CharField(source="gemeente.cbs_code")
    toegang = serializers.CharField(source="toegang_soort", help_text="toestemming of mandaat")
    gezinsplan = serializers.SerializerMethodField()

    def get_gezinsplan(self, gezin: Gezin) -> str | None:
        plan = getattr(gezin, "plan", None)
        return str(plan.uuid) if plan is not None else None


class GezinDetailOut(GezinOut):
    leden = LidOut(many=True)


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("gemeente", str, description="uuid van de gemeente")],
        responses=GezinOut(many=True),
    ),
    retrieve=extend_schema(responses=GezinDetailOut),
)
@policy(roles=[Rol.HULPVERLENER])
class GezinViewSet(ScopedReadViewSet):
    serializer_class = GezinOut
    empty = Gezin.objects

    def scoped(self, actor: Actor) -> Any:
        qs = selectors.families_visible_to(actor).select_related("gemeente", "plan").order_by("naam", "id")
        gemeente = self.request.query_params.get("gemeente", "").strip()
        if gemeente:
            try:
                qs = qs.filter(gemeente__uuid=uuidlib.UUID(gemeente))
            except ValueError:  # not a uuid: no municipality matches
                return Gezin.objects.none()
        return qs

    def retrieve(self, request: Request, uuid: str | None = None) -> Response:
        actor = professional_or_none(request)
        try:
            if actor is None:
                raise Http404
            gezin = get_visible_or_404(actor, Gezin, uuid=uuid, segment="api")
        except Http404:
            raise NotFound("Niet gevonden.") from None
        leden = Gezinslid.objects.filter(gezin=gezin).order_by("soort", "geboortedatum", "id")
        gezin = (
            selectors.families_visible_to(actor)
            .select_related("gemeente", "plan")
            .prefetch_related(Prefetch("leden", queryset=leden))
            .get(pk=gezin.pk)
        )
        return Response(GezinDetailOut(gezin).data)
