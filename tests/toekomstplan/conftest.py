"""Fixtures for toekomstplan tests."""

from __future__ import annotations

from typing import Any

import pytest

# Denied attempts stay pending inside a test transaction (also on PostgreSQL), as for families.
from tests.gezinnen.conftest import _attempts_on_test_connection  # noqa: F401


@pytest.fixture(autouse=True)
def _fast_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
