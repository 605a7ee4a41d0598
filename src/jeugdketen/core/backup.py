"""Backup and restore of the database with a signed manifest (SECURITY F7).

`backup(directory)` writes the database and `manifest.json` beside it:

* PostgreSQL: `pg_dump --format=custom` of a snapshot exported from a REPEATABLE READ transaction;
  the per-table row counts and checksums are computed in that same transaction, so they describe
  exactly what the dump holds, also while the app keeps writing.
* SQLite (the embedded database): a copy through SQLite's online backup API; the counts and
  checksums are taken from the copy.

The manifest holds, per table, the number of rows and a checksum (SHA-256 over the sorted MD5s of
the rows' text), the dump's own SHA-256, and the references a restore needs: the ids of the
access-log key and of the pseudonym key(s) in use — never the keys themselves, which live in the
secret store (docs/operations.md "Keys"). The manifest is signed with an HMAC under the access-log
key, so a dump and a manifest changed together are found too.

`restore(directory)` refuses a dump whose hash or manifest does not match, restores only into an
empty database, then recomputes every table's count and checksum on the copy and compares them
with the manifest. The caller (`jeugdketen restore`) then runs the access-log verifier.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections

MANIFEST = "manifest.json"
PG_DUMP_FILE = "database.dump"
SQLITE_FILE = "database.sqlite3"
FORMAT = 1


class BackupError(Exception):
    """The backup or restore cannot go on; the message is Dutch and says why."""


# --- key references ------------------------------------------------------------------------------


def key_id(secret: str) -> str:
    """A short, stable id of a secret: tells which key is in use without revealing it."""
    return hmac.new(secret.encode(), b"jeugdketen sleutel-id", hashlib.sha256).hexdigest()[:16]


def key_references() -> dict[str, Any]:
    chain = [k.strip() for k in os.environ.get("JEUGDKETEN_PSEUDONYM_KEY_CHAIN", "").split(",") if k.strip()]
    return {
        "toegangslog": {"variabele": "JEUGDKETEN_TOEGANGSLOG_KEY", "id": key_id(settings.TOEGANGSLOG_KEY)},
        "pseudoniem": {
            "variabele": "JEUGDKETEN_PSEUDONYM_KEY",
            "id": key_id(settings.PSEUDONYM_KEY),
            "eerdere": [key_id(k) for k in chain],
            "eerdere_variabele": "JEUGDKETEN_PSEUDONYM_KEY_CHAIN",
        },
    }


def _signature(manifest: dict[str, Any]) -> str:
    body = json.dumps({k: v for k, v in manifest.items() if k != "handtekening"}, sort_keys=True)
    return hmac.new(settings.TOEGANGSLOG_KEY.encode(), body.encode(), hashlib.sha256).hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sum(row_hashes: Iterator[str]) -> dict[str, Any]:
    """Count and checksum of a table from its rows' hashes, given in sorted order."""
    digest, count = hashlib.sha256(), 0
    for row in row_hashes:
        digest.update(row.encode())
        count += 1
    return {"rijen": count, "checksum": digest.hexdigest()}


# --- PostgreSQL ----------------------------------------------------------------------------------


def _pg_conninfo(db: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """libpq connection string (without the password) and the environment for the pg tools."""
    from psycopg.conninfo import make_conninfo

    params: dict[str, Any] = {"dbname": db["NAME"]}
    for key, name in (("USER", "user"), ("HOST", "host"), ("PORT", "port")):
        if db.get(key):
            params[name] = str(db[key])
    for key, value in (db.get("OPTIONS") or {}).items():
        if key in {"sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "application_name"}:
            params[key] = str(value)
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])  # never on a command line, where `ps` shows it
    return make_conninfo(**params), env


def _pg_connect(db: dict[str, Any]) -> Any:
    import psycopg

    conninfo, env = _pg_conninfo(db)
    connection = psycopg.connect(conninfo, password=env.get("PGPASSWORD") or None)
    # The rows' text must not depend on the session: the same settings on backup and restore.
    connection.execute("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 1")
    connection.commit()
    return connection


def _pg_tables(connection: Any) -> list[str]:
    rows = connection.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    ).fetchall()
    return [r[0] for r in rows]


def _pg_sums(connection: Any) -> dict[str, dict[str, Any]]:
    from psycopg import sql

    sums: dict[str, dict[str, Any]] = {}
    for table in _pg_tables(connection):
        with connection.cursor(name=f"jk_sum_{len(sums)}") as cursor:
            cursor.itersize = 5000
            query = sql.SQL("SELECT md5(t::text) AS h FROM {} t ORDER BY h").format(sql.Identifier(table))
            cursor.execute(query)
            sums[table] = _sum(row[0] for row in cursor)
    return sums


def _tool(name: str) -> str:
    found = shutil.which(name, path=os.environ.get("JEUGDKETEN_PG_BIN") or None) or shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is niet gevonden; installeer de PostgreSQL-clientprogramma's.")
    return found


def _pg_backup(db: dict[str, Any], directory: Path) -> tuple[str, dict[str, dict[str, Any]]]:
    conninfo, env = _pg_conninfo(db)
    dump = directory / PG_DUMP_FILE
    from psycopg import IsolationLevel

    with closing(_pg_connect(db)) as connection:
        connection.isolation_level = IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
        process = subprocess.Popen(  # noqa: S603 - fixed program, arguments from the settings
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={dump}",
                f"--dbname={conninfo}",
            ],
            env=env,
            stderr=subprocess.PIPE,
        )
        try:
            sums = _pg_sums(connection)  # in the same snapshot as the dump, while it runs
        finally:
            _, error = process.communicate()
        connection.rollback()
    if process.returncode != 0:
        raise BackupError("pg_dump is mislukt: " + error.decode(errors="replace").strip()[-500:])
    return PG_DUMP_FILE, sums


def _pg_restore(db: dict[str, Any], dump: Path) -> dict[str, dict[str, Any]]:
    conninfo, env = _pg_conninfo(db)
    with closing(_pg_connect(db)) as connection:
        if _pg_tables(connection):
            raise BackupError(f"Database {db['NAME']} is niet leeg: zet terug in een nieuwe, lege database.")
    result = subprocess.run(  # noqa: S603 - fixed program, arguments from the settings
        [
            _tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={conninfo}",
            str(dump),
        ],
        env=env,
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError("pg_restore is mislukt: " + result.stderr.decode(errors="replace").strip()[-500:])
    with closing(_pg_connect(db)) as connection:
        return _pg_sums(connection)


# --- SQLite --------------------------------------------------------------------------------------


def _sqlite_sums(connection: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    tables = [
        r[0]
        for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    sums: dict[str, dict[str, Any]] = {}
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        hashes = sorted(
            hashlib.md5(repr(tuple(row)).encode(), usedforsecurity=False).hexdigest()
            for row in connection.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - a table name from sqlite_master
        )
        sums[table] = _sum(iter(hashes))
    return sums


def _sqlite_backup(alias: str, directory: Path) -> tuple[str, dict[str, dict[str, Any]]]:
    wrapper = connections[alias]
    wrapper.ensure_connection()
    target = directory / SQLITE_FILE
    with closing(sqlite3.connect(target)) as copy:
        wrapper.connection.backup(copy)  # the online backup API: a consistent copy while the app runs
        sums = _sqlite_sums(copy)
    return SQLITE_FILE, sums


def _sqlite_restore(alias: str, source: Path) -> dict[str, dict[str, Any]]:
    wrapper = connections[alias]
    name = str(wrapper.settings_dict["NAME"])
    wrapper.close()
    with closing(sqlite3.connect(name, uri=name.startswith("file:"))) as target:
        if target.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]:
            raise BackupError(f"Database {name} is niet leeg: zet terug in een nieuwe, lege database.")
        with closing(sqlite3.connect(source)) as backup_copy:
            backup_copy.backup(target)
        return _sqlite_sums(target)


# --- the two operations -------------------------------------------------------------------------


def table_sums(alias: str = "default") -> dict[str, dict[str, Any]]:
    """Row count and checksum of every table in the database of `alias`, as the manifest has them."""
    wrapper = connections[alias]
    if wrapper.vendor == "postgresql":
        with closing(_pg_connect(wrapper.settings_dict)) as connection:
            return _pg_sums(connection)
    wrapper.ensure_connection()
    # Through a plain copy: Django's connection converts column types, the sums read raw values.
    with closing(sqlite3.connect(":memory:")) as plain:
        wrapper.connection.backup(plain)
        return _sqlite_sums(plain)


def backup(directory: Path, alias: str = "default") -> dict[str, Any]:
    """Back up the database of `alias` into `directory` (created; must not hold a backup yet)."""
    directory.mkdir(parents=True, exist_ok=True)
    if (directory / MANIFEST).exists():
        raise BackupError(f"In {directory} staat al een back-up; kies een nieuwe map.")
    wrapper = connections[alias]
    if wrapper.vendor == "postgresql":
        filename, sums = _pg_backup(wrapper.settings_dict, directory)
    elif wrapper.vendor == "sqlite":
        filename, sums = _sqlite_backup(alias, directory)
    else:
        raise BackupError(f"Geen back-up mogelijk van een {wrapper.vendor}-database.")
    manifest: dict[str, Any] = {
        "formaat": FORMAT,
        "gemaakt": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": wrapper.vendor,
        "bestand": filename,
        "sha256": _file_sha256(directory / filename),
        "tabellen": sums,
        "sleutels": key_references(),
    }
    manifest["handtekening"] = _signature(manifest)
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def read_manifest(directory: Path) -> dict[str, Any]:
    """The manifest of a backup, checked: signed with our access-log key and the dump unchanged."""
    try:
        manifest: dict[str, Any] = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"Geen leesbaar {MANIFEST} in {directory}.") from exc
    in_use = key_id(settings.TOEGANGSLOG_KEY)
    made_with = manifest.get("sleutels", {}).get("toegangslog", {}).get("id")
    if made_with != in_use:
        raise BackupError(
            f"De back-up is gemaakt met toegangslogsleutel {made_with}, nu is {in_use} ingesteld: "
            "zet JEUGDKETEN_TOEGANGSLOG_KEY op de sleutel van de back-up (uit de sleutelkluis)."
        )
    if not hmac.compare_digest(str(manifest.get("handtekening", "")), _signature(manifest)):
        raise BackupError(f"{MANIFEST} is gewijzigd: de handtekening klopt niet.")
    dump = directory / str(manifest["bestand"])
    if not dump.is_file() or not hmac.compare_digest(_file_sha256(dump), str(manifest["sha256"])):
        raise BackupError(f"Het back-upbestand {dump.name} is gewijzigd of beschadigd (SHA-256 klopt niet).")
    return manifest


def compare(expected: dict[str, dict[str, Any]], found: dict[str, dict[str, Any]]) -> list[str]:
    problems = []
    for table in sorted(set(expected) | set(found)):
        want, got = expected.get(table), found.get(table)
        if want is None:
            problems.append(f"tabel {table}: staat niet in het manifest")
        elif got is None:
            problems.append(f"tabel {table}: ontbreekt na het terugzetten")
        elif want["rijen"] != got["rijen"]:
            problems.append(f"tabel {table}: {got['rijen']} rijen, verwacht {want['rijen']}")
        elif want["checksum"] != got["checksum"]:
            problems.append(f"tabel {table}: de inhoud wijkt af (checksum)")
    return problems


def restore(directory: Path, alias: str = "default") -> tuple[dict[str, Any], list[str]]:
    """Restore the backup in `directory` into the (empty) database of `alias`; return the
    manifest and the differences per table between the copy and the manifest (empty: identical)."""
    manifest = read_manifest(directory)
    wrapper = connections[alias]
    if manifest["database"] != wrapper.vendor:
        raise BackupError(f"Een {manifest['database']}-back-up past niet in een {wrapper.vendor}-database.")
    dump = directory / str(manifest["bestand"])
    if wrapper.vendor == "postgresql":
        wrapper.close()
        found = _pg_restore(wrapper.settings_dict, dump)
    else:
        found = _sqlite_restore(alias, dump)
    return manifest, compare(manifest["tabellen"], found)
