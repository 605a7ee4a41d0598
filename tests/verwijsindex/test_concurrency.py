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
