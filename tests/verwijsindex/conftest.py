"""Fixtures for the verwijsindex tests (their data: tests/verwijsindex/factories.py)."""

from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    """The API's throttle counts per key in the cache: every test starts from zero."""
    cache.clear()
