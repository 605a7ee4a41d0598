"""Scheduled work: the nightly BRP check of the youths (beat entry registered in apps.py)."""

from celery import shared_task


@shared_task(acks_late=True, name="jeugdketen.personen.tasks.brp_controle")
def brp_controle() -> int:
    from .services import brp_controle_uitvoeren

    return brp_controle_uitvoeren()
