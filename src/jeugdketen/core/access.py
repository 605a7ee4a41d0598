"""The one place that decides who may see what.

* `Actor`: who is acting, as which role, for which organisation, from where (the access-log
  context). Built per request by the organisaties middleware, or by an API authentication.
* Scopes: every kind of object with personal data registers one scoping function
  (`register_scope`). Views and the API fetch objects only through `get_visible_or_404`, which
  answers 404 — identical to a missing object — when the object is outside the actor's scope,
  and logs the access (or the denied attempt).
* `policy`: every view declares who may reach it (public, any logged-in user, or named roles).
  A test walks all URL patterns and fails on a view without a declared policy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

from .models import Actie, Uitkomst
from .toegangslog import log_access, log_attempt

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Actor:
    user: Any
    rol: str = ""
    rollen: frozenset[str] = field(default_factory=frozenset)
    organisatie_id: str = ""
    organisatie_naam: str = ""
    organisatie_soort: str = ""
    display_name: str = ""
    namens: str = ""
    ip: str = ""
    request_id: str = ""
    bronsysteem: str = "jeugdketen"
    # (uuid, name) of every organisation this professional works for: the header offers a
    # choice when there is more than one.
    organisaties: tuple[tuple[str, str], ...] = ()

    def has_role(self, *roles: str) -> bool:
        return bool(self.rollen.intersection(roles))

    @property
    def is_burger(self) -> bool:
        return bool(getattr(self.user, "is_burger", False))


@dataclass(frozen=True)
class Scope:
    """How one kind of object is scoped to an actor and how it is named in the access log."""

    queryset: Callable[[Actor], QuerySet[Any]]
    object_type: str
    client_id: Callable[[Any], str]
    grondslag: Callable[[Actor, Any], str] = lambda actor, obj: actor.rol or "geen"


_SCOPES: dict[type[Model], Scope] = {}

# The only shape of an external id (UUID4 as text). Routers use it, so anything else is a plain
# 404 before any query runs (a malformed id must never reach the database and fail there).
UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


def register_scope(model: type[Model], scope: Scope) -> None:
    _SCOPES[model] = scope


def scope_for(model: type[Model]) -> Scope:
    try:
        return _SCOPES[model]
    except KeyError:  # a programming error: every model with personal data needs a scope
        raise LookupError(f"no access scope registered for {model.__name__}") from None


def visible(actor: Actor, model: type[M]) -> QuerySet[M]:
    return scope_for(model).queryset(actor)


def get_visible_or_404(actor: Actor, model: type[M], *, uuid: Any, segment: str, actie: str = Actie.READ) -> M:
    """Fetch one object through its scope; log the access, or log the denial and raise 404."""
    scope = scope_for(model)
    try:
        obj = scope.queryset(actor).filter(uuid=uuid).first()
    except (ValidationError, ValueError):  # not an id at all: the same answer as a missing one
        obj = None
    if obj is None:
        log_attempt(actor, actie=actie, object_type=scope.object_type, object_id=str(uuid), segment=segment)
        raise Http404
    log_access(
        actor,
        actie=actie,
        object_type=scope.object_type,
        object_id=str(uuid),
        segment=segment,
        client_id=scope.client_id(obj),
        grondslag=scope.grondslag(actor, obj),
    )
    return obj


def deny(actor: Actor, *, object_type: str, object_id: str = "", segment: str = "") -> Http404:
    """Log a denied attempt and return the 404 to raise (for checks beyond the scope query)."""
    log_attempt(actor, uitkomst=Uitkomst.DENIED, object_type=object_type, object_id=object_id, segment=segment)
    return Http404()


# --- Function-level policy on views --------------------------------------------------------

POLICY_ATTR = "jeugdketen_policy"


@dataclass(frozen=True)
class ViewPolicy:
    public: bool = False
    roles: frozenset[str] = frozenset()
    burger: bool = True  # may citizens reach it (if roles is empty)?


def policy(*, public: bool = False, roles: Iterable[str] = (), burger: bool | None = None) -> Callable[[Any], Any]:
    """Declare and enforce who may reach a view. Wrong role → 404 (the page does not exist for you).

    Use on function views (`@policy(roles=[Rol.X])`) and on DRF view classes / viewsets
    (`@policy(roles=[...])` above the class marks it; the class enforces with its permissions).
    """
    declared = ViewPolicy(public=public, roles=frozenset(roles), burger=(not roles) if burger is None else burger)

    def decorate(view: Any) -> Any:
        if isinstance(view, type):
            # A class-based API view / viewset: it enforces access through its own permission
            # classes and scoped querysets; the marker tells the route-coverage test it was declared.
            setattr(view, POLICY_ATTR, declared)
            return view

        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not declared.public:
                actor = getattr(request, "actor", None)
                if actor is None or actor.user is None or not actor.user.is_authenticated:
                    raise Http404
                if declared.roles and not actor.has_role(*declared.roles):
                    raise Http404
                if actor.is_burger and not declared.burger:
                    raise Http404
            return view(request, *args, **kwargs)

        setattr(wrapper, POLICY_ATTR, declared)
        return wrapper

    return decorate


def actor_for(request: HttpRequest) -> Actor:
    actor = getattr(request, "actor", None)
    if actor is None:
        return Actor(user=None, ip=client_ip(request), request_id=getattr(request, "request_id", ""))
    return actor  # type: ignore[no-any-return]


def client_ip(request: HttpRequest) -> str:
    from django.conf import settings

    header = getattr(settings, "TRUSTED_PROXY_IP_HEADER", "")
    if header and request.META.get(header):
        # The first address is the client as seen by our own trusted proxy.
        return str(request.META[header]).split(",")[0].strip()
    return str(request.META.get("REMOTE_ADDR", ""))
