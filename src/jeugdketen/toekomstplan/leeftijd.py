"""The toekomstplan's signal windows around 18 (docs/toekomstplan.md), computed through
`core.kalender` (which holds 16, 16.5, 18, 23 and the rule for 29 February: a day the target month
lacks moves to the first of the next month).

"6 months before 18" is the 18th birthday minus 6 months, likewise 3; "3 months after 18" the
18th birthday plus 3 months. Every window is inclusive and non-decreasing in the birth date, so
`kalender.uiterlijk_geboren(window, day)` gives the cut-off for the database queries.
"""

from __future__ import annotations

import datetime as dt

from jeugdketen.core import kalender


def zes_maanden_voor_18(geboortedatum: dt.date) -> dt.date:
    return kalender.plus_maanden(kalender.achttien(geboortedatum), -6)


def drie_maanden_voor_18(geboortedatum: dt.date) -> dt.date:
    return kalender.plus_maanden(kalender.achttien(geboortedatum), -3)


def drie_maanden_na_18(geboortedatum: dt.date) -> dt.date:
    return kalender.plus_maanden(kalender.achttien(geboortedatum), 3)
