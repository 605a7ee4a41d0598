"""CSV for municipalities and providers without iJw files (issue 10, point 5).

Waits for the kernel's row-import runner (core.importer): until it lands the upload page explains
that CSV is not available yet, rather than a second runner being written here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

KOLOMMEN = (
    "actie",
    "bsn",
    "geboortedatum",
    "achternaam",
    "gemeente",
    "toewijzingnummer",
    "aanbieder_agb",
    "productcategorie",
    "productcode",
    "ingangsdatum",
    "einddatum",
    "volume",
    "eenheid",
    "frequentie",
    "verwijzer",
    "aanmelddatum",
    "intakedatum",
    "begindatum",
    "reden_beeindiging",
)


def verwerken(*, actor: Any, data: bytes) -> Any:
    raise ValidationError(_("Aanleveren met een CSV-bestand kan nog niet. Gebruik een iJw-bericht of het scherm."))
