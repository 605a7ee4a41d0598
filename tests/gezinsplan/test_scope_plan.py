"""The plan list and the families list start from the actor's own consent rows (issue 16 point 4):
the scope's EXISTS reads consents by organisation id (the actor's own number, no join inside the
EXISTS), and 'families without a plan' is a NOT EXISTS on the plan's unique family key, not a LEFT
JOIN of every plan, over only the consents that have not seen the family's plan start (a partial
index on `Toestemming.gezin_heeft_plan`). Which rows each actor sees is unchanged (the
other tests of this app); EXPLAIN figures before and after are in benchmarks/README.md."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest
from django.apps import apps
from django.db import connection

from jeugdketen.gezinnen.models import Toestemming
from jeugdketen.gezinsplan import selectors, services
from tests.conftest import actor
from tests.explain import NO_SEQSCAN, explain, nodes
from tests.gezinnen.helpers import consent_for, make_family, make_plan


def _sql(qs: Any) -> str:
    sql, _params = qs.query.sql_with_params()
    return str(sql)


def test_the_scope_reads_consents_by_organisation_id_without_a_join(region: Any) -> None:
    sql = _sql(selectors.plan_list_for(actor("toegang")))
    exists = sql[sql.index("EXISTS") :]
    first = exists[: exists.index(") LIMIT 1)") + 1]
    assert '"gezinnen_toestemming"' in first
    assert "JOIN" not in first  # was: INNER JOIN organisaties_organisatie … WHERE uuid = …
    assert re.search(r'"organisatie_id" = %s', first), first


def test_families_without_plan_is_a_not_exists_not_a_join_of_every_plan(region: Any) -> None:
    sql = _sql(selectors.families_without_plan(actor("toegang")))
    assert "LEFT OUTER JOIN" not in sql and '"gezinsplan_gezinsplan"' in sql
    assert "NOT EXISTS" in sql or "NOT (EXISTS" in sql
    # the anti-join runs on the actor's consent rows: the family ids come from gezinnen_toestemming
    assert re.search(
        r'"gezinnen_gezin"\."id" IN \(SELECT \w+\."gezin_id" AS "gezin_id" FROM "gezinnen_toestemming"', sql
    ), sql


def test_each_organisation_lists_only_its_own_families(region: Any) -> None:
    """The must-not-see side: each of two organisations lists only the family it has consent for."""
    own = make_family(naam="Gezin Eigen")
    make_plan(own)
    make_family(naam="Gezin Zonder Plan")
    other = make_family("school", naam="Gezin Ander")
    make_plan(other, by="school")
    make_family("school", naam="Gezin Ander Zonder Plan")
    toegang, school = actor("toegang"), actor("school")
    assert [p.gezin.naam for p in selectors.plan_list_for(toegang)] == ["Gezin Eigen"]
    assert [p.gezin.naam for p in selectors.plan_list_for(school)] == ["Gezin Ander"]
    assert [g.naam for g in selectors.families_without_plan(toegang)] == ["Gezin Zonder Plan"]
    assert [g.naam for g in selectors.families_without_plan(school)] == ["Gezin Ander Zonder Plan"]


def _flags(gezin: Any) -> set[bool]:
    return set(Toestemming.objects.filter(gezin=gezin).values_list("gezin_heeft_plan", flat=True))


def test_a_consent_knows_whether_its_family_has_a_plan_and_the_list_follows_the_plan(region: Any) -> None:
    gezin = make_family(naam="Gezin Nog Zonder")
    assert _flags(gezin) == {False}
    assert "Gezin Nog Zonder" in [g.naam for g in selectors.families_without_plan(actor("toegang"))]
    services.plan_aanmaken(gezin=gezin, by=actor("toegang"))  # every consent of the family hears of it
    assert _flags(gezin) == {True}
    consent_for(gezin, "school")  # given after the plan started: knows it from the start
    assert _flags(gezin) == {True}
    assert "Gezin Nog Zonder" not in [g.naam for g in selectors.families_without_plan(actor("toegang"))]


def test_the_flag_is_only_a_hint_a_plan_it_missed_still_counts(region: Any) -> None:
    gezin = make_family(naam="Gezin Buiten De Dienst Om")
    make_plan(gezin)  # straight into the table, past the service: the consents still say False
    assert _flags(gezin) == {False}
    assert "Gezin Buiten De Dienst Om" not in [g.naam for g in selectors.families_without_plan(actor("toegang"))]


def test_existing_consents_learn_of_their_familys_plan_from_the_migration(region: Any) -> None:
    met, zonder = make_family(naam="Gezin Met"), make_family(naam="Gezin Zonder")
    make_plan(met)
    migratie = importlib.import_module("jeugdketen.gezinsplan.migrations.0005_toestemming_heeft_plan")
    migratie.mark_consents_of_families_with_a_plan(apps, None)
    assert _flags(met) == {True} and _flags(zonder) == {False}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL")
def test_families_without_plan_read_only_the_consents_without_one(region: Any) -> None:
    for i in range(3):
        make_plan(make_family(naam=f"Gezin Gepland {i}"))
    Toestemming.objects.update(gezin_heeft_plan=True)
    make_family(naam="Gezin Nog Te Plannen")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE gezinnen_toestemming")
    plan = explain(selectors.families_without_plan(actor("toegang"))[:10], NO_SEQSCAN)
    # An index scan of the consents, or a bitmap heap scan over a bitmap index scan (which names
    # the index but not the table): either way the partial index is one of them.
    indexes = [n.get("Index Name") for n in nodes(plan) if n.get("Index Name", "").startswith("toestemming")]
    assert "toestemming_org_zonder_plan" in indexes, [(n["Node Type"], n.get("Index Name")) for n in nodes(plan)]
