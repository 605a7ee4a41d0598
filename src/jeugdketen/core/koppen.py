"""Security headers outside the ordinary page middleware, and the absolute session lifetime.

* Static files are answered by WhiteNoise before the page middleware runs, so the headers that
  middleware adds (CSP, X-Frame-Options, Permissions-Policy) would be missing there: WhiteNoise's
  own hook (`WHITENOISE_ADD_HEADERS_FUNCTION`, `static_headers`) adds them to every file it
  serves. Django's SecurityMiddleware runs before WhiteNoise, so nosniff, Referrer-Policy, COOP
  and (on https) HSTS are on static files already.
* `clear_site_data` is the logout's `Clear-Site-Data` (SECURITY D4).
* `SessionEndMiddleware` ends a session SESSION_ABSOLUTE_AGE seconds after its login, however
  active it was (SECURITY C4); the 15-minute idle timeout is the session cookie's sliding age.
  It also says "U bent uitgelogd" on the login page after a logout: Clear-Site-Data drops the
  cookies, the messages cookie of the logout answer included, so the logout sends the browser to
  `login_na_uitloggen(reden)` and the message is made there.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.contrib import auth, messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ALLES_WISSEN = ('"cache"', '"cookies"', '"storage"')
SESSION_START_KEY = "sessie_begin"  # seconds since the epoch of the login


UITGELOGD_PARAM = "uitgelogd"
UITGELOGD = {
    "ja": gettext_lazy("U bent uitgelogd."),
    "digid": gettext_lazy("U bent uitgelogd, ook bij DigiD."),
    "lokaal": gettext_lazy("U bent uitgelogd bij Jeugdketen. Sluit uw browser om zeker te zijn."),
}


def login_na_uitloggen(reden: str = "ja") -> str:
    """The login page's URL after a logout; it shows UITGELOGD[reden]."""
    from django.shortcuts import resolve_url

    return f"{resolve_url(settings.LOGIN_URL)}?{UITGELOGD_PARAM}={reden}"


def csp_header(directives: Mapping[str, Sequence[str]]) -> str:
    return "; ".join(f"{name} {' '.join(values)}".strip() for name, values in directives.items())


def static_headers(headers: Any, path: str, url: str) -> None:
    """WhiteNoise's hook, per static file: the page policy (without a nonce: a static file runs no
    inline script) and the headers the page middleware adds."""
    headers["Content-Security-Policy"] = csp_header(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    headers["Permissions-Policy"] = settings.PERMISSIONS_POLICY
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    headers["X-Content-Type-Options"] = "nosniff"


def clear_site_data(response: HttpResponse, types: Sequence[str] = ALLES_WISSEN) -> HttpResponse:
    """The browser drops this site's cache, cookies and storage (a shared computer keeps nothing)."""
    response["Clear-Site-Data"] = ", ".join(types)
    return response


def session_started(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """user_logged_in: the absolute lifetime counts from here (Django cycles the key at login)."""
    request.session[SESSION_START_KEY] = int(time.time())


class SessionEndMiddleware:
    """A session older than SESSION_ABSOLUTE_AGE ends, also while it is in use: the login page says
    why (or, for the API, a Dutch 401). A session from before this existed counts from now. The
    login page after a logout says so (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(SESSION_START_KEY, now)
            if not isinstance(started, int) or now - started > settings.SESSION_ABSOLUTE_AGE:
                return self._end(request)
        elif request.method == "GET" and request.GET.get(UITGELOGD_PARAM) in UITGELOGD:
            from django.shortcuts import resolve_url

            if request.path == resolve_url(settings.LOGIN_URL):
                messages.info(request, str(UITGELOGD[request.GET[UITGELOGD_PARAM]]))
        return self.get_response(request)

    @staticmethod
    def _end(request: HttpRequest) -> HttpResponse:
        from django.contrib.auth.views import redirect_to_login  # not at import: settings imports this module

        uren = round(settings.SESSION_ABSOLUTE_AGE / 3600, 1)
        text = _("U was langer dan %(uren)s uur ingelogd. Log voor uw veiligheid opnieuw in.") % {
            "uren": f"{uren:g}".replace(".", ",")
        }
        auth.logout(request)
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": text}, status=401, headers={"WWW-Authenticate": 'Session realm="jeugdketen"'}
            )
        messages.warning(request, text)
        return redirect_to_login(request.get_full_path())
