"""Fixtures for family and plan tests."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _attempts_on_test_connection(request: Any, monkeypatch: Any) -> Any:
    """On PostgreSQL a denied attempt is written on its own connection, which cannot see the
    users created inside a test's (never committed) transaction. Inside such tests keep it
    pending, as on SQLite; the survive-a-rollback behaviour itself is tested in tests/core."""
    from jeugdketen.core import toegangslog

    toegangslog._pending_list().clear()
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        yield
        return

    # Kept like on SQLite (tests/gezinnen/helpers.denied_logged looks there too).
    monkeypatch.setattr(
        toegangslog, "_insert_on_own_connection", lambda values: toegangslog._pending_list().append(values)
    )
    yield
    toegangslog._pending_list().clear()  # never leak an entry into the next test
