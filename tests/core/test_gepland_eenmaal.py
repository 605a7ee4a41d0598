"""Scheduled jobs never run twice with two nodes (issue 17 point 3): a run that beat sent for a
schedule entry takes a lock in the shared Redis, so the same entry sent twice (a second beat by
mistake, or a resend) executes once, however many workers receive it. Against a real Redis this
test starts on its own port; runs not sent by beat are never held back."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from celery.beat import Scheduler

from jeugdketen.celery import app
from jeugdketen.core import tasks
from tests.core.eigen_servers import EigenRedis, eigen_redis

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_cache(settings: Any) -> Iterator[EigenRedis]:
    with eigen_redis() as server:
        settings.CACHES = {"default": {"BACKEND": "jeugdketen.core.cache.FailSoftRedisCache", "LOCATION": server.url}}
        yield server


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every execution of the anchor task's body, which takes a moment (as a real job does)."""
    done: list[str] = []

    def slow_anchor() -> int:
        done.append(threading.current_thread().name)
        time.sleep(0.5)
        return 0

    monkeypatch.setattr("jeugdketen.core.toegangslog.anker_zetten", slow_anchor)
    return done


def as_beat_sends(entry: str) -> None:
    tasks.toegangslog_anker.apply(headers={tasks.SCHEDULE_HEADER: entry})


def at_once(*calls: Any) -> None:
    threads = [threading.Thread(target=c, name=f"worker-{i}") for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)


def test_the_same_entry_sent_twice_at_once_executes_once(redis_cache: EigenRedis, runs: list[str]) -> None:
    at_once(lambda: as_beat_sends("toegangslog-anker"), lambda: as_beat_sends("toegangslog-anker"))
    assert len(runs) == 1
    as_beat_sends("toegangslog-anker")  # a late duplicate within half the interval: skipped too
    assert len(runs) == 1


def test_the_next_interval_runs_again(
    redis_cache: EigenRedis, runs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tasks, "_registered", {"test-elke-2s": {"task": "x", "schedule": 2.0}})
    at_once(lambda: as_beat_sends("test-elke-2s"), lambda: as_beat_sends("test-elke-2s"))
    assert len(runs) == 1
    time.sleep(1.2)  # the lock holds half the interval
    as_beat_sends("test-elke-2s")
    assert len(runs) == 2


def test_runs_not_sent_by_beat_are_never_held_back(redis_cache: EigenRedis, runs: list[str]) -> None:
    at_once(tasks.toegangslog_anker.apply, tasks.toegangslog_anker.apply)
    assert len(runs) == 2


def test_with_the_cache_down_a_scheduled_run_still_runs(redis_cache: EigenRedis, runs: list[str]) -> None:
    redis_cache.kill()
    as_beat_sends("toegangslog-anker")
    assert len(runs) == 1  # fail open: the jobs are idempotent, and one beat runs by design


def test_every_entry_beat_loads_carries_its_name_and_a_lock_shorter_than_its_interval() -> None:
    app.loader.import_default_modules()
    beat = Scheduler(app=app, lazy=True)
    beat.setup_schedule()
    for name, entry in beat.schedule.items():
        if name.startswith("celery."):
            continue
        assert entry.options["headers"] == {tasks.SCHEDULE_HEADER: name}
        assert type(app.tasks[entry.task]).__mro__.count(tasks.ScheduledOnceTask) == 1
    assert tasks.hold_seconds(60.0) == 30.0
    from celery.schedules import crontab

    assert tasks.hold_seconds(crontab(minute="*/10")) == 300.0
    assert tasks.hold_seconds(crontab(hour=3, minute=40)) == tasks.MAX_HOLD
