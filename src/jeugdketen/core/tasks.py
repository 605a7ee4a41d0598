"""Core's background tasks, and the one way an app puts a task on the Celery beat schedule.

Each app registers its periodic tasks in `AppConfig.ready()`::

    from jeugdketen.core.tasks import register_schedule
    register_schedule("gezinsplan-tijdsignalen", task="jeugdketen.gezinsplan.tasks.tijdsignalen",
                      schedule=crontab(hour=6, minute=30))

Nothing else writes the beat schedule (not settings, not an app's own code); the schedule in use
is `scheduled()`. Times are Europe/Amsterdam (CELERY_TIMEZONE). Every scheduled task must be
idempotent: beat may run it twice after a restart.

Scheduled jobs never run twice with two app nodes: there is one beat by design (docs/operations.md),
and each run that beat sends carries its entry's name (the `jeugdketen_schedule` header); the base
class of every task (`ScheduledOnceTask`, celery.py) lets only the first run of an entry within
half its interval proceed, with a lock in the shared cache (Redis). A second beat started by
mistake, or a run sent twice, is skipped on every worker. Runs not sent by beat (the outbox relay
after a commit, a command) are never held back. While the cache is down the lock cannot be taken
and the run proceeds: the tasks are idempotent, and the broker is then usually down too.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any, TypeAlias

from celery import Task, current_app, shared_task
from celery.schedules import crontab
from celery.signals import task_postrun, task_prerun
from django.core.exceptions import ImproperlyConfigured

from . import outbox

logger = logging.getLogger(__name__)

Schedule: TypeAlias = crontab | dt.timedelta | float
_registered: dict[str, dict[str, Any]] = {}
SCHEDULE_HEADER = "jeugdketen_schedule"
MAX_HOLD = 3600.0  # seconds: a daily job's lock, long enough for any duplicate beat sends


def _crontab_gap(schedule: crontab) -> float:
    """Seconds between the first two times a crontab fires in the next two days (or two days)."""
    start = dt.datetime(2026, 1, 5)  # any fixed Monday: the gap of a crontab does not depend on it
    fires = []
    for minute in range(2 * 24 * 60):
        t = start + dt.timedelta(minutes=minute)
        if (
            t.minute in schedule.minute
            and t.hour in schedule.hour
            and t.isoweekday() % 7 in schedule.day_of_week
            and t.day in schedule.day_of_month
            and t.month in schedule.month_of_year
        ):
            fires.append(t)
            if len(fires) == 2:
                return (fires[1] - fires[0]).total_seconds()
    return 2 * 24 * 3600.0


def hold_seconds(schedule: Any) -> float:
    """How long a scheduled run holds its entry's lock: half its interval, at most MAX_HOLD."""
    gap = _crontab_gap(schedule) if isinstance(schedule, crontab) else float(schedule)
    return max(1.0, min(gap / 2, MAX_HOLD))


def claim_scheduled_run(name: str) -> bool:
    """Take the lock of schedule entry `name` in the shared cache; False: another run has it."""
    from django.core.cache import cache

    from .cache import CacheUnavailable, strict

    hold = hold_seconds(_registered[name]["schedule"]) if name in _registered else 30.0
    try:
        with strict():
            return bool(cache.add(f"jeugdketen:gepland:{name}", uuid.uuid4().hex, timeout=hold))
    except CacheUnavailable:
        logger.warning("scheduled run of %s without its lock: the cache is unavailable", name)
        return True


class ScheduledOnceTask(Task):  # type: ignore[misc]  # celery has no type hints
    """Base of every task: a run that beat sent for a schedule entry runs once per interval."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        headers = getattr(self.request, "headers", None) or {}
        name = headers.get(SCHEDULE_HEADER) or getattr(self.request, SCHEDULE_HEADER, None)
        if name and not claim_scheduled_run(str(name)):
            logger.info("scheduled run of %s skipped: it already ran on another worker", name)
            return None
        return super().__call__(*args, **kwargs)


_task_tokens: dict[str, Any] = {}


def register_schedule(name: str, *, task: str, schedule: Schedule) -> None:
    """Put `task` (its dotted Celery name) on the beat schedule as `name`: at the times of a
    crontab, or every so many seconds (a number or a timedelta). Registering the same entry again
    changes nothing; another task or time under a name already taken is a configuration error."""
    seconds = schedule.total_seconds() if isinstance(schedule, dt.timedelta) else schedule
    entry: dict[str, Any] = {"task": task, "schedule": seconds, "options": {"headers": {SCHEDULE_HEADER: name}}}
    if name in _registered and _registered[name] != entry:
        raise ImproperlyConfigured(f"beat schedule {name!r} is already registered as {_registered[name]}")
    _registered[name] = entry
    current_app.conf.beat_schedule[name] = entry


@task_prerun.connect(dispatch_uid="jeugdketen-taak-request-id")
def _task_request_id(task_id: str | None = None, **kwargs: Any) -> None:
    """A task's access-log entries carry `taak-<its id>` instead of "-"; a task run eagerly within
    a request keeps that request's id."""
    from .toegangslog import huidig_request_id

    if task_id and not huidig_request_id.get():
        _task_tokens[task_id] = huidig_request_id.set(f"taak-{task_id}"[:64])


@task_postrun.connect(dispatch_uid="jeugdketen-taak-request-id-einde")
def _task_request_id_done(task_id: str | None = None, **kwargs: Any) -> None:
    from .toegangslog import huidig_request_id

    token = _task_tokens.pop(task_id or "", None)
    if token is not None:
        try:
            huidig_request_id.reset(token)
        except ValueError:  # set in another context (another thread of the pool): nothing to undo here
            huidig_request_id.set("")


def scheduled() -> dict[str, dict[str, Any]]:
    """The entries registered so far (name -> task and schedule), as beat will read them."""
    return dict(_registered)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def relay_outbox() -> int:
    """Deliver due outbox rows. Runs after each commit that queued news, and on a schedule."""
    return outbox.relay()


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def toegangslog_anker() -> int:
    """Record where each access-log chain stands (rows cut from a chain's end are found)."""
    from .toegangslog import anker_zetten

    return anker_zetten()


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def toegangslog_bewaartermijn() -> int:
    """Delete access-log rows past their term (SECURITY A7); idempotent, never younger rows."""
    from .toegangslog import anker_zetten, bewaartermijn_uitvoeren

    deleted = bewaartermijn_uitvoeren()
    anker_zetten()
    return deleted


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def idempotentie_opruimen() -> int:
    """Remove Idempotency-Keys past their term (SECURITY F3); idempotent."""
    from .idempotentie import opruimen

    return opruimen()
