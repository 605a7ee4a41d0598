"""core.postgres: a setting for one block, and the plan list read with one plan per connection.

PostgreSQL kept planning the plan list's page query (a ten-table join) anew on every request:
24 ms of planning for 1 ms of work at national scale. The list's page and the plan API's page are
read with `force_generic_plan`, their counts are not. A professional's home tiles (the waiting
tile: 14 ms on its generic plan, 1.4 ms planned for its values; the regisseur's lists) are read
with `force_custom_plan`. Everything else, a parent's home too, keeps PostgreSQL's own choice."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection

from jeugdketen.core import kalender
from jeugdketen.core.postgres import instelling
from jeugdketen.organisaties import selectors as organisaties
from tests.conftest import actor
from tests.gezinnen.helpers import make_family, make_plan
from tests.jeugdhulp import factories as jeugdhulp

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's settings")


def _show() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        return str(cursor.fetchone()[0])


def test_a_setting_holds_for_the_block_only_also_when_it_fails(db: Any) -> None:
    voor = _show()
    with instelling("plan_cache_mode", "force_generic_plan"):
        assert _show() == "force_generic_plan"
    assert _show() == voor == "auto"
    with pytest.raises(RuntimeError), instelling("plan_cache_mode", "force_custom_plan"):
        assert _show() == "force_custom_plan"
        raise RuntimeError("stop")
    assert _show() == "auto"


def test_an_error_in_a_transaction_is_not_hidden_and_the_rollback_undoes_the_setting(db: Any) -> None:
    from django.db import DataError, transaction

    with (
        pytest.raises(DataError),
        transaction.atomic(),
        instelling("plan_cache_mode", "force_generic_plan"),
        connection.cursor() as cursor,
    ):
        cursor.execute("SELECT 1 / 0")  # aborts the transaction; a RESET now would fail
    assert _show() == "auto"


def _is_plan_page(sql: str) -> bool:
    return sql.startswith('SELECT "gezinsplan_gezinsplan"."id"') and "LIMIT" in sql


def _modes_of_page_query(client: Any, url: str, leest: Any = _is_plan_page) -> tuple[list[str], Any]:
    """The plan_cache_mode in force for each statement that `leest` picks out (by default: the
    statements that read plans with a LIMIT)."""
    modes: list[str] = []
    mode = ["auto"]

    def wrap(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if "set_config" in sql and params and params[0] == "plan_cache_mode":
            mode[0] = params[1]
        elif sql.startswith("RESET plan_cache_mode"):
            mode[0] = "auto"
        elif leest(sql):
            modes.append(mode[0])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrap):
        response = client.get(url)
    return modes, response


@pytest.mark.parametrize("url", ["/gezinnen/", "/api/v1/gezinsplannen/"])
def test_the_plan_list_reads_its_page_with_one_plan_per_connection(client_for: Any, url: str) -> None:
    plan = make_plan(make_family(naam="Gezin Eenplan"))
    teken = "Gezin Eenplan" if url == "/gezinnen/" else str(plan.uuid)  # the API names plans by uuid
    modes, response = _modes_of_page_query(client_for("toegang"), url)
    assert response.status_code == 200 and teken in response.content.decode()
    assert modes == ["force_generic_plan"]
    assert _show() == "auto"  # the connection is given back as it was
    # The count is not: a team's number of consents decides its plan (generic: 17 ms at national
    # scale for the plan API, 2.5 ms planned for the values).
    modes, _response = _modes_of_page_query(
        client_for("toegang"), url, lambda sql: sql.startswith("SELECT COUNT(*) FROM (")
    )
    assert modes == ["auto"]
    # Someone without consent for the family reads the same way and still does not see it.
    modes, response = _modes_of_page_query(client_for("school"), url)
    assert teken not in response.content.decode()


def test_the_waiting_tile_is_planned_for_its_own_values(client_for: Any) -> None:
    wacht = jeugdhulp.TrajectFactory(
        gemeente=organisaties.werkgebied(actor("toegang")).first(),  # where the login's team works
        aanmelddatum=kalender.vandaag() - dt.timedelta(days=60),
        jeugdige=jeugdhulp.JeugdigeFactory(voornamen="Wachtend", achternaam="Tegeltje"),
    )

    def wachtlijst(sql: str) -> bool:
        return sql.startswith('SELECT "jeugdhulp_traject"."id"') and '"intakedatum" IS NULL' in sql

    modes, response = _modes_of_page_query(client_for("toegang"), "/", wachtlijst)
    assert response.status_code == 200 and wacht.jeugdige.naam in response.content.decode()
    assert modes == ["force_custom_plan"]
    assert _show() == "auto"
    # A school sees no trajectories at all, and not this one.
    response = client_for("school").get("/")
    assert response.status_code == 200 and wacht.jeugdige.naam not in response.content.decode()


def test_the_regisseurs_tile_is_planned_for_their_own_values(client_for: Any) -> None:
    make_plan(make_family(naam="Gezin Te Laat"), volgende_evaluatie=kalender.vandaag() - dt.timedelta(days=3))

    def regie(sql: str) -> bool:
        return sql.startswith(('SELECT "gezinsplan_gezinsplan"."id"', 'SELECT "gezinsplan_afspraak"."id"')) and (
            '"regisseur_medewerker_id" = ' in sql
        )

    modes, response = _modes_of_page_query(client_for("toegang"), "/", regie)
    assert response.status_code == 200 and "Evaluatie te laat: Gezin Te Laat" in response.content.decode()
    assert len(modes) >= 2 and set(modes) == {"force_custom_plan"}
    assert _show() == "auto"
    assert "Gezin Te Laat" not in client_for("school").get("/").content.decode()  # not their family


def test_a_parents_home_keeps_postgresqls_own_choice(client_for: Any) -> None:
    """A parent coordinates at most their own family's plan: the generic plan is right for them,
    and planning the regisseur's lists anew cost their home 3 ms at national scale."""
    modes, response = _modes_of_page_query(client_for("ouder"), "/", lambda sql: sql.startswith("SELECT"))
    assert response.status_code == 200 and modes
    assert set(modes) == {"auto"}
