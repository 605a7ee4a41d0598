"""Reads for reports from a streaming replica (core.replica, DATABASE_REPLICA_URL): the monitor's
and plekvrij's report pages read their aggregate tables from the second database alias; writes,
personal data, the session, the login and the access log stay on the primary."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jeugdketen.core import replica
from jeugdketen.core.models import Actie, Toegangslogregel
from jeugdketen.core.toegangslog import log_access
from jeugdketen.gezinnen.models import Gezin
from jeugdketen.monitor.models import Feit
from jeugdketen.organisaties.models import Gebruiker
from jeugdketen.plekvrij.models import Dagstand, Plek
from tests.conftest import actor, login


@pytest.fixture
def replica_alias() -> Iterator[None]:
    """A second alias on the same (test) database, as DATABASE_REPLICA_URL makes it."""
    connections.settings[replica.REPLICA] = {**connections["default"].settings_dict}
    # Connected here: the test case allows only the aliases it knew of to connect on their own.
    connections[replica.REPLICA].connect()
    try:
        yield
    finally:
        connections[replica.REPLICA].close()
        del connections[replica.REPLICA]
        del connections.settings[replica.REPLICA]


router = replica.ReplicaRouter()


@pytest.mark.django_db
def test_the_routers_decisions(replica_alias: None) -> None:
    # Outside a report page everything is the primary's.
    assert router.db_for_read(Feit) == "default"
    with replica.report_reads():
        assert router.db_for_read(Feit) == "replica"  # the monitor's aggregates
        assert router.db_for_read(Dagstand) == "replica"  # plekvrij's day totals, registered per model
        for model in (Plek, Gezin, Gebruiker, Toegangslogregel):  # personal data, login, the log
            assert router.db_for_read(model) == "default", model
        with transaction.atomic():  # a write path reads its own writes
            assert router.db_for_read(Feit) == "default"
        for model in (Feit, Toegangslogregel, Gezin):
            assert router.db_for_write(model) == "default"
    assert router.allow_migrate("replica", "monitor") is False
    assert router.allow_migrate("default", "monitor") is True


@pytest.mark.django_db
def test_without_a_replica_everything_reads_from_the_primary() -> None:
    assert replica.REPLICA not in connections.settings
    with replica.report_reads():
        assert router.db_for_read(Feit) == "default"


@pytest.mark.django_db
def test_the_access_log_is_written_on_the_primary_in_its_transaction(region: Any, replica_alias: None) -> None:
    who = actor("beleid")
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        replica.report_reads(),
        transaction.atomic(),
    ):
        row = log_access(who, actie=Actie.READ, object_type="monitor", object_id="x")
        assert connections["default"].in_atomic_block
    assert row._state.db == "default"
    assert Toegangslogregel.objects.filter(pk=row.pk).exists()
    assert on_replica.captured_queries == []


def _tables(queries: list[dict[str, Any]]) -> str:
    return "\n".join(q["sql"] for q in queries)


@pytest.mark.django_db(transaction=True)  # the replica alias is another connection: committed data only
def test_report_pages_read_the_aggregates_from_the_replica_and_the_rest_from_the_primary(
    region: Any, replica_alias: None, no_2fa: None
) -> None:
    from jeugdketen.monitor import berekening

    berekening.bereken_alle()
    client = login(Client(), "beleid")
    for url in [
        reverse("monitor:overzicht"),
        reverse("monitor:indicator_csv", args=["jeugdhulp_pct"]),
        reverse("monitor:open_json", args=[region.uuid, "jeugdhulp_pct"]),
    ]:
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(connections["replica"]) as standby,
        ):
            response = client.get(url)
        assert response.status_code == 200, url
        assert '"monitor_feit"' in _tables(standby.captured_queries), url
        assert '"monitor_feit"' not in _tables(primary.captured_queries), url
        assert all('"monitor_' in q["sql"] for q in standby.captured_queries), url
        # The user and the roles come from the primary; the session never from the replica (it
        # is read from the cache and written at most once a minute, core/sessie.py).
        assert "organisaties_gebruiker" in _tables(primary.captured_queries), url
        assert "django_session" not in _tables(standby.captured_queries), url

    # A POST on a report route (recompute) writes and reads on the primary only.
    with CaptureQueriesContext(connections["replica"]) as standby:
        assert client.post(reverse("monitor:herberekenen")).status_code == 302
    assert standby.captured_queries == []

    # Someone who must not see the monitor: still the 404, and nothing read from the replica.
    other = login(Client(), "toegang")
    with CaptureQueriesContext(connections["replica"]) as standby:
        assert other.get(reverse("monitor:overzicht")).status_code == 404
        # A page with personal data never reads from the replica.
        assert other.get(reverse("home")).status_code == 200
    assert not any('"monitor_feit"' in q["sql"] for q in standby.captured_queries)
    assert [q for q in standby.captured_queries if "gezin" in q["sql"]] == []


@pytest.mark.django_db
def test_with_the_replica_down_report_pages_read_from_the_primary(
    region: Any, replica_alias: None, no_2fa: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import OperationalError

    from jeugdketen.monitor import berekening

    berekening.bereken_alle()

    def down() -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["replica"], "ensure_connection", down)
    client = login(Client(), "beleid")
    with CaptureQueriesContext(connections["default"]) as primary:
        response = client.get(reverse("monitor:overzicht"))
    assert response.status_code == 200
    assert '"monitor_feit"' in _tables(primary.captured_queries)
    assert router.db_for_read(Feit) == "default"  # and nothing is left marked after the request
