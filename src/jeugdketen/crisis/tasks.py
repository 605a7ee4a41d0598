"""Scheduled work: watch the running norm clocks (beat entry registered in apps.py, every 5 minutes)."""

from celery import shared_task


@shared_task(
    acks_late=True, reject_on_worker_lost=True, ignore_result=True, name="jeugdketen.crisis.tasks.normen_bewaken"
)
def normen_bewaken() -> int:
    from .services import normen_bewaken as bewaken

    return bewaken()
