"""One way to put a task on the Celery beat schedule (core.tasks.register_schedule, called from
each app's ready()): the schedule beat loads holds every app's periodic task, each names a task
the worker knows, and a second registration under a taken name is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from celery.beat import Scheduler
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from jeugdketen.celery import app
from jeugdketen.core import tasks

EVERY_APPS_TASKS = {
    "relay-outbox": "jeugdketen.core.tasks.relay_outbox",
    "toegangslog-anker": "jeugdketen.core.tasks.toegangslog_anker",
    "toegangslog-bewaartermijn": "jeugdketen.core.tasks.toegangslog_bewaartermijn",
    "idempotentie-opruimen": "jeugdketen.core.tasks.idempotentie_opruimen",
    "gezinsplan-tijdsignalen": "jeugdketen.gezinsplan.tasks.tijdsignalen",
    "toekomstplan-signalen": "jeugdketen.toekomstplan.tasks.signalen",
    "verwijsindex-bewaartermijnen": "jeugdketen.verwijsindex.tasks.bewaartermijnen",
    "crisis-normen-bewaken": "jeugdketen.crisis.tasks.normen_bewaken",
    "plekvrij-verlopen": "jeugdketen.plekvrij.tasks.verlopen",
    "plekvrij-dagstanden": "jeugdketen.plekvrij.tasks.dagstanden",
    "plekvrij-opschonen": "jeugdketen.plekvrij.tasks.opschonen",
    "personen-brp-controle": "jeugdketen.personen.tasks.brp_controle",
    "monitor-feiten": "jeugdketen.monitor.tasks.feiten_berekenen",
    "monitor-jaarrapporten": "jeugdketen.monitor.tasks.jaarrapporten",
}


def test_the_schedule_beat_loads_holds_every_apps_tasks() -> None:
    app.loader.import_default_modules()  # what the worker does: import every app's tasks module
    beat = Scheduler(app=app, lazy=True)
    beat.setup_schedule()
    loaded = {name: entry.task for name, entry in beat.schedule.items() if not name.startswith("celery.")}
    assert loaded == EVERY_APPS_TASKS
    assert set(tasks.scheduled()) == set(EVERY_APPS_TASKS)
    for task in loaded.values():
        assert task in app.tasks, f"{task} is scheduled but no such task is registered"
    assert beat.schedule["relay-outbox"].schedule.run_every == dt.timedelta(seconds=60)
    assert beat.schedule["verwijsindex-bewaartermijnen"].schedule == crontab(hour=2, minute=15)


def test_registering_again_is_harmless_but_a_taken_name_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks, "_registered", {})
    monkeypatch.setitem(app.conf, "beat_schedule", {})
    tasks.register_schedule("test-elke-minuut", task="jeugdketen.core.tasks.relay_outbox", schedule=60)
    tasks.register_schedule("test-elke-minuut", task="jeugdketen.core.tasks.relay_outbox", schedule=60.0)
    tasks.register_schedule("test-nacht", task="jeugdketen.core.tasks.relay_outbox", schedule=dt.timedelta(hours=1))
    assert app.conf.beat_schedule["test-nacht"]["schedule"] == 3600.0
    with pytest.raises(ImproperlyConfigured, match="test-elke-minuut"):
        tasks.register_schedule("test-elke-minuut", task="jeugdketen.gezinsplan.tasks.tijdsignalen", schedule=60)
