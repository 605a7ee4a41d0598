"""PostgreSQL's plan of a queryset, for tests that a query is served by its indexes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet


def plan_of(queryset: QuerySet[Any]) -> dict[str, Any]:
    """EXPLAIN (FORMAT JSON) of the queryset with sequential scans off: what the indexes allow."""
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        raw = cursor.fetchone()[0]
    plan: dict[str, Any] = (raw if isinstance(raw, list) else json.loads(raw))[0]["Plan"]
    return plan


def nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every node of a plan, depth first."""
    yield node
    for child in node.get("Plans", []):
        yield from nodes(child)
