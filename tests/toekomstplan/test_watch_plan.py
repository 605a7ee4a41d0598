"""The watch lists look up whether their own few youths are in care (issue 16): a correlated
EXISTS on the trajectory's and the measure's youth index, not a hashed IN over every current
trajectory of the country built before the municipality's youths are picked (which made the
list's cost follow the trajectory table). Who is on which list is unchanged
(test_signaallijsten.py); EXPLAIN figures are in benchmarks/README.md."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, transaction

from jeugdketen.core import kalender
from jeugdketen.organisaties.models import Gemeente
from jeugdketen.toekomstplan import leeftijd, selectors

from .factories import as_actor, family_in_care
from .test_signaallijsten import _born_days_after


def _nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


def _watch_list(lijst: str) -> Any:
    gemeente = Gemeente.objects.get(cbs_code="GM0917")
    return selectors.watch_list(
        as_actor("toegang"), lijst=lijst, gemeente=gemeente, op=kalender.vandaag(), totalen=selectors.totals()
    )


def test_in_care_is_an_exists_on_the_youths_own_rows(region: Any) -> None:
    sql, _params = selectors.youths_in_care().query.sql_with_params()
    assert sql.count("EXISTS") == 2, sql  # trajectories, measures
    assert "IN (SELECT" not in sql  # was: persoon_id IN (SELECT id FROM personen_jeugdige WHERE id IN (…))
    assert '."jeugdige_id" = ("gezinnen_gezinslid"."persoon_id")' in sql, sql


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL")
@pytest.mark.parametrize("lijst", selectors.LIJSTEN)
def test_each_list_reads_trajectories_and_measures_by_its_youths(region: Any, lijst: str) -> None:
    for i in range(3):
        family_in_care(geboortedatum=_born_days_after(leeftijd.zes_maanden_voor_18, -i))
    sql, params = _watch_list(lijst)[:25].query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        raw = cursor.fetchone()[0]
    plan = (raw if isinstance(raw, list) else json.loads(raw))[0]["Plan"]
    reads = [
        (n["Relation Name"], str(n.get("Index Cond") or n.get("Recheck Cond") or n["Node Type"]))
        for n in _nodes(plan)
        if n.get("Relation Name") in ("jeugdhulp_traject", "jeugdhulp_maatregel")
    ]
    assert reads and all("gezinnen_gezinslid.persoon_id" in cond for _table, cond in reads), reads
