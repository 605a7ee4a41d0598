"""A database that does not answer (a restart, a fail-over) gives a clear 503, never a 500.

While PostgreSQL restarts every query raises OperationalError (or InterfaceError on a connection
that broke mid-request). The request did not happen, so the honest answer is "not now, try again
shortly": a Dutch page, or for the API a JSON error, both with Retry-After. Django closes the
broken connection at the end of the request (CONN_HEALTH_CHECKS checks a reused one before its
first query), so the next request connects afresh once the database is back.

Two hooks, because a database error can come from a view (`DatabaseUnavailableMiddleware`) or
from a middleware before the view, such as the session or the login check (`server_error`, the
project's handler500, which Django calls with the exception still being handled).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

RETRY_AFTER_SECONDS = 30
UNAVAILABLE = (OperationalError, InterfaceError)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}
    if request.path.startswith("/api/"):
        detail = _("De database is even niet bereikbaar. Er is niets opgeslagen; probeer het over een minuut opnieuw.")
        return JsonResponse({"detail": detail}, status=503, headers=headers)
    # Rendered without the request: the context processors would query the database again.
    return HttpResponse(render_to_string("core/503_database.html"), status=503, headers=headers)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, UNAVAILABLE):
            return database_unavailable(request)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database outage anywhere in the request is a 503; anything else Django's 500."""
    exception = sys.exc_info()[1]
    if isinstance(exception, UNAVAILABLE):
        return database_unavailable(request)
    return defaults.server_error(request)
