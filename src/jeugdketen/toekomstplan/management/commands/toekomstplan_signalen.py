"""Send the time-based toekomstplan notifications now (the daily job; idempotent)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from jeugdketen.toekomstplan import services


class Command(BaseCommand):
    help = "Signalen toekomstplan: 16,5 jaar zonder plan; 6 en 3 maanden voor 18 met open moet-onderdelen."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--datum", help="Doe alsof het vandaag deze datum is (JJJJ-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        op = None
        if options.get("datum"):
            try:
                op = dt.date.fromisoformat(options["datum"])
            except ValueError:
                raise CommandError("De datum klopt niet. Gebruik JJJJ-MM-DD, bijvoorbeeld 2025-03-01.") from None
        sent = services.signalen_versturen(op=op)
        self.stdout.write(", ".join(f"{soort}: {aantal}" for soort, aantal in sent.items()))
