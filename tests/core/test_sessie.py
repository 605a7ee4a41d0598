"""The session's sliding idle timeout is written at most once a minute (core/sessie.py): a page
then commits only its access-log entry, not also the session row (issue 16 point 4); the idle
timeout still ends a session 15 minutes after the last write, and a changed session is written."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jeugdketen.core.sessie import REFRESH_SECONDS

T0 = datetime(2025, 3, 3, 10, 0, 0).astimezone()


def _session_writes(client: Any, path: str = "/") -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return sum(1 for q in ctx.captured_queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT"))


def test_pages_within_a_minute_do_not_write_the_session(client_for: Any) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        client = client_for("toegang")
        clock.shift(1)
        assert _session_writes(client) <= 1  # the first page after the login refreshes once
        clock.shift(5)
        assert [_session_writes(client) for _ in range(3)] == [0, 0, 0]
        clock.shift(REFRESH_SECONDS)
        assert _session_writes(client) == 1  # a minute later: the sliding expiry moves on


def test_the_idle_timeout_still_ends_the_session(client_for: Any) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        client = client_for("toegang")
        clock.shift(30)
        assert client.get("/").status_code == 200  # not written: the expiry stays login + 15 min
        clock.shift(timedelta(minutes=15) - timedelta(seconds=20))  # 15 min 10 s after the last write
        assert client.get("/").status_code == 302  # to the login: the session expired


def test_someone_active_every_half_minute_stays_signed_in(client_for: Any) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        client = client_for("toegang")
        for _ in range(40):  # 20 minutes of activity, longer than the idle timeout
            clock.shift(30)
            assert client.get("/").status_code == 200


def test_a_changed_session_is_written_at_once(client_for: Any) -> None:
    from django.contrib.sessions.backends.base import SessionBase

    with time_machine.travel(T0, tick=False):
        client = client_for("toegang")
        session: SessionBase = client.session
        session["iets"] = "anders"
        session.save()
        with CaptureQueriesContext(connection) as ctx:
            client.logout()
        assert any("django_session" in q["sql"] and "DELETE" in q["sql"] for q in ctx.captured_queries)
