"""A family's scope is built once per actor and day (core.access.eenmaal_gebouwd, issue 16): a
home or plan page asked for it three or four times. Only the building is shared, never what the
database answered: consent withdrawn in the middle of a request is seen by the next read."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import time_machine
from django.utils import timezone

from jeugdketen.gezinnen import selectors
from jeugdketen.gezinnen.models import Toestemming
from jeugdketen.gezinsplan import selectors as plan_selectors
from tests.conftest import actor

from .helpers import make_family, make_plan


def _tel_bouwen(monkeypatch: Any) -> list[str]:
    gebouwd: list[str] = []
    echte = selectors.scoped_to_families

    def tellend(a: Any, queryset: Any, *, via: str = "") -> Any:
        gebouwd.append(queryset.model.__name__)
        return echte(a, queryset, via=via)

    monkeypatch.setattr(selectors, "scoped_to_families", tellend)
    return gebouwd


def test_the_scopes_are_built_once_per_actor_and_each_caller_gets_its_own_copy(region: Any, monkeypatch: Any) -> None:
    gezin = make_family()
    make_plan(gezin)
    gebouwd = _tel_bouwen(monkeypatch)
    toegang = actor("toegang")
    eerste, tweede = selectors.gezinnen_visible_to(toegang), selectors.gezinnen_visible_to(toegang)
    plannen = [plan_selectors.plannen_visible_to(toegang) for _ in range(3)]
    assert gebouwd == ["Gezin", "Gezinsplan"]
    assert eerste is not tweede and str(eerste.query) == str(tweede.query)
    assert list(eerste) == [gezin] and tweede._result_cache is None  # no results shared
    assert [p.gezin for p in plannen[2]] == [gezin]
    # the next request is a new actor; a copy made with other values starts afresh too
    selectors.gezinnen_visible_to(actor("toegang"))
    selectors.gezinnen_visible_to(dataclasses.replace(toegang, organisatie_pk=0))
    assert gebouwd == ["Gezin", "Gezinsplan", "Gezin", "Gezin"]


def test_consent_withdrawn_during_a_request_is_seen_by_the_next_read(region: Any) -> None:
    gezin = make_family()
    toegang = actor("toegang")
    assert list(selectors.gezinnen_visible_to(toegang)) == [gezin]
    Toestemming.objects.filter(gezin=gezin).update(ingetrokken_op=timezone.now())
    assert list(selectors.gezinnen_visible_to(toegang)) == []
    assert not plan_selectors.plannen_visible_to(toegang).exists()


def test_an_actor_that_lives_past_midnight_builds_the_scope_for_the_new_day(region: Any, monkeypatch: Any) -> None:
    """The consent rules hold today's date (a consent ending today is not in force tomorrow)."""
    vandaag = timezone.localdate()
    gezin = make_family(einddatum=vandaag + dt.timedelta(days=1))
    with time_machine.travel(timezone.now(), tick=False):
        toegang = actor("toegang")
        gebouwd = _tel_bouwen(monkeypatch)
        assert list(selectors.gezinnen_visible_to(toegang)) == [gezin]
    with time_machine.travel(timezone.now() + dt.timedelta(days=2), tick=False):
        assert list(selectors.gezinnen_visible_to(toegang)) == []
    assert gebouwd == ["Gezin", "Gezin"]
