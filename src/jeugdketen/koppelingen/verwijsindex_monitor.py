"""The verwijsindex's usage figures for the monitor. No domain app may import the index (Jeugdwet
7.1.2.1), so this integration app hands the monitor a source built on the index's aggregate
usage counters: registrations per year of the region's organisations, never a registration."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jeugdketen.organisaties.models import Regio
from jeugdketen.verwijsindex import selectors as verwijsindex


def meldingen(regio: Regio, jaren: Sequence[int]) -> list[dict[str, Any]]:
    per_jaar = verwijsindex.meldingen_per_jaar(regio.pk)
    return [{"gebied": "regio", "jaar": j, "teller": per_jaar.get(j, 0), "noemer": None} for j in jaren]
