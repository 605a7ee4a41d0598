"""The trajectory scope is checked on each trajectory's own row (issue 16): the organisation's id
is the actor's own number (no join per row, no subquery), and "the youth lives in one of the team's
municipalities now" is a correlated lookup of that youth's residence periods, never a hashed IN
over every resident of the municipality (which was built before a tile's LIMIT 5 and grew with
the data). The list walks its own index (newest first) and stops at its page. Who sees what is
unchanged (test_access.py, test_werklijst.py); EXPLAIN figures are in benchmarks/README.md."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jeugdketen.jeugdhulp import selectors, werklijst
from tests.explain import NO_SEQSCAN, explain, nodes

from . import factories as f
from .conftest import Wereld
from .test_werklijst import op

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL")


def _residence_reads(plan: dict[str, Any]) -> list[str]:
    """How each read of the residence periods finds its rows (the index condition, or the node type)."""
    return [
        str(node.get("Index Cond") or node.get("Recheck Cond") or node["Node Type"])
        for node in nodes(plan)
        if node.get("Relation Name") == "personen_woonplaatsperiode"
    ]


def _wachtend(wereld: Wereld, n: int) -> None:
    for _ in range(n):
        jeugdige = f.JeugdigeFactory()
        f.WoonplaatsFactory(jeugdige=jeugdige, gemeente=wereld.heerlen)
        f.TrajectFactory(
            jeugdige=jeugdige,
            gemeente=wereld.kerkrade,
            aanbieder=wereld.andere_aanbieder.organisatie,
            aanmelddatum=dt.date(2025, 1, 1),
        )


def test_the_scope_is_checked_on_the_trajectorys_own_row(wereld: Wereld) -> None:
    actor = wereld.actor("toegang")
    sql, params = selectors.trajecten_visible_to(actor).query.sql_with_params()
    where = sql[sql.index(" WHERE ") :]
    # the organisation: the actor's own id, a parameter compared with the row's aanbieder_id
    assert where.startswith(' WHERE ("jeugdhulp_traject"."aanbieder_id" = %s OR '), where
    assert params[0] == actor.organisatie_pk == wereld.toegang.organisatie_id
    assert '"organisaties_organisatie"' not in where  # was: a subquery on its uuid, or a join
    # the residence: correlated on this trajectory's youth, not an IN over all residents
    assert re.search(r'\w+\."jeugdige_id" = \("jeugdhulp_traject"\."jeugdige_id"\)', where), where
    assert '"personen_jeugdige"' not in where and '"jeugdige_id" IN (SELECT' not in where


@postgres_only
def test_each_query_looks_up_the_residence_of_its_own_youths_only(wereld: Wereld) -> None:
    """Every read of the residence periods is an index lookup by the trajectory's youth (before:
    a scan of every period of the municipalities, hashed, then the trajectories)."""
    _wachtend(wereld, 3)
    actor = wereld.actor("toegang")
    scope = selectors.trajecten_visible_to(actor)
    norm, vandaag = selectors.normen_van(actor), selectors.vandaag()
    queries = {
        "tile: waiting": werklijst.wachtend_boven_norm(scope, norm, vandaag).order_by("aanmelddatum", "id")[:5],
        "tile: near 18": werklijst.bijna_18_qs(scope, norm, vandaag).order_by("-jeugdige__geboortedatum", "id")[:5],
        "list": selectors.lopend_of_toegewezen(scope, vandaag).order_by("-ingangsdatum", "-id")[:25],
        "list count": selectors.lopend_of_toegewezen(scope, vandaag).order_by().values("pk"),
    }
    for name, qs in queries.items():
        reads = _residence_reads(explain(qs, NO_SEQSCAN))
        assert reads and all("jeugdhulp_traject.jeugdige_id" in r for r in reads), (name, reads)


@postgres_only
def test_the_list_walks_its_own_index_newest_first(wereld: Wereld) -> None:
    qs = selectors.lopend_of_toegewezen(selectors.trajecten_visible_to(wereld.actor("toegang")), selectors.vandaag())
    plan = explain(qs.order_by("-ingangsdatum", "-id")[:25], NO_SEQSCAN, "enable_sort = off")
    assert "traject_nieuwste" in [n.get("Index Name") for n in nodes(plan)], json.dumps(plan)[:2000]


@postgres_only
def test_the_waiting_tile_walks_the_waiting_rows_oldest_first(wereld: Wereld) -> None:
    """The tile's five are found by walking the waiting rows in the tile's order (a partial index
    of the rows without a start), never by reading and sorting every waiting row of the country."""
    _wachtend(wereld, 3)
    actor = wereld.actor("toegang")
    scope = selectors.trajecten_visible_to(actor)
    tile = werklijst.wachtend_boven_norm(scope, selectors.normen_van(actor), selectors.vandaag())
    plan = explain(tile.order_by("aanmelddatum", "id")[:5], NO_SEQSCAN, "enable_sort = off")
    every = list(nodes(plan))
    assert "traject_wachtend" in [n.get("Index Name") for n in every], json.dumps(plan)[:2000]
    assert not [n for n in every if "Sort" in n["Node Type"]]


def test_the_waiting_tile_finds_residents_and_its_queries_do_not_grow(wereld: Wereld) -> None:
    actor = wereld.actor("toegang")
    _wachtend(wereld, 1)
    with op(dt.date(2025, 6, 1)):
        werklijst.wachten_boven_norm(actor)  # one-off work of the first call
        with CaptureQueriesContext(connection) as one:
            assert len(werklijst.wachten_boven_norm(actor).items) == 1  # lives in Heerlen, care from Kerkrade
        _wachtend(wereld, 9)
        with CaptureQueriesContext(connection) as ten:
            assert len(werklijst.wachten_boven_norm(actor).items) == werklijst.MAX_ITEMS
        assert werklijst.wachten_boven_norm(wereld.actor("toegang_kerkrade")) is not None
    assert len(ten.captured_queries) == len(one.captured_queries)
