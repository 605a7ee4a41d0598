"""Writing and verifying the access log (toegangslog, NEN 7513).

Successful accesses are written in the caller's transaction, so the log and the action commit or
roll back together. Denied and failed attempts must survive a rollback of the request: on
PostgreSQL they go through a separate, autocommitting connection. If an entry cannot be written
the caller gets ToegangslogNietBeschikbaar and must not show personal data (fail closed; the
middleware turns it into a 503).

The log is a hash chain (SECURITY A4), or rather KETENS chains side by side so that writers do not
queue behind one another: a writer takes the head of a chain no other transaction holds
(SELECT … FOR UPDATE SKIP LOCKED), stores the head's hash as the row's `vorige_hash` and keys both
into the row's HMAC; a trigger moves the head (core.logtriggers). A writer whose last head is still
where it left it inserts in one statement that locks and checks that head (`_append_to_known_head`).
`verify_log` walks every chain:
a deleted, inserted, changed or reordered row breaks it. The retention job (`bewaartermijn_uitvoeren`)
removes the oldest part of a chain and writes a keyed `begin` anchor where it now starts;
`anker_zetten` records periodically where each chain stood, so rows cut from a chain's end are
found too.
"""

from __future__ import annotations

import contextvars
import hashlib
import hmac
import logging
import threading
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import DatabaseError, connection, connections, transaction
from django.db.models import QuerySet
from django.utils import timezone

from .models import Actie, AnkerSoort, Toegangsloganker, Toegangslogketen, Toegangslogregel, Uitkomst

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


# The id of the request (or scheduled task) now running, for entries whose actor carries none: a
# system actor acting within a request (a match signal, a BRP check) or a task's own entries.
# Set by core.middleware.RequestIdMiddleware and, for Celery tasks, by core.tasks.
huidig_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("huidig_request_id", default="")


class ToegangslogNietBeschikbaar(Exception):
    """The access log could not be written; no personal data may be returned."""


def clean(value: object, limit: int = 200) -> str:
    # Log-injection defence: no control characters (newlines, ANSI escapes) in any field.
    text = "" if value is None else str(value)
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:limit]


KETENS = 16  # chains side by side: up to this many transactions log at once without waiting


def _hmac(message: str) -> str:
    return hmac.new(settings.TOEGANGSLOG_KEY.encode(), message.encode(), hashlib.sha256).hexdigest()


def row_hash(values: dict[str, Any]) -> str:
    """HMAC over the row's fields and its place in its chain: a changed row no longer matches
    (see verify_toegangslog). Rows from before the chain (keten None) hash their fields only."""
    message = "\x1f".join(values[f].isoformat() if f == "tijdstip" else str(values[f]) for f in HASHED_FIELDS)
    if values.get("keten") is not None:
        message += f"\x1f{values['keten']}\x1f{values['vorige_hash']}"
    return _hmac(message)


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
        "request_id": clean(actor.request_id or huidig_request_id.get() or "-", 64),
    }
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
        return _append(values)
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
        _append(values)
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
            _append(values)
        except DatabaseError as exc:
            logger.error("access log write (deferred attempt) failed: %s", type(exc).__name__)
            raise ToegangslogNietBeschikbaar from exc


def _insert_on_own_connection(values: dict[str, Any]) -> None:
    # A fresh autocommit connection with the same settings: its insert commits on its own and
    # does not depend on whether the request's transaction later commits.
    own = connections.create_connection("default")
    try:
        own.set_autocommit(False)
        with own.cursor() as cursor:
            _link(cursor, values)
        columns = list(values)
        table = Toegangslogregel._meta.db_table
        sql = "INSERT INTO {} ({}) VALUES ({})".format(
            own.ops.quote_name(table),
            ", ".join(own.ops.quote_name(c) for c in columns),
            ", ".join(["%s"] * len(columns)),
        )
        with own.cursor() as cursor:
            cursor.execute(sql, [str(v) if k == "event_id" else v for k, v in values.items()])
        own.commit()
    except DatabaseError as exc:
        logger.error("access log write (attempt, own connection) failed: %s", type(exc).__name__)
        raise ToegangslogNietBeschikbaar from exc
    finally:
        own.close()


CHAIN_FIELDS = ("keten", "vorige_hash")


def _claim_sql(vendor: str, *, skip_locked: bool) -> str:
    table = Toegangslogketen._meta.db_table
    if vendor != "postgresql":  # SQLite: one writer at a time anyway (IMMEDIATE transactions)
        return f"SELECT nummer, laatste_hash FROM {table} ORDER BY (nummer = %s) DESC, random() LIMIT 1"
    if skip_locked:
        return (
            f"SELECT nummer, laatste_hash FROM {table} ORDER BY (nummer = %s) DESC, random() "
            "LIMIT 1 FOR UPDATE SKIP LOCKED"
        )
    return f"SELECT nummer, laatste_hash FROM {table} WHERE nummer = %s FOR UPDATE"


def _link(cursor: Any, values: dict[str, Any]) -> None:
    """Take the head of a chain for this transaction and chain `values` to it (sets keten,
    vorige_hash and row_hash). The head stays locked until the transaction ends."""
    import random

    vendor = cursor.db.vendor
    preferred = getattr(_local, "keten", 0)  # the chain this thread took last: likely still ours
    cursor.execute(_claim_sql(vendor, skip_locked=True), [preferred])
    head = cursor.fetchone()
    if head is None:
        cursor.execute(f"SELECT COUNT(*) FROM {Toegangslogketen._meta.db_table}")
        if cursor.fetchone()[0] < KETENS:  # a new (or flushed) database: make the heads
            rows = ", ".join(f"({n}, NULL, '')" for n in range(KETENS))
            cursor.execute(
                f"INSERT INTO {Toegangslogketen._meta.db_table} (nummer, laatste_id, laatste_hash) "
                f"VALUES {rows} ON CONFLICT DO NOTHING"
            )
            cursor.execute(_claim_sql(vendor, skip_locked=True), [preferred])
            head = cursor.fetchone()
    if head is None:  # every chain is in use: wait for one (the locked row is re-read when free)
        cursor.execute(_claim_sql(vendor, skip_locked=False), [random.randrange(KETENS)])  # noqa: S311
        head = cursor.fetchone()
    _local.keten = head[0]
    values["keten"], values["vorige_hash"] = head[0], head[1] or ""
    values["row_hash"] = row_hash(values)


def _append(values: dict[str, Any]) -> Toegangslogregel:
    """Chain and insert one row on the default connection, in the caller's transaction if any.

    One statement when the head this thread wrote last is still where it left it (the next
    entry of the same transaction, whose head it holds, or of a later one when nobody wrote to
    that chain since): `_append_to_known_head`. Otherwise two: claim a free head, insert."""
    values = dict(values)
    if not connection.in_atomic_block:  # the head's lock and the insert need one transaction
        with transaction.atomic():
            return _append(values)
    regel = _append_to_known_head(values)
    if regel is None:
        with connection.cursor() as cursor:
            _link(cursor, values)
        regel = Toegangslogregel.objects.create(**values)
    _local.kop = (connection.alias, regel.keten, regel.row_hash)
    return regel


def _append_to_known_head(values: dict[str, Any]) -> Toegangslogregel | None:
    """Insert `values` chained to the head this thread last saw, in one statement that locks and
    checks that head: `INSERT … SELECT … FROM <head> WHERE nummer = k AND laatste_hash = h FOR
    UPDATE SKIP LOCKED`. No row (None) when the head moved (another writer, a rollback) or is
    held by another transaction; then the caller claims a head as before. So a row is only ever
    chained to its chain's current head, under that head's lock, as with the claim."""
    kop = getattr(_local, "kop", None)
    if kop is None or kop[0] != connection.alias:
        return None
    _alias, keten, vorige = kop
    chained = {**values, "keten": keten, "vorige_hash": vorige}
    chained["row_hash"] = row_hash(chained)
    fields = {f.attname: f for f in Toegangslogregel._meta.concrete_fields}
    qn = connection.ops.quote_name
    lock = " FOR UPDATE SKIP LOCKED" if connection.vendor == "postgresql" else ""
    sql = "INSERT INTO {} ({}) SELECT {} FROM {} WHERE nummer = %s AND laatste_hash = %s{} RETURNING {}".format(
        qn(Toegangslogregel._meta.db_table),
        ", ".join(qn(fields[k].column) for k in chained),
        ", ".join(["%s"] * len(chained)),
        qn(Toegangslogketen._meta.db_table),
        lock,
        qn("id"),
    )
    params = [fields[k].get_db_prep_save(v, connection) for k, v in chained.items()]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, keten, vorige])
        row = cursor.fetchone()
    if row is None:
        return None
    regel = Toegangslogregel(id=row[0], **chained)
    regel._state.adding = False
    regel._state.db = connection.alias
    return regel


def verify_rows(queryset: QuerySet[Toegangslogregel]) -> list[int]:
    """Return the ids of rows whose stored hash does not match their content."""
    broken = []
    for row in queryset.order_by("id").iterator(chunk_size=2000):
        values = {f: getattr(row, f) for f in (*HASHED_FIELDS, *CHAIN_FIELDS)}
        if not hmac.compare_digest(row_hash(values), row.row_hash):
            broken.append(row.id)
    return broken


# --- Anchors, verification of the chains, retention (SECURITY A4, A7) ---------------------------


def anker_hash(anker: Toegangsloganker) -> str:
    return _hmac(
        f"anker\x1f{anker.keten}\x1f{anker.soort}\x1f{anker.regel_id}\x1f{anker.regel_hash}"
        f"\x1f{anker.aantal}\x1f{anker.tijdstip.isoformat()}"
    )


def _new_anchor(**fields: Any) -> Toegangsloganker:
    anker = Toegangsloganker(tijdstip=timezone.now(), **fields)
    anker.anker_hash = anker_hash(anker)
    anker.save()
    return anker


def anker_zetten() -> int:
    """Record where each chain stands now (a keyed `stand` anchor per chain that moved)."""
    made = 0
    for head in Toegangslogketen.objects.filter(laatste_id__isnull=False).order_by("nummer"):
        if head.laatste_id is None:
            continue
        known = Toegangsloganker.objects.filter(keten=head.nummer, regel_id=head.laatste_id).exists()
        if not known:
            _new_anchor(
                keten=head.nummer, soort=AnkerSoort.STAND, regel_id=head.laatste_id, regel_hash=head.laatste_hash
            )
            made += 1
    return made


def verify_log() -> list[str]:
    """Everything wrong with the log, as plain sentences (empty: the log is intact).

    Rows from before the chain are checked one by one; every chain from its start (or its
    retention anchor) to its head: each row's HMAC, each link to the row before, the head, and
    every later `stand` anchor."""
    problems = [
        f"regel {i}: inhoud gewijzigd" for i in verify_rows(Toegangslogregel.objects.filter(keten__isnull=True))
    ]
    anchors = list(Toegangsloganker.objects.order_by("id"))
    for anker in anchors:
        if not hmac.compare_digest(anker_hash(anker), anker.anker_hash):
            problems.append(f"anker {anker.id}: gewijzigd")
    heads = {h.nummer: h for h in Toegangslogketen.objects.all()}
    chains = set(Toegangslogregel.objects.filter(keten__isnull=False).values_list("keten", flat=True).distinct())
    chains |= {n for n, h in heads.items() if h.laatste_id is not None} | {a.keten for a in anchors}
    fields = ("id", *HASHED_FIELDS, *CHAIN_FIELDS, "row_hash")
    for keten in sorted(k for k in chains if k is not None):
        begins = [a for a in anchors if a.keten == keten and a.soort == AnkerSoort.BEGIN]
        start = max(begins, key=lambda a: a.regel_id) if begins else None
        after_id, expected = (start.regel_id, start.regel_hash) if start else (0, "")
        stands = {a.regel_id: a.regel_hash for a in anchors if a.keten == keten and a.soort == AnkerSoort.STAND}
        stands = {i: h for i, h in stands.items() if i > after_id}
        last_id = after_id
        rows = Toegangslogregel.objects.filter(keten=keten, id__gt=after_id).order_by("id").values(*fields)
        for row in rows.iterator(chunk_size=2000):
            if not hmac.compare_digest(row_hash(row), row["row_hash"]):
                problems.append(f"keten {keten}, regel {row['id']}: inhoud gewijzigd of ingevoegd")
            if row["vorige_hash"] != expected:
                problems.append(f"keten {keten}, regel {row['id']}: de regel ervoor ontbreekt of is verplaatst")
            if row["id"] in stands and stands.pop(row["id"]) != row["row_hash"]:
                problems.append(f"keten {keten}, regel {row['id']}: wijkt af van het anker")
            expected, last_id = row["row_hash"], row["id"]
        for missing in sorted(stands):
            problems.append(f"keten {keten}: regel {missing} uit een anker ontbreekt")
        head = heads.get(keten)
        if (
            head is not None
            and head.laatste_id is not None
            and (head.laatste_id, head.laatste_hash) != (last_id, expected)
        ):
            problems.append(f"keten {keten}: de laatste regel(s) ontbreken (kop {head.laatste_id}, gevonden {last_id})")
    return problems


def _years_before(moment: Any, years: int) -> Any:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def bewaartermijn_uitvoeren(now: Any = None) -> int:
    """Delete the access-log rows whose retention term has passed; return how many.

    Per chain only its oldest part, up to the first row still within the term, so that what is
    left is still one unbroken chain; a keyed `begin` anchor says where it now starts. Runs again
    without effect (idempotent) and never deletes a younger row."""
    from .logtriggers import log_maintenance

    years = max(5, int(getattr(settings, "TOEGANGSLOG_BEWAARJAREN", 5)))  # NEN 7513: at least 5 years
    cutoff = _years_before(now or timezone.now(), years)
    deleted = 0
    with transaction.atomic(), log_maintenance(connection):
        chains = Toegangslogregel.objects.filter(keten__isnull=False).values_list("keten", flat=True).distinct()
        for keten in sorted({k for k in chains if k is not None}):
            in_chain = Toegangslogregel.objects.filter(keten=keten)
            first_young = in_chain.filter(tijdstip__gte=cutoff).order_by("id").values_list("id", flat=True).first()
            old = in_chain.filter(id__lt=first_young) if first_young is not None else in_chain
            last = old.order_by("-id").values("id", "row_hash").first()
            if last is None:
                continue
            count = old.count()
            _new_anchor(
                keten=keten, soort=AnkerSoort.BEGIN, regel_id=last["id"], regel_hash=last["row_hash"], aantal=count
            )
            old.delete()
            deleted += count
        legacy, _ = Toegangslogregel.objects.filter(keten__isnull=True, tijdstip__lt=cutoff).delete()
        deleted += legacy
    return deleted
