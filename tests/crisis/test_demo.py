"""Point 11: the demo has crisis cases in every state, some close to and some past a norm, and
`crisisdienst` lands on the board."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from jeugdketen.crisis import selectors, werklijst
from jeugdketen.crisis.models import Crisiscasus, OverdrachtRoute
from jeugdketen.demo.generator import build
from jeugdketen.organisaties.models import Regio
from tests.conftest import actor


@pytest.fixture(scope="module")
def demo_region(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build(size=1)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_the_demo_has_crisis_cases_in_every_state(db: Any, demo_region: Regio) -> None:
    casussen = list(Crisiscasus.objects.filter(regio=demo_region))
    assert any(not c.aanpak for c in casussen), "reported, no triage yet"
    assert any(c.gesloten_op for c in casussen), "closed"
    assert Crisiscasus.objects.filter(terugblik__isnull=False).exists(), "closed with a look back"
    routes = set(Crisiscasus.objects.filter(overdracht__isnull=False).values_list("overdracht__route", flat=True))
    assert routes == {OverdrachtRoute.GEZINSPLAN, OverdrachtRoute.TOEGANG}
    assert Crisiscasus.objects.filter(deelnames__isnull=False).exists(), "a GI taking part by mandate"
    rows = selectors.bordregels(list(selectors.bord(actor("crisisdienst"))), timezone.now())
    assert any(r.over for r in rows), "past a norm"
    assert any(r.bijna and not r.over for r in rows), "close to a norm"
    assert any(not r.bijna and not r.over for r in rows), "well within"


def test_crisisdienst_lands_on_the_board_and_a_second_build_adds_nothing(db: Any, demo_region: Regio) -> None:
    lijst = werklijst.crisisbord(actor("crisisdienst"))
    assert lijst is not None and lijst.items and lijst.items[0].te_laat
    assert werklijst.overdrachten(actor("toegang")).items  # the hand-over to Heerlen waits for them
    count = Crisiscasus.objects.count()
    build(size=1)
    assert Crisiscasus.objects.count() == count
