from __future__ import annotations

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import periode as periodes
from . import selectors, werk
from .access import actor_for, policy
from .models import Actie
from .paginering import pagina
from .rollen import Rol
from .toegangslog import clean, log_access

# The log manager's own reading of the log is logged too (SECURITY A1).
LOGREGELS = "logregels"
OBJECT_TOEGANGSLOG = "toegangslog"
GRONDSLAG_LOGCONTROLE = "logcontrole"
OBJECT_MIJN_WERK = "werklijst"
MIJN_WERK = "mijn werk"


@policy()
def home(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request)
    # One transaction for every tile: each tile that names people writes its access-log entry,
    # and outside a transaction each entry was its own commit (four on a regisseur's home).
    with transaction.atomic():
        lijsten = werk.lists_for(actor)
        if any(lijst.items for lijst in lijsten):
            # 'Mijn werk' names families and youths ("Evaluatie te laat: Gezin Janssen"): like any
            # list of people, showing it is one search entry in the access log.
            log_access(actor, actie=Actie.SEARCH, object_type=OBJECT_MIJN_WERK, segment=MIJN_WERK)
    return render(request, "core/home.html", {"lijsten": lijsten})


@policy()
def notificaties(request: HttpRequest) -> HttpResponse:
    page = pagina(request, selectors.notificaties_van(actor_for(request)))
    return render(request, "core/notificaties.html", {"page": page})


@require_POST
@policy()
def notificaties_gelezen(request: HttpRequest) -> HttpResponse:
    selectors.ongelezen_van(actor_for(request)).update(gelezen=timezone.now())
    return redirect("notificaties")


@policy(roles=[Rol.LOGBEHEER], burger=False)
def toegangslog(request: HttpRequest) -> HttpResponse:
    """The whole access log, for the log manager only; reading it is itself logged."""
    actor = actor_for(request)
    # Cleaned as stored (control characters become '?'; a NUL would make PostgreSQL fail).
    client = clean(request.GET.get("client", ""), 128).strip()
    periode = periodes.from_query(request.GET)
    page = pagina(request, selectors.logregels(client=client, periode=periode), per=50)
    log_access(
        actor,
        actie=Actie.SEARCH,
        object_type=OBJECT_TOEGANGSLOG,
        segment=LOGREGELS,
        client_id=client or "-",
        grondslag=GRONDSLAG_LOGCONTROLE,
    )
    return render(request, "core/toegangslog.html", {"page": page, "client": client, "periode": periode})


@policy(public=True)
def health_live(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})


@policy(public=True)
def health_ready(request: HttpRequest) -> HttpResponse:
    """Database down → 503; queue/cache down → 200 'degraded' (core paths keep working)."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001
        checks["database"] = "down"
    from django.conf import settings

    if settings.REDIS_URL:
        try:
            import redis

            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1).ping()
            checks["queue"] = "ok"
        except Exception:  # noqa: BLE001
            checks["queue"] = "down"
    else:
        checks["queue"] = "eager"
    from .cache import cache_status

    checks["cache"] = cache_status()
    if checks["database"] != "ok":
        return JsonResponse({"status": "down", "checks": checks}, status=503)
    status = "degraded" if "down" in checks.values() else "ok"
    return JsonResponse({"status": status, "checks": checks})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The same page for 'does not exist' and 'not for you' (no hint either way)."""
    return render(request, "core/404.html", status=404)
