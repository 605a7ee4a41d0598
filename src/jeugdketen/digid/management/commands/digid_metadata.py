"""Print our SAML metadata for DigiD (what Logius needs for the connection), from the DIGID_*
settings: `jeugdketen digid_metadata > jeugdketen-digid.xml`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jeugdketen.digid.client import DigiDClient


class Command(BaseCommand):
    help = "Print the service provider metadata for DigiD, made from the DIGID_* environment variables."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DIGID_ENABLED:
            raise CommandError("DIGID_ENABLED is off: set the DIGID_* variables first (docs/operations.md).")
        client = DigiDClient()
        client.saml2_setting_kwargs = {"sp_validation_only": True}  # our side only
        metadata = client.create_metadata()
        if not metadata.startswith(b"<?xml"):
            metadata = b'<?xml version="1.0" encoding="UTF-8"?>\n' + metadata
        self.stdout.write(metadata.decode())
