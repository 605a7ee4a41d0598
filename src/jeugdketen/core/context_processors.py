from django.conf import settings
from django.http import HttpRequest


def platform(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = user.notificaties.filter(gelezen__isnull=True).count()
    from .nav import items_for

    return {
        "menu": items_for(getattr(request, "actor", None), getattr(request, "resolver_match", None)),
        "demo_zonder_tweede_factor": settings.DEMO_MODE and not settings.REQUIRE_2FA,
        "actor": getattr(request, "actor", None),
        "ongelezen_notificaties": unread,
    }
