"""The decision letter for the family, in plain Dutch (B1), with how to object (Awb).

* Bezwaar: within six weeks (Awb art. 6:7); the term starts the day after the decision was made
  known (art. 6:8); a term that ends on a Saturday, Sunday or public holiday runs to the next
  working day (Algemene termijnenwet art. 1). The letter gives the last day, counted that way.
* The objection goes to the municipality's college of mayor and aldermen, in writing, with name,
  address, date, which decision and why (art. 6:5); the letter says so in plain words.
* Care that cannot wait: a provisional measure from the court (art. 8:81), mentioned briefly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from jeugdketen.core import kalender

from . import selectors
from .models import Beschikking

BEZWAAR_WEKEN = 6


def _paasmaandag(jaar: int) -> dt.date:
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher) for Easter Sunday, plus one day.
    a, b, c = jaar % 19, jaar // 100, jaar % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    maand, dag = divmod(h + m - 7 * n + 114, 31)
    return dt.date(jaar, maand, dag + 1) + dt.timedelta(days=1)


def feestdagen(jaar: int) -> set[dt.date]:
    """The public holidays of the Algemene termijnenwet art. 3 (Liberation Day every year)."""
    paasmaandag = _paasmaandag(jaar)
    koningsdag = dt.date(jaar, 4, 27)
    if koningsdag.weekday() == 6:  # on a Sunday: the day before
        koningsdag -= dt.timedelta(days=1)
    return {
        dt.date(jaar, 1, 1),
        paasmaandag - dt.timedelta(days=3),  # Goede Vrijdag
        paasmaandag - dt.timedelta(days=1),  # Pasen
        paasmaandag,
        koningsdag,
        dt.date(jaar, 5, 5),
        paasmaandag + dt.timedelta(days=38),  # Hemelvaartsdag
        paasmaandag + dt.timedelta(days=48),  # Pinksteren
        paasmaandag + dt.timedelta(days=49),  # Pinkstermaandag
        dt.date(jaar, 12, 25),
        dt.date(jaar, 12, 26),
    }


def bezwaar_uiterlijk(bekendgemaakt: dt.date) -> dt.date:
    """The last day to object to a decision made known on `bekendgemaakt` (Awb 6:7, 6:8; Atw 1)."""
    laatste = bekendgemaakt + dt.timedelta(weeks=BEZWAAR_WEKEN)
    while laatste.weekday() >= 5 or laatste in feestdagen(laatste.year):
        laatste += dt.timedelta(days=1)
    return laatste


@dataclass(frozen=True)
class Brief:
    aan: str
    over: str
    gemeente: str
    datum: dt.date
    hulp: list[dict[str, Any]]
    bezwaar_uiterlijk: dt.date


def brief(beschikking: Beschikking) -> Brief:
    jeugdige = beschikking.jeugdige
    oud = kalender.leeftijd(jeugdige.geboortedatum, beschikking.besluitdatum)
    aan = jeugdige.naam if oud >= 16 else _("De ouders of verzorgers van %(naam)s") % {"naam": jeugdige.naam}
    hulp = []
    for t in selectors.trajecten_van_beschikking(beschikking):
        omvang = ""
        if t.volume is not None:
            omvang = f"{t.volume} {t.get_eenheid_display()} {t.get_frequentie_display()}"
        hulp.append(
            {
                "wat": t.get_hulpvorm_display() or t.get_productcategorie_display(),
                "wie": t.aanbieder.naam,
                "vanaf": t.ingangsdatum,
                "tot": t.einddatum,
                "omvang": omvang,
                "nummer": t.toewijzingnummer,
            }
        )
    return Brief(
        aan=aan,
        over=jeugdige.naam,
        gemeente=beschikking.gemeente.naam,
        datum=beschikking.besluitdatum,
        hulp=hulp,
        bezwaar_uiterlijk=bezwaar_uiterlijk(beschikking.besluitdatum),
    )
