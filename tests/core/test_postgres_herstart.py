"""PostgreSQL restarted under the app: requests during the restart get a clear Dutch 503 page or
API error with Retry-After (never a 500), and the app reconnects by itself afterwards.

Against a PostgreSQL cluster this test creates (initdb) on its own port, stops and starts again;
the machine's shared PostgreSQL is never touched."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connections
from django.test import Client

from tests.core.eigen_servers import EigenPostgres, eigen_postgres

PASSWORD = "Herstart-Wachtwoord-2026"


class _NoMigrations(dict[str, None]):
    """MIGRATION_MODULES that makes `migrate --run-syncdb` create the tables straight from the
    models (seconds, instead of a minute of migrations: the schema is what this test needs)."""

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> None:
        return None


@pytest.fixture(scope="module")
def own_postgres(django_db_blocker: Any) -> Iterator[EigenPostgres]:
    import psycopg
    from django.conf import settings
    from django.db.backends.postgresql.base import DatabaseWrapper
    from django.test.utils import override_settings

    with eigen_postgres() as server, django_db_blocker.unblock():
        with psycopg.connect(server.url(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE jk")
        original = connections["default"]
        own_settings = {
            **original.settings_dict,
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "jk",
            "USER": "postgres",
            "PASSWORD": "",
            "HOST": "127.0.0.1",
            "PORT": str(server.port),
            "OPTIONS": {},
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": settings.DATABASES["default"].get("CONN_HEALTH_CHECKS", False),
        }
        own = DatabaseWrapper(own_settings, alias="default")
        connections["default"] = own
        try:
            with override_settings(MIGRATION_MODULES=_NoMigrations()):
                call_command("migrate", run_syncdb=True, verbosity=0)
            from jeugdketen.organisaties.models import Gebruiker

            Gebruiker.objects.create_user(username="herstart", password=PASSWORD)
            yield server
        finally:
            own.close()
            connections["default"] = original


def get(client: Client, path: str) -> Any:
    """A request as the WSGI server runs it. Django's test client disconnects the
    close_old_connections handler of request_started/finished, which is what drops a broken
    connection in production; send the signal as the server would after each response."""
    from django.core.signals import request_finished

    response = client.get(path)
    request_finished.send(sender=None)
    return response


def test_settings_check_reused_connections() -> None:
    from django.conf import settings

    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_a_restart_gives_503_with_retry_after_and_the_app_recovers(
    own_postgres: EigenPostgres, settings: Any, django_db_blocker: Any
) -> None:
    settings.REQUIRE_2FA = False
    client = Client(raise_request_exception=False)
    with django_db_blocker.unblock():
        assert client.post("/inloggen/", {"username": "herstart", "password": PASSWORD}).status_code == 302
        assert client.get("/").status_code == 200

        own_postgres.stop("fast")  # the restart: every connection is cut
        try:
            page = get(client, "/")
            assert page.status_code == 503
            assert page["Retry-After"] == "30"
            assert "Jeugdketen kan op dit moment niet bij de gegevens" in page.content.decode()

            api = get(client, "/api/v1/verwijsindex/meldingen/")
            assert api.status_code == 503
            assert api["Retry-After"] == "30"
            assert "database is even niet bereikbaar" in api.json()["detail"]

            anonymous = Client(raise_request_exception=False).post(
                "/inloggen/", {"username": "herstart", "password": PASSWORD}
            )
            assert anonymous.status_code == 503

            ready = get(Client(raise_request_exception=False), "/health/ready")  # as a load balancer asks
            assert ready.status_code == 503 and ready.json()["status"] == "down"
        finally:
            own_postgres.start()

        # Back: the broken connection was dropped, the next request connects afresh and the
        # session (in the database) survived the restart.
        page = get(client, "/")
        assert page.status_code == 200
        assert page.wsgi_request.user.username == "herstart"
