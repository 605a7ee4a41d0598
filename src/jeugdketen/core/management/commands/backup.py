"""`jeugdketen backup <map>`: the database plus a signed manifest (row counts, checksums, key ids)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jeugdketen.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Maak een back-up van de database in een nieuwe map, met een manifest (rijen en checksums per tabel)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("map", help="nieuwe of lege map voor de back-up")
        parser.add_argument("--database", default="default", help="database-alias (standaard: default)")

    def handle(self, *args: object, **options: object) -> None:
        try:
            manifest = backup(Path(str(options["map"])), alias=str(options["database"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rijen = sum(t["rijen"] for t in manifest["tabellen"].values())
        self.stdout.write(
            f"Back-up gemaakt: {manifest['bestand']} ({len(manifest['tabellen'])} tabellen, {rijen} rijen), "
            f"toegangslogsleutel {manifest['sleutels']['toegangslog']['id']}, "
            f"pseudoniemsleutel {manifest['sleutels']['pseudoniem']['id']}."
        )
