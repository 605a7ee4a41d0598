"""From a suppressed table to its chart: the chart plots exactly the table's shown values."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .selectors import Indicatortabel
from .svg import Punt, Reeks, lijngrafiek


def grafiek(t: Indicatortabel, *, id: str, gebieden: Sequence[tuple[str, str]], tot: int | None = None) -> SafeString:
    jaren = [j for j in t.jaren if tot is None or j <= tot]
    reeksen = []
    for code, naam in gebieden:
        punten = []
        for j in jaren:
            m = t.meting(code, j)
            punten.append(Punt(str(j), m.waarde.getal if m else None, m.waarde.tekst if m else ""))
        reeksen.append(Reeks(naam, punten))
    naam = str(t.indicator.naam)
    beschrijving = _(
        "Lijngrafiek van %(naam)s per jaar, %(van)s tot en met %(tot)s, voor %(gebieden)s. "
        "De cijfers staan in de tabel bij de grafiek; verborgen cijfers zijn niet getekend."
    ) % {
        "naam": naam.lower(),
        "van": jaren[0] if jaren else "",
        "tot": jaren[-1] if jaren else "",
        "gebieden": ", ".join(n for _c, n in gebieden),
    }
    return lijngrafiek(
        id=id,
        titel=naam,
        beschrijving=beschrijving,
        labels=[str(j) for j in jaren],
        reeksen=reeksen,
        eenheid=str(t.indicator.eenheid),
    )
