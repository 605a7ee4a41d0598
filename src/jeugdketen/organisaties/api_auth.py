"""API keys for organisations' own systems: `Authorization: Bearer <key>`.

Functional management issues a key per organisation system (shown once) and can revoke it. The
database holds only the SHA-256 hash (the key is 256 random bits, so a plain hash suffices; a slow
password hash would only cost time on every call). Used by the verwijsindex API and reusable by
other APIs. Throttling is per key (`ApiSleutelThrottle`).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiSleutel, Gebruiker, Organisatie

KEY_PREFIX = "jk_"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True)
class SysteemClient:
    """The authenticated party of an API call: an organisation's system, not a person."""

    sleutel: ApiSleutel

    is_authenticated = True
    is_active = True
    is_burger = False
    pk = None

    @property
    def organisatie(self) -> Organisatie:
        return self.sleutel.organisatie

    def __str__(self) -> str:
        return f"{self.sleutel.systeem} ({self.sleutel.organisatie.naam})"


class ApiSleutelAuthentication(BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request: Request) -> tuple[SysteemClient, ApiSleutel] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Ongeldige Authorization-header: gebruik 'Bearer <sleutel>'.")
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("Ongeldige API-sleutel.") from None
        sleutel = (
            ApiSleutel.objects.select_related("organisatie")
            .filter(sleutel_hash=hash_key(key), ingetrokken_op__isnull=True)
            .first()
        )
        if sleutel is None:
            raise exceptions.AuthenticationFailed("Onbekende of ingetrokken API-sleutel.")
        client = SysteemClient(sleutel)
        # The one way to the actor (core.access.actor_for) reads it from the request.
        from jeugdketen.core.access import client_ip

        from .selectors import build_actor

        django_request = request._request
        django_request.actor = build_actor(  # type: ignore[attr-defined]
            client, ip=client_ip(django_request), request_id=getattr(django_request, "request_id", "")
        )
        return client, sleutel

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="jeugdketen"'


class ApiSleutelThrottle(SimpleRateThrottle):
    """Requests per API key, counted in the shared cache (Redis in production).

    While the cache is down the count moves to the database (`core.teller`): the limit holds,
    it never becomes "unlimited" (SECURITY F6, fail closed)."""

    scope = "api_sleutel"
    _fallback_wait: float | None = None

    def allow_request(self, request: Request, view: Any) -> bool:
        from jeugdketen.core.cache import CacheUnavailable, strict

        try:
            with strict():
                return super().allow_request(request, view)
        except CacheUnavailable:
            return self._allow_from_database(request, view)

    def _allow_from_database(self, request: Request, view: Any) -> bool:
        from jeugdketen.core.teller import tel

        key = self.get_cache_key(request, view)
        limit, duration = getattr(self, "num_requests", None), getattr(self, "duration", None)
        if key is None or limit is None or duration is None:
            return True
        total, left = tel(key, int(duration))
        if total <= limit:
            return True
        self._fallback_wait = left
        return False

    def wait(self) -> float | None:
        if self._fallback_wait is not None:
            return self._fallback_wait
        return super().wait()

    def get_rate(self) -> str:
        return str(getattr(settings, "API_SLEUTEL_RATE", "600/min"))

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        sleutel = getattr(request, "auth", None)
        if not isinstance(sleutel, ApiSleutel):
            return None
        return self.cache_format % {"scope": self.scope, "ident": sleutel.uuid}


class ApiSleutelScheme(OpenApiAuthenticationExtension):
    target_class = "jeugdketen.organisaties.api_auth.ApiSleutelAuthentication"
    name = "apiSleutel"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "API-sleutel van het systeem van de organisatie"}


def issue_key(
    *, organisatie: Organisatie, systeem: str, by: Gebruiker | None, key: str | None = None
) -> tuple[ApiSleutel, str]:
    """Issue a key; returns the row and the plain key (shown once, never stored).

    `key` may be given only for the documented demo keys."""
    plain = key or KEY_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        row = ApiSleutel.objects.create(
            organisatie=organisatie,
            systeem=systeem[:120],
            prefix=plain[:10],
            sleutel_hash=hash_key(plain),
            aangemaakt_door=by,
        )
    return row, plain


def revoke_key(*, sleutel: ApiSleutel) -> ApiSleutel:
    if sleutel.ingetrokken_op is None:
        sleutel.ingetrokken_op = timezone.now()
        sleutel.save(update_fields=["ingetrokken_op"])
    return sleutel
