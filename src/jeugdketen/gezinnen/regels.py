"""Age rules for consent and access (SECURITY.md B4, Jeugdwet 7.3.4-7.3.5).

* under 12: the parents with authority decide;
* 12-15: the youth and the parents together;
* 16 and older: the youth alone.

Ages are counted on the Europe/Amsterdam calendar date, birthday inclusive. Someone born on
29 February becomes a year older on 1 March in a non-leap year.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

OUDERS = "ouders"
JONGERE = "jongere"

ZELF_ZIEN_VANAF = 12  # youths see their own plan from 12
ZELF_BESLISSEN_VANAF = 16  # and give consent on their own from 16


def vandaag() -> dt.date:
    """Today's date in Europe/Amsterdam (the project's TIME_ZONE)."""
    return timezone.localdate()


def leeftijd(geboortedatum: dt.date, op: dt.date) -> int:
    return op.year - geboortedatum.year - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))


def geboren_uiterlijk(jaren: int, op: dt.date) -> dt.date:
    """The latest birth date at which someone is at least `jaren` old on `op` (for queries)."""
    try:
        return op.replace(year=op.year - jaren)
    except ValueError:  # 29 February in a non-leap year: born on 28 Feb is old enough, 1 March not
        return op.replace(year=op.year - jaren, day=28)


def beslissers(geboortedatum: dt.date, op: dt.date) -> frozenset[str]:
    """Who decides on consent for a youth of this birth date on this day."""
    age = leeftijd(geboortedatum, op)
    if age < ZELF_ZIEN_VANAF:
        return frozenset({OUDERS})
    if age < ZELF_BESLISSEN_VANAF:
        return frozenset({OUDERS, JONGERE})
    return frozenset({JONGERE})


def mag_zelf_zien(geboortedatum: dt.date, op: dt.date) -> bool:
    return leeftijd(geboortedatum, op) >= ZELF_ZIEN_VANAF
