"""Writing and verifying the access log (toegangslog, NEN 7513).

Successful accesses are written in the caller's transaction, so the log and the action commit or
roll back together. Denied and failed attempts must survive a rollback of the request: on
PostgreSQL they go through a separate, autocommitting connection. If an entry cannot be written
the caller gets ToegangslogNietBeschikbaar and must not show personal data (fail closed; the
middleware turns it into a 503).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import DatabaseError, connection, connections, transaction
from django.db.models import QuerySet
from django.utils import timezone

from .models import Actie, Toegangslogregel, Uitkomst

if TYPE_CHECKING:
    from .access import Actor

logger = logging.getLogger(__name__)

HASHED_FIELDS = (
    "event_id",
    "actie",
    "uitkomst",
    "tijdstip",
    "gebruiker_id",
    "gebruiker_naam",
    "rol",
    "organisatie",
    "organisatie_id",
    "namens",
    "grondslag",
    "noodprocedure",
    "client_id",
    "object_type",
    "object_id",
    "segment",
    "bronsysteem",
    "ip_adres",
    "request_id",
)


class ToegangslogNietBeschikbaar(Exception):
    """The access log could not be written; no personal data may be returned."""


def clean(value: object, limit: int = 200) -> str:
    # Log-injection defence: no control characters (newlines, ANSI escapes) in any field.
    text = "" if value is None else str(value)
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:limit]


def row_hash(values: dict[str, Any]) -> str:
    """HMAC over the row's fields: a changed row no longer matches (see verify_toegangslog)."""
    key = settings.TOEGANGSLOG_KEY.encode()
    message = "\x1f".join(values[f].isoformat() if f == "tijdstip" else str(values[f]) for f in HASHED_FIELDS).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _values(
    actor: Actor,
    *,
    actie: str,
    uitkomst: str,
    object_type: str,
    object_id: str,
    segment: str,
    client_id: str,
    grondslag: str,
    noodprocedure: bool,
) -> dict[str, Any]:
    import uuid

    user = actor.user if actor.user is not None and actor.user.is_authenticated else None
    values: dict[str, Any] = {
        "event_id": uuid.uuid4(),
        "actie": actie,
        "uitkomst": uitkomst,
        "tijdstip": timezone.now(),
        "gebruiker_id": user.pk if user else None,
        "gebruiker_naam": clean(actor.display_name or "anoniem"),
        "rol": clean(actor.rol or "geen", 64),
        "organisatie": clean(actor.organisatie_naam),
        "organisatie_id": clean(actor.organisatie_id or "", 64),
        "namens": clean(actor.namens or actor.display_name or "anoniem"),
        "grondslag": clean(grondslag or "geen"),
        "noodprocedure": noodprocedure,
        "client_id": clean(client_id or "-", 128),
        "object_type": clean(object_type, 64),
        "object_id": clean(object_id or "-", 64),
        "segment": clean(segment or "-", 64),
        "bronsysteem": clean(actor.bronsysteem or "jeugdketen", 64),
        "ip_adres": clean(actor.ip or "onbekend", 64),
        "request_id": clean(actor.request_id or "-", 64),
    }
    values["row_hash"] = row_hash(values)
    return values


def log_access(
    actor: Actor,
    *,
    actie: str,
    object_type: str,
    object_id: str = "",
    segment: str = "",
    client_id: str = "",
    grondslag: str = "",
    noodprocedure: bool = False,
) -> Toegangslogregel:
    """Log a successful access in the current transaction; raise if that is impossible."""
    values = _values(
        actor,
        actie=actie,
        uitkomst=Uitkomst.SUCCESS,
        object_type=object_type,
        object_id=object_id,
        segment=segment,
        client_id=client_id,
        grondslag=grondslag,
        noodprocedure=noodprocedure,
    )
    try:
        return Toegangslogregel.objects.create(**values)
    except DatabaseError as exc:
        logger.error("access log write failed: %s", type(exc).__name__)
        raise ToegangslogNietBeschikbaar from exc


def log_attempt(
    actor: Actor,
    *,
    uitkomst: str = Uitkomst.DENIED,
    actie: str = Actie.READ,
    object_type: str,
    object_id: str = "",
    segment: str = "",
    client_id: str = "",
    grondslag: str = "",
) -> None:
    """Log a denied or failed attempt so that it survives a rollback of the surrounding work."""
    values = _values(
        actor,
        actie=actie,
        uitkomst=uitkomst,
        object_type=object_type,
        object_id=object_id,
        segment=segment,
        client_id=client_id,
        grondslag=grondslag,
        noodprocedure=False,
    )
    if _in_business_transaction():
        if connection.vendor == "postgresql" and not _inside_test_case():
            _insert_on_own_connection(values)
        else:
            # Embedded SQLite allows one writer: a second connection would wait for this very
            # transaction. Keep the entry and write it when the transaction is over, whatever
            # its outcome (the request middleware flushes; a commit flushes too).
            # (Also inside a TestCase on PostgreSQL, see _inside_test_case.)
            _pending_list().append(values)
            transaction.on_commit(flush_pending)
        return
    try:
        Toegangslogregel.objects.create(**values)
    except DatabaseError as exc:
        logger.error("access log write (attempt) failed: %s", type(exc).__name__)
        raise ToegangslogNietBeschikbaar from exc


_local = threading.local()


def _in_business_transaction() -> bool:
    """Is a transaction open whose rollback would take a log row with it?

    Django's TestCase wraps every test in atomic blocks marked `_from_testcase`; those stand in
    for the autocommit a real request has, so they do not count.
    """
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def _inside_test_case() -> bool:
    """Inside a TestCase nothing is ever committed, so a second connection cannot see the
    test's users; there the entry waits for the end of the business transaction instead.
    Rollback survival on a real own connection is tested with transactional tests."""
    return any(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def _pending_list() -> list[dict[str, Any]]:
    if not hasattr(_local, "pending"):
        _local.pending = []
    pending: list[dict[str, Any]] = _local.pending
    return pending


def flush_pending() -> None:
    """Write denied/failed attempts held back during a transaction (SQLite only)."""
    pending = _pending_list()
    while pending and not _in_business_transaction():
        values = pending.pop(0)
        try:
            Toegangslogregel.objects.create(**values)
        except DatabaseError as exc:
            logger.error("access log write (deferred attempt) failed: %s", type(exc).__name__)
            raise ToegangslogNietBeschikbaar from exc


def _insert_on_own_connection(values: dict[str, Any]) -> None:
    # A fresh autocommit connection with the same settings: its insert commits on its own and
    # does not depend on whether the request's transaction later commits.
    own = connections.create_connection("default")
    try:
        columns = list(values)
        table = Toegangslogregel._meta.db_table
        sql = "INSERT INTO {} ({}) VALUES ({})".format(
            own.ops.quote_name(table),
            ", ".join(own.ops.quote_name(c) for c in columns),
            ", ".join(["%s"] * len(columns)),
        )
        with own.cursor() as cursor:
            cursor.execute(sql, [str(v) if k == "event_id" else v for k, v in values.items()])
    except DatabaseError as exc:
        logger.error("access log write (attempt, own connection) failed: %s", type(exc).__name__)
        raise ToegangslogNietBeschikbaar from exc
    finally:
        own.close()


def verify_rows(queryset: QuerySet[Toegangslogregel]) -> list[int]:
    """Return the ids of rows whose stored hash does not match their content."""
    broken = []
    for row in queryset.order_by("id").iterator(chunk_size=2000):
        values = {f: getattr(row, f) for f in HASHED_FIELDS}
        if not hmac.compare_digest(row_hash(values), row.row_hash):
            broken.append(row.id)
    return broken
