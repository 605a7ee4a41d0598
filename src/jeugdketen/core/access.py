"""The one place that decides who may see what.

* `Actor`: who is acting, as which role, for which organisation, from where (the access-log
  context). Built per request by the organisaties middleware (a session) or by the API-key
  authentication (an organisation's system); both put it on the request, so `actor_for(request)`
  is the one way to get it.
* Scopes: every kind of object with personal data registers one `Scope`: which objects an actor
  may see (`queryset`) and how the actor relates to one of them (`relation`: the role in this
  family or plan). Views and API endpoints fetch such an object only through `fetch`, which
  returns the object with that relation and writes exactly one access-log entry — or logs the
  denial and raises `Geweigerd`.
* `Geweigerd` is the one refusal. Services raise it too (through `refuse`, which logs first);
  `core.middleware.RefusalMiddleware` turns it into the 404 page and `core.api.exception_handler`
  into the API's 404: someone without access sees exactly what a missing object shows.
* `policy`: every view declares who may reach it (public, any logged-in user, or named roles),
  on function views and on API classes alike, and it is enforced on both; a refusal by a policy
  is a logged denial (object type `ROUTE`) like every other. A test walks all URL
  patterns and fails on a view without a declared policy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any, Generic, NoReturn, Protocol, TypeVar, cast

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.views import APIView

from . import kalender
from .models import Actie, Uitkomst
from .toegangslog import log_access, log_attempt

M = TypeVar("M", bound=Model)
V = TypeVar("V", bound=Callable[..., object])  # a view: a function or an API view class


class Principal(Protocol):
    """Who is behind an actor: a person's login (`Gebruiker`) or an organisation's system
    (`SysteemClient`, pk None). The kernel needs no more of them than this."""

    @property
    def pk(self) -> int | None: ...

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def is_burger(self) -> bool: ...


@dataclass(frozen=True)
class Actor:
    # None for an anonymous visitor. `user.pk` is None for an organisation's system.
    user: Principal | None
    rol: str = ""
    rollen: frozenset[str] = field(default_factory=frozenset)
    organisatie_id: str = ""
    organisatie_naam: str = ""
    organisatie_soort: str = ""
    # The acting organisation's row id, region and municipality (0: none, never a row's id), read
    # with the actor on every request: a scope filters on these numbers instead of compiling and
    # running a subquery on the organisation's uuid in each arm (issue 16: a fifth of the home page).
    organisatie_pk: int = 0
    regio_pk: int = 0
    gemeente_pk: int = 0
    display_name: str = ""
    namens: str = ""
    ip: str = ""
    request_id: str = ""
    bronsysteem: str = "jeugdketen"
    # (uuid, name) of every organisation this professional works for: the header offers a
    # choice when there is more than one.
    organisaties: tuple[tuple[str, str], ...] = ()
    # Scope querysets built for this actor (`eenmaal_gebouwd`); not an argument, so a copy of the
    # actor made with other values (dataclasses.replace) starts empty, and not part of equality.
    gebouwd: dict[Any, QuerySet[Any]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def has_role(self, *roles: str) -> bool:
        return bool(self.rollen.intersection(roles))

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None and self.user.is_authenticated

    @property
    def is_burger(self) -> bool:
        return self.user is not None and bool(self.user.is_burger)

    @property
    def user_pk(self) -> int | None:
        """The login's primary key; None for anonymous visitors and organisation systems."""
        return self.user.pk if self.user is not None else None


class Geweigerd(Exception):
    """The one refusal: this object, or this action on it, does not exist for this actor.

    Raised by `fetch`, by `refuse` and by services after the denial has been logged. Never an
    HTTP type: services know nothing of HTTP. The middleware answers the 404 page, the API 404.
    """


def _default_relation(actor: Actor, obj: object) -> str | None:
    return actor.rol or None


def _default_grondslag(actor: Actor, obj: object) -> str:
    return actor.rol or "geen"


@dataclass(frozen=True)
class Scope(Generic[M]):
    """How one kind of object is scoped to an actor and how it is named in the access log.

    `queryset` is the set the actor may see; `relation` says how the actor relates to one object
    in it (e.g. `GezinsRol`): None means no relation, and `fetch` then refuses. Both run in the
    request, so consent withdrawn a moment ago counts now."""

    queryset: Callable[[Actor], QuerySet[M]]
    object_type: str
    client_id: Callable[[M], str]
    grondslag: Callable[[Actor, M], str] = _default_grondslag
    relation: Callable[[Actor, M], object] = _default_relation


@dataclass(frozen=True)
class Toegang(Generic[M]):
    """A fetched object together with the actor's relation to it; the access is logged."""

    obj: M
    # What the object's scope says the actor is to it (a `GezinsRol`, a verwijsindex `Relatie`,
    # ...): each scope registers its own kind, so the kernel cannot name one type for all.
    relatie: Any


_SCOPES: dict[type[Model], Scope[Any]] = {}

# The only shape of an external id (UUID4 as text). Routers use it, so anything else is a plain
# 404 before any query runs (a malformed id must never reach the database and fail there).
UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


def register_scope(model: type[M], scope: Scope[M]) -> None:
    _SCOPES[model] = scope


def scope_for(model: type[M]) -> Scope[M]:
    try:
        return _SCOPES[model]
    except KeyError:  # a programming error: every model with personal data needs a scope
        raise LookupError(f"no access scope registered for {model.__name__}") from None


def eenmaal_gebouwd(actor: Actor, naam: str, bouw: Callable[[], QuerySet[M]]) -> QuerySet[M]:
    """The scope queryset `bouw()` of this actor, built once per actor and day: a home or plan
    page asks for the same scope three or four times, and building its filters (the consent
    rules) cost 1.5 ms each time (issue 16). Each caller gets its own copy (`.all()`, no shared
    results): the SQL still runs at every use, so consent is read when the data is read. `bouw`
    must only build a lazy queryset, never run one (that would cache what it read)."""
    sleutel = (naam, kalender.vandaag())
    gebouwd = actor.gebouwd.get(sleutel)
    if gebouwd is None:
        gebouwd = actor.gebouwd[sleutel] = bouw()
    return gebouwd.all()


def visible(actor: Actor, model: type[M]) -> QuerySet[M]:
    return scope_for(model).queryset(actor)


def fetch(
    actor: Actor,
    model: type[M],
    *,
    segment: str,
    actie: str = Actie.READ,
    related: Callable[[QuerySet[M]], QuerySet[M]] | None = None,
    mag: Callable[[Toegang[M]], bool] | None = None,
    **lookup: object,
) -> Toegang[M]:
    """The one entry point to an object with a person's data.

    Looks the object up (`uuid=...`, or another unique lookup such as `gezin__uuid=...`) in the
    actor's scope, asks the scope for the actor's relation to it and writes exactly one
    access-log entry. Outside the scope, or without a relation: the denial is logged and
    `Geweigerd` raised — the same answer as for an id that does not exist. `related` adds
    select_related/prefetch_related for the page, so the page needs no second fetch. `mag` is
    the page's own rule on that relation (e.g. only the family itself reads its access log): when
    it says no, only the denial is logged — nothing was read, so no read is recorded.
    """
    if len(lookup) != 1:
        raise TypeError("fetch takes exactly one lookup, e.g. uuid=...")
    scope = scope_for(model)
    requested = str(next(iter(lookup.values())))
    queryset = scope.queryset(actor)
    if related is not None:
        queryset = related(queryset)
    try:
        obj = queryset.filter(**lookup).first()
    except (ValidationError, ValueError):  # not an id at all: the same answer as a missing one
        obj = None
    relatie = scope.relation(actor, obj) if obj is not None else None
    if obj is None or relatie is None or (mag is not None and not mag(Toegang(obj=obj, relatie=relatie))):
        refuse(actor, object_type=scope.object_type, object_id=requested, segment=segment, actie=actie)
    log_access(
        actor,
        actie=actie,
        object_type=scope.object_type,
        object_id=str(getattr(obj, "uuid", requested)),
        segment=segment,
        client_id=scope.client_id(obj),
        grondslag=scope.grondslag(actor, obj),
    )
    return Toegang(obj=obj, relatie=relatie)


def refuse(
    actor: Actor, *, object_type: str, object_id: str = "", segment: str = "", actie: str = Actie.READ
) -> NoReturn:
    """Log a denied attempt and raise the one refusal (for checks beyond the scope query)."""
    log_attempt(
        actor, uitkomst=Uitkomst.DENIED, actie=actie, object_type=object_type, object_id=object_id, segment=segment
    )
    raise Geweigerd


def require(actor: Actor, toegang: Toegang[M], toegestaan: bool, *, segment: str, actie: str = Actie.UPDATE) -> M:
    """The fetched object, when the actor's relation to it allows this act (`toegestaan`: the
    service's rule on `toegang.relatie`); otherwise the logged refusal. The one way a service
    says "not you, not this" about an object it was handed."""
    if not toegestaan:
        scope = scope_for(type(toegang.obj))
        refuse(
            actor,
            object_type=scope.object_type,
            object_id=str(getattr(toegang.obj, "uuid", "")),
            segment=segment,
            actie=actie,
        )
    return toegang.obj


# --- Who may reach a view: function views and API classes alike --------------------------

POLICY_ATTR = "jeugdketen_policy"

# The object type of a denial by a view's policy: the route itself was refused, before any object
# was looked up (object_id is the path, segment the URL name). Kernel vocabulary, like `Actie`.
ROUTE = "route"


@dataclass(frozen=True)
class ViewPolicy:
    public: bool = False
    roles: frozenset[str] = frozenset()
    burger: bool = True  # may citizens reach it (if roles is empty)?

    def admits(self, actor: Actor | None) -> bool:
        if self.public:
            return True
        if actor is None or not actor.is_authenticated:
            return False
        if self.roles and not actor.has_role(*self.roles):
            return False
        return not (actor.is_burger and not self.burger)


def policy(*, public: bool = False, roles: Iterable[str] = (), burger: bool | None = None) -> Callable[[V], V]:
    """Declare and enforce who may reach a view. Wrong role → 404 (the page does not exist for you).

    On a function view the wrapper checks before the view runs. On a DRF view class or viewset
    the check runs in `initial`, after authentication (a session or an API key) and DRF's own
    permission classes: no credentials stay a 401, a credential outside the policy gets the 404.
    """
    declared = ViewPolicy(public=public, roles=frozenset(roles), burger=(not roles) if burger is None else burger)

    def decorate(view: V) -> V:
        if isinstance(view, type):
            if not issubclass(view, APIView):
                raise TypeError(f"@policy on a class needs a DRF view class, not {view.__name__}")
            original_initial = view.initial

            def initial(self: APIView, request: Request, *args: object, **kwargs: object) -> None:
                original_initial(self, request, *args, **kwargs)
                actor = actor_for(request._request)
                if not declared.admits(actor):
                    refuse_route(actor, request._request)

            # A method patched on the class (mypy refuses assigning to a method, not setattr).
            setattr(view, "initial", initial)  # noqa: B010
            setattr(view, POLICY_ATTR, declared)
            return view

        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> object:
            if not declared.admits(getattr(request, "actor", None)):
                refuse_route(actor_for(request), request)
            return view(request, *args, **kwargs)

        setattr(wrapper, POLICY_ATTR, declared)
        return cast(V, wrapper)  # the same call signature: `wraps` keeps the view's own

    return decorate


def refuse_route(actor: Actor, request: HttpRequest) -> NoReturn:
    """A view's policy said no: one logged denial (through `refuse`, like every other refusal),
    then the 404. An anonymous visitor is logged too (only the API lets one get this far; pages
    send them to the login first)."""
    match = getattr(request, "resolver_match", None)
    refuse(
        actor,
        object_type=ROUTE,
        object_id=request.path,
        segment=match.view_name if match is not None else "",
        actie=request_actie(request),
    )


def request_actie(request: HttpRequest, change: str = Actie.UPDATE) -> str:
    """How a page's fetch is logged: a page looked at is a read, the same page posted the change
    itself (`change`: an update, or a create for a page that adds something) — one entry."""
    return change if request.method == "POST" else Actie.READ


def actor_for(request: HttpRequest) -> Actor:
    """The actor of this request: set by the session middleware or by the API-key authentication."""
    actor = getattr(request, "actor", None)
    if isinstance(actor, Actor):
        return actor
    return Actor(user=None, ip=client_ip(request), request_id=getattr(request, "request_id", ""))


def client_ip(request: HttpRequest) -> str:
    from django.conf import settings

    header = getattr(settings, "TRUSTED_PROXY_IP_HEADER", "")
    if header and request.META.get(header):
        # The first address is the client as seen by our own trusted proxy.
        return str(request.META[header]).split(",")[0].strip()
    return str(request.META.get("REMOTE_ADDR", ""))
