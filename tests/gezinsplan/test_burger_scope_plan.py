"""A citizen's families and plans are found from the citizen's own member and network rows
(issue 16): one IN over the UNION of both, which PostgreSQL serves by index. The OR of two IN
subqueries it was before can only be a filter on every family or plan of the country (109 ms at
national scale for a parent's home page, against under 1 ms now). Who sees what is unchanged
(the scope tests of gezinnen and gezinsplan)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from jeugdketen.gezinsplan.selectors import plannen_visible_to
from tests.conftest import actor
from tests.explain import NO_SEQSCAN, explain, nodes


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL")
@pytest.mark.parametrize("login", ["ouder", "jongere"])
def test_a_citizens_plans_are_read_by_index_from_their_own_rows(region: Any, login: str) -> None:
    who = actor(login)
    plans = plannen_visible_to(who).select_related("gezin").order_by("gezin__naam")
    plan = explain(plans[:10], NO_SEQSCAN)
    reads = [n for n in nodes(plan) if n.get("Relation Name") == "gezinsplan_gezinsplan"]
    assert reads, plan
    for n in reads:  # looked up by the citizen's families, never every plan run through a filter
        assert "gezin_id" in str(n.get("Index Cond", "")), n
        assert "SubPlan" not in str(n.get("Filter", "")), n


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL")
def test_a_citizens_toekomstplannen_are_looked_up_by_id(region: Any) -> None:
    """The toekomstplan scope of a citizen (own plan, as assistant, as parent) looks up the few
    plans of its three relations first, then reads the plans by id; as one OR across the member,
    network and plan tables PostgreSQL read every member and plan (400 ms at national scale)."""
    from jeugdketen.toekomstplan.selectors import toekomstplannen_visible_to
    from tests.toekomstplan.factories import ToekomstplanFactory, as_actor, give_login

    toekomstplan = ToekomstplanFactory()
    scope = toekomstplannen_visible_to(as_actor(give_login(toekomstplan.jeugdige, "jong-scope")))
    assert list(scope) == [toekomstplan]
    reads = [n for n in nodes(explain(scope, NO_SEQSCAN)) if n.get("Relation Name") == "toekomstplan_toekomstplan"]
    assert reads
    for n in reads:  # by id, never every plan run through a filter of subplans
        assert "SubPlan" not in str(n.get("Filter", "")), n
        assert "id" in str(n.get("Index Cond", "")), n
