"""API for organisations' case systems: the families they have consent or a mandate for.

The same scope as the pages (the registered Gezin scope): a list is the scope with one search
entry in the access log, a detail goes through `core.access.fetch` (one read entry; without
access the logged refusal and a 404, identical to an unknown id). Read-only, for professionals
and their organisations' systems (`@policy`); the response fields are a whitelist (no BSN: a case
system links through the family's uuid).
"""

from __future__ import annotations

import uuid as uuidlib

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.authentication import BaseAuthentication, SessionAuthentication

from jeugdketen.core.access import policy
from jeugdketen.core.api import ScopedViewSet, UitvoerSerializer
from jeugdketen.core.rollen import Rol
from jeugdketen.organisaties.api_auth import ApiSleutelAuthentication

from . import selectors
from .models import Gezin, Gezinslid

# A person's session or an organisation system's API key (the gezinsplan API uses the same).
# The key first: a wrong or revoked key is a 401 with WWW-Authenticate (DRF takes the first class's
# header; with the session first it answered 403). Without a Bearer header the session is used.
AUTH: list[type[BaseAuthentication]] = [ApiSleutelAuthentication, SessionAuthentication]


class LidOut(UitvoerSerializer[Gezinslid]):
    class Meta:
        model = Gezinslid
        fields = ["uuid", "soort", "voornaam", "achternaam", "geboortedatum"]  # never the BSN


class GezinOut(serializers.Serializer[Gezin]):
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
@policy(roles=[Rol.HULPVERLENER], burger=False)
class GezinViewSet(ScopedViewSet[Gezin]):
    model = Gezin
    authentication_classes = AUTH

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Gezin]]:
        return GezinDetailOut if self.action == "retrieve" else GezinOut

    def related(self, queryset: QuerySet[Gezin]) -> QuerySet[Gezin]:
        queryset = queryset.select_related("gemeente", "plan")
        if self.action == "retrieve":
            queryset = selectors.with_members(queryset)
        return queryset

    def filter_list(self, queryset: QuerySet[Gezin]) -> QuerySet[Gezin]:
        gemeente = self.request.query_params.get("gemeente", "").strip()
        if gemeente:
            try:
                queryset = queryset.filter(gemeente__uuid=uuidlib.UUID(gemeente))
            except ValueError:  # not a uuid: no municipality matches
                return queryset.none()
        return queryset.order_by("naam", "id")
