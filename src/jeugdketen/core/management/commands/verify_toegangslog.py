"""Recompute every access-log row's keyed hash; exit non-zero when a row was changed."""

from django.core.management.base import BaseCommand, CommandError

from jeugdketen.core.models import Toegangslogregel
from jeugdketen.core.toegangslog import verify_rows


class Command(BaseCommand):
    help = "Controleer of het toegangslog onveranderd is."

    def handle(self, *args: object, **options: object) -> None:
        broken = verify_rows(Toegangslogregel.objects.all())
        if broken:
            raise CommandError(f"Toegangslog gewijzigd: {len(broken)} regel(s), eerste id {broken[0]}")
        self.stdout.write("Toegangslog onveranderd.")
