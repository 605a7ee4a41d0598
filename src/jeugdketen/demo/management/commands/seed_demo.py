from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jeugdketen.demo import jeugdhulp_massa
from jeugdketen.demo.generator import build


class Command(BaseCommand):
    help = "Bouw de demo-regio Parkstad (deterministisch; --size schaalt het aantal organisaties)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", type=int, default=1)
        parser.add_argument("--seed", type=int, default=20181)

    def handle(self, *args: Any, **options: Any) -> None:
        regio = build(size=options["size"], seed=options["seed"])
        # Parkstad's youth care 2018–now, `size` times over (a few seconds per unit; the tests build
        # the region without it and call it themselves where they need the figures).
        jeugdhulp_massa.bouwen(regio, size=options["size"])
        self.stdout.write(f"Demo-regio {regio} klaar.")
