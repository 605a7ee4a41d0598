"""The shared pieces of every API: strict input, scoped viewsets, the one 404 for a refusal.

An API endpoint that shows a person's data is a `ScopedViewSet` (or uses `fetch` itself): its
list is the registered scope of `model` (one search entry in the access log per call), its detail
goes through `core.access.fetch` (one read entry, or the logged denial and a 404). Organisation
systems authenticate with an API key and sessions with the cookie; both give the same `Actor`
(`api_actor`), put on the request by the authentication.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .access import UUID_PATTERN, Actor, Geweigerd, Toegang, actor_for, fetch, scope_for, visible
from .models import Actie
from .toegangslog import log_access

M = TypeVar("M", bound=Model)

# The access log's segments of an API call (the stored values are the log's history).
SEGMENT_API = "api"
SEGMENT_API_LIJST = "api lijst"


def exception_handler(exc: Exception, context: dict[str, object]) -> Response | None:
    """DRF's handler, with the one refusal answered as the API's 404 (identical to a missing id)."""
    if isinstance(exc, Geweigerd):
        exc = NotFound(_("Niet gevonden."))
    return drf_exception_handler(exc, context)


def api_actor(request: Request) -> Actor:
    """The actor of an API call: a person's session or an organisation's system (API key)."""
    request.user  # noqa: B018 - runs DRF's authentication, which puts a system's actor on the request
    return actor_for(request._request)


class StrictSerializer(serializers.Serializer[object]):
    """Refuses fields it does not know: a typo or an extra field is an error, never ignored.

    For input: it validates what a client sends, whatever object the endpoint then changes."""

    unknown_field_message = "Dit veld bestaat niet of mag u niet wijzigen."

    def to_internal_value(self, data: object) -> dict[str, object]:
        if not isinstance(data, dict):
            raise serializers.ValidationError({"non_field_errors": [_("Stuur een JSON-object.")]})
        unknown = sorted(set(data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({k: [_(self.unknown_field_message)] for k in unknown})
        validated: dict[str, object] = super().to_internal_value(data)
        return validated


class UitvoerSerializer(serializers.ModelSerializer[M], Generic[M]):
    """An output ModelSerializer whose read-only choice fields keep `allow_blank` of a model field
    with blank=True, so the schema's enum offers "" (BlankEnum) when the API can answer "".
    DRF drops it for read-only fields, and a generated client then failed on the first ""."""

    def include_extra_kwargs(
        self, kwargs: MutableMapping[str, Any], extra_kwargs: MutableMapping[str, Any]
    ) -> MutableMapping[str, Any]:
        blank = kwargs.get("allow_blank", False) and "choices" in kwargs
        result = super().include_extra_kwargs(kwargs, extra_kwargs)
        if blank:
            result["allow_blank"] = True
        return result


class ScopedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[M], Generic[M]):
    """Read endpoints by uuid over the registered scope of `model`.

    Subclasses set `model` (`class GezinViewSet(ScopedViewSet[Gezin])`), and may narrow the list
    (`filter_list`) or add joins (`related`).
    """

    model: type[M]
    lookup_field = "uuid"
    lookup_value_regex = UUID_PATTERN
    segment: str = SEGMENT_API

    def related(self, queryset: QuerySet[M]) -> QuerySet[M]:
        return queryset

    def filter_list(self, queryset: QuerySet[M]) -> QuerySet[M]:
        return queryset

    def get_queryset(self) -> QuerySet[M]:
        return self.filter_list(self.related(visible(api_actor(self.request), self.model)))

    def get_object(self) -> M:
        return self.fetch().obj

    def fetch(self, *, actie: str = Actie.READ, segment: str | None = None) -> Toegang[M]:
        uuid = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        return fetch(
            api_actor(self.request),
            self.model,
            uuid=uuid,
            segment=segment or self.segment,
            actie=actie,
            related=self.related,
        )

    def list(self, request: Request, *args: object, **kwargs: object) -> Response:
        """A list shows personal data too: one search entry in the access log per call."""
        response = super().list(request, *args, **kwargs)
        log_access(
            api_actor(request),
            actie=Actie.SEARCH,
            object_type=scope_for(self.model).object_type,
            segment=SEGMENT_API_LIJST,
        )
        return response
