"""The regisseur's late agreements on the home page (`selectors.late_agreements`): the earliest
open agreements past their deadline of the current versions of the plans they coordinate and may
see, read from the 20 plans with the earliest open deadline (`Gezinsplan.eerste_open_deadline`,
set with each version) instead of from every agreement of every plan (issue 16)."""

from __future__ import annotations

import datetime as dt
import importlib
import random
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import F
from django.utils import timezone

from jeugdketen.core import kalender
from jeugdketen.gezinnen.models import Gezinslid, LidSoort, Toestemming
from jeugdketen.gezinsplan import selectors, services, werklijst
from jeugdketen.gezinsplan.models import Afspraak, AfspraakStatus, Gezinsplan, eerste_open_deadline
from tests.conftest import actor
from tests.explain import NO_SEQSCAN, explain, nodes
from tests.gezinnen.helpers import make_family, make_plan, plan_access

from .factories import AfspraakFactory, nieuwe_versie


def _afspraak(wie: Gezinslid, wat: str, dagen: int, status: str = AfspraakStatus.OPEN) -> services.AfspraakInvoer:
    deadline = kalender.vandaag() + dt.timedelta(days=dagen)
    return services.AfspraakInvoer(wat=wat, wie=f"lid:{wie.uuid}", deadline=deadline, status=status)


def test_each_version_sets_the_plans_earliest_open_deadline(region: Any) -> None:
    plan = make_plan(make_family())
    ouder = Gezinslid.objects.get(gezin=plan.gezin, soort=LidSoort.OUDER)
    services.plan_wijzigen(
        toegang=plan_access(plan, "toegang"),
        by=actor("toegang"),
        basis_versie=1,
        afspraken=[
            _afspraak(ouder, "Later", 9),
            _afspraak(ouder, "Eerst", -3),
            _afspraak(ouder, "Al gedaan", -9, AfspraakStatus.GEDAAN),
        ],
    )
    plan.refresh_from_db()
    assert plan.eerste_open_deadline == kalender.vandaag() - dt.timedelta(days=3)
    # A version that only changes the text carries the agreements over, and their deadline.
    services.plan_wijzigen(toegang=plan_access(plan, "toegang"), by=actor("toegang"), basis_versie=2, situatie="Nieuw.")
    plan.refresh_from_db()
    assert plan.eerste_open_deadline == kalender.vandaag() - dt.timedelta(days=3)
    services.plan_wijzigen(
        toegang=plan_access(plan, "toegang"),
        by=actor("toegang"),
        basis_versie=3,
        afspraken=[_afspraak(ouder, "Eerst", -3, AfspraakStatus.GEDAAN)],
    )
    plan.refresh_from_db()
    assert plan.eerste_open_deadline is None


def _brute_force(login: str, op: dt.date) -> list[int]:
    """What the tile must show, from every agreement: open, late, in a current version of a plan
    the login coordinates and sees; earliest first."""
    zichtbaar = selectors.plannen_visible_to(actor(login)).filter(regisseur_medewerker__username=login)
    rows = [
        a
        for a in Afspraak.objects.filter(versie__plan__in=zichtbaar.values("pk"), status=AfspraakStatus.OPEN)
        if a.versie_id == Gezinsplan.objects.get(pk=a.versie.plan_id).huidige_versie_id
        and a.deadline
        and a.deadline < op
    ]
    return [a.pk for a in sorted(rows, key=lambda a: (a.deadline, a.pk))][:20]


def test_the_tile_holds_the_20_earliest_late_agreements_of_the_regisseurs_plans(region: Any) -> None:
    rng = random.Random(16)
    op = kalender.vandaag()
    for i in range(26):
        plan = make_plan(make_family(naam=f"Gezin Laat {i}"))
        wie = Gezinslid.objects.filter(gezin=plan.gezin, soort=LidSoort.OUDER).first()
        versie = nieuwe_versie(plan)
        for _j in range(rng.randrange(0, 4)):  # some plans several late ones, some none
            AfspraakFactory(versie=versie, wie_gezinslid=wie, deadline=op + dt.timedelta(days=rng.randrange(-40, 5)))
        if i % 7 == 0:  # one done, which does not count
            AfspraakFactory(versie=versie, wie_gezinslid=wie, deadline=op - dt.timedelta(days=50), status="gedaan")
        Gezinsplan.objects.filter(pk=plan.pk).update(eerste_open_deadline=eerste_open_deadline())
    expected = _brute_force("toegang", op)
    assert len(expected) == 20  # more late agreements than the tile holds
    assert [a.pk for a in selectors.late_agreements(actor("toegang"), op)] == expected
    # A consent withdrawn: that family's agreements leave the tile at once.
    eerste = Afspraak.objects.get(pk=expected[0]).versie.plan.gezin
    Toestemming.objects.filter(gezin=eerste).update(ingetrokken_op=timezone.now())
    shown = [a.pk for a in selectors.late_agreements(actor("toegang"), op)]
    assert expected[0] not in shown and shown == _brute_force("toegang", op)
    # Someone who coordinates none of them sees none.
    assert selectors.late_agreements(actor("aanbieder"), op) == []


def test_the_home_tile_shows_the_five_earliest_of_each_kind_and_links_to_the_rest(region: Any) -> None:
    op = kalender.vandaag()
    for i in range(8):
        plan = make_plan(make_family(naam=f"Gezin Tegel {i}"))
        wie = Gezinslid.objects.filter(gezin=plan.gezin, soort=LidSoort.OUDER).first()
        AfspraakFactory(versie=nieuwe_versie(plan), wie_gezinslid=wie, deadline=op - dt.timedelta(days=10 + i))
        Gezinsplan.objects.filter(pk=plan.pk).update(
            eerste_open_deadline=eerste_open_deadline(), volgende_evaluatie=op - dt.timedelta(days=1 + i)
        )
    lijst = werklijst.mijn_gezinnen(actor("toegang"))
    assert lijst is not None and lijst.meer_link.endswith("?regisseur=ik")
    titels = [item.titel for item in lijst.items]
    laat = [t for t in titels if t.startswith("Afspraak te laat")]
    assert laat == [f"Afspraak te laat: Gezin Tegel {i}" for i in (7, 6, 5, 4, 3)]  # earliest deadline first
    assert len([t for t in titels if t.startswith("Evaluatie te laat")]) == werklijst.PER_SOORT
    # Someone who coordinates none of these plans has none of them on their home page.
    ander = werklijst.mijn_gezinnen(actor("aanbieder"))
    assert ander is not None and not any("Gezin Tegel" in item.titel for item in ander.items)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL")
def test_the_tile_reads_the_regisseurs_plans_by_their_earliest_deadline(region: Any) -> None:
    for i in range(3):
        plan = make_plan(make_family(naam=f"Gezin Plan {i}"))
        nieuwe_versie(plan, afspraken=2)
    tile = selectors.late_agreements_qs(actor("toegang"), kalender.vandaag())
    every = list(nodes(explain(tile, NO_SEQSCAN)))
    walk = [n for n in every if n.get("Index Name") == "plan_regisseur_deadline"]
    assert walk and "eerste_open_deadline" in walk[0]["Index Cond"], every
    # Only the plans it picked are looked into: no agreement is read but by its version.
    assert all(
        "versie_id" in str(n.get("Index Cond", "")) for n in every if n.get("Relation Name") == "gezinsplan_afspraak"
    )


def test_the_migration_sets_every_plans_deadline(region: Any) -> None:
    """Plans that existed before the field get it from their current version's agreements."""
    for dagen in (-4, 6):
        plan = make_plan(make_family(naam=f"Gezin Van Voor {dagen}"))
        versie = nieuwe_versie(plan)
        wie = Gezinslid.objects.filter(gezin=plan.gezin, soort=LidSoort.OUDER).first()
        AfspraakFactory(versie=versie, wie_gezinslid=wie, deadline=kalender.vandaag() + dt.timedelta(days=dagen))
    Gezinsplan.objects.update(eerste_open_deadline=None)
    migratie = importlib.import_module("jeugdketen.gezinsplan.migrations.0004_eerste_open_deadline")
    migratie.set_open_deadlines(apps, None)
    assert Gezinsplan.objects.exclude(eerste_open_deadline=None).exists() and not _stale().exists()


def _stale() -> Any:
    """Plans whose copy differs from what their current version's agreements say."""
    return (
        Gezinsplan.objects.annotate(echt=eerste_open_deadline())
        .exclude(echt=None, eerste_open_deadline=None)
        .exclude(eerste_open_deadline=F("echt"))
    )
