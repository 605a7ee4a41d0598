"""The calendar rules of the platform in one place: today's date, ages, age boundaries and legal
terms, and the plausible window of a typed date per purpose (the end of this module). Pure
functions on calendar dates (Europe/Amsterdam, the project's TIME_ZONE); no database.

A day that the target month lacks (29 February in a non-leap year, 31 September, ...) is handled
by ONE rule per purpose:

**Ages** — "is 12 / 16 / 16.5 / 18 / 23 years old" (consent and seeing one's own plan in
gezinnen, the toekomstplan's 16.5 and 18, the toekomstplan's end at 23): the day moves to the
**first day of the next month**. Someone born on 29 February is 17 on 28 February 2026 and 18 on
1 March 2026; someone born on 31 August is 16.5 on 1 March. Dutch statute has no explicit rule
for a 29 February birthday; the usual legal reading is that a year of life is complete only when
28 February has passed, so the new age starts on 1 March (the German BGB § 188(3) says the same
in so many words). This is what the tests of gezinnen and toekomstplan assert, and it never
gives a youth a right, or their parents' say over them, a day early.

**Storage terms** — the verwijsindex's two years (Jeugdwet 7.1.4.5), its five-year archive
(7.1.4.6) and its "removed at 23" (7.1.4.5): the term ends on the **last day of the target
month** (29 February + 1 year = 28 February), never later. A storage limit may not be passed:
ending on 28 February keeps nothing longer than either reading of the law allows, ending on
1 March would keep it one day too long under one of them. A registration that would be removed
today cannot be made (the verwijsindex refuses it as "23 or older").

Every boundary is inclusive: on the returned day it has been reached.

All boundaries are non-decreasing in the birth date, so "has reached boundary X on day D" is the
same as "born on or before `uiterlijk_geboren(X, D)`": the database queries use that (one indexed
range filter, no date arithmetic in SQL).
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

Grens = Callable[[dt.date], dt.date]
"""An age boundary: birth date -> the first day on which it is reached."""


def vandaag() -> dt.date:
    """Today's date in Europe/Amsterdam (the project's TIME_ZONE), also right after midnight UTC."""
    return timezone.localdate()


def _maand(datum: dt.date, maanden: int) -> tuple[int, int]:
    jaar, maand = divmod(datum.year * 12 + (datum.month - 1) + maanden, 12)
    return jaar, maand + 1


# --- Ages: a missing day moves to the first of the next month -------------------------------


def plus_maanden(datum: dt.date, maanden: int) -> dt.date:
    """Add (or subtract) calendar months by the age rule: a missing day moves to the 1st of the next month."""
    jaar, maand = _maand(datum, maanden)
    if datum.day <= calendar.monthrange(jaar, maand)[1]:
        return dt.date(jaar, maand, datum.day)
    jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)
    return dt.date(jaar, maand, 1)


def plus_jaren(datum: dt.date, jaren: int) -> dt.date:
    """Add (or subtract) years by the age rule (29 February -> 1 March in a non-leap year)."""
    return plus_maanden(datum, 12 * jaren)


def verjaardag(geboortedatum: dt.date, jaren: int, maanden: int = 0) -> dt.date:
    """The day someone is `jaren` years (and `maanden` months) old: the birthday of `jaren` first
    (29 February -> 1 March if needed), then the months."""
    return plus_maanden(plus_jaren(geboortedatum, jaren), maanden)


def leeftijd(geboortedatum: dt.date, op: dt.date) -> int:
    """Age in whole years on `op`, by the age rule (a 29 February birthday counts on 1 March)."""
    return op.year - geboortedatum.year - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))


def leeftijdsgrens(jaren: int, maanden: int = 0) -> Grens:
    """The boundary "is `jaren` years (and `maanden` months) old", for `bereikt` and `uiterlijk_geboren`."""

    def grens(geboortedatum: dt.date) -> dt.date:
        return verjaardag(geboortedatum, jaren, maanden)

    grens.__name__ = f"leeftijd_{jaren}_{maanden}"
    return grens


def zestien(geboortedatum: dt.date) -> dt.date:
    return verjaardag(geboortedatum, 16)


def zestieneneenhalf(geboortedatum: dt.date) -> dt.date:
    """16.5: the 16th birthday (29 Feb -> 1 Mar if needed), then 6 months."""
    return verjaardag(geboortedatum, 16, 6)


def achttien(geboortedatum: dt.date) -> dt.date:
    return verjaardag(geboortedatum, 18)


def drieentwintig(geboortedatum: dt.date) -> dt.date:
    """23 as an age (e.g. the toekomstplan ends). The verwijsindex's removal at 23 is a storage
    term instead: see `einde_termijn`."""
    return verjaardag(geboortedatum, 23)


def bereikt(grens: Grens, geboortedatum: dt.date, op: dt.date) -> bool:
    """Has a youth born on `geboortedatum` reached `grens` on `op` (inclusive)?"""
    return grens(geboortedatum) <= op


def uiterlijk_geboren(grens: Grens | int, op: dt.date) -> dt.date:
    """The latest birth date for which `grens` (a boundary, or an age in whole years) is reached
    on `op` (for range queries).

    Starts from an estimate and walks at most a few days: `grens` is non-decreasing and a birth
    date moves the boundary by about one day per day.
    """
    if isinstance(grens, int):
        grens = leeftijdsgrens(grens)
    schatting = op - (grens(op) - op)
    while grens(schatting) > op:
        schatting -= dt.timedelta(days=1)
    while grens(schatting + dt.timedelta(days=1)) <= op:
        schatting += dt.timedelta(days=1)
    return schatting


# --- Storage terms: a missing day becomes the last day of the month (never later) -------------


def einde_termijn(begin: dt.date, *, jaren: int = 0, maanden: int = 0) -> dt.date:
    """The day a term of `jaren` years and `maanden` months from `begin` ends: the same calendar
    day; a day the target month lacks becomes that month's last day (29 Feb + 1 year = 28 Feb)."""
    jaar, maand = _maand(begin, 12 * jaren + maanden)
    return dt.date(jaar, maand, min(begin.day, calendar.monthrange(jaar, maand)[1]))


# --- Plausible dates: one rule per purpose -----------------------------------------------------
#
# A date typed into a form or sent through the API is first checked for plausibility: year 1 or
# 9999 is a typing slip (it would be saved as if real, show up as an evaluation "2000 years
# overdue", or overflow the term arithmetic). The domain rules (a meeting is recorded after it
# took place, a youth in the verwijsindex is under 23, ...) stay in the services, with the wording
# of the case; this is only the outer window, the same for every app:
#
# * GEBOORTEDATUM — 1 January 1900 … today: anyone's birth date (a parent, a network member).
# * GEBOORTEDATUM_JEUGDIGE — today − 30 years … today: a youth's birth date (youth care runs to
#   23; records of up to 30 are kept). The services add the exact legal age of their case.
# * GEBEURD — today − 25 years … today + 1 year: something that happened (a decision, a start,
#   a meeting, an intake). That it lies in the past is the service's rule, worded for the case.
# * GEPLAND — today − 5 years … today + 5 years: planned dates (an evaluation, a goal, a
#   deadline, a free place). An overdue date of a few years stays editable.
# * LOOPTIJD — today − 25 years … today + 20 years: the start or end of a period (care, a
#   measure of child protection, a consent).
# * RECENT — today − 1 year … today + 1 year: the moments of a crisis, recorded while it
#   happens or shortly after (a year-1 typo would start a norm clock decades overdue).
#
# Every bound is inclusive. `Aannemelijk(doel)` is a validator for Django form fields, DRF
# serializer fields (DRF runs Django validators and turns their ValidationError into a 400) and
# model fields alike; a datetime is checked by its date in Europe/Amsterdam.


class Doel(enum.StrEnum):
    GEBOORTEDATUM = "geboortedatum"
    GEBOORTEDATUM_JEUGDIGE = "geboortedatum_jeugdige"
    GEBEURD = "gebeurd"
    GEPLAND = "gepland"
    LOOPTIJD = "looptijd"
    RECENT = "recent"


EERSTE_GEBOORTEDATUM = dt.date(1900, 1, 1)
MAX_LEEFTIJD_JEUGDIGE = 30


def venster(doel: Doel, op: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The plausible window (earliest, latest; inclusive) of a date for `doel`, on day `op`."""
    op = op or vandaag()
    if doel is Doel.GEBOORTEDATUM:
        return EERSTE_GEBOORTEDATUM, op
    if doel is Doel.GEBOORTEDATUM_JEUGDIGE:
        return plus_jaren(op, -MAX_LEEFTIJD_JEUGDIGE), op
    terug, vooruit = {
        Doel.GEBEURD: (25, 1),
        Doel.GEPLAND: (5, 5),
        Doel.LOOPTIJD: (25, 20),
        Doel.RECENT: (1, 1),
    }[doel]
    return plus_jaren(op, -terug), plus_jaren(op, vooruit)


def _dmj(datum: dt.date) -> str:
    return datum.strftime("%d-%m-%Y")


def aannemelijk(value: dt.date | dt.datetime | None, doel: Doel, op: dt.date | None = None) -> None:
    """Raise a ValidationError with a Dutch message when `value` lies outside the window of `doel`."""
    if value is None:
        return
    if isinstance(value, dt.datetime):
        moment = value
        try:
            value = timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
        except OverflowError:  # 31-12-9999 23:30 UTC is past the last representable local time
            value = moment.date()
    van, tot = venster(doel, op)
    if van <= value <= tot:
        return
    if doel in (Doel.GEBOORTEDATUM, Doel.GEBOORTEDATUM_JEUGDIGE):
        if value > tot:
            raise ValidationError(_("De geboortedatum ligt in de toekomst. Controleer de datum."), code="toekomst")
        if doel is Doel.GEBOORTEDATUM_JEUGDIGE and value >= EERSTE_GEBOORTEDATUM:
            raise ValidationError(
                _("Deze geboortedatum past niet bij een jeugdige (ouder dan %(jaren)s jaar). Controleer de datum."),
                code="onaannemelijk",
                params={"jaren": MAX_LEEFTIJD_JEUGDIGE},
            )
        raise ValidationError(
            _("Deze geboortedatum kan niet kloppen. Vul een datum in vanaf %(van)s."),
            code="onaannemelijk",
            params={"van": _dmj(EERSTE_GEBOORTEDATUM)},
        )
    raise ValidationError(
        _("Deze datum kan niet kloppen. Vul een datum in tussen %(van)s en %(tot)s."),
        code="onaannemelijk",
        params={"van": _dmj(van), "tot": _dmj(tot)},
    )


@deconstructible
class Aannemelijk:
    """Validator: the date is plausible for `doel` (see the table above)."""

    def __init__(self, doel: Doel | str) -> None:
        self.doel = Doel(doel)

    def __call__(self, value: dt.date | dt.datetime | None) -> None:
        aannemelijk(value, self.doel)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Aannemelijk) and other.doel is self.doel

    def __hash__(self) -> int:
        return hash(self.doel)
