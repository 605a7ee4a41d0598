"""`jeugdketen restore <map>`: into a new, empty database; then the copy is checked table by table
against the manifest and the access log is verified. Exit 1 on any difference."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jeugdketen.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Zet een back-up terug in een nieuwe, lege database (DATABASE_URL) en controleer de kopie: "
        "rijen en checksums per tabel, en het toegangslog."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("map", help="de map van `jeugdketen backup`")

    def handle(self, *args: object, **options: object) -> None:
        try:
            manifest, verschillen = restore(Path(str(options["map"])))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if verschillen:
            for regel in verschillen[:20]:
                self.stderr.write(regel)
            raise CommandError(f"De kopie wijkt af van het manifest: {len(verschillen)} tabel(len).")
        self.stdout.write(
            f"{len(manifest['tabellen'])} tabellen teruggezet: rijen en checksums gelijk aan het manifest."
        )
        # The access-log verifier on the copy (exit 1 when a row was changed, removed or moved).
        call_command("verify_toegangslog", stdout=self.stdout, stderr=self.stderr)
