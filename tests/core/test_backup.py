"""Backup and restore (SECURITY F7): `jeugdketen backup` and `jeugdketen restore` round trip into a
fresh database — on PostgreSQL a new database on the server, created and dropped here; on SQLite a
new file — with identical row counts and checksums per table and an access log that verifies on
the copy; a changed dump or manifest is refused before anything is restored."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from jeugdketen.core import backup
from jeugdketen.core.models import Actie, Toegangslogregel
from jeugdketen.core.toegangslog import anker_zetten, log_access
from tests.conftest import actor

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump reads committed data only


def _some_data(region: Any) -> None:
    who = actor("toegang")
    for i in range(25):
        log_access(who, actie=Actie.READ, object_type="gezinsplan", object_id=f"b-{i}")
    anker_zetten()


@contextmanager
def fresh_database() -> Iterator[dict[str, Any]]:
    """Settings of a new, empty database of the same kind as the test database; dropped after."""
    source = connection.settings_dict
    if connection.vendor == "postgresql":
        import psycopg

        name = f"{source['NAME']}_restore_{uuid.uuid4().hex[:8]}"
        conninfo, _env = backup._pg_conninfo({**source, "NAME": "postgres"})
        with psycopg.connect(conninfo, password=source.get("PASSWORD") or None, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield {**source, "NAME": name, "TEST": {**source.get("TEST", {}), "NAME": name}}
        finally:
            with psycopg.connect(conninfo, password=source.get("PASSWORD") or None, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="jk-restore-"))
        name = str(folder / "kopie.sqlite3")
        yield {**source, "NAME": name, "TEST": {**source.get("TEST", {}), "NAME": name}}


@contextmanager
def as_default(settings_dict: dict[str, Any]) -> Iterator[None]:
    """The app's default database is the copy, as with DATABASE_URL pointing at it."""
    original = connections["default"]
    copy = original.__class__(settings_dict, alias="default")
    connections["default"] = copy
    try:
        yield
    finally:
        copy.close()
        connections["default"] = original


def test_backup_and_restore_give_an_identical_copy_whose_log_verifies(region: Any, tmp_path: Path) -> None:
    _some_data(region)
    call_command("backup", str(tmp_path / "b"))
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    source = backup.table_sums()
    assert manifest["tabellen"] == source
    assert manifest["tabellen"]["core_toegangslogregel"]["rijen"] == Toegangslogregel.objects.count() >= 25
    # References, never the secrets themselves.
    from django.conf import settings

    text = (tmp_path / "b" / "manifest.json").read_text()
    assert settings.TOEGANGSLOG_KEY not in text and settings.PSEUDONYM_KEY not in text
    assert manifest["sleutels"]["toegangslog"]["id"] == backup.key_id(settings.TOEGANGSLOG_KEY)
    assert manifest["sleutels"]["toegangslog"]["variabele"] == "JEUGDKETEN_TOEGANGSLOG_KEY"

    with fresh_database() as target, as_default(target):
        from io import StringIO

        out = StringIO()
        call_command("restore", str(tmp_path / "b"), stdout=out)
        assert "rijen en checksums gelijk" in out.getvalue()
        assert "Toegangslog onveranderd." in out.getvalue()
        assert backup.table_sums() == source  # independently: every table's count and checksum
        call_command("verify_toegangslog")  # the verifier passes on the copy
        assert Toegangslogregel.objects.count() == manifest["tabellen"]["core_toegangslogregel"]["rijen"]
        # A restore never writes over a database that holds data.
        with pytest.raises(CommandError, match="niet leeg"):
            call_command("restore", str(tmp_path / "b"))


def test_a_changed_dump_or_manifest_is_refused_before_restoring(region: Any, tmp_path: Path) -> None:
    _some_data(region)
    call_command("backup", str(tmp_path / "b"))
    manifest_path = tmp_path / "b" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    dump = tmp_path / "b" / manifest["bestand"]
    original = dump.read_bytes()

    with fresh_database() as target, as_default(target):
        # One byte of the dump changed.
        dump.write_bytes(original[:-200] + bytes([original[-200] ^ 0xFF]) + original[-199:])
        with pytest.raises(CommandError, match="gewijzigd of beschadigd"):
            call_command("restore", str(tmp_path / "b"))
        # The dump changed and its hash in the manifest "fixed": the signature no longer matches.
        manifest["sha256"] = backup._file_sha256(dump)
        manifest_path.write_text(json.dumps(manifest))
        with pytest.raises(CommandError, match="handtekening klopt niet"):
            call_command("restore", str(tmp_path / "b"))
        assert backup.table_sums() == {}  # nothing was restored

    # A copy whose content differs from the manifest is named table by table.
    assert backup.compare(
        {"core_toegangslogregel": {"rijen": 3, "checksum": "a"}, "x": {"rijen": 1, "checksum": "b"}},
        {"core_toegangslogregel": {"rijen": 2, "checksum": "a"}, "x": {"rijen": 1, "checksum": "c"}},
    ) == ["tabel core_toegangslogregel: 2 rijen, verwacht 3", "tabel x: de inhoud wijkt af (checksum)"]


def test_a_backup_made_with_another_log_key_says_which_key_to_set(tmp_path: Path, settings: Any) -> None:
    call_command("backup", str(tmp_path / "b"))
    settings.TOEGANGSLOG_KEY = "een-andere-sleutel-" + "y" * 40
    with pytest.raises(CommandError, match="JEUGDKETEN_TOEGANGSLOG_KEY op de sleutel van de back-up"):
        call_command("restore", str(tmp_path / "b"))
