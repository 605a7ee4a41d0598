"""Fixtures for crisis tests."""

from tests.gezinnen.helpers import fresh_pending_attempts  # noqa: F401 - autouse fixture
