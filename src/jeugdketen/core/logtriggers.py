"""Database triggers that make the access log append-only, on PostgreSQL and on SQLite.

PostgreSQL: UPDATE, DELETE and TRUNCATE raise, unless the session set
`jeugdketen.log_onderhoud = 'aan'` (only flush in tests and the documented retention job do).
SQLite: the embedded database has no session settings, so maintenance drops and recreates the
triggers inside the caller's work.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "core_toegangslogregel"

PG_CREATE = f"""
CREATE OR REPLACE FUNCTION jk_toegangslog_append_only() RETURNS trigger AS $$
BEGIN
  IF current_setting('jeugdketen.log_onderhoud', true) = 'aan' THEN
    IF TG_OP = 'TRUNCATE' THEN RETURN NULL; END IF;
    IF TG_OP = 'UPDATE' THEN RETURN NEW; END IF;
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'toegangslog is append-only (%)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS jk_toegangslog_no_change ON {TABLE};
CREATE TRIGGER jk_toegangslog_no_change BEFORE UPDATE OR DELETE ON {TABLE}
  FOR EACH ROW EXECUTE FUNCTION jk_toegangslog_append_only();
DROP TRIGGER IF EXISTS jk_toegangslog_no_truncate ON {TABLE};
CREATE TRIGGER jk_toegangslog_no_truncate BEFORE TRUNCATE ON {TABLE}
  FOR EACH STATEMENT EXECUTE FUNCTION jk_toegangslog_append_only();
"""
PG_DROP = f"""
DROP TRIGGER IF EXISTS jk_toegangslog_no_change ON {TABLE};
DROP TRIGGER IF EXISTS jk_toegangslog_no_truncate ON {TABLE};
DROP FUNCTION IF EXISTS jk_toegangslog_append_only();
"""
SQLITE_CREATE = [
    f"CREATE TRIGGER IF NOT EXISTS jk_toegangslog_no_update BEFORE UPDATE ON {TABLE} "
    "BEGIN SELECT RAISE(ABORT, 'toegangslog is append-only'); END;",
    f"CREATE TRIGGER IF NOT EXISTS jk_toegangslog_no_delete BEFORE DELETE ON {TABLE} "
    "BEGIN SELECT RAISE(ABORT, 'toegangslog is append-only'); END;",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS jk_toegangslog_no_update;", "DROP TRIGGER IF EXISTS jk_toegangslog_no_delete;"]


def create(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_CREATE)
        elif connection.vendor == "sqlite":
            for statement in SQLITE_CREATE:
                cursor.execute(statement)


def drop(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_DROP)
        elif connection.vendor == "sqlite":
            for statement in SQLITE_DROP:
                cursor.execute(statement)


@contextmanager
def log_maintenance(connection: BaseDatabaseWrapper) -> Iterator[None]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('jeugdketen.log_onderhoud', 'aan', false)")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('jeugdketen.log_onderhoud', '', false)")
    elif connection.vendor == "sqlite":
        drop(connection)
        try:
            yield
        finally:
            create(connection)
    else:
        yield


# The heads of the hash chains follow every insert (core.Toegangslogketen), in the database
# itself: a writer never has to remember to update them, and they cannot drift from the rows.
KETEN_TABLE = "core_toegangslogketen"
CHAIN_PG_CREATE = f"""
CREATE OR REPLACE FUNCTION jk_toegangslog_keten_kop() RETURNS trigger AS $$
BEGIN
  IF NEW.keten IS NOT NULL THEN
    UPDATE {KETEN_TABLE} SET laatste_id = NEW.id, laatste_hash = NEW.row_hash WHERE nummer = NEW.keten;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS jk_toegangslog_keten_kop ON {TABLE};
CREATE TRIGGER jk_toegangslog_keten_kop AFTER INSERT ON {TABLE}
  FOR EACH ROW EXECUTE FUNCTION jk_toegangslog_keten_kop();
"""
CHAIN_PG_DROP = f"""
DROP TRIGGER IF EXISTS jk_toegangslog_keten_kop ON {TABLE};
DROP FUNCTION IF EXISTS jk_toegangslog_keten_kop();
"""
CHAIN_SQLITE_CREATE = (
    f"CREATE TRIGGER IF NOT EXISTS jk_toegangslog_keten_kop AFTER INSERT ON {TABLE} "
    f"WHEN NEW.keten IS NOT NULL BEGIN UPDATE {KETEN_TABLE} SET laatste_id = NEW.id, "
    "laatste_hash = NEW.row_hash WHERE nummer = NEW.keten; END;"
)
CHAIN_SQLITE_DROP = "DROP TRIGGER IF EXISTS jk_toegangslog_keten_kop;"


def create_chain(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(CHAIN_PG_CREATE)
        elif connection.vendor == "sqlite":
            cursor.execute(CHAIN_SQLITE_CREATE)


def drop_chain(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(CHAIN_PG_DROP)
        elif connection.vendor == "sqlite":
            cursor.execute(CHAIN_SQLITE_DROP)
