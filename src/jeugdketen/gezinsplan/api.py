"""API for organisations' case systems: plans they have consent for (same scope as the pages).

A list is the registered Gezinsplan scope (one search entry in the access log), a detail and an
edit go through `core.access.fetch` (one entry each; without access the logged refusal and a
404). GET returns a strong ETag (the version number); PATCH requires If-Match: 428 without it,
412 when stale. Unknown or forbidden fields give 400 (a strict serializer). An organisation's
system reads; a change has a person as its author.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from jeugdketen.core import taal
from jeugdketen.core.access import policy
from jeugdketen.core.api import ScopedViewSet, StrictSerializer, api_actor
from jeugdketen.core.kalender import Aannemelijk, Doel
from jeugdketen.core.lengtes import TEKST
from jeugdketen.core.models import Actie
from jeugdketen.core.rollen import Rol
from jeugdketen.gezinnen.api import AUTH
from jeugdketen.organisaties.selectors import person_of

from . import selectors, services
from .logevents import Segment
from .models import Gezinsplan


class DoelOut(serializers.Serializer[object]):
    sleutel = serializers.UUIDField()
    levensgebied = serializers.CharField()
    voor_wie = serializers.CharField()
    resultaat = serializers.CharField()
    streefdatum = serializers.DateField(allow_null=True)
    status = serializers.CharField()


class AfspraakOut(serializers.Serializer[object]):
    sleutel = serializers.UUIDField()
    wat = serializers.CharField()
    wie_naam = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)
    status = serializers.CharField()


class PlanOut(serializers.Serializer[Gezinsplan]):
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
    situatie = serializers.CharField(required=False, allow_blank=True, max_length=TEKST)
    krachten = serializers.CharField(required=False, allow_blank=True, max_length=TEKST)
    volgende_evaluatie = serializers.DateField(validators=[Aannemelijk(Doel.GEPLAND)], required=False, allow_null=True)
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=300)


@policy(roles=[Rol.HULPVERLENER], burger=False)
class GezinsplanViewSet(ScopedViewSet[Gezinsplan]):
    model = Gezinsplan
    serializer_class = PlanOut
    authentication_classes = AUTH
    een_plan = True  # its page query is the plan list's (core.paginering, core.postgres)

    def related(self, queryset: QuerySet[Gezinsplan]) -> QuerySet[Gezinsplan]:
        return selectors.with_plan_page(queryset)

    def _filters(self) -> dict[str, str]:
        return {naam: self.request.query_params.get(naam, "")[:36] for naam in ("gemeente", "regisseur")}

    def filter_list(self, queryset: QuerySet[Gezinsplan]) -> QuerySet[Gezinsplan]:
        return selectors.filtered_plan_list(queryset, api_actor(self.request), **self._filters())

    def telling(self) -> Callable[[int], int] | None:
        """The list's count, as the plan list page counts it (core.paginering.Paginering)."""
        return selectors.lijst_telling(api_actor(self.request), **self._filters())

    @extend_schema(responses=PlanDetailOut)
    def retrieve(self, request: Request, *args: object, **kwargs: object) -> Response:
        plan = self.fetch().obj
        o = selectors.plan_overview(plan)
        data = PlanOut(plan).data | {
            "doelen": DoelOut(o.doelen, many=True).data,
            "afspraken": AfspraakOut(o.afspraken, many=True).data,
            "veiligheidsvoorwaarden": [v.tekst for v in o.voorwaarden],
            "gedragen": o.gedragen,
        }
        return Response(data, headers={"ETag": f'"{plan.versie}"'})

    @extend_schema(request=PlanPatch, responses=PlanOut)
    def partial_update(self, request: Request, *args: object, **kwargs: object) -> Response:
        actor = api_actor(request)
        if person_of(actor) is None:
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
        toegang = self.fetch(actie=Actie.UPDATE, segment=Segment.API_WIJZIGEN)
        plan = toegang.obj
        try:
            basis = int(if_match.strip().strip("W/").strip('"'))
        except ValueError:
            return Response({"detail": "If-Match klopt niet."}, status=status.HTTP_412_PRECONDITION_FAILED)
        body = PlanPatch(data=request.data)
        body.is_valid(raise_exception=True)
        wijziging = body.validated_data
        try:
            services.plan_wijzigen(
                toegang=toegang,
                by=actor,
                basis_versie=basis,
                situatie=wijziging.get("situatie"),
                krachten=wijziging.get("krachten"),
                volgende_evaluatie=wijziging.get("volgende_evaluatie", services.UNSET),
                toelichting=wijziging.get("toelichting", ""),
            )
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
        teksten = {k: str(wijziging[k]) for k in ("situatie", "krachten") if wijziging.get(k)}
        data["taaltips"] = [{"veld": t.veld, "fragment": t.fragment, "advies": t.advies} for t in taal.check(teksten)]
        return Response(data, headers={"ETag": f'"{plan.versie}"'})
