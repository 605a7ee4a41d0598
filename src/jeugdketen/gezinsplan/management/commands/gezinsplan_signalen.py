"""Send the time-based gezinsplan notifications now (the daily job; idempotent)."""

from __future__ import annotations

import argparse
import datetime as dt

from django.core.management.base import BaseCommand, CommandParser

from jeugdketen.gezinsplan import services


def _datum(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError("De datum klopt niet. Gebruik JJJJ-MM-DD, bijvoorbeeld 2025-03-01.") from None


class Command(BaseCommand):
    help = "Signalen gezinsplan: evaluatie nodig of te laat, afspraak bijna of te laat, toestemming loopt af."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--datum", type=_datum, help="Doe alsof het vandaag deze datum is (JJJJ-MM-DD).")

    def handle(self, *args: object, datum: dt.date | None = None, **options: object) -> None:
        for soort, aantal in services.tijdsignalen_versturen(op=datum).items():
            self.stdout.write(f"{soort}: {aantal}")
