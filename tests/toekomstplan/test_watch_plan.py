"""The watch lists look up whether their own few youths are in care (issue 16): a correlated
EXISTS on the trajectory's and the measure's youth index, not a hashed IN over every current
trajectory of the country built before the municipality's youths are picked (which made the
list's cost follow the trajectory table). Who is on which list is unchanged
(test_signaallijsten.py); EXPLAIN figures are in benchmarks/README.md."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from jeugdketen.core import kalender
from jeugdketen.organisaties.models import Gemeente
from jeugdketen.toekomstplan import leeftijd, selectors
from tests.explain import NO_SEQSCAN, explain, nodes

from .factories import as_actor, family_in_care
from .test_signaallijsten import _born_days_after


def _watch_list(lijst: str) -> Any:
    gemeente = Gemeente.objects.get(cbs_code="GM0917")
    return selectors.watch_list(
        as_actor("toegang"), lijst=lijst, gemeente=gemeente, op=kalender.vandaag(), totalen=selectors.totals()
    )


def _plan_of_first_page(lijst: str) -> dict[str, Any]:
    return explain(_watch_list(lijst)[:25], NO_SEQSCAN)


def test_in_care_is_an_exists_on_the_youths_own_rows(region: Any) -> None:
    sql, _params = selectors.youths_in_care().query.sql_with_params()
    assert sql.count("EXISTS") == 1, sql  # trajectories; measures as a scalar probe (cannot be hashed)
    assert 'FROM "jeugdhulp_maatregel"' in sql and "LIMIT 1) IS NOT NULL" in sql, sql
    assert "IN (SELECT" not in sql  # was: persoon_id IN (SELECT id FROM personen_jeugdige WHERE id IN (…))
    assert '."jeugdige_id" = ("gezinnen_gezinslid"."persoon_id")' in sql, sql


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL")
@pytest.mark.parametrize("lijst", selectors.LIJSTEN)
def test_each_list_reads_trajectories_and_measures_by_its_youths(region: Any, lijst: str) -> None:
    for i in range(3):
        family_in_care(geboortedatum=_born_days_after(leeftijd.zes_maanden_voor_18, -i))
    plan = _plan_of_first_page(lijst)
    reads = [
        (n["Relation Name"], str(n.get("Index Cond") or n.get("Recheck Cond") or n["Node Type"]))
        for n in nodes(plan)
        if n.get("Relation Name") in ("jeugdhulp_traject", "jeugdhulp_maatregel")
    ]
    assert reads and all("gezinnen_gezinslid.persoon_id" in cond for _table, cond in reads), reads


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL")
@pytest.mark.parametrize("lijst", selectors.LIJSTEN)
def test_each_list_finds_its_youths_by_the_municipality_and_age_window(region: Any, lijst: str) -> None:
    """The members are read by one range of the (gemeente, soort, geboortedatum) index: the rows
    read are this municipality's youths of the window, never every youth of that age in the
    country joined to their families afterwards (which grew with the whole country's data)."""
    family_in_care(geboortedatum=_born_days_after(leeftijd.zes_maanden_voor_18, -1))
    plan = _plan_of_first_page(lijst)
    every = list(nodes(plan))
    by_window = [
        n
        for n in every
        if n.get("Index Name") == "gezinnen_ge_gemeent_1f8e12_idx"
        and all(col in str(n.get("Index Cond", "")) for col in ("gemeente_id", "soort", "geboortedatum"))
    ]
    assert by_window, [(n["Node Type"], n.get("Index Name"), n.get("Index Cond")) for n in every]
    # The families are no longer where the municipality is looked up.
    assert not [
        n for n in every if n.get("Relation Name") == "gezinnen_gezin" and "gemeente" in str(n.get("Index Cond", ""))
    ]


def test_a_member_carries_the_municipality_of_its_family(region: Any) -> None:
    """The copy that the watch lists read: set when a member is saved, kept when the family's
    municipality changes, and a youth of a family elsewhere is not on this municipality's list."""
    from jeugdketen.gezinnen.models import Gezinslid

    gezin, youth, parent = family_in_care(geboortedatum=_born_days_after(leeftijd.zes_maanden_voor_18, -1))
    assert youth.gemeente_id == parent.gemeente_id == gezin.gemeente_id
    assert youth in _watch_list(selectors.VOOR_18_OPEN)
    gezin.gemeente = Gemeente.objects.exclude(pk=gezin.gemeente_id).filter(regio=gezin.gemeente.regio).first()
    gezin.save()
    assert set(Gezinslid.objects.filter(gezin=gezin).values_list("gemeente_id", flat=True)) == {gezin.gemeente_id}
    assert youth not in _watch_list(selectors.VOOR_18_OPEN)
