from celery import shared_task

from . import berekening, services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def feiten_berekenen() -> int:
    """Nightly: every region's facts, replaced in one transaction per region (idempotent)."""
    return len(berekening.bereken_alle())


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def jaarrapporten() -> int:
    """Monthly: the yearly reports of last year and this year so far (idempotent)."""
    return services.jaarrapporten_maken()
