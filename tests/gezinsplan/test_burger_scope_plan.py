"""A citizen's families and plans are found from the citizen's own member and network rows
(issue 16): one IN over the UNION of both, which PostgreSQL serves by index. The OR of two IN
subqueries it was before can only be a filter on every family or plan of the country (109 ms at
national scale for a parent's home page, against under 1 ms now). Who sees what is unchanged
(the scope tests of gezinnen and gezinsplan)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, transaction

from jeugdketen.gezinsplan.selectors import plannen_visible_to
from tests.conftest import actor


def _nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL")
@pytest.mark.parametrize("login", ["ouder", "jongere"])
def test_a_citizens_plans_are_read_by_index_from_their_own_rows(region: Any, login: str) -> None:
    who = actor(login)
    plans = plannen_visible_to(who).select_related("gezin").order_by("gezin__naam")
    sql, params = plans[:10].query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a sequential scan is then a last resort
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        raw = cursor.fetchone()[0]
    plan = (raw if isinstance(raw, list) else json.loads(raw))[0]["Plan"]
    reads = [n for n in _nodes(plan) if n.get("Relation Name") == "gezinsplan_gezinsplan"]
    assert reads, plan
    for n in reads:  # looked up by the citizen's families, never every plan run through a filter
        assert "gezin_id" in str(n.get("Index Cond", "")), n
        assert "SubPlan" not in str(n.get("Filter", "")), n
