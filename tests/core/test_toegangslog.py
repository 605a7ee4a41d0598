"""The access log: full field set, denied attempts survive a rollback, fail closed, append-only."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client

from jeugdketen.core.models import Actie, Toegangslogregel, Uitkomst
from jeugdketen.core.toegangslog import ToegangslogNietBeschikbaar, flush_pending, log_access, log_attempt, verify_rows
from tests.conftest import actor

REQUIRED = [
    "event_id",
    "actie",
    "uitkomst",
    "tijdstip",
    "gebruiker_naam",
    "rol",
    "organisatie",
    "namens",
    "grondslag",
    "client_id",
    "object_type",
    "object_id",
    "segment",
    "bronsysteem",
    "ip_adres",
    "request_id",
    "row_hash",
]


def test_access_entry_has_the_nen7513_field_set(region: Any) -> None:
    row = log_access(
        actor("toegang"),
        actie=Actie.READ,
        object_type="gezinsplan",
        object_id="abc",
        segment="doelen",
        client_id="pseudo-1",
        grondslag="toestemming:42",
    )
    row.refresh_from_db()
    for name in REQUIRED:
        assert getattr(row, name) not in (None, ""), name
    assert row.gebruiker.username == "toegang"
    assert row.organisatie == "Toegangsteam Jeugd Heerlen"
    assert row.tijdstip.utcoffset() is not None


def test_control_characters_are_neutralised(region: Any) -> None:
    row = log_access(actor("toegang"), actie=Actie.READ, object_type="x", segment="a\nb\x1b[31m")
    assert "\n" not in row.segment and "\x1b" not in row.segment


@pytest.mark.django_db(transaction=True)
def test_denied_attempt_survives_rollback_of_the_request() -> None:
    from jeugdketen.demo.generator import build

    build(size=0)
    with pytest.raises(RuntimeError), transaction.atomic():
        log_attempt(actor("school"), object_type="gezinsplan", object_id="geheim-1")
        raise RuntimeError("the request fails after the denial")
    flush_pending()  # what the request middleware does after every request (SQLite only)
    row = Toegangslogregel.objects.get(object_id="geheim-1")
    assert row.uitkomst == Uitkomst.DENIED


def test_success_entry_rolls_back_with_the_action(region: Any) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        log_access(actor("toegang"), actie=Actie.UPDATE, object_type="gezinsplan", object_id="rb-1")
        raise RuntimeError
    assert not Toegangslogregel.objects.filter(object_id="rb-1").exists()


def break_log_writes(monkeypatch: pytest.MonkeyPatch, message: str) -> None:
    """Every insert of a log row fails: the claim-and-insert path and the one-statement insert
    on the head this thread holds (toegangslog._append_to_known_head)."""
    from jeugdketen.core import toegangslog

    def broken(*args: Any, **kwargs: Any) -> None:
        raise DatabaseError(message)

    monkeypatch.setattr(Toegangslogregel.objects, "create", broken)
    monkeypatch.setattr(toegangslog, "_append_to_known_head", broken)


def test_log_write_failure_means_no_data(region: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    break_log_writes(monkeypatch, "disk full")
    with pytest.raises(ToegangslogNietBeschikbaar):
        log_access(actor("toegang"), actie=Actie.READ, object_type="gezinsplan")


def test_log_failure_gives_503_without_content(client_for: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The log manager's page reads personal data; if the log write fails it shows nothing."""
    client: Client = client_for("logbeheer")
    log_access(actor("toegang"), actie=Actie.READ, object_type="gezinsplan", client_id="kanarie-7731")

    break_log_writes(monkeypatch, "log unavailable")
    response = client.get("/toegangslog/")
    assert response.status_code == 503
    assert b"kanarie-7731" not in response.content


def test_rows_cannot_be_changed_or_deleted(region: Any) -> None:
    row = log_access(actor("toegang"), actie=Actie.READ, object_type="gezinsplan", object_id="vast")
    for statement in (
        "UPDATE core_toegangslogregel SET rol = 'x' WHERE id = %s",
        "DELETE FROM core_toegangslogregel WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [row.id])
    row.refresh_from_db()
    assert row.rol != "x"


@pytest.mark.postgres
def test_truncate_is_refused_on_postgresql(region: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE trigger exists on PostgreSQL only")
    log_access(actor("toegang"), actie=Actie.READ, object_type="gezinsplan")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE core_toegangslogregel")


def test_tampering_is_detected_by_the_verifier(region: Any) -> None:
    from jeugdketen.core.logtriggers import log_maintenance

    good = log_access(actor("toegang"), actie=Actie.READ, object_type="gezinsplan", object_id="t-1")
    assert verify_rows(Toegangslogregel.objects.filter(pk=good.pk)) == []
    with log_maintenance(connection), connection.cursor() as cursor:  # a superuser bypassing the app
        cursor.execute("UPDATE core_toegangslogregel SET gebruiker_naam = 'iemand anders' WHERE id = %s", [good.id])
    assert verify_rows(Toegangslogregel.objects.filter(pk=good.pk)) == [good.id]


def test_only_the_log_manager_reads_the_log_and_that_read_is_logged(client_for: Any) -> None:
    before = Toegangslogregel.objects.filter(object_type="toegangslog").count()
    response = client_for("logbeheer").get("/toegangslog/")
    assert response.status_code == 200
    assert Toegangslogregel.objects.filter(object_type="toegangslog", actie=Actie.SEARCH).count() == before + 1
    for username in ["toegang", "beheer", "functioneelbeheer", "beleid", "ouder"]:
        assert client_for(username).get("/toegangslog/").status_code == 404, username


def test_the_log_is_not_in_the_admin(client_for: Any) -> None:
    assert client_for("beheer").get("/beheer/core/toegangslogregel/").status_code == 404
