"""Check the youths' data in the BRP now (the same work as the nightly Celery beat job)."""

from typing import Any

from django.core.management.base import BaseCommand

from jeugdketen.personen.services import brp_controle_uitvoeren


class Command(BaseCommand):
    help = "Controleert naam, geboortedatum, woonplaats, gezag en overlijden van de jeugdigen in de BRP."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"gecontroleerd: {brp_controle_uitvoeren()}")
