"""'Mijn werk' and the notifications page; the production server and the health probes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings

from jeugdketen.core import outbox
from jeugdketen.core.models import Toegangslogregel
from jeugdketen.organisaties.models import Gebruiker
from tests.conftest import commits_in


def test_home_lists_unread_news_and_the_notifications_page_marks_it_read(client_for: Any) -> None:
    client = client_for("ouder")
    user = Gebruiker.objects.get(username="ouder")
    outbox.notify(ontvanger=user, soort="test", titel="Er is een nieuwe versie van uw plan", link="/", dedupe_key="h1")
    outbox.relay()
    home = client.get("/").content.decode()
    assert "Mijn gezin" in home and "Er is een nieuwe versie van uw plan" in home
    page = client.get("/notificaties/").content.decode()
    assert "Er is een nieuwe versie van uw plan" in page
    client.post("/notificaties/gelezen/")
    assert "Er is een nieuwe versie van uw plan" not in client.get("/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_home_tiles_and_their_access_log_entries_commit_once(client_for: Any) -> None:
    """A regisseur's home shows several tiles that name people, each with its own access-log
    entry: all of them are written in the page's one transaction (a commit each cost a disk flush)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("toegang")
    client.get("/")
    before = Toegangslogregel.objects.count()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert Toegangslogregel.objects.count() - before >= 3  # the tiles' entries and 'mijn werk'
    assert commits_in(queries) == 1


def test_nobody_sees_someone_elses_notifications(client_for: Any) -> None:
    user = Gebruiker.objects.get(username="ouder")
    outbox.notify(ontvanger=user, soort="test", titel="Nieuws voor Linda", link="/", dedupe_key="h2")
    outbox.relay()
    assert "Nieuws voor Linda" not in client_for("toegang").get("/notificaties/").content.decode()


def test_notifications_page_query_count_does_not_grow(client_for: Any, django_assert_num_queries: Any) -> None:
    client = client_for("toegang")
    user = Gebruiker.objects.get(username="toegang")

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            outbox.notify(ontvanger=user, soort="t", titel=f"Bericht {i}", dedupe_key=f"q{i}", email=False)
        outbox.relay()

    add(2, 0)
    client.get("/notificaties/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/notificaties/")
    add(40, 100)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/notificaties/")


def test_health_ready_reports_degraded_when_the_queue_is_down(client: Any, settings: Any, db: Any) -> None:
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.django_db
def test_jeugdketen_serve_runs_gunicorn_with_settings_from_the_environment(tmp_path: Path) -> None:
    port = free_port()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "SECRET_KEY": "s" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "SECURE_SSL_REDIRECT": "0",
        "JEUGDKETEN_DATA_DIR": str(tmp_path),
        "JEUGDKETEN_NODE_MODULES": str(django_settings.NODE_MODULES),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    code = "import sys; from jeugdketen.cli import main; sys.argv = ['jeugdketen', 'serve']; main()"
    server = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        body = ""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=2) as response:
                    body = response.read().decode()
                    server_header = response.headers.get("Server", "")
                break
            except OSError:
                time.sleep(0.2)
        assert '"ok"' in body
        assert "gunicorn" in server_header.lower()
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_a_citizens_home_page_is_their_family_not_their_work(client_for: Any) -> None:
    """Citizens' pages speak to citizens: a parent's home page is "Mijn gezin", a professional's
    stays "Mijn werk"; in English too."""
    parent = client_for("ouder").get("/").content.decode()
    assert '<h1 class="utrecht-heading-1">Mijn gezin</h1>' in parent and "Mijn werk" not in parent
    assert '<h1 class="utrecht-heading-1">Mijn werk</h1>' in client_for("toegang").get("/").content.decode()
    english = client_for("ouder").get("/", HTTP_ACCEPT_LANGUAGE="en")
    from django.utils import translation

    with translation.override("en"):
        assert translation.gettext("Mijn gezin") == "My family"
    assert english.status_code == 200
