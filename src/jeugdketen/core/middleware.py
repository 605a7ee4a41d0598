"""Request id, security headers, login-required and fail-closed access-log handling."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.template.loader import render_to_string
from django.urls import Resolver404, get_resolver, get_urlconf, resolve
from django.utils import translation

from .access import POLICY_ATTR, Geweigerd
from .toegangslog import ToegangslogNietBeschikbaar, flush_pending, huidig_request_id

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Every request has an id: the caller's `X-Request-ID` when it is sane (1-64 letters, digits,
    `.`, `_`, `-`), else a new one. It is in the answer's X-Request-ID and in every access-log entry
    of the request, also those of a system actor acting within it (huidig_request_id)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex  # type: ignore[attr-defined]
        token = huidig_request_id.set(request.request_id)  # type: ignore[attr-defined]
        try:
            response = self.get_response(request)
        finally:
            flush_pending()  # denied attempts held back by a rolled-back transaction (SQLite)
            huidig_request_id.reset(token)
        response["X-Request-ID"] = request.request_id  # type: ignore[attr-defined]
        return response


class SecurityHeadersMiddleware:
    """Permissions policy, and no caching of anything but static files (pages hold personal data)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        if not request.path.startswith(settings.STATIC_URL):
            response["Cache-Control"] = "no-store, max-age=0"
            response["Pragma"] = "no-cache"
        return response


class LoginRequiredMiddleware:
    """Anonymous visitors reach only views whose policy says public; others go to the login."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/") and request.META.get("HTTP_AUTHORIZATION"):
            # Organisation systems authenticate per request with a key; the API view's own
            # authentication and permission classes decide (401/403/404 there).
            return self.get_response(request)
        if not request.user.is_authenticated and not self._is_public(request):
            if request.path.startswith("/api/"):
                return HttpResponse(status=401, headers={"WWW-Authenticate": 'Session realm="jeugdketen"'})
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _is_public(request: HttpRequest) -> bool:
        if request.path.startswith(settings.STATIC_URL):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        declared = getattr(match.func, POLICY_ATTR, None)
        if declared is None and hasattr(match.func, "cls"):
            declared = getattr(match.func.cls, POLICY_ATTR, None)
        return bool(declared and declared.public)


class AccessLogUnavailableMiddleware:
    """If the access log cannot be written, answer 503 without any personal data (fail closed)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, ToegangslogNietBeschikbaar):
            body = render_to_string("core/503.html", request=request)
            return HttpResponse(body, status=503)
        return None


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Dutch unless the person chose another language in the footer (the language cookie).

    The browser's Accept-Language is not used: the users are Dutch, the domain modules speak
    Dutch only so far, and a half-English page is worse than a Dutch one (docs/decisions/0005).
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class RefusalMiddleware:
    """The one refusal (`core.access.Geweigerd`) becomes the ordinary 404 page.

    A page outside someone's access must look exactly like a page that does not exist, so this
    renders the project's own 404 handler (the API answers through `core.api.exception_handler`).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Geweigerd):
            # Django calls a 404 handler with the exception too; the stubs leave that argument out.
            handler: Callable[..., HttpResponse] = get_resolver(get_urlconf()).resolve_error_handler(404)
            return handler(request, exception=Http404())
        return None
