"""Schemathesis against the OpenAPI schema: no server errors on any operation of the API
(verwijsindex, families, plans), called as an organisation's system with its API key."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from jeugdketen.organisaties.api_auth import issue_key
from jeugdketen.organisaties.models import Organisatie
from jeugdketen.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application).include(path_regex="^/api/v1/")


@pytest.fixture
def api_key(region: Any) -> Any:
    # Calls go straight into the WSGI app; like Django's test client, keep the test transaction's
    # connection open between requests (on PostgreSQL it would otherwise be closed after each).
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    _row, key = issue_key(organisatie=Organisatie.objects.get(naam__startswith="Toegangsteam"), systeem="fuzz", by=None)
    yield key
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: Any, api_key: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {api_key}"}, checks=[not_a_server_error])
