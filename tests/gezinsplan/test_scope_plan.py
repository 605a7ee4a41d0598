"""The plan list and the families list start from the actor's own consent rows (issue 16 point 4):
the scope's EXISTS reads consents by organisation id (the organisation's unique uuid resolved in an
InitPlan, no join inside the EXISTS), and 'families without a plan' is a NOT EXISTS on the plan's
unique family key, not a LEFT JOIN of every plan. Which rows each actor sees is unchanged (the
other tests of this app); EXPLAIN figures before and after are in benchmarks/README.md."""

from __future__ import annotations

import re
from typing import Any

from jeugdketen.gezinsplan import selectors
from tests.conftest import actor
from tests.gezinnen.helpers import make_family, make_plan


def _sql(qs: Any) -> str:
    sql, _params = qs.query.sql_with_params()
    return str(sql)


def test_the_scope_reads_consents_by_organisation_id_without_a_join(region: Any) -> None:
    sql = _sql(selectors.plan_list_for(actor("toegang")))
    exists = sql[sql.index("EXISTS") :]
    first = exists[: exists.index(") LIMIT 1)") + 1]
    assert '"gezinnen_toestemming"' in first
    assert "JOIN" not in first  # was: INNER JOIN organisaties_organisatie … WHERE uuid = …
    assert re.search(r'"organisatie_id" = \(SELECT U0\."id"', first), first


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
