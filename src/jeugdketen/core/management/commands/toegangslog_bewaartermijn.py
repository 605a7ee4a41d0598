"""Delete access-log rows past their retention term (>= 5 years), keeping the chains verifiable."""

from django.core.management.base import BaseCommand

from jeugdketen.core.toegangslog import anker_zetten, bewaartermijn_uitvoeren


class Command(BaseCommand):
    help = "Verwijdert toegangslogregels waarvan de bewaartermijn (minstens 5 jaar) voorbij is."

    def handle(self, *args: object, **options: object) -> None:
        deleted = bewaartermijn_uitvoeren()
        anker_zetten()
        self.stdout.write(f"{deleted} regel(s) verwijderd.")
