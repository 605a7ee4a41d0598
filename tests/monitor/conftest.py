"""The monitor's page and API tests share the demo region (built once per module) and a logged-in
client per demo login."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from tests.conftest import demo_built_once, login


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Any]:
    with demo_built_once(django_db_blocker) as regio:
        yield regio


@pytest.fixture
def als(demo: Any, no_2fa: None) -> Any:
    def make(username: str) -> Client:
        return login(Client(), username)

    return make
