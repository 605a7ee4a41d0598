"""DigiD login, its answer (ACS), logout with DigiD's single logout, and the demo's mock DigiD.

Thin subclasses of django-digid-eherkenning's views: they use the client configured from the
environment (`client.DigiDClient`), ask for at least the configured level (Substantieel), show a
friendly page when DigiD vouched for someone the platform has nothing for, write the login to
the access log, and hand the logout to DigiD. Every view declares its policy (core.access).
"""

from __future__ import annotations

import logging
import zlib
from typing import Any
from urllib.parse import urlsplit

from digid_eherkenning.forms import SAML2Form
from digid_eherkenning.mock.views.digid import DigiDAssertionConsumerServiceMockView
from digid_eherkenning.views.base import get_redirect_url
from digid_eherkenning.views.digid import (
    DigiDAssertionConsumerServiceView,
    DigiDLoginView,
    DigidSingleLogoutRedirectView,
    DigidSingleLogoutSoapView,
)
from django.conf import settings
from django.contrib import auth
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.request import RawPostDataException
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from lxml import etree
from onelogin.saml2.errors import OneLogin_Saml2_Error, OneLogin_Saml2_ValidationError
from onelogin.saml2.soap_logout_request import Soap_Logout_Request

from jeugdketen.core.access import actor_for, policy
from jeugdketen.core.koppen import clear_site_data, login_na_uitloggen
from jeugdketen.organisaties.middleware import EXTERNAL_LOGOUT_SESSION_KEY
from jeugdketen.organisaties.selectors import build_actor

from . import logevents, services
from .backends import NIVEAU, ONBEKEND, GeenToegang
from .client import DigiDClient

logger = logging.getLogger(__name__)

# The SAML name id ("s00000000:<BSN>") of this DigiD session, for the single logout only.
NAME_ID_SESSION_KEY = "digid_name_id"
LOGOUT_REQUEST_SESSION_KEY = "logout_request_id"  # where the library looks for it


def _after_login_url(request: HttpRequest, candidate: str | None) -> str:
    url = get_redirect_url(request, candidate or "", require_https=request.is_secure())
    return url or reverse("gezinnen:mijn_gezin")


def _unavailable(request: HttpRequest) -> HttpResponse:
    return render(request, "digid/niet_beschikbaar.html", status=503)


# --- Login -----------------------------------------------------------------------------------


class LoginView(DigiDLoginView):
    """Step 2 of the DigiD flow: an authentication request for at least the configured level,
    posted to DigiD by the browser (automatically with JavaScript, with a button without)."""

    template_name = "digid/doorsturen.html"

    def get_level_of_assurance(self) -> Any:
        return DigiDClient().loa

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            client = DigiDClient(loa=self.get_level_of_assurance())
            location, parameters = client.create_authn_request(request)
        except (OSError, OneLogin_Saml2_Error, KeyError, ValueError):
            logger.exception("DigiD is not configured correctly: no login request")
            return _unavailable(request)
        form = SAML2Form(initial={"SAMLRequest": parameters["SAMLRequest"], "RelayState": self.get_relay_state()})
        response = render(request, self.template_name, {"url": location, "form": form})
        target = urlsplit(location)
        response._csp_update = {"form-action": [f"{target.scheme}://{target.netloc}"]}  # type: ignore[attr-defined]
        return response


# --- DigiD's answer ----------------------------------------------------------------------------


class _AnswerMixin:
    """What the real and the mock answer have in common: log the login, remember how to log out,
    and a friendly page for someone the platform has nothing for."""

    request: HttpRequest

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response: HttpResponse = super().get(request, *args, **kwargs)  # type: ignore[misc]
        except GeenToegang as refusal:
            logevents.login_refused(actor_for(request))
            target = reverse("digid:geen_toegang")
            return redirect(f"{target}?reden={NIVEAU}" if refusal.reden == NIVEAU else target)
        name_id = getattr(request.user, "digid_name_id", "")
        if not name_id:  # DigiD's own error or a cancel: the library put a message on the login page
            logevents.login_failed(actor_for(request))
            return response
        request.session[NAME_ID_SESSION_KEY] = name_id
        request.session[EXTERNAL_LOGOUT_SESSION_KEY] = reverse("digid:logout")
        # Which sessions belong to this login, so that DigiD's own logout (SOAP) can end them.
        services.sessie_vastleggen(session_key=request.session.session_key, gebruiker=request.user)  # type: ignore[arg-type]
        actor = build_actor(
            request.user,  # type: ignore[arg-type]
            organisatie_uuid=None,
            ip=actor_for(request).ip,
            request_id=getattr(request, "request_id", ""),
        )
        logevents.login_succeeded(actor)
        return response


class AnswerView(_AnswerMixin, DigiDAssertionConsumerServiceView):
    """Step 5: DigiD sends the browser back with an artifact; the backend resolves it."""

    def get_success_url(self) -> str:
        return _after_login_url(self.request, self.request.GET.get("RelayState"))


class MockAnswerView(_AnswerMixin, DigiDAssertionConsumerServiceMockView):
    """The mock's answer: the BSN comes in the URL. Mounted only in the demo and the tests."""

    def get_success_url(self) -> str:
        return _after_login_url(self.request, self.request.GET.get("next"))


@policy(public=True)
def geen_toegang(request: HttpRequest) -> HttpResponse:
    """DigiD knows you, we have nothing for you here: no account was made, nothing was stored."""
    reden = NIVEAU if request.GET.get("reden") == NIVEAU else ONBEKEND
    return render(request, "digid/geen_toegang.html", {"reden": reden})


# --- Logout ------------------------------------------------------------------------------------


@require_POST
@policy()
def uitloggen(request: HttpRequest) -> HttpResponse:
    """End this session at once and, with real DigiD, DigiD's session too (single logout).

    The logout button of every page posts to the project's logout, which hands a DigiD session
    over to here. The local session ends before the browser goes to DigiD, so a DigiD that does
    not answer leaves nobody logged in here."""
    name_id = request.session.get(NAME_ID_SESSION_KEY, "")
    slo_url = request_id = None
    if settings.DIGID_ENABLED and settings.DIGID_SAML["slo"] and name_id:
        try:
            request.body  # noqa: B018 - the library copies the body into its SAML request
        except RawPostDataException:  # a multipart form was read already; the logout has no body
            request._body = b""
        try:
            slo_url = DigiDClient().create_logout_request(request, return_to=reverse("login"), name_id=name_id)
            request_id = request.session.get(LOGOUT_REQUEST_SESSION_KEY)
        except (OSError, OneLogin_Saml2_Error, KeyError, ValueError):
            logger.exception("DigiD single logout could not be started; logged out here only")
    services.sessie_vergeten(session_key=request.session.session_key)
    auth.logout(request)
    if slo_url is None:
        return clear_site_data(redirect(login_na_uitloggen()))
    request.session[LOGOUT_REQUEST_SESSION_KEY] = request_id  # DigiD's answer is checked against it
    # Not the cookies yet: the new session holds the id DigiD's answer is checked against; the
    # answer (SingleLogoutAnswerView) clears them.
    return clear_site_data(render(request, "digid/uitloggen.html", {"url": slo_url}), ('"cache"', '"storage"'))


class SingleLogoutAnswerView(DigidSingleLogoutRedirectView):
    """DigiD's answer to our logout request (HTTP redirect binding)."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            DigiDClient().handle_logout_response(
                request, keep_local_session=False, delete_session_cb=lambda: auth.logout(request)
            )
        except (OneLogin_Saml2_Error, OneLogin_Saml2_ValidationError, etree.Error, zlib.error, ValueError) as exc:
            # A broken or forged answer: the session here is ended all the same.
            logger.error("DigiD single logout answered with an error: %s", type(exc).__name__)
            auth.logout(request)
            return clear_site_data(HttpResponseRedirect(login_na_uitloggen("lokaal")))
        return clear_site_data(HttpResponseRedirect(login_na_uitloggen("digid")))


@method_decorator(csrf_exempt, name="dispatch")
class SingleLogoutSoapView(DigidSingleLogoutSoapView):
    """DigiD ends a session it started (logout elsewhere): end every session of that login here.

    Unlike the library's view, the request must be signed by DigiD, and nothing of it (it holds
    the BSN) is logged."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        answer = DigiDClient(signed_messages=True).handle_logout_request(
            request, keep_local_session=False, delete_session_cb=lambda: self.logout_digid_user(request)
        )
        return HttpResponse(answer, status=500 if "faultcode" in answer else 200, content_type="text/xml")

    @staticmethod
    def logout_digid_user(request: HttpRequest) -> None:
        try:
            name_id = Soap_Logout_Request(request=request.body, settings={}).get_name_id()
        except (IndexError, etree.Error):  # no plain name id: nobody to log out here
            logger.error("DigiD logout request without a readable name id")
            return
        _sector, _sep, bsn = (name_id or "").partition(":")
        services.logins_uitloggen(bsn=bsn)
