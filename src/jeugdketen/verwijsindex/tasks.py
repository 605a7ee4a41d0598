"""Scheduled work: the retention terms (Celery beat entry registered in apps.py, nightly 02:15)."""

from celery import shared_task


@shared_task(acks_late=True, name="jeugdketen.verwijsindex.tasks.bewaartermijnen")
def bewaartermijnen() -> dict[str, int]:
    from .services import bewaartermijnen_uitvoeren

    run = bewaartermijnen_uitvoeren()
    return {
        "verwijderd_termijn": run.verwijderd_termijn,
        "verwijderd_23": run.verwijderd_23,
        "gearchiveerd": run.gearchiveerd,
        "vernietigd": run.vernietigd,
    }
