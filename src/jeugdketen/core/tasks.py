from celery import shared_task

from . import outbox


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def relay_outbox() -> int:
    """Deliver due outbox rows. Runs after each commit that queued news, and on a schedule."""
    return outbox.relay()


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def deliver_outbox_row(bericht_id: int) -> bool:
    return outbox.deliver(bericht_id)
