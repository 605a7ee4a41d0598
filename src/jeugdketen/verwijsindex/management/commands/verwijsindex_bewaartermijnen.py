"""Execute the verwijsindex retention terms now (the same work as the nightly Celery beat job)."""

from typing import Any

from django.core.management.base import BaseCommand

from jeugdketen.verwijsindex.services import bewaartermijnen_uitvoeren


class Command(BaseCommand):
    help = "Voert de bewaartermijnen van de verwijsindex uit (verwijderen, archiveren, vernietigen)."

    def handle(self, *args: Any, **options: Any) -> None:
        run = bewaartermijnen_uitvoeren()
        self.stdout.write(
            f"verwijderd (2 jaar): {run.verwijderd_termijn}, verwijderd (23 jaar): {run.verwijderd_23}, "
            f"gearchiveerd: {run.gearchiveerd}, vernietigd: {run.vernietigd}, "
            f"matches beëindigd: {run.matches_beeindigd}"
        )
