"""Core's background tasks, and the one way an app puts a task on the Celery beat schedule.

Each app registers its periodic tasks in `AppConfig.ready()`::

    from jeugdketen.core.tasks import register_schedule
    register_schedule("gezinsplan-tijdsignalen", task="jeugdketen.gezinsplan.tasks.tijdsignalen",
                      schedule=crontab(hour=6, minute=30))

Nothing else writes the beat schedule (not settings, not an app's own code); the schedule in use
is `scheduled()`. Times are Europe/Amsterdam (CELERY_TIMEZONE). Every scheduled task must be
idempotent: beat may run it twice after a restart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeAlias

from celery import current_app, shared_task
from celery.schedules import crontab
from celery.signals import task_postrun, task_prerun
from django.core.exceptions import ImproperlyConfigured

from . import outbox

Schedule: TypeAlias = crontab | dt.timedelta | float
_registered: dict[str, dict[str, Any]] = {}
_task_tokens: dict[str, Any] = {}


def register_schedule(name: str, *, task: str, schedule: Schedule) -> None:
    """Put `task` (its dotted Celery name) on the beat schedule as `name`: at the times of a
    crontab, or every so many seconds (a number or a timedelta). Registering the same entry again
    changes nothing; another task or time under a name already taken is a configuration error."""
    seconds = schedule.total_seconds() if isinstance(schedule, dt.timedelta) else schedule
    entry: dict[str, Any] = {"task": task, "schedule": seconds}
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
