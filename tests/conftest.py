"""Shared fixtures: the demo region, logged-in clients per demo role, actors."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from jeugdketen.core.access import Actor
from jeugdketen.core.bsn import fictitious_bsn
from jeugdketen.demo.generator import DEMO_PASSWORD, build
from jeugdketen.organisaties.models import Gebruiker
from jeugdketen.organisaties.selectors import build_actor

# Property tests check rules, not speed: on a busy machine (two cores, two workers) Hypothesis'
# per-example deadline and its "too slow" health check fail tests whose rule holds.
hypothesis_settings.register_profile("jeugdketen", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("jeugdketen")


def pytest_configure(config: Any) -> None:
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["tests.hashers.FastArgon2PasswordHasher"]


@pytest.fixture(autouse=True)
def _dutch_by_default() -> Any:
    """Each test starts in Dutch: a request in English leaves the thread's language behind."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.activate("nl")


@pytest.fixture(autouse=True)
def _no_leftover_log_entries() -> Any:
    """Denied attempts held back until a transaction ends (see core.toegangslog) belong to their
    own test: a test that calls a service without a request must not leave one for the next."""
    from jeugdketen.core import toegangslog

    toegangslog._pending_list().clear()
    # Nor the chain head the last test wrote on: with it, a test's first entry would cost one
    # statement or three depending on what ran before on this worker; without it always two.
    toegangslog._local.__dict__.pop("kop", None)
    yield
    toegangslog._pending_list().clear()


@pytest.fixture(autouse=True)
def _not_inside_a_celery_worker() -> Any:
    """A test that ran a real Celery worker in this process (tests/core/test_outbox.py) can leave
    Celery's process-wide "we are inside a worker" flag set: the worker's pool sets it and the
    thread may still be stopping when its test ends. A later test in the same process that calls
    .get() on a task's result would then be refused ("Never call result.get() within a task!")."""
    from celery import _state

    _state._set_task_join_will_block(False)
    yield


@contextmanager
def demo_built_once(django_db_blocker: Any, *, size: int = 1) -> Iterator[Any]:
    """The demo region built once for a whole test module (a size-1 build takes seconds) inside
    a transaction that is rolled back afterwards, so the next module starts empty again."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build(size=size)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def demo_region(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Any]:
    """The size-1 demo region, shared by the tests of one module (see demo_built_once)."""
    with demo_built_once(django_db_blocker) as regio:
        yield regio


@pytest.fixture
def region(db: Any) -> Any:
    """The demo region at its smallest size (every role, no extra organisations)."""
    return build(size=0)


@pytest.fixture
def no_2fa(settings: Any) -> None:
    """As in `make demo`: demo logins walk straight in."""
    settings.REQUIRE_2FA = False


def login(client: Client, username: str, *, password: str = DEMO_PASSWORD) -> Client:
    response = client.post("/inloggen/", {"username": username, "password": password})
    assert response.status_code == 302, f"login failed for {username}: {response.status_code}"
    return client


@pytest.fixture
def client_for(region: Any, no_2fa: None) -> Any:
    """client_for('toegang') → a Client logged in as that demo login (second factor off)."""

    def make(username: str) -> Client:
        return login(Client(), username)

    return make


def actor(username: str, **extra: Any) -> Actor:
    user = Gebruiker.objects.get(username=username)
    return build_actor(user, organisatie_uuid=None, ip="127.0.0.1", request_id=extra.get("request_id", "test"))


def commits_in(queries: Any) -> int:
    """How many transactions the captured statements committed (run it in a transactional test:
    inside a TestCase an `atomic()` block is a savepoint and nothing commits)."""
    return sum(1 for q in queries.captured_queries if q["sql"] == "COMMIT")


_ISSUED_BSNS: set[str] = set()


def unique_bsn(rng: random.Random) -> str:
    """A fictitious BSN (core.bsn.fictitious_bsn) this test process has not handed out before: a
    person's BSN is unique, and drawn with replacement from the ~91,000 test numbers a test that
    makes thirty persons got one twice now and then (an IntegrityError, or two registrations of
    what was meant to be two youths)."""
    while (bsn := fictitious_bsn(rng)) in _ISSUED_BSNS:
        if len(_ISSUED_BSNS) > 90_000:
            raise RuntimeError("no fictitious BSN left for this test process")
    _ISSUED_BSNS.add(bsn)
    return bsn
