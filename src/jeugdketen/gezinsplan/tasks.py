"""Scheduled work: the daily time-based notifications (beat entry registered in apps.py, 06:30)."""

from celery import shared_task


@shared_task(
    acks_late=True, reject_on_worker_lost=True, ignore_result=True, name="jeugdketen.gezinsplan.tasks.tijdsignalen"
)
def tijdsignalen() -> dict[str, int]:
    from .services import tijdsignalen_versturen

    return tijdsignalen_versturen()
