from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jeugdketen.demo import schaal
from jeugdketen.demo.generator import DEMO_PASSWORD, build


class Command(BaseCommand):
    help = (
        "Bouw de demo-regio's (deterministisch). --size N voegt N × 1000 gezinnen met plan toe in "
        "landelijke verhoudingen (--size 500 is landelijke schaal), per eenheid vastgelegd."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", type=int, default=1)
        parser.add_argument("--seed", type=int, default=20181)

    def handle(self, *args: Any, **options: Any) -> None:
        from django.contrib.auth.hashers import make_password

        size = options["size"]
        # The hand-made demo (every role, every state) once, whatever the size; the volume comes
        # from demo/schaal.py in units committed one by one (bounded memory, resumable).
        regio = build(size=min(size, 1), seed=options["seed"])
        schaal.bouwen(schaal.demo_regions(), size=size, password=make_password(DEMO_PASSWORD))
        self.stdout.write(f"Demo-regio {regio} klaar.")
