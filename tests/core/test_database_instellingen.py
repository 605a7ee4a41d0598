"""The database connection's own settings."""

from __future__ import annotations

import pytest
from django.db import connection


@pytest.mark.django_db
def test_postgresql_runs_our_short_queries_without_jit_compilation() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.django_db
def test_postgresql_plans_a_repeated_query_once_per_connection() -> None:
    """Server-side parameters and prepared statements (settings.POSTGRES_OPTIONS): the second
    run of the same query on a connection is prepared, so later runs skip PostgreSQL's planning."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    from jeugdketen.organisaties.models import Gemeente

    for pk in (1, 2, 3):
        list(Gemeente.objects.filter(pk=pk))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("organisaties_gemeente" in statement and "$1" in statement for statement in prepared), prepared
