"""One CSV download for every app: the table a page shows, as a spreadsheet opens it.

The format is the same everywhere: semicolons between cells (a Dutch spreadsheet reads a comma as
the decimal sign), UTF-8 with a byte order mark (so Excel reads "ë" and "€"), an optional block of
header lines (e.g. an indicator's definition), then one line of column names and one line per row.

A cell that a spreadsheet would run as a formula (text beginning with = + - @, a tab or a carriage
return: CSV injection) gets a leading apostrophe, so free text typed by staff stays text. A plain
number ("-3,5", "+2") is left as it is: it is a value, not a formula.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence

from django.http import HttpResponse

FORMULE_BEGIN = ("=", "+", "-", "@", "\t", "\r")
_GETAL = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_BESTANDSNAAM = re.compile(r"[A-Za-z0-9_.-]+\.csv")


def cel(waarde: object) -> object:
    """The cell as written: text that would start a formula gets a leading apostrophe."""
    if isinstance(waarde, str) and waarde.startswith(FORMULE_BEGIN) and not _GETAL.fullmatch(waarde):
        return "'" + waarde
    return waarde


def csv_tekst(
    rijen: Iterable[Mapping[str, object]], kolommen: Sequence[str], *, kop: Sequence[Sequence[object]] = ()
) -> str:
    """The file's text (without the byte order mark): `kop` lines, the column names, a line per row
    with the row's value for each column ("" where the row has none)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for regel in kop:
        writer.writerow([cel(w) for w in regel])
    writer.writerow([cel(k) for k in kolommen])
    for rij in rijen:
        writer.writerow([cel(rij.get(k, "")) for k in kolommen])
    return buffer.getvalue()


def csv_response(
    rijen: Iterable[Mapping[str, object]],
    kolommen: Sequence[str],
    *,
    filename: str,
    kop: Sequence[Sequence[object]] = (),
) -> HttpResponse:
    """The CSV as a download. `filename` is fixed text (letters, digits, - _ .), never a person's
    name in a header."""
    if not _BESTANDSNAAM.fullmatch(filename):
        raise ValueError(f"not a plain CSV file name: {filename!r}")
    response = HttpResponse("\ufeff" + csv_tekst(rijen, kolommen, kop=kop), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
