"""Suppression: no figure the monitor shows can identify a person. One function for pages, CSV,
PDF and API: `onderdruk` decides which counts of a table are hidden; `Weergave` turns a decision
into the text everyone shows.

The rules (DOMAIN.md, "small-count practice"; the region sets the threshold, default 10):
1. A count under the threshold is hidden and shown as "< 10" (0 counts as small).
2. A count that could be worked out from what is shown is hidden too ("verborgen"): a table's
   lines (a row of parts with its total, or a column) are equations, and every hidden count must
   keep at least two possible values given every shown count, every line's equation, and what
   the display itself says (a "< 10" cell lies in 0..9, a "verborgen" cell is at least 10).
   `onderdruk` hides the smallest shown count of a line until interval propagation over all
   lines leaves every hidden count a range of two or more values. When nothing is left to hide
   and a count still follows (the display's own "< 10" and "verborgen" pin it down, e.g. a 2×2
   table of ones and twos at threshold 3), the table is withheld whole: every count "verborgen",
   which then says nothing (no count of a table is ever "verborgen" for being large unless one
   is small, so a table without any "< 10" is known to be withheld).
3. A percentage, rate or median is shown only when everything it is computed from is shown and
   it is about at least the threshold of people (`verhouding_zichtbaar`).

tests/monitor/test_onthulling.py checks rule 2 by brute force (hypothesis): for every hidden
count, the shown table admits at least two values.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from django.utils.translation import gettext as _

K = TypeVar("K", bound=Hashable)

STANDAARD_DREMPEL = 10
ONEINDIG = math.inf


class Reden(StrEnum):
    GETOOND = ""
    KLEIN = "klein"  # rule 1
    AFLEIDBAAR = "afleidbaar"  # rule 2


@dataclass(frozen=True)
class Lijn(Generic[K]):
    """An equation of the table: the parts add up to the total."""

    delen: tuple[K, ...]
    totaal: K


def _grenzen(reden: Reden, waarde: int, drempel: int) -> tuple[float, float]:
    if reden is Reden.GETOOND:
        return (waarde, waarde)
    if reden is Reden.KLEIN:
        return (0, drempel - 1)
    return (drempel, ONEINDIG)


def bereik(
    waarden: Mapping[K, int], redenen: Mapping[K, Reden], lijnen: Sequence[Lijn[K]], drempel: int
) -> dict[K, tuple[float, float]]:
    """What someone who sees the table can deduce: for every count an interval, tightened over
    the lines' equations until nothing changes (a shown count's interval is its value)."""
    if ingehouden(redenen):
        return dict.fromkeys(waarden, (0, ONEINDIG))
    grenzen = {k: _grenzen(redenen[k], waarden[k], drempel) for k in waarden}
    for _ronde in range(200):
        veranderd = False
        for lijn in lijnen:
            leden = [(k, 1) for k in lijn.delen] + [(lijn.totaal, -1)]
            for k, teken in leden:
                if redenen[k] is Reden.GETOOND:
                    continue
                # teken * x_k = -sum(other signs * x_j): its range from the others' intervals.
                laag = hoog = 0.0
                for j, t in leden:
                    if j == k:
                        continue
                    lo, hi = grenzen[j]
                    if t > 0:
                        laag, hoog = laag - hi, hoog - lo
                    else:
                        laag, hoog = laag + lo, hoog + hi
                if teken < 0:
                    laag, hoog = -hoog, -laag
                lo, hi = grenzen[k]
                nieuw = (max(lo, laag), min(hi, hoog))
                if nieuw != grenzen[k]:
                    grenzen[k] = nieuw
                    veranderd = True
        if not veranderd:
            break
    return grenzen


def onderdruk(waarden: Mapping[K, int], lijnen: Sequence[Lijn[K]], drempel: int) -> dict[K, Reden]:
    """Which counts of a table to hide, and why. `waarden` holds every count of the table (its
    parts and its totals); `lijnen` says which add up to which. Deterministic: the same table
    gives the same answer on every page and in every export."""
    volgorde = {k: i for i, k in enumerate(waarden)}
    redenen = {k: (Reden.KLEIN if v < drempel else Reden.GETOOND) for k, v in waarden.items()}
    lijnen_van: dict[K, list[Lijn[K]]] = {k: [] for k in waarden}
    for lijn in lijnen:
        for k in (*lijn.delen, lijn.totaal):
            lijnen_van[k].append(lijn)
    while True:
        grenzen = bereik(waarden, redenen, lijnen, drempel)
        vast = [k for k, r in redenen.items() if r is not Reden.GETOOND and grenzen[k][1] - grenzen[k][0] < 1]
        gekozen = None
        for k in sorted(vast, key=volgorde.__getitem__):
            kandidaten = [
                j for lijn in lijnen_van[k] for j in (*lijn.delen, lijn.totaal) if redenen[j] is Reden.GETOOND
            ]
            if kandidaten:
                # The smallest shown count; a part before a total; then the table's order.
                gekozen = min(kandidaten, key=lambda j: (waarden[j], _is_totaal(j, lijnen_van[j]), volgorde[j]))
                break
        if gekozen is None:
            if vast:  # nothing left to hide and still a count follows: withhold the whole table
                return dict.fromkeys(waarden, Reden.AFLEIDBAAR)
            return redenen
        redenen[gekozen] = Reden.AFLEIDBAAR


def ingehouden(redenen: Mapping[K, Reden]) -> bool:
    """The table is withheld whole (see rule 2): every count hidden, none of them as small."""
    return bool(redenen) and all(r is Reden.AFLEIDBAAR for r in redenen.values())


def _is_totaal(k: K, lijnen: Sequence[Lijn[K]]) -> bool:
    return any(lijn.totaal == k for lijn in lijnen)


def verhouding_zichtbaar(*redenen: Reden, basis: float | None, drempel: int) -> bool:
    """A share, rate or median is shown only over at least `drempel` people and when every count
    it is computed from is shown (else the hidden count would follow from it)."""
    return basis is not None and basis >= drempel and all(r is Reden.GETOOND for r in redenen)


def tekst(waarde: float | None, reden: Reden, drempel: int, *, decimalen: int = 0) -> str:
    """The one text every page, CSV, PDF and API shows for a count or value."""
    if reden is Reden.KLEIN:
        return f"< {drempel}"
    if reden is Reden.AFLEIDBAAR:
        return _("verborgen")
    if waarde is None:
        return ""
    if decimalen == 0:
        return f"{round(waarde):d}"
    return f"{waarde:.{decimalen}f}".replace(".", ",")
