"""Age rules for consent and access (SECURITY.md B4, Jeugdwet 7.3.4-7.3.5).

* under 12: the parents with authority decide;
* 12-15: the youth and the parents together;
* 16 and older: the youth alone.

Ages come from `core.kalender` (the Europe/Amsterdam date, birthday inclusive; someone born on
29 February becomes a year older on 1 March in a non-leap year); this module holds only the rules.
"""

from __future__ import annotations

import datetime as dt

from jeugdketen.core import kalender

OUDERS = "ouders"
JONGERE = "jongere"

ZELF_ZIEN_VANAF = 12  # youths see their own plan from 12
ZELF_BESLISSEN_VANAF = 16  # and give consent on their own from 16


def beslissers(geboortedatum: dt.date, op: dt.date) -> frozenset[str]:
    """Who decides on consent for a youth of this birth date on this day."""
    age = kalender.leeftijd(geboortedatum, op)
    if age < ZELF_ZIEN_VANAF:
        return frozenset({OUDERS})
    if age < ZELF_BESLISSEN_VANAF:
        return frozenset({OUDERS, JONGERE})
    return frozenset({JONGERE})


def mag_zelf_zien(geboortedatum: dt.date, op: dt.date) -> bool:
    return kalender.leeftijd(geboortedatum, op) >= ZELF_ZIEN_VANAF


def zelf_zien_uiterlijk_geboren(op: dt.date) -> dt.date:
    """The latest birth date of a youth who may see their own plan on `op` (for queries)."""
    return kalender.uiterlijk_geboren(ZELF_ZIEN_VANAF, op)
