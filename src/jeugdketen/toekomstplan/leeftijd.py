"""Age boundaries of the toekomstplan, on the Europe/Amsterdam calendar date.

* 16.5 = birth date + 16 years + 6 months;
* 18 = birth date + 18 years; "6 months before 18" = the 18th birthday - 6 months, likewise 3.

Leap days and short months: when the computed day does not exist in the target month, the date
moves to the **first day of the next month**. Someone born on 29 February turns 18 on 1 March in
a non-leap year (the same rule as gezinnen.regels.leeftijd); someone born on 31 August is 16.5 on
1 March (no 31 February). Every boundary is inclusive: on that date the youth has reached it.

All these functions are non-decreasing in the birth date, so "has reached boundary X on day D"
is the same as "born on or before `uiterlijk_geboren(X, D)`" — which is what the database
queries use (one indexed range filter, no date arithmetic in SQL).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable

from django.utils import timezone

Grens = Callable[[dt.date], dt.date]


def vandaag() -> dt.date:
    """Today's date in Europe/Amsterdam (the project's TIME_ZONE)."""
    return timezone.localdate()


def plus_maanden(datum: dt.date, maanden: int) -> dt.date:
    """Add (or subtract) calendar months; a day that does not exist moves to the 1st of the next month."""
    index = datum.year * 12 + (datum.month - 1) + maanden
    jaar, maand = divmod(index, 12)
    maand += 1
    if datum.day <= calendar.monthrange(jaar, maand)[1]:
        return dt.date(jaar, maand, datum.day)
    jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)
    return dt.date(jaar, maand, 1)


def plus_jaren(datum: dt.date, jaren: int) -> dt.date:
    return plus_maanden(datum, 12 * jaren)


def zestien(geboortedatum: dt.date) -> dt.date:
    return plus_jaren(geboortedatum, 16)


def zestieneneenhalf(geboortedatum: dt.date) -> dt.date:
    """The day a youth is 16.5: 16 years first (29 Feb -> 1 Mar if needed), then 6 months."""
    return plus_maanden(plus_jaren(geboortedatum, 16), 6)


def achttien(geboortedatum: dt.date) -> dt.date:
    return plus_jaren(geboortedatum, 18)


def zes_maanden_voor_18(geboortedatum: dt.date) -> dt.date:
    return plus_maanden(achttien(geboortedatum), -6)


def drie_maanden_voor_18(geboortedatum: dt.date) -> dt.date:
    return plus_maanden(achttien(geboortedatum), -3)


def drie_maanden_na_18(geboortedatum: dt.date) -> dt.date:
    return plus_maanden(achttien(geboortedatum), 3)


def bereikt(grens: Grens, geboortedatum: dt.date, op: dt.date) -> bool:
    return grens(geboortedatum) <= op


def uiterlijk_geboren(grens: Grens, op: dt.date) -> dt.date:
    """The latest birth date for which boundary `grens` is reached on `op` (for range queries).

    Starts from an estimate and walks at most a few days: `grens` is non-decreasing and a birth
    date moves the boundary by about one day per day.
    """
    schatting = op - (grens(op) - op)
    while grens(schatting) > op:
        schatting -= dt.timedelta(days=1)
    while grens(schatting + dt.timedelta(days=1)) <= op:
        schatting += dt.timedelta(days=1)
    return schatting
