"""PostgreSQL session settings for one block of work (a no-op on SQLite)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def instelling(naam: str, waarde: str) -> Iterator[None]:
    """Run the block with PostgreSQL setting `naam` at `waarde` on this connection, then give the
    connection back with its own value (RESET: the server's or the connection options' default).
    `naam` is one of our constants, never user input."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, false)", [naam, waarde])
    try:
        yield
    finally:
        # In a transaction the block's error aborted, the rollback undoes the setting; a RESET
        # there would only fail and hide that error.
        if not _transactie_afgebroken():
            with connection.cursor() as cursor:
                cursor.execute(f"RESET {naam}")  # noqa: S608 - a constant of ours


def _transactie_afgebroken() -> bool:
    from psycopg.pq import TransactionStatus

    raw = connection.connection
    return raw is not None and raw.info.transaction_status == TransactionStatus.INERROR


@contextmanager
def een_plan_per_verbinding() -> Iterator[None]:
    """Plan the block's statements once per connection (PostgreSQL's generic plan of a prepared
    statement), for a query whose best plan is the same whatever its values: the plan list walks
    the actor's consent rows in the list's order for every organisation alike. PostgreSQL's own
    choice (`auto`) kept planning that ten-table join anew on every request, 24 ms of planning for
    1 ms of work at national scale (issue 16, benchmarks README). Never for a query whose best plan
    depends on the values (the jeugdhulp list took 1.7 s with a generic plan)."""
    with instelling("plan_cache_mode", "force_generic_plan"):
        yield


@contextmanager
def plan_per_aanroep() -> Iterator[None]:
    """Plan the block's statements anew for their values every time (never a generic plan), for
    a query whose best plan depends on them and that PostgreSQL's own choice (`auto`) would run
    on a generic plan after a few runs on a connection. The home page's tiles are such queries:
    a generic plan cannot know how much one team or regisseur holds — the waiting tile ran its
    generic plan in 14 ms, planned for its values 1.4 ms; the regisseur's late evaluations 10 ms
    against 1 ms (issue 16)."""
    with instelling("plan_cache_mode", "force_custom_plan"):
        yield
