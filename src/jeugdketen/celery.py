"""Celery application: Redis broker in production, eager in the embedded default."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jeugdketen.settings")

# Every task's base class lets a run beat sent for a schedule entry run only once (core.tasks).
app = Celery("jeugdketen", task_cls="jeugdketen.core.tasks:ScheduledOnceTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
