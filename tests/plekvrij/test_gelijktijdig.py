"""Concurrency on PostgreSQL: several workers reserve the last place at the same moment while the
provider taps: exactly one reservation wins, the others get the plain message, and the numbers
stay whole (the row lock on the place; the CHECK is never even reached)."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from jeugdketen.demo.generator import build
from jeugdketen.plekvrij import services
from jeugdketen.plekvrij.models import HOUDT_PLEK, Plek, Reservering
from tests.conftest import actor

from .factories import PlekFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pg() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")


def test_the_last_place_is_reserved_once(pg: None) -> None:
    build(size=0)
    plek = PlekFactory(gecontracteerd=3, bezet=2, leeftijd_tot=23)
    users = ["toegang", "crisisdienst", "gi", "toegang", "crisisdienst", "gi"]
    barrier = threading.Barrier(len(users) + 1)
    uitkomst: list[str] = []

    def reserveer(username: str) -> None:
        try:
            barrier.wait()
            services.reservering_maken(
                plek=plek, by=actor(username), uren=4, initialen="A", leeftijd=12, contact_telefoon="045"
            )
            uitkomst.append("gelukt")
        except ValidationError:
            uitkomst.append("vol")
        finally:
            connections.close_all()

    def tik() -> None:
        try:
            barrier.wait()
            huidig = Plek.objects.get(pk=plek.pk)
            services.plek_bijwerken(
                plek=huidig, by=actor("aanbieder"), wijziging=services.Wijziging(bezet=2), basis_versie=None
            )
            uitkomst.append("getikt")
        except ValidationError:
            uitkomst.append("tik geweigerd")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reserveer, args=(u,)) for u in users] + [threading.Thread(target=tik)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert uitkomst.count("gelukt") == 1 and uitkomst.count("vol") == 5
    plek.refresh_from_db()
    assert plek.gereserveerd == Reservering.objects.filter(plek=plek, status__in=HOUDT_PLEK).count() == 1
    assert (plek.bezet, plek.vrij) == (2, 0)
