"""F4: organisations registering the same youth at the same moment produce exactly one match."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from jeugdketen.core.models import OutboxBericht
from jeugdketen.demo.generator import build
from jeugdketen.verwijsindex.models import Match, Melding
from tests.verwijsindex.factories import RegistratieFactory, new_bsn

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

USERS = ["toegang", "school", "huisarts", "gi", "veiligthuis", "aanbieder"]


@pytest.fixture
def pg() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")


def race(users: list[str], bsn: str) -> list[BaseException]:
    barrier = threading.Barrier(len(users))
    errors: list[BaseException] = []

    def run(username: str) -> None:
        try:
            barrier.wait()
            RegistratieFactory(door=username, bsn=bsn)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_concurrent_registrations_make_one_match(pg: None) -> None:
    build(size=0)
    for attempt in range(3):
        bsn = new_bsn()
        assert race(USERS, bsn) == []
        assert Melding.objects.filter(jongere__sleutel__isnull=False, status="actief").count() == 6 * (attempt + 1)
    assert Match.objects.filter(status="actief").count() == 3
    # one message per event per person: the k-th registrant (k = 2..6) is told once about all
    # earlier ones, and each of the k-1 earlier ones once about it: k messages per arrival
    per_match = OutboxBericht.objects.filter(soort="verwijsindex_match", kanaal="in_app").count()
    assert per_match == 3 * sum(range(2, 7))


def test_same_organisation_twice_at_once_registers_once(pg: None) -> None:
    build(size=0)
    bsn = new_bsn()
    assert race(["toegang", "toegang", "toegang"], bsn) == []
    assert Melding.objects.count() == 1 and not Match.objects.exists()


def test_registrations_of_one_organisation_do_not_wait_for_each_other(pg: None) -> None:
    """The usage count is append-only: a registration whose transaction is still open holds no
    lock a second registration of the same organisation (another youth) waits for. With one
    counter row per organisation and month the second one waited for the first's commit (here:
    the lock timeout), which serialised every registration of an organisation."""
    from datetime import date

    from django.db import transaction
    from django.utils import timezone

    from jeugdketen.organisaties.models import Organisatie
    from jeugdketen.verwijsindex.selectors import gebruik

    build(size=0)
    org = Organisatie.objects.get(naam__startswith="Toegangsteam")
    RegistratieFactory(door="toegang")  # the month's first usage row exists before the race
    open_, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with transaction.atomic():
                RegistratieFactory(door="toegang")
                open_.set()
                release.wait(20)
        except BaseException as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)
        finally:
            open_.set()
            connections.close_all()

    t = threading.Thread(target=first)
    t.start()
    try:
        assert open_.wait(20)
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("SET LOCAL lock_timeout = '2s'")
            RegistratieFactory(door="toegang")  # raised OperationalError (lock timeout) before
    finally:
        release.set()
        t.join()
    assert errors == []
    maand = timezone.localtime().date().replace(day=1)
    rijen = [r for r in gebruik(org.regio_id, sinds=date(2000, 1, 1)).per_maand if r["maand"] == maand]
    assert {r["organisatie__naam"]: r["meldingen"] for r in rijen}[org.naam] == 3


def test_concurrent_registrations_are_counted_exactly(pg: None) -> None:
    """Six organisations registering one youth at once, three times: every registration and
    every organisation's part in a match is counted once in the usage figures."""
    from collections import Counter

    from jeugdketen.organisaties.models import Organisatie
    from jeugdketen.verwijsindex.selectors import gebruik

    build(size=0)
    regio_id = Organisatie.objects.get(naam__startswith="Toegangsteam").regio_id

    def figures() -> tuple[Counter[str], Counter[str]]:
        meldingen: Counter[str] = Counter()
        matches: Counter[str] = Counter()
        for r in gebruik(regio_id).per_maand:
            meldingen[str(r["organisatie__naam"])] += int(r["meldingen"])  # type: ignore[call-overload]
            matches[str(r["organisatie__naam"])] += int(r["matches"])  # type: ignore[call-overload]
        return meldingen, matches

    m0, x0 = figures()
    for _ in range(3):
        assert race(USERS, new_bsn()) == []
    m1, x1 = figures()
    # per youth: the second arrival makes the match (both count it), each later one joins it (it counts)
    assert list((m1 - m0).values()) == [3] * 6  # six organisations, three registrations each
    assert list((x1 - x0).values()) == [3] * 6  # and each in three matches
