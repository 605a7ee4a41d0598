from celery import shared_task

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def verlopen() -> int:
    """Every 5 minutes: release reservations whose time is up (searches count them free already)."""
    return services.reserveringen_laten_verlopen()


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def dagstanden() -> int:
    """Daily: the monitor's totals per region and kind (idempotent)."""
    return services.dagstanden_vastleggen()


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def opschonen() -> int:
    """Daily: erase initials and notes of reservations finished more than 30 days ago."""
    return services.reserveringen_opschonen()
