"""PostgreSQL's plan of a queryset, for the tests that a query is served by its indexes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet

NO_SEQSCAN = "enable_seqscan = off"  # what the indexes allow: a sequential scan only as a last resort


def explain(queryset: QuerySet[Any], *settings: str) -> dict[str, Any]:
    """EXPLAIN (FORMAT JSON) of the queryset, with planner settings (`SET LOCAL`) for this one plan."""
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(f"SET LOCAL {setting}")
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        raw = cursor.fetchone()[0]
    plan = raw if isinstance(raw, list) else json.loads(raw)
    return dict(plan[0]["Plan"])


def nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every node of a plan, depth first."""
    yield node
    for child in node.get("Plans", []):
        yield from nodes(child)
