"""Rotate the verwijsindex pseudonym key without losing a registration, match or archive entry.

Usage (see docs/verwijsindex.md "Key rotation"):

    JEUGDKETEN_PSEUDONYM_KEY_NEW=<new secret> jeugdketen verwijsindex_sleutel_roteren

Then, before the app serves again, set JEUGDKETEN_PSEUDONYM_KEY=<new secret> and append the old
key to JEUGDKETEN_PSEUDONYM_KEY_CHAIN. The new key is read from the environment, never from the
command line (which other users of the machine can see).
"""

import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from jeugdketen.verwijsindex.services import sleutel_roteren


class Command(BaseCommand):
    help = (
        "Vervangt de sleutel van de pseudoniemen in de verwijsindex (nieuwe sleutel uit JEUGDKETEN_PSEUDONYM_KEY_NEW)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        nieuw = os.environ.get("JEUGDKETEN_PSEUDONYM_KEY_NEW", "")
        if not nieuw:
            raise CommandError("Zet eerst de nieuwe sleutel in JEUGDKETEN_PSEUDONYM_KEY_NEW.")
        try:
            n = sleutel_roteren(nieuwe_sleutel=nieuw)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(
            f"{n} sleutels omgezet. Zet nu JEUGDKETEN_PSEUDONYM_KEY op de nieuwe sleutel en voeg de oude "
            "achteraan toe aan JEUGDKETEN_PSEUDONYM_KEY_CHAIN."
        )
