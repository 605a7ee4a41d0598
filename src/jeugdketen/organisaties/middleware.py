"""Who is acting (the Actor for access decisions and the access log), and the second factor."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from jeugdketen.core.access import Actor, client_ip

from .selectors import build_actor

ACTIVE_ORG_SESSION_KEY = "actieve_organisatie"
SECOND_FACTOR_FREE_URLS = ("tweede_factor", "tweede_factor_instellen", "uitloggen")
# A login through an identity provider with its own logout (DigiD) keeps that logout's URL here;
# the logout button then hands over to it (views.UitloggenView).
EXTERNAL_LOGOUT_SESSION_KEY = "uitloggen_via"


class ActorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        ip = client_ip(request)
        request_id = getattr(request, "request_id", "")
        if request.user.is_authenticated:
            request.actor = build_actor(  # type: ignore[attr-defined]
                request.user,
                organisatie_uuid=request.session.get(ACTIVE_ORG_SESSION_KEY),
                ip=ip,
                request_id=request_id,
            )
        else:
            request.actor = Actor(user=None, ip=ip, request_id=request_id)  # type: ignore[attr-defined]
        return self.get_response(request)


def needs_second_factor(request: HttpRequest) -> bool:
    """A password login needs a verified TOTP device, unless the demo switched it off: professionals,
    and network members and citizens who use the invitation login. A DigiD login (Substantieel or
    higher) is two factors already (settings.LOGIN_BACKENDS_WITH_SECOND_FACTOR)."""
    if not settings.REQUIRE_2FA:
        return False
    if request.session.get(BACKEND_SESSION_KEY) in settings.LOGIN_BACKENDS_WITH_SECOND_FACTOR:
        return False
    return not request.user.is_verified()  # type: ignore[union-attr]


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and needs_second_factor(request):
            free = {reverse(name) for name in SECOND_FACTOR_FREE_URLS}
            if request.path not in free and not request.path.startswith(settings.STATIC_URL):
                from django_otp.plugins.otp_totp.models import TOTPDevice

                has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
                return redirect("tweede_factor" if has_device else "tweede_factor_instellen")
        return self.get_response(request)
