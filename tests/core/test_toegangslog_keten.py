"""The access log as a hash chain (SECURITY A4) and its retention job (A7): a superuser who gets
past the append-only trigger can no longer delete, insert or reorder a row unnoticed."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.utils import timezone

from jeugdketen.core.logtriggers import log_maintenance
from jeugdketen.core.models import Actie, Toegangsloganker, Toegangslogketen, Toegangslogregel
from jeugdketen.core.toegangslog import anker_zetten, bewaartermijn_uitvoeren, log_access, verify_log
from tests.conftest import actor


def write(n: int, prefix: str = "k") -> list[Toegangslogregel]:
    who = actor("toegang")
    return [log_access(who, actie=Actie.READ, object_type="gezinsplan", object_id=f"{prefix}-{i}") for i in range(n)]


def sql(statement: str, params: list[Any] | None = None) -> None:
    """As a superuser who switched the append-only trigger off."""
    with log_maintenance(connection), connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def test_each_entry_carries_the_previous_entrys_hash(region: Any) -> None:
    rows = write(4)
    assert len({r.keten for r in rows}) == 1  # one transaction keeps its chain
    for before, after in zip(rows, rows[1:], strict=False):
        assert after.vorige_hash == before.row_hash
    head = Toegangslogketen.objects.get(nummer=rows[0].keten)
    assert (head.laatste_id, head.laatste_hash) == (rows[-1].id, rows[-1].row_hash)  # the trigger moved it
    assert verify_log() == []
    call_command("verify_toegangslog")


def test_a_deleted_entry_is_found(region: Any) -> None:
    rows = write(3)
    sql("DELETE FROM core_toegangslogregel WHERE id = %s", [rows[1].id])
    problems = verify_log()
    assert any(f"regel {rows[2].id}: de regel ervoor ontbreekt" in p for p in problems), problems
    with pytest.raises(CommandError, match="Toegangslog gewijzigd"):
        call_command("verify_toegangslog")


def test_an_inserted_entry_is_found(region: Any) -> None:
    rows = write(3)
    copy = Toegangslogregel.objects.filter(id=rows[1].id).values().get()
    copy.update(id=rows[1].id + 100000, event_id=uuid.uuid4())  # a copy of a valid row, new event id
    columns = ", ".join(copy)
    sql(
        f"INSERT INTO core_toegangslogregel ({columns}) VALUES ({', '.join(['%s'] * len(copy))})",  # noqa: S608
        [str(v) if isinstance(v, uuid.UUID) else v for v in copy.values()],
    )
    problems = verify_log()
    assert any(f"regel {copy['id']}: inhoud gewijzigd of ingevoegd" in p for p in problems), problems


def test_reordered_entries_are_found(region: Any) -> None:
    rows = write(3)
    a, b = rows[0].id, rows[1].id
    sql("UPDATE core_toegangslogregel SET id = -1 WHERE id = %s", [a])
    sql("UPDATE core_toegangslogregel SET id = %s WHERE id = %s", [a, b])
    sql("UPDATE core_toegangslogregel SET id = %s WHERE id = -1", [b])
    assert any("ontbreekt of is verplaatst" in p for p in verify_log())


def test_entries_cut_from_the_end_are_found_by_the_head_and_the_anchor(region: Any) -> None:
    rows = write(3)
    assert anker_zetten() == 1 and anker_zetten() == 0
    sql("DELETE FROM core_toegangslogregel WHERE id = %s", [rows[2].id])
    assert any("de laatste regel(s) ontbreken" in p for p in verify_log())
    # Also when the head is put back to what is left: the anchor still names the removed row.
    Toegangslogketen.objects.filter(nummer=rows[0].keten).update(laatste_id=rows[1].id, laatste_hash=rows[1].row_hash)
    assert any(f"regel {rows[2].id} uit een anker ontbreekt" in p for p in verify_log())


def test_a_forged_anchor_is_found(region: Any) -> None:
    write(1)
    anker_zetten()
    Toegangsloganker.objects.update(regel_hash="0" * 64)
    assert any(p.endswith(": gewijzigd") and p.startswith("anker") for p in verify_log())


def test_retention_deletes_only_entries_past_the_term_and_keeps_the_chain_verifiable(db: Any) -> None:
    from jeugdketen.demo.generator import build

    written = timezone.now() - dt.timedelta(days=10)  # T
    with time_machine.travel(written):
        build(size=0)  # logs a few entries too
        old = write(3, "oud")
    total_old = Toegangslogregel.objects.count()
    young = write(2, "jong")  # T + 10 days
    assert young[0].vorige_hash == old[-1].row_hash
    five_years = written.replace(year=written.year + 5)
    with time_machine.travel(five_years - dt.timedelta(days=1)):
        assert bewaartermijn_uitvoeren() == 0  # T+5y-1d: nothing is old enough
    with time_machine.travel(five_years + dt.timedelta(days=1)):
        assert bewaartermijn_uitvoeren() == total_old  # T+5y+1d: the old rows, not the young ones
        assert bewaartermijn_uitvoeren() == 0  # idempotent
    assert set(Toegangslogregel.objects.values_list("id", flat=True)) == {r.id for r in young}
    assert verify_log() == []  # the chain now starts at the anchor the job wrote
    begin = Toegangsloganker.objects.get(soort="begin")
    assert (begin.regel_id, begin.aantal) == (old[-1].id, total_old)
    # After the retention job a deleted younger row is still found.
    sql("DELETE FROM core_toegangslogregel WHERE id = %s", [young[0].id])
    assert verify_log() != []


def test_the_term_is_never_shorter_than_five_years(region: Any, settings: Any) -> None:
    settings.TOEGANGSLOG_BEWAARJAREN = 1
    write(1)
    with time_machine.travel(timezone.now() + dt.timedelta(days=2 * 365)):
        assert bewaartermijn_uitvoeren() == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_use_separate_chains_and_stay_verifiable() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite has one writer at a time)")
    from jeugdketen.demo.generator import build

    build(size=0)
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            with transaction.atomic():
                write(1, f"t{n}-a")
                barrier.wait(timeout=10)  # all four hold a chain's head at the same time
                write(2, f"t{n}-b")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    chains = Toegangslogregel.objects.filter(object_id__startswith="t").values_list("keten", flat=True)
    assert len(set(chains)) == 4  # nobody waited for another's chain
    assert verify_log() == []


def _one(who: Any, object_id: str) -> Toegangslogregel:
    return log_access(who, actie=Actie.READ, object_type="gezinsplan", object_id=object_id)


def _statements(fn: Any) -> tuple[Any, list[str]]:
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return result, [q["sql"] for q in ctx.captured_queries]


def test_an_entry_on_the_head_this_thread_holds_is_one_statement(region: Any) -> None:
    """The head this thread wrote last, still where it left it: one INSERT … SELECT that locks and
    checks that head (was: claim the head, then insert, for every entry)."""
    who = actor("toegang")
    _one(who, "eerst")
    row, statements = _statements(lambda: _one(who, "dan"))
    assert len(statements) == 1 and statements[0].startswith("INSERT"), statements
    second, statements = _statements(lambda: _one(who, "nog"))
    assert len(statements) == 1
    assert second.keten == row.keten and second.vorige_hash == row.row_hash
    stored = Toegangslogregel.objects.get(pk=second.pk)
    assert (stored.event_id, stored.row_hash, stored.vorige_hash) == (second.event_id, second.row_hash, row.row_hash)
    head = Toegangslogketen.objects.get(nummer=row.keten)
    assert (head.laatste_id, head.laatste_hash) == (second.id, second.row_hash)
    assert verify_log() == []


def test_a_head_moved_by_someone_else_or_a_rollback_is_claimed_again(region: Any) -> None:
    """A stale head (another writer's row, a rolled-back savepoint) inserts nothing; the entry
    claims the chain's real head as before (two statements) and the chain stays whole."""
    who = actor("toegang")
    row = _one(who, "a")
    with pytest.raises(RuntimeError), transaction.atomic():
        _one(who, "weg")  # moves the head on … then rolls back with the savepoint
        raise RuntimeError
    after, statements = _statements(lambda: _one(who, "b"))
    assert len(statements) == 3, statements  # the INSERT that found no head, the claim, the insert
    assert after.keten == row.keten and after.vorige_hash == row.row_hash
    other = Toegangslogketen.objects.get(nummer=row.keten)
    sql(
        "INSERT INTO core_toegangslogregel (event_id, actie, uitkomst, tijdstip, gebruiker_naam, rol, organisatie, "
        "organisatie_id, namens, grondslag, noodprocedure, client_id, object_type, object_id, segment, bronsysteem, "
        "ip_adres, request_id, row_hash, keten, vorige_hash) SELECT %s, 'read', 'success', %s, 'x', 'x', '', '', "
        "'x', 'x', false, '-', 'x', 'x', '-', 'x', 'x', 'x', 'ander', nummer, laatste_hash "
        "FROM core_toegangslogketen WHERE nummer = %s",
        [str(uuid.uuid4()), timezone.now(), other.nummer],
    )  # another writer's row on that chain (its hash is not ours to check here)
    last, statements = _statements(lambda: _one(who, "c"))
    assert len(statements) == 3 and last.vorige_hash == "ander"


@pytest.mark.django_db(transaction=True)
def test_a_head_held_by_another_transaction_is_not_waited_for() -> None:
    """PostgreSQL: the head this thread wrote last is held by another transaction now: the
    one-statement INSERT skips it (SKIP LOCKED) instead of waiting, and the entry goes on
    another chain; both chains verify."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks between transactions need PostgreSQL")
    from jeugdketen.demo.generator import build

    build(size=0)
    (row,) = write(1, "mijn")
    held, done = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def hold() -> None:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM core_toegangslogketen WHERE nummer = %s FOR UPDATE", [row.keten])
                held.set()
                done.wait(timeout=20)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert held.wait(timeout=10)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '2s'")
            (other,) = write(1, "elders")
        assert other.keten != row.keten
    finally:
        done.set()
        thread.join(timeout=30)
    assert errors == []
    assert verify_log() == []
