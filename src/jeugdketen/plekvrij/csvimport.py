"""CSV upload of many places at once (providers without their own system's API link), run by
core's row-import runner (core.importer).

The provider downloads its places (`KOLOMMEN_UIT`, the place id in the first column), changes
the numbers and uploads the file. Every row is validated; good rows are applied one by one, each
in its own transaction, through the same service as a tap (`services.plek_bijwerken`); bad rows
are reported with their line number and reason; a place of another organisation is answered like
a missing one (and the refusal is logged). The same file uploaded twice sets the same numbers
again: nothing changes twice (each row is an absolute state of its place, not a difference).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jeugdketen.core import importer, kalender
from jeugdketen.core.access import Actor, refuse, visible
from jeugdketen.core.models import Actie

from . import logevents, selectors, services
from .models import Bron, Plek

KOLOMMEN_UIT = ("plek", "locatie", "soort", "naam", "plekken", "niet_inzetbaar", "bezet", "vrij_vanaf")
INFORMATIEF = ("locatie", "soort", "naam")  # from the download; read but not applied
AANTALLEN = {"plekken": "gecontracteerd", "niet_inzetbaar": "buiten_gebruik", "bezet": "bezet", "vrij": "vrij"}
KOLOMMEN = ("plek", *INFORMATIEF, *AANTALLEN, "vrij_vanaf")
VERPLICHT = ("plek",)
MAX_REGELS = 2000
MAX_BYTES = 1_000_000
BIJGEWERKT = "bijgewerkt"


def _datum(waarde: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            datum = dt.datetime.strptime(waarde, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
        kalender.aannemelijk(datum, kalender.Doel.GEPLAND)  # a free place in year 9999 is a typing slip
        return datum
    raise ValidationError(_("'%(d)s' is geen datum. Schrijf bijvoorbeeld 2025-03-31.") % {"d": waarde[:20]})


def ontleed(waarden: Any) -> tuple[str, services.Wijziging]:
    """One row → (place id, change), or ValidationError with the reason."""
    plek = waarden.get("plek", "")
    if not plek:
        raise ValidationError(_("Vul in de kolom 'plek' de code van de plek in (uit het voorbeeldbestand)."))
    aantallen: dict[str, int] = {}
    for kolom, veld in AANTALLEN.items():
        waarde = waarden.get(kolom, "")
        if not waarde:
            continue
        if not waarde.isdigit() or int(waarde) > 999:
            raise ValidationError(
                _("In de kolom '%(k)s' staat '%(w)s'. Vul een heel getal van 0 tot en met 999 in.")
                % {"k": kolom, "w": waarde[:20]}
            )
        aantallen[veld] = int(waarde)
    if "bezet" in aantallen and "vrij" in aantallen:
        raise ValidationError(_("Vul 'bezet' of 'vrij' in, niet allebei."))
    vrij_vanaf: Any = services.UNSET
    if "vrij_vanaf" in waarden:
        vrij_vanaf = _datum(waarden["vrij_vanaf"]) if waarden["vrij_vanaf"] else None
    return plek, services.Wijziging(vrij_vanaf=vrij_vanaf, **aantallen)


def _regel(by: Actor, rij: importer.Rij) -> importer.Verwerkt:
    uuid, wijziging = ontleed(rij.waarden)
    plek = visible(by, Plek).filter(uuid=uuid).first() if selectors.is_uuid(uuid) else None
    if plek is None:
        refuse(
            by,
            object_type=logevents.ObjectType.PLEK,
            object_id=uuid[:64],
            segment=logevents.Segment.CSV,
            actie=Actie.UPDATE,
        )
    services.plek_bijwerken(plek=plek, by=by, wijziging=wijziging, basis_versie=None, bron=Bron.CSV)
    return importer.Verwerkt(rij.regel, BIJGEWERKT, str(plek.uuid))


def verwerken(*, by: Actor, data: bytes) -> importer.Resultaat:
    """Process an uploaded file. Raises ValidationError only when the file as a whole is unusable."""
    rijen = importer.lees_csv(data, kolommen=KOLOMMEN, verplicht=VERPLICHT, max_regels=MAX_REGELS)
    return importer.uitvoeren(
        rijen,
        lambda rij: _regel(by, rij),
        geweigerd=_("Deze plek bestaat niet of is niet van uw organisatie."),
    )
