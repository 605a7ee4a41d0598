"""Idempotent changing API calls: the `Idempotency-Key` header (SECURITY F3,
draft-ietf-httpapi-idempotency-key-header).

A system whose POST timed out does not know whether it landed. With an `Idempotency-Key` (any
string it chooses, e.g. a UUID) it can simply send the same call again:

* the first call with a key claims it (a row with a unique (caller, key) constraint, committed
  before the view runs) and its answer (status, body, Location/ETag) is stored with the row;
* a retry by the same caller with the same key and the same request (method, path and body; a
  JSON body compared by content, not by spacing or key order) gets that first answer again,
  marked `Idempotent-Replayed: true`, and nothing is done twice;
* a retry that arrives while the first call still runs waits for it (up to WACHTEN seconds, then
  409 with Retry-After), so two identical calls racing each other also create once;
* the same key with another request is refused with 422; a key is kept for
  IDEMPOTENTIE_TERMIJN (24 hours by default), after which the scheduled task removes it.

The caller is the one DRF's authentication of the view finds: an organisation's API key (its
row) or a person's session (their account). A call that does not authenticate (no, a wrong or a
revoked key) is answered as always and nothing is stored; neither is an answer that says "not
now" (401, 403, 429 or any 5xx): the retry then really runs again. A replay is itself an
authenticated call: it passes the view's permission and rate-limit checks and is logged.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import re
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Actie, Idempotentiesleutel

HEADER = "Idempotency-Key"
METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# Visible ASCII, optionally quoted (the draft's structured-field string), at most 200 characters.
_SLEUTEL = re.compile(r'^"?([\x21\x23-\x7e]{1,200})"?$')
# Answers that say "not now" or "not you": a retry with the same key must run again.
NIET_BEWAREN = {401, 403, 408, 429}
WACHTEN = 10.0  # seconds a retry waits for the first call with its key
# A claim whose call never finished (its process died) is taken over after this long.
VERLATEN = dt.timedelta(minutes=5)
OBJECT_TYPE = "api_herhaling"
REPLAYED = "Idempotent-Replayed"


def termijn() -> dt.timedelta:
    return dt.timedelta(hours=float(getattr(settings, "IDEMPOTENTIE_TERMIJN_UREN", 24)))


def vingerafdruk(request: HttpRequest) -> str:
    """The request's identity: method, path with query, and the body (JSON by its content)."""
    body = request.body
    with contextlib.suppress(ValueError, UnicodeDecodeError):
        body = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    digest = hashlib.sha256()
    for part in (request.method or "").encode(), request.get_full_path().encode(), body:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def fout(status: int, detail: str, **headers: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status, headers=headers)


def _drf_view(request: HttpRequest) -> tuple[Any, Any] | None:
    """The DRF view that will answer this request and its DRF request, or None (not an API view)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    cls = getattr(match.func, "cls", None)
    if cls is None:
        return None
    view = cls(**getattr(match.func, "initkwargs", {}))
    actions = getattr(match.func, "actions", None)
    if actions is not None:
        view.action_map = actions
    view.args, view.kwargs = match.args, match.kwargs
    view.request = view.initialize_request(request, *match.args, **match.kwargs)
    view.headers = {}
    return view, view.request


def aanroeper(drf_request: Any) -> str | None:
    """Who calls, as DRF's authentication of the view finds it; None when it finds nobody."""
    from rest_framework.exceptions import APIException

    try:
        user = drf_request.user
        auth = drf_request.auth
    except APIException:
        return None  # a wrong or revoked key, a failed CSRF check: the view answers it
    for party in (auth, user):
        meta = getattr(party, "_meta", None)
        if meta is not None and getattr(party, "pk", None) is not None:
            return f"{meta.label_lower}:{party.pk}"
    return None


def claim(caller: str, key: str, print_: str) -> tuple[bool, Idempotentiesleutel]:
    """Claim (caller, key): (True, the new row) for the first call, else (False, the existing row).
    An expired row, or a claim whose call died, is removed and claimed afresh."""
    for _attempt in range(3):
        now = timezone.now()
        try:
            with transaction.atomic():
                row = Idempotentiesleutel.objects.create(
                    aanroeper=caller, sleutel=key, vingerafdruk=print_, aangemaakt=now, verloopt=now + termijn()
                )
            return True, row
        except IntegrityError:
            existing = Idempotentiesleutel.objects.filter(aanroeper=caller, sleutel=key).first()
            if existing is None:
                continue  # removed in between (expired): claim again
            if existing.verloopt <= now or (existing.status is None and existing.aangemaakt < now - VERLATEN):
                Idempotentiesleutel.objects.filter(pk=existing.pk, aangemaakt=existing.aangemaakt).delete()
                continue
            return False, existing
    raise RuntimeError("idempotency key could not be claimed")  # pragma: no cover - three races in a row


def wait_for(row: Idempotentiesleutel) -> Idempotentiesleutel | None:
    """The row once its first call has answered; None if it still runs after WACHTEN seconds (or
    was given up: then the retry may go ahead with a new claim)."""
    deadline = time.monotonic() + WACHTEN
    pause = 0.02
    while row.status is None:
        if time.monotonic() > deadline:
            return None
        time.sleep(pause)
        pause = min(pause * 2, 0.25)
        fresh = Idempotentiesleutel.objects.filter(pk=row.pk).first()
        if fresh is None:
            return None
        row = fresh
    return row


def store(row: Idempotentiesleutel, response: HttpResponse) -> None:
    headers = {name: response[name] for name in ("Location", "ETag", "Content-Language") if response.has_header(name)}
    Idempotentiesleutel.objects.filter(pk=row.pk).update(
        status=response.status_code,
        inhoud=bytes(response.content),
        content_type=response.get("Content-Type", ""),
        koppen=headers,
    )


def release(row: Idempotentiesleutel) -> None:
    Idempotentiesleutel.objects.filter(pk=row.pk, status__isnull=True).delete()


def replay(row: Idempotentiesleutel) -> HttpResponse:
    response = HttpResponse(bytes(row.inhoud), status=row.status or 200, content_type=row.content_type or None)
    for name, value in row.koppen.items():
        response[name] = value
    response[REPLAYED] = "true"
    return response


def opruimen(*, now: dt.datetime | None = None) -> int:
    """Remove the keys past their term (the scheduled task). Idempotent."""
    deleted, _per_model = Idempotentiesleutel.objects.filter(verloopt__lte=now or timezone.now()).delete()
    return deleted


class IdempotencyMiddleware:
    """The `Idempotency-Key` of changing API calls (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        raw = request.META.get("HTTP_IDEMPOTENCY_KEY")
        if raw is None or request.method not in METHODS or not request.path.startswith("/api/"):
            return self.get_response(request)
        match = _SLEUTEL.match(raw.strip())
        if match is None:
            # per field, as every 400 of the API (the header is the field)
            detail = _("De Idempotency-Key is ongeldig: gebruik 1 tot 200 leesbare tekens, zonder spaties.")
            return JsonResponse({HEADER: [detail]}, status=400)
        found = _drf_view(request)
        caller = aanroeper(found[1]) if found else None
        if found is None or caller is None:
            return self.get_response(request)
        key, print_ = match.group(1), vingerafdruk(request)
        while True:
            first, row = claim(caller, key, print_)
            if first:
                return self._first(request, row)
            if row.vingerafdruk != print_:
                return fout(
                    422,
                    _(
                        "Deze Idempotency-Key is al gebruikt voor een ander verzoek. Gebruik een nieuwe sleutel "
                        "voor een nieuw verzoek; stuur bij een herhaling precies hetzelfde verzoek."
                    ),
                )
            done = wait_for(row)
            if done is None:
                if Idempotentiesleutel.objects.filter(pk=row.pk).exists():
                    return fout(
                        409,
                        _("Het eerste verzoek met deze Idempotency-Key wordt nog verwerkt; probeer het zo opnieuw."),
                        **{"Retry-After": "1"},
                    )
                continue  # the first call gave up its claim: this one runs
            return self._replay(request, found[0], done)

    def _first(self, request: HttpRequest, row: Idempotentiesleutel) -> HttpResponse:
        try:
            response = self.get_response(request)
        except BaseException:
            release(row)
            raise
        if response.streaming or response.status_code >= 500 or response.status_code in NIET_BEWAREN:
            release(row)
        else:
            store(row, response)
        return response

    def _replay(self, request: HttpRequest, view: Any, row: Idempotentiesleutel) -> HttpResponse:
        """The stored answer, after the checks the view itself makes first (permission, rate limit);
        one access-log entry, as for any call that shows data."""
        from rest_framework.exceptions import APIException

        from .access import actor_for
        from .toegangslog import ToegangslogNietBeschikbaar, log_access

        try:
            view.check_permissions(view.request)
            view.check_throttles(view.request)
        except APIException:
            return self.get_response(request)  # the view answers it (403, 429) as always
        try:
            log_access(
                actor_for(request),
                actie=Actie.READ,
                object_type=OBJECT_TYPE,
                object_id=str(row.pk),
                segment=request.path[:64],
            )
        except ToegangslogNietBeschikbaar:
            return fout(
                503, _("Het toegangslog is even niet beschikbaar; probeer het zo opnieuw."), **{"Retry-After": "30"}
            )
        return replay(row)
