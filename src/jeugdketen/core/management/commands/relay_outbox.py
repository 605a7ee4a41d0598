from django.core.management.base import BaseCommand

from jeugdketen.core.outbox import relay


class Command(BaseCommand):
    help = "Lever wachtende berichten af (ook zonder wachtrij)."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"{relay()} bericht(en) afgeleverd.")
