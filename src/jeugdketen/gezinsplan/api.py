"""API for organisations' case systems: plans they have consent for (same scope as the pages).

GET returns a strong ETag (the version number); PATCH requires If-Match: 428 without it, 412 when
stale. Unknown or forbidden fields give 400 (whitelisted serializers).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from jeugdketen.core import taal
from jeugdketen.core.access import Actor, policy
from jeugdketen.core.rollen import Rol
from jeugdketen.core.toegangslog import log_attempt
from jeugdketen.gezinnen.api import ScopedReadViewSet, StrictSerializer, api_actor, professional_or_none
from jeugdketen.organisaties.api_auth import SysteemClient

from . import selectors, services
from .models import Gezinsplan


class DoelOut(serializers.Serializer):
    sleutel = serializers.UUIDField()
    levensgebied = serializers.CharField()
    voor_wie = serializers.CharField()
    resultaat = serializers.CharField()
    streefdatum = serializers.DateField(allow_null=True)
    status = serializers.CharField()


class AfspraakOut(serializers.Serializer):
    sleutel = serializers.UUIDField()
    wat = serializers.CharField()
    wie_naam = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)
    status = serializers.CharField()


class PlanOut(serializers.Serializer):
    uuid = serializers.UUIDField()
    gezin = serializers.UUIDField(source="gezin.uuid")
    gemeente = serializers.CharField(source="gezin.gemeente.naam")
    versie = serializers.IntegerField()
    volgende_evaluatie = serializers.DateField(allow_null=True)
    situatie = serializers.CharField(source="huidige_versie.situatie")
    krachten = serializers.CharField(source="huidige_versie.krachten")


class PlanDetailOut(PlanOut):
    doelen = DoelOut(many=True)
    afspraken = AfspraakOut(many=True)
    veiligheidsvoorwaarden = serializers.ListField(child=serializers.CharField())
    gedragen = serializers.BooleanField()


class PlanPatch(StrictSerializer):
    situatie = serializers.CharField(required=False, allow_blank=True)
    krachten = serializers.CharField(required=False, allow_blank=True)
    volgende_evaluatie = serializers.DateField(required=False, allow_null=True)
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=300)


@policy(roles=[Rol.HULPVERLENER])
class GezinsplanViewSet(ScopedReadViewSet):
    serializer_class = PlanOut
    empty = Gezinsplan.objects

    def scoped(self, actor: Actor) -> Any:
        qs = selectors.plan_list_for(
            actor,
            gemeente=self.request.query_params.get("gemeente", "")[:36],
            regisseur=self.request.query_params.get("regisseur", "")[:36],
        )
        return qs

    def _get(self, uuid: str, segment: str, actie: str = "read") -> Gezinsplan:
        """The plan through the scope; unknown, not visible or not a professional → the same 404
        (a denied row in the access log whenever there is an actor to name)."""
        actor = professional_or_none(self.request)
        gezin_uuid = Gezinsplan.objects.filter(uuid=uuid).values_list("gezin__uuid", flat=True).first()
        try:
            if actor is None:
                raise Http404
            if gezin_uuid is None:
                log_attempt(actor, actie=actie, object_type="gezinsplan", object_id=uuid, segment=segment)
                raise Http404
            return selectors.plan_for_family_or_404(actor, gezin_uuid, segment=segment, actie=actie)
        except Http404:
            raise NotFound("Niet gevonden.") from None

    @extend_schema(responses=PlanDetailOut)
    def retrieve(self, request: Request, uuid: str | None = None) -> Response:
        plan = self._get(str(uuid), "api")
        o = selectors.plan_overview(plan)
        data = PlanOut(plan).data | {
            "doelen": DoelOut(o.doelen, many=True).data,
            "afspraken": AfspraakOut(o.afspraken, many=True).data,
            "veiligheidsvoorwaarden": [v.tekst for v in o.voorwaarden],
            "gedragen": o.gedragen,
        }
        return Response(data, headers={"ETag": f'"{plan.versie}"'})

    @extend_schema(request=PlanPatch, responses=PlanOut)
    def partial_update(self, request: Request, uuid: str | None = None) -> Response:
        if isinstance(request.user, SysteemClient):
            # A plan version has a person as its author; an organisation's system reads only.
            return Response(
                {"detail": "Een systeem van een organisatie kan plannen lezen, niet wijzigen."},
                status=status.HTTP_403_FORBIDDEN,
            )
        if_match = request.headers.get("If-Match", "")
        if not if_match:
            return Response(
                {"detail": "Stuur de header If-Match mee met de ETag van de versie die u wijzigt."},
                status=status.HTTP_428_PRECONDITION_REQUIRED,
            )
        plan = self._get(str(uuid), "api wijzigen", actie="update")
        try:
            basis = int(if_match.strip().strip("W/").strip('"'))
        except ValueError:
            return Response({"detail": "If-Match klopt niet."}, status=status.HTTP_412_PRECONDITION_FAILED)
        body = PlanPatch(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            services.plan_wijzigen(plan=plan, by=api_actor(request), basis_versie=basis, **dict(body.validated_data))
        except services.VerouderdeVersie as exc:
            nieuw = exc.nieuwste.nummer if exc.nieuwste else plan.versie
            return Response(
                {"detail": "Iemand anders heeft het plan intussen gewijzigd.", "versie": nieuw},
                status=status.HTTP_412_PRECONDITION_FAILED,
                headers={"ETag": f'"{nieuw}"'},
            )
        except DjangoValidationError as exc:
            return Response({"detail": exc.messages}, status=status.HTTP_400_BAD_REQUEST)
        plan.refresh_from_db()
        data = dict(PlanOut(plan).data)
        # Plain language (issue 3.9): saved anyway, with the same tips the page shows.
        teksten = {k: v for k, v in body.validated_data.items() if k in ("situatie", "krachten") and v}
        data["taaltips"] = [{"veld": t.veld, "fragment": t.fragment, "advies": t.advies} for t in taal.check(teksten)]
        return Response(data, headers={"ETag": f'"{plan.versie}"'})
