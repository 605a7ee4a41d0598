"""CSV upload of many places at once (providers without their own system's API link).

The provider downloads its places (`KOLOMMEN_UIT`, the place id in the first column), changes
the numbers and uploads the file. Every row is validated; good rows are applied one by one, each
in its own transaction (`services.plekken_bijwerken`); bad rows are reported with their line
number and reason. The same file uploaded twice changes nothing the second time.

Shape: `lees` turns the file into numbered rows (or one file-level error), `ontleed` turns one
row into a change (or a row error), and the service applies them. That is the split a shared
row-import runner needs, so this module can move onto `core.importer` once it exists (it did
not when this was written) without touching the service.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jeugdketen.core.access import Actor

from . import services
from .models import Bron

KOLOMMEN_UIT = ("plek", "locatie", "soort", "naam", "plekken", "niet_inzetbaar", "bezet", "vrij_vanaf")
INFORMATIEF = {"locatie", "soort", "naam"}  # from the download; read but not applied
AANTALLEN = {"plekken": "gecontracteerd", "niet_inzetbaar": "buiten_gebruik", "bezet": "bezet", "vrij": "vrij"}
TOEGESTAAN = {"plek", "vrij_vanaf", *INFORMATIEF, *AANTALLEN}
MAX_REGELS = 2000
MAX_BYTES = 1_000_000


@dataclass
class Importresultaat:
    gelukt: list[tuple[int, str, int | None]] = field(default_factory=list)  # (line, place, free now)
    fouten: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)


def _tekst(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("Het bestand is geen tekstbestand (CSV)."))


def lees(data: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    """Numbered rows (line 1 is the header); a ValidationError when the file as a whole is unusable."""
    tekst = _tekst(data)
    try:
        dialect: Any = csv.Sniffer().sniff(tekst[:2048], delimiters=",;\t")
    except csv.Error:
        delimiter = ";" if tekst.count(";") >= tekst.count(",") else ","
        dialect = type("Gok", (csv.excel,), {"delimiter": delimiter})
    reader = csv.DictReader(io.StringIO(tekst), dialect=dialect)
    kop = [(k or "").strip().lower() for k in (reader.fieldnames or [])]
    if "plek" not in kop:
        raise ValidationError(
            _("De eerste regel moet de kolomnamen bevatten, met in elk geval 'plek'. Download het voorbeeldbestand.")
        )
    onbekend = [k for k in kop if k not in TOEGESTAAN]
    if onbekend:
        raise ValidationError(
            _("Onbekende kolom: %(k)s. Toegestaan zijn: %(t)s.")
            % {"k": ", ".join(onbekend)[:100], "t": ", ".join(sorted(TOEGESTAAN))}
        )
    reader.fieldnames = kop
    for index, rij in enumerate(reader):
        if index >= MAX_REGELS:
            raise ValidationError(_("Te veel regels: hoogstens %(n)s per bestand.") % {"n": MAX_REGELS})
        yield index + 2, rij


def _datum(waarde: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(waarde, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValidationError(_("'%(d)s' is geen datum. Schrijf bijvoorbeeld 2025-03-31.") % {"d": waarde[:20]})


def ontleed(rij: dict[str, Any]) -> tuple[str, services.Wijziging] | None:
    """One row → (place id, change); None for an empty row; ValidationError with the reason."""
    if None in rij:
        raise ValidationError(_("Deze regel heeft meer kolommen dan de kop."))
    waarden = {k: (v or "").strip() for k, v in rij.items()}
    if not any(waarden.values()):
        return None
    plek = waarden.get("plek", "")
    if not plek:
        raise ValidationError(_("Vul in de kolom 'plek' de code van de plek in (uit het voorbeeldbestand)."))
    aantallen: dict[str, int | None] = {}
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
    if "vrij_vanaf" in rij:
        vrij_vanaf = _datum(waarden["vrij_vanaf"]) if waarden["vrij_vanaf"] else None
    return plek, services.Wijziging(vrij_vanaf=vrij_vanaf, **aantallen)


def verwerken(*, by: Actor, data: bytes) -> Importresultaat:
    resultaat = Importresultaat()
    regels: list[tuple[str, services.Wijziging]] = []
    regelnummers: list[int] = []
    for nummer, rij in lees(data):
        try:
            ontleed_ = ontleed(rij)
        except ValidationError as exc:
            resultaat.fouten.append((nummer, " ".join(exc.messages)))
            continue
        if ontleed_ is not None:
            regels.append(ontleed_)
            regelnummers.append(nummer)
    for uitkomst in services.plekken_bijwerken(by=by, regels=regels, bron=Bron.CSV):
        nummer = regelnummers[uitkomst.regel - 1]
        if uitkomst.gelukt:
            resultaat.gelukt.append((nummer, uitkomst.plek, uitkomst.vrij))
        else:
            resultaat.fouten.append((nummer, " ".join(m for ms in uitkomst.fouten.values() for m in ms)))
    resultaat.fouten.sort()
    return resultaat
