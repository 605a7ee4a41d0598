"""The demo region has youths around each boundary, and `jongere` a toekomstplan in progress."""

from __future__ import annotations

from typing import Any

from jeugdketen.core import kalender
from jeugdketen.demo.generator import build
from jeugdketen.gezinnen.models import Gezinslid
from jeugdketen.organisaties.models import Gemeente
from jeugdketen.toekomstplan import selectors
from jeugdketen.toekomstplan.models import Toekomstplan

from .factories import as_actor


def test_demo_youths_around_each_boundary_and_the_jongere_plan(db: Any) -> None:
    build(size=1)
    build(size=1)  # idempotent
    heerlen = Gemeente.objects.get(cbs_code="GM0917")
    totalen = selectors.totals()
    for lijst in selectors.LIJSTEN:
        rows = selectors.watch_list(
            as_actor("toegang"), lijst=lijst, gemeente=heerlen, op=kalender.vandaag(), totalen=totalen
        )
        assert rows.count() >= 1, lijst
    assert Gezinslid.objects.filter(gebruiker__username="jongere").exists()  # the demo family (gezinsplan)
    plan = Toekomstplan.objects.get(jeugdige__gebruiker__username="jongere")
    overview = selectors.overview(plan)
    assert 0 < overview.klaar < overview.totaal  # in progress


def test_the_jongere_step_gives_daan_a_plan_in_progress(region: Any) -> None:
    """As it runs after demo/gezinsplan.py: here a stand-in family for the `jongere` login."""
    import random

    from jeugdketen.demo.toekomstplan import toekomstplan_demo

    from .factories import born_for_age, family_in_care

    _gezin, youth, _ = family_in_care(geboortedatum=born_for_age(16, 9))
    Gezinslid.objects.filter(pk=youth.pk).update(gebruiker=as_actor("jongere").user)
    toekomstplan_demo(region, size=0, rng=random.Random(1))
    toekomstplan_demo(region, size=0, rng=random.Random(1))  # idempotent
    overview = selectors.overview(Toekomstplan.objects.get(jeugdige=youth))
    assert 0 < overview.klaar < overview.totaal
