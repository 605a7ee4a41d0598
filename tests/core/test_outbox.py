"""The notifications outbox: written with the action, delivered by a real worker on Redis,
retried after failure, never lost when the queue or the mail server is down."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone

from jeugdketen.celery import app as celery_app
from jeugdketen.core import outbox
from jeugdketen.core.models import Kanaal, Notificatie, OutboxBericht, OutboxStatus
from jeugdketen.organisaties.models import Gebruiker

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def news_for(user: Gebruiker, key: str = "k1") -> None:
    outbox.notify(
        ontvanger=user, soort="plan_gewijzigd", titel="Er is een nieuwe versie van het plan", link="/", dedupe_key=key
    )


def test_rows_are_written_in_the_same_transaction(region: Any) -> None:
    user = Gebruiker.objects.get(username="ouder")
    with pytest.raises(RuntimeError), transaction.atomic():
        news_for(user)
        raise RuntimeError("the action fails")
    assert not OutboxBericht.objects.exists()  # no news about something that did not happen


def test_in_app_and_email_delivery_without_personal_data(region: Any, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = Gebruiker.objects.get(username="ouder")
    news_for(user)
    assert outbox.relay() == 2
    assert Notificatie.objects.get(ontvanger=user).titel == "Er is een nieuwe versie van het plan"
    message = mail.outbox[0]
    body = message.subject + message.body
    assert "Linda" not in body and "Janssen" not in body and "plan" not in message.subject
    assert settings.SITE_URL in message.body


def test_same_news_is_queued_once(region: Any) -> None:
    user = Gebruiker.objects.get(username="ouder")
    news_for(user, "same")
    news_for(user, "same")
    assert OutboxBericht.objects.filter(kanaal=Kanaal.IN_APP).count() == 1


def test_the_messages_of_one_event_are_one_statement_and_idempotent(region: Any) -> None:
    """notify_many: every recipient and channel in one INSERT … ON CONFLICT DO NOTHING (was a
    get-or-create with savepoint per recipient and channel); again, nothing new; a key repeated
    within the call: the first message wins, as with repeated notify() calls."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    users = list(Gebruiker.objects.filter(username__in=["ouder", "toegang", "school"]).order_by("username"))
    assert len(users) == 3 and all(u.email for u in users)

    def event(titel: str) -> list[outbox.Bericht]:
        return [
            outbox.Bericht(ontvanger=u, soort="plan_gewijzigd", titel=titel, link="/", dedupe_key="event-1")
            for u in [*users, users[0]]
        ]

    with CaptureQueriesContext(connection) as ctx:
        outbox.notify_many(event("Eerste"))
    assert len(ctx.captured_queries) == 1, [q["sql"] for q in ctx.captured_queries]
    assert OutboxBericht.objects.count() == 6  # 3 recipients x (in-app, e-mail)
    with CaptureQueriesContext(connection) as ctx:
        outbox.notify_many(event("Tweede"))
    assert len(ctx.captured_queries) == 1
    assert OutboxBericht.objects.count() == 6
    assert set(OutboxBericht.objects.values_list("titel", flat=True)) == {"Eerste"}
    with CaptureQueriesContext(connection) as ctx:
        outbox.notify_many([])
    assert ctx.captured_queries == []


@pytest.mark.django_db(transaction=True)
def test_the_same_event_queued_at_once_by_two_transactions_is_queued_once() -> None:
    """Two transactions queue the same messages at the same moment (PostgreSQL): the second
    INSERT waits for the first's key and then does nothing; one row per key, no error."""
    import threading

    from django.db import connection, connections

    from jeugdketen.demo.generator import build

    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")
    build(size=0)
    users = list(Gebruiker.objects.filter(username__in=["ouder", "toegang"]))
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with transaction.atomic():
                barrier.wait()
                outbox.notify_many(
                    outbox.Bericht(ontvanger=u, soort="plan_gewijzigd", titel="Nieuws", link="/", dedupe_key="samen")
                    for u in users
                )
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    rows = OutboxBericht.objects.filter(dedupe_key__startswith="samen:")
    assert rows.count() == 2 * len(users) and rows.values("dedupe_key").distinct().count() == rows.count()


def test_failed_mail_is_retried_later_and_delivered_once(region: Any, settings: Any, monkeypatch: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = Gebruiker.objects.get(username="toegang")
    calls = {"n": 0}
    real_send = outbox.send_mail

    def flaky(**kwargs: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            raise ConnectionRefusedError("mail server down")
        return real_send(**kwargs)

    monkeypatch.setattr(outbox, "send_mail", flaky)
    news_for(user)
    outbox.relay()
    row = OutboxBericht.objects.get(kanaal=Kanaal.EMAIL)
    assert row.status == OutboxStatus.PENDING and row.pogingen == 1 and row.laatste_fout == "ConnectionRefusedError"
    assert outbox.relay() == 0  # not due yet: backoff
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5)):
        assert outbox.relay() == 1
        assert outbox.relay() == 0
    row.refresh_from_db()
    assert row.status == OutboxStatus.DELIVERED
    assert len(mail.outbox) == 1


def test_delivering_twice_creates_one_notification(region: Any) -> None:
    user = Gebruiker.objects.get(username="ouder")
    news_for(user)
    row = OutboxBericht.objects.get(kanaal=Kanaal.IN_APP)
    assert outbox.deliver(row.id) and outbox.deliver(row.id)
    assert Notificatie.objects.filter(ontvanger=user).count() == 1


@pytest.fixture
def redis_worker(settings: Any) -> Iterator[Any]:
    """A real Celery worker on a real Redis broker, in this process (PostgreSQL: the worker
    thread and the test share the database, which in-memory SQLite cannot do)."""
    import redis
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("worker-thread tests run on PostgreSQL")
    from celery.contrib.testing.worker import start_worker

    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
    except redis.ConnectionError:
        pytest.fail(f"Redis is not running at {REDIS_URL}")
    keys = ("broker_url", "task_always_eager", "result_backend", "task_publish_retry", "task_default_queue")
    old = {k: celery_app.conf[k] for k in keys}
    # A queue of this run's own: another test run on the same Redis must not eat our tasks.
    queue = f"jeugdketen-test-{uuid.uuid4().hex}"
    celery_app.conf.update(task_always_eager=False, result_backend=None, task_default_queue=queue)
    use_broker(REDIS_URL)
    try:
        with start_worker(
            celery_app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10
        ) as worker:
            yield worker
    finally:
        celery_app.conf.update(**old)
        use_broker(old["broker_url"])


def use_broker(url: str) -> None:
    """Point the app's producers at another broker, dropping pooled connections to the old one."""
    celery_app.conf.update(broker_url=url, task_publish_retry=False)
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    for cached in ("queues", "router"):  # built from the settings on first use
        celery_app.amqp.__dict__.pop(cached, None)


def wait_for(predicate: Any, timeout: float = 15) -> bool:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_worker_on_redis_delivers_after_commit(redis_worker: Any) -> None:
    from jeugdketen.demo.generator import build

    build(size=0)
    user = Gebruiker.objects.get(username="ouder")
    with transaction.atomic():
        news_for(user, "redis-1")
    delivered = wait_for(lambda: Notificatie.objects.filter(ontvanger=user).exists())
    assert delivered, list(OutboxBericht.objects.values("status", "pogingen", "laatste_fout"))


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_queue_down_at_commit_loses_nothing(redis_worker: Any, caplog: Any) -> None:
    """The broker is unreachable when the action commits: the action succeeds, the row waits,
    and the scheduled relay delivers it once the queue is back."""
    from jeugdketen.core.tasks import relay_outbox
    from jeugdketen.demo.generator import build

    build(size=0)
    user = Gebruiker.objects.get(username="school")
    use_broker("redis://127.0.0.1:1/0")  # nothing listens there: the queue is down
    with transaction.atomic():
        news_for(user, "down-1")
    assert "queue unavailable" in caplog.text  # the kick after commit really hit a dead broker
    assert OutboxBericht.objects.filter(ontvanger=user, status=OutboxStatus.PENDING).exists()
    assert not Notificatie.objects.filter(ontvanger=user).exists()

    use_broker(REDIS_URL)
    relay_outbox.apply_async()  # what beat does every minute
    assert wait_for(lambda: Notificatie.objects.filter(ontvanger=user).exists())
    assert Notificatie.objects.filter(ontvanger=user).count() == 1


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_worker_on_redis_retries_a_failed_mail_and_delivers_it_once(
    redis_worker: Any, settings: Any, monkeypatch: Any
) -> None:
    """The mail server refuses the first time; the row waits; the next scheduled relay (on the
    real queue, in the worker) delivers it, exactly once."""
    from jeugdketen.core.tasks import relay_outbox
    from jeugdketen.demo.generator import build

    build(size=0)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = Gebruiker.objects.get(username="toegang")
    calls = {"n": 0}
    real_send = outbox.send_mail

    def flaky(**kwargs: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            raise ConnectionRefusedError("mail server down")
        return real_send(**kwargs)

    monkeypatch.setattr(outbox, "send_mail", flaky)
    with transaction.atomic():
        news_for(user, "retry-1")
    email = OutboxBericht.objects.filter(ontvanger=user, kanaal=Kanaal.EMAIL)
    assert wait_for(lambda: email.filter(pogingen=1).exists())
    assert email.get().status == OutboxStatus.PENDING
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5), tick=True):
        relay_outbox.apply_async()  # what beat does every minute
        assert wait_for(lambda: email.filter(status=OutboxStatus.DELIVERED).exists())
        relay_outbox.apply_async()  # a second relay must not send it again
        assert not wait_for(lambda: calls["n"] > 2, timeout=2)
    assert calls["n"] == 2 and len(mail.outbox) == 1
