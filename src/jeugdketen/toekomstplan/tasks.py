from celery import shared_task

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def signalen() -> dict[str, int]:
    """Daily: 16.5 without a toekomstplan, 6 and 3 months before 18 with must-items open."""
    return services.signalen_versturen()
