"""One row-import runner for every upload and message import (the verwijsindex CSV upload now; the
iJw messages and the plekvrij and jeugdhulp CSV imports next).

ARCHITECTURE.md: "Imports validate every row, apply the good ones atomically per row, and report
each bad one with its line number and reason." The runner does exactly that, so an importer only
writes how to read its source and what one row means:

    rijen = importer.lees_csv(data, kolommen=KOLOMMEN, verplicht=("bsn", "geboortedatum"))
    resultaat = importer.uitvoeren(rijen, verwerk=lambda rij: _regel(actor, rij))

* `lees_csv` (or any other reader yielding `Rij` and `Fout`) turns a file into numbered rows. A
  file that is unusable as a whole (not text, no header, an unknown column) raises
  ValidationError before any row is applied; a bad line becomes a `Fout` and the rest goes on.
* `uitvoeren` calls `verwerk` for each row in its own transaction: a row that raises
  ValidationError (bad input, with a Dutch message) or `Geweigerd` (not the actor's to change)
  changes nothing and is reported with its line number; the good rows before and after it stay.
  Any other exception is a bug and is raised.
* Re-uploading the same file must change nothing twice. The runner keeps no record of files (a
  record of rows would hold personal data); `verwerk` is idempotent on the row's natural key
  instead (registering what is already registered reports "already there", removing what is
  gone reports "not found"). Each row's outcome code is the importer's own.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .access import Geweigerd

MAX_REGELS = 5000
# No column of any import holds more than this; a longer value is a row error (not stored, not a 500).
MAX_WAARDE = 1000


class Rij(NamedTuple):
    """One row of the source: its line number (as the user sees it in the file) and its values."""

    regel: int
    waarden: Mapping[str, Any]


class Verwerkt(NamedTuple):
    """A row that was applied, with the importer's outcome code and optionally what it touched."""

    regel: int
    uitkomst: str
    sleutel: str = ""


class Fout(NamedTuple):
    """A row that was not applied, and why (plain Dutch, no personal data)."""

    regel: int
    melding: str


@dataclass
class Resultaat:
    regels: list[Verwerkt] = field(default_factory=list)
    fouten: list[Fout] = field(default_factory=list)

    def aantal(self, uitkomst: str) -> int:
        return sum(1 for r in self.regels if r.uitkomst == uitkomst)


def uitvoeren(
    rijen: Iterable[Rij | Fout],
    verwerk: Callable[[Rij], str | Verwerkt],
    *,
    geweigerd: str | None = None,
) -> Resultaat:
    """Apply each row through `verwerk` in its own transaction; collect outcomes and errors.

    `verwerk` returns the outcome code (or a `Verwerkt` with a key); `geweigerd` is the message
    for a row the actor may not change (a logged refusal)."""
    resultaat = Resultaat()
    for rij in rijen:
        if isinstance(rij, Fout):
            resultaat.fouten.append(rij)
            continue
        try:
            with transaction.atomic():
                uitkomst = verwerk(rij)
        except ValidationError as exc:
            resultaat.fouten.append(Fout(rij.regel, " ".join(str(m) for m in exc.messages)))
        except Geweigerd:
            resultaat.fouten.append(Fout(rij.regel, geweigerd or _("Dit mag u niet veranderen.")))
        else:
            resultaat.regels.append(uitkomst if isinstance(uitkomst, Verwerkt) else Verwerkt(rij.regel, uitkomst))
    return resultaat


def _tekst(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("Het bestand is geen tekstbestand (CSV)."))


def _dialect(tekst: str) -> type[csv.Dialect]:
    try:
        return csv.Sniffer().sniff(tekst[:2048], delimiters=",;\t")
    except csv.Error:
        # A subclass: setting the attribute on csv.excel itself would change it for the process.
        delimiter = ";" if tekst.count(";") > tekst.count(",") else ","
        return type("Gok", (csv.excel,), {"delimiter": delimiter})


def _opsomming(namen: Sequence[str]) -> str:
    quoted = [f"'{n}'" for n in namen]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " " + _("en") + " " + quoted[-1]


def lees_csv(
    data: bytes,
    *,
    kolommen: Sequence[str],
    verplicht: Sequence[str],
    max_regels: int = MAX_REGELS,
    lengtes: Mapping[str, int] | None = None,
) -> Iterator[Rij | Fout]:
    """The rows of a CSV file (UTF-8 or Windows-1252; comma, semicolon or tab) whose first line
    names the columns (any case). Checks the file as a whole first — raising ValidationError when
    it is not text, misses a required column or has one that is not allowed — then yields a `Rij`
    per non-empty line (values stripped) and a `Fout` for a line with more values than columns or
    a value longer than its column allows (`lengtes`, the limit of the field it is stored in;
    `MAX_WAARDE` for the others). After `max_regels` rows it reports the next line as an error and stops."""
    tekst = _tekst(data)
    reader = csv.DictReader(io.StringIO(tekst), dialect=_dialect(tekst))
    kop = [k.strip().lower() for k in (reader.fieldnames or [])]
    if not all(k in kop for k in verplicht):
        raise ValidationError(
            _("De eerste regel moet de kolomnamen bevatten, in elk geval %(kolommen)s.")
            % {"kolommen": _opsomming(verplicht)}
        )
    onbekend = [k for k in kop if k not in kolommen]
    if onbekend:
        raise ValidationError(
            _("Onbekende kolom: %(k)s. Toegestaan zijn alleen: %(t)s.")
            % {"k": ", ".join(onbekend), "t": ", ".join(kolommen)}
        )
    reader.fieldnames = kop
    return _rijen(reader, max_regels, lengtes or {})


def _rijen(reader: csv.DictReader[str], max_regels: int, lengtes: Mapping[str, int]) -> Iterator[Rij | Fout]:
    index, vorige = 0, 1
    while True:
        try:
            rij = next(reader)
        except StopIteration:
            return
        except csv.Error:
            # A value beyond the csv module's field limit (128 KiB, e.g. an unclosed quote): the
            # line is an error the user can fix, never a server error; the rest goes on.
            vorige = max(reader.line_num, vorige + 1)  # the reader may not have counted the bad line yet
            yield Fout(vorige, _("Deze regel kan niet worden gelezen: een waarde is veel te lang."))
            continue
        regel = vorige = reader.line_num  # the line in the file (a quoted value may span lines; 1 is the header)
        if index >= max_regels:
            yield Fout(regel, _("Te veel regels: maximaal %(n)s per bestand.") % {"n": max_regels})
            return
        index += 1
        if None in rij:
            yield Fout(regel, _("Deze regel heeft meer kolommen dan de kop."))
            continue
        waarden = {k: (v or "").strip() for k, v in rij.items()}
        te_lang = [(k, lengtes.get(k, MAX_WAARDE)) for k, v in waarden.items() if len(v) > lengtes.get(k, MAX_WAARDE)]
        if te_lang:
            yield Fout(
                regel,
                " ".join(
                    _("De waarde in kolom %(k)s is te lang: maximaal %(n)s tekens.") % {"k": k, "n": n}
                    for k, n in te_lang
                ),
            )
            continue
        if any(waarden.values()):
            yield Rij(regel, waarden)
