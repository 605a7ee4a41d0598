"""Login with password and a TOTP second factor, logout, and choosing the acting organisation."""

from __future__ import annotations

import base64
from io import BytesIO
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from jeugdketen.core.access import actor_for, policy
from jeugdketen.core.koppen import clear_site_data, login_na_uitloggen

from .forms import CodeForm, InlogForm
from .logevents import Segment, login_failed, login_succeeded
from .middleware import ACTIVE_ORG_SESSION_KEY, EXTERNAL_LOGOUT_SESSION_KEY
from .selectors import build_actor

SLOWED_DOWN = gettext_lazy(
    "Er is vaak een verkeerd wachtwoord geprobeerd voor dit account. "
    "Wacht %(seconden)s seconden en probeer het opnieuw."
)


class InloggenView(auth_views.LoginView):
    template_name = "organisaties/inloggen.html"
    form_class = InlogForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # Citizens log in with DigiD where it is there (jeugdketen.digid); the demo's is a mock.
        return {
            **super().get_context_data(**kwargs),
            "digid": settings.DIGID_AVAILABLE,
            "digid_demo": settings.DIGID_MOCK,
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from .vertraging import wachttijd

        wait = wachttijd(str(request.POST.get("username", ""))[:150], actor_for(request).ip)
        if wait:
            login_failed(actor_for(request), segment=Segment.WACHTWOORD)
            from django.forms.utils import ErrorDict

            # Not bound: binding would check the password, which is just what must wait.
            form = self.get_form_class()(request, initial={"username": request.POST.get("username", "")[:150]})
            form._errors, form.cleaned_data = ErrorDict(), {}  # type: ignore[attr-defined]
            form.add_error(
                None,
                str(SLOWED_DOWN) % {"seconden": wait},
            )
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        actor = build_actor(
            form.get_user(),
            organisatie_uuid=None,
            ip=actor_for(self.request).ip,
            request_id=getattr(self.request, "request_id", ""),
        )
        login_succeeded(actor, segment=Segment.WACHTWOORD)
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        login_failed(actor_for(self.request), segment=Segment.WACHTWOORD)
        return super().form_invalid(form)


class UitloggenView(auth_views.LogoutView):
    """Log out. A DigiD session is handed over to DigiD's logout (307 keeps the POST and its CSRF
    token), which ends the session here first and then the one at DigiD. The browser is told to
    drop this site's cache, cookies and storage (Clear-Site-Data, SECURITY D4)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        via = request.session.get(EXTERNAL_LOGOUT_SESSION_KEY)
        if via:
            response = HttpResponseRedirect(via)
            response.status_code = 307
            return response
        return clear_site_data(super().post(request, *args, **kwargs))

    def get_success_url(self) -> str:
        # The login page says "U bent uitgelogd" (the messages cookie is cleared with the rest).
        url = super().get_success_url()
        return login_na_uitloggen() if url == resolve_url(settings.LOGOUT_REDIRECT_URL) else url


inloggen = policy(public=True)(InloggenView.as_view())
uitloggen = policy()(UitloggenView.as_view())


def _next_url(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


def _verify(request: HttpRequest, device: TOTPDevice, form: CodeForm) -> bool:
    allowed, _info = device.verify_is_allowed()
    if allowed and device.verify_token(form.cleaned_data["code"].strip()):
        otp_login(request, device)
        login_succeeded(actor_for(request), segment=Segment.TWEEDE_FACTOR)
        return True
    login_failed(actor_for(request), segment=Segment.TWEEDE_FACTOR)
    form.add_error("code", _("Deze code klopt niet of is verlopen. Wacht op een nieuwe code en probeer het opnieuw."))
    return False


@policy()
def tweede_factor(request: HttpRequest) -> HttpResponse:
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("tweede_factor_instellen")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _verify(request, device, form):
        return HttpResponseRedirect(_next_url(request))
    return render(request, "organisaties/tweede_factor.html", {"form": form})


@policy()
def tweede_factor_instellen(request: HttpRequest) -> HttpResponse:
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("tweede_factor")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Authenticator-app"}
    )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _verify(request, device, form):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return HttpResponseRedirect(_next_url(request))
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    image.save(buffer)
    qr = "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(request, "organisaties/tweede_factor_instellen.html", {"form": form, "qr": qr, "secret": secret})


@require_POST
@policy(burger=False)
def organisatie_kiezen(request: HttpRequest) -> HttpResponse:
    chosen = request.POST.get("organisatie", "")
    if chosen in dict(actor_for(request).organisaties):
        request.session[ACTIVE_ORG_SESSION_KEY] = chosen
    return HttpResponseRedirect(_next_url(request))
