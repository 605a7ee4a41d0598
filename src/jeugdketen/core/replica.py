"""Report reads from a PostgreSQL streaming replica (one setting: DATABASE_REPLICA_URL).

Only what is safe to read a little late goes to the replica: the aggregate tables an app
registers (the monitor's facts, plekvrij's day counts), read during a GET or HEAD of a report page
the app registers, outside any transaction. Everything else stays on the primary:

* every write (a replica refuses them anyway), and every read inside a transaction, so a write
  path reads its own writes;
* every read of personal data, of consents and rights, of the session and the login: access
  follows consent *at the moment of the request* (ARCHITECTURE.md), and a replica lags;
* the access log: an entry is written on the primary, in the request's own transaction.

Apps register their report pages in `AppConfig.ready()`::

    from jeugdketen.core import replica
    replica.register(url_names=["monitor:overzicht"], models=["monitor"])

`models` holds app labels (all of that app's models) or model labels (`plekvrij.Dagstand`). When
the replica cannot be reached the page reads from the primary instead (with a warning in the log).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

REPLICA = "replica"
READ_METHODS = frozenset({"GET", "HEAD"})

_report_reads: ContextVar[bool] = ContextVar("jeugdketen_report_reads", default=False)
_url_names: set[str] = set()
_models: set[str] = set()


def register(*, url_names: Iterable[str], models: Iterable[str]) -> None:
    """Let the GET requests of `url_names` read `models` (app or model labels) from the replica."""
    _url_names.update(url_names)
    _models.update(label.lower() for label in models)


def report_url_names() -> frozenset[str]:
    return frozenset(_url_names)


def configured() -> bool:
    return REPLICA in settings.DATABASES


def may_read_from_replica(model: type[Model]) -> bool:
    meta = model._meta
    return meta.app_label in _models or meta.label_lower in _models


@contextmanager
def report_reads() -> Iterator[None]:
    """Within this block registered report models are read from the replica (if one is set)."""
    token = _report_reads.set(True)
    try:
        yield
    finally:
        _report_reads.reset(token)


def _in_transaction() -> bool:
    """Is a transaction open on the primary? (Django's TestCase wraps each test in atomic blocks
    marked `_from_testcase`; they stand in for a request's autocommit and do not count.)"""
    return any(not getattr(block, "_from_testcase", False) for block in connections[DEFAULT_DB_ALIAS].atomic_blocks)


class ReplicaRouter:
    """Reads of registered report models during report reads → the replica; all else → primary."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        if _report_reads.get() and configured() and may_read_from_replica(model) and not _in_transaction():
            return REPLICA
        # Explicitly the primary: without an answer Django would follow the instance a related
        # object was reached from, which may have come from the replica.
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS  # the replica follows the primary's schema by streaming


def _replica_reachable() -> bool:
    try:
        connections[REPLICA].ensure_connection()
    except DatabaseError as exc:
        logger.warning("replica unavailable, reports read from the primary: %s", type(exc).__name__)
        connections[REPLICA].close()
        return False
    return True


class ReportReadsMiddleware:
    """Marks the GET requests of registered report pages as report reads (see the module doc)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        finally:
            token: Token[bool] | None = getattr(request, "_jeugdketen_report_reads", None)
            if token is not None:
                _report_reads.reset(token)

    def process_view(self, request: HttpRequest, view: object, args: object, kwargs: object) -> None:
        match = request.resolver_match
        if (
            request.method in READ_METHODS
            and match is not None
            and match.view_name in _url_names
            and configured()
            and _replica_reachable()
        ):
            request._jeugdketen_report_reads = _report_reads.set(True)  # type: ignore[attr-defined]
